/** The demo's in-memory people directory, seeded with ids beyond 2^53 to show they stay exact end to end. */
import { Role, type Person } from './gen/people';

/** A fresh directory with three people. */
export function seedPeople(): Map<bigint, Person> {
  const people: Person[] = [
    { id: 9007199254740993n, name: 'Ada Lovelace', email: 'ada@example.com', role: Role.DIRECTOR, tags: ['math', 'engines'],
      attributes: new Map([['office', 'London']]), badge_number: 9223372036854775807n, languages: new Set(['en', 'fr']),
      years_in_role: new Map([[Role.DIRECTOR, 3]]) },
    { id: 9007199254740995n, name: 'Grace Hopper', email: 'grace@example.com', role: Role.MANAGER, tags: ['compilers'],
      preferred_contact: { phone: '+1 555 0100' } },
    { id: 42n, name: 'Alan Turing', role: Role.ENGINEER, tags: ['math'], preferred_contact: { email: 'alan@example.com' } },
  ];
  return new Map(people.map((p) => [p.id, p]));
}
