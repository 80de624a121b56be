/**
 * The demo Thrift backend (contract §9): PeopleService over framed binary, implemented on the generated
 * handler interface and served by the project's RPC runtime.
 */
import { createServer, type RpcServer } from '../thrift/runtime';
import { NotFoundError, InvalidArgumentError } from './gen/common';
import { PeopleServiceDefinition, Role, type PeopleServiceHandler, type Person } from './gen/people';
import { seedPeople } from './directory';

/** A handler over an in-memory directory; `notes` collects addNote calls. */
export function peopleHandler(people = seedPeople(), notes: Array<{ id: bigint; text: string }> = []): PeopleServiceHandler {
  let nextId = 1_000_000_000_000n;
  const find = (id: bigint): Person => {
    const p = people.get(id);
    if (!p) throw new NotFoundError({ message: `no person with id ${id}`, resource: 'person' });
    return p;
  };
  return {
    getPerson(req) {
      const person = find(req!.id);
      return { person, etag: `"${person.id}-${person.name.length}"`, served_by: 'demo-backend' };
    },
    listPeople(req) {
      let all = [...people.values()];
      if (req?.role !== undefined) all = all.filter((p) => (p.role ?? Role.ENGINEER) === req.role);
      if (req?.tags?.length) all = all.filter((p) => req.tags!.every((t) => p.tags?.includes(t)));
      const start = Number(req?.cursor ?? 0);
      const limit = req?.limit ?? 20;
      const page = all.slice(start, start + limit);
      return { people: page, total: BigInt(all.length), ...(start + limit < all.length ? { next_cursor: String(start + limit) } : {}) };
    },
    createPerson(req) {
      if (!req || req.name.trim() === '') throw new InvalidArgumentError({ message: 'name must not be empty', field: 'name', status: 422 });
      const person: Person = { id: nextId++, name: req.name, ...(req.email !== undefined ? { email: req.email } : {}),
        role: req.role ?? Role.ENGINEER, ...(req.tags ? { tags: req.tags } : {}), ...(req.attributes ? { attributes: req.attributes } : {}),
        ...(req.preferred_contact ? { preferred_contact: req.preferred_contact } : {}) };
      people.set(person.id, person);
      return { person, status: 201, location: `/v1/people/${person.id}` };
    },
    updatePerson(req) {
      const p = find(req!.id);
      const updated: Person = { ...p, ...(req!.name !== undefined ? { name: req!.name } : {}), ...(req!.role !== undefined ? { role: req!.role } : {}),
        ...(req!.tags ? { tags: req!.tags } : {}), ...(req!.attributes ? { attributes: req!.attributes } : {}) };
      people.set(p.id, updated);
      return updated;
    },
    deletePerson(req) {
      find(req!.id);
      people.delete(req!.id);
    },
    addNote(req) {
      find(req!.id);
      notes.push({ id: req!.id, text: req!.text });
    },
    countPeople(role, tag) {
      return BigInt([...people.values()].filter((p) => (role === undefined || (p.role ?? Role.ENGINEER) === role) && (!tag || p.tags?.includes(tag))).length);
    },
    countByRole() {
      const counts = new Map<Role, bigint>();
      for (const p of people.values()) counts.set(p.role ?? Role.ENGINEER, (counts.get(p.role ?? Role.ENGINEER) ?? 0n) + 1n);
      return counts;
    },
  };
}

/** Starts the demo backend on 127.0.0.1:`port` (framed binary, as idl/sluice.demo.yaml expects). */
export async function startDemoBackend(port: number, host = '127.0.0.1'): Promise<RpcServer> {
  const server = createServer({ services: { definition: PeopleServiceDefinition, handler: peopleHandler() }, transport: 'framed', protocol: 'binary' });
  await server.listen(port, host);
  return server;
}
