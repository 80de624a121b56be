/**
 * Placement of pseudonymization policies by the plan compiler (contract §7): annotations on fields at every depth
 * and in every container kind, config rules with `[*]`/`{key}`/`{value}` paths, struct cloning for path-specific
 * rules, `return` rules, and the load errors of incompatible placements. Blobs are read back independently.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadIdl } from '../../../src/idl';
import type { Schema } from '../../../src/idl/model';
import { compilePlan, compileTypePlan, type PlanPseudo, type PlanPseudoRule } from '../../../src/plan';
import type { ThriftTarget } from '../../../src/routes/types';
import { readPlan, type Plan, type Struct } from './read-plan';

const schemaOf = (f: string): Schema => loadIdl([join(__dirname, 'fixtures', f)]).schema!;
const people = schemaOf('pseudo-placement.thrift');
const bad = schemaOf('pseudo-bad.thrift');

const POLICIES: PlanPseudo['policies'] = new Map([
  ['email', { method: 'siv', reversible: true }],
  ['phone', { method: 'ff1', reversible: true }],
  ['ids', { method: 'ff1', reversible: true }],
  ['uid', { method: 'hmac', reversible: false }],
  ['card', { method: 'mask', reversible: false }],
] as const);

const pseudo = (rules: PlanPseudoRule[] = []): PlanPseudo => ({ policies: POLICIES, rules });
const rule = (fn: string, path: string, policy: string, line = 9): PlanPseudoRule =>
  ({ service: 'pseudo-placement.People', function: fn, path, policy, loc: { file: 'sluice.yaml', line, column: 7 } });
const target = (fn: string, shape: 'struct' | 'args' = 'struct', service = 'pseudo-placement.People'): ThriftTarget => ({
  kind: 'thrift', service, function: fn, upstream: 'u', multiplexedName: undefined, requestShape: shape, bindings: [],
});

/** The policy name on the type of `s.field`, following `steps` ('elem', 'key', 'value') through containers. */
function policyAt(plan: Plan, s: Struct, field: string, ...steps: Array<'elem' | 'key' | 'value'>): string | undefined {
  const f = s.fields.find((x) => x.name === field);
  assert.ok(f, `field ${field} exists in ${s.qname}`);
  let t = plan.types[f.type]!;
  for (const st of steps) t = plan.types[st === 'value' ? t.b : t.a]!;
  return t.policy === 0 ? undefined : plan.policies[t.policy - 1];
}
const structsNamed = (plan: Plan, qname: string) => plan.structs.filter((s) => s.qname === qname);
const structOfField = (plan: Plan, s: Struct, field: string, ...steps: Array<'elem' | 'value'>): Struct => {
  let t = plan.types[s.fields.find((x) => x.name === field)!.type]!;
  for (const st of steps) t = plan.types[st === 'value' ? t.b : t.a]!;
  assert.equal(t.kind, 14);
  return plan.structs[t.a]!;
};

describe('pseudonymization placement in plans', () => {
  test('annotations land on string and integer leaves: fields, list/set elements, map values (not keys), nested structs, unions', () => {
    const plan = readPlan(compilePlan(people, target('create'), { pseudo: pseudo() }));
    const [person] = structsNamed(plan, 'pseudo-placement.Person');
    assert.ok(person);
    assert.equal(policyAt(plan, person, 'id'), 'ids');
    assert.equal(policyAt(plan, person, 'badge'), 'ids');
    assert.equal(policyAt(plan, person, 'name'), undefined);
    assert.equal(policyAt(plan, person, 'email'), 'email');
    assert.equal(policyAt(plan, person, 'aliases'), undefined, 'the list itself carries no slot');
    assert.equal(policyAt(plan, person, 'aliases', 'elem'), 'email');
    assert.equal(policyAt(plan, person, 'phones', 'elem'), 'phone');
    assert.equal(policyAt(plan, person, 'attrs', 'key'), undefined, 'map keys are never covered by an annotation');
    assert.equal(policyAt(plan, person, 'attrs', 'value'), 'email');
    assert.equal(policyAt(plan, person, 'nested', 'value', 'elem'), 'email', 'nested containers pass the policy on');
    assert.equal(policyAt(plan, structOfField(plan, person, 'contacts', 'elem'), 'email'), 'email');
    assert.equal(policyAt(plan, structOfField(plan, person, 'contacts', 'elem'), 'note'), undefined);
    assert.equal(policyAt(plan, structOfField(plan, person, 'choice'), 'email'), 'email');
    assert.equal(policyAt(plan, structOfField(plan, person, 'choice'), 'number'), undefined);
    assert.equal(policyAt(plan, person, 'labels', 'value'), undefined);
    // The plain `string` type stays shared and policy-free; each policy gets its own leaf entry.
    const strings = plan.types.filter((t) => t.kind === 7);
    assert.deepEqual(strings.map((t) => t.policy).sort(), [0, 1 + plan.policies.indexOf('email'), 1 + plan.policies.indexOf('phone')].sort());
    assert.deepEqual([...plan.policies].sort(), ['email', 'ids', 'phone']);
  });

  test('annotations on function arguments apply to the args struct', () => {
    const plan = readPlan(compilePlan(people, target('byEmail', 'args'), { pseudo: pseudo() }));
    const args = plan.structs[plan.fn!.args]!;
    assert.equal(policyAt(plan, args, 'email'), 'email');
    assert.equal(policyAt(plan, args, 'limit'), undefined);
  });

  test('with no pseudonymization section, annotations are ignored and the plan has no policies', () => {
    const plan = readPlan(compilePlan(people, target('create')));
    assert.deepEqual(plan.policies, []);
    assert.ok(plan.types.every((t) => t.policy === 0));
  });

  test('a config rule places a policy on one path only: the struct is cloned for that position', () => {
    const plan = readPlan(compilePlan(people, target('create'), { pseudo: pseudo([rule('create', 'person.ssn', 'uid')]) }));
    const persons = structsNamed(plan, 'pseudo-placement.Person');
    assert.equal(persons.length, 2, 'request Person (with the rule) and response Person (without)');
    const request = plan.structs[plan.fn!.request]!;
    const response = structOfField(plan, plan.structs[plan.fn!.result]!, 'success');
    assert.notEqual(request, response);
    assert.equal(policyAt(plan, request, 'ssn'), 'uid');
    assert.equal(policyAt(plan, response, 'ssn'), undefined);
    assert.equal(policyAt(plan, request, 'email'), 'email', 'annotations still apply in the clone');
    // Another function that uses Person without rules is unaffected.
    const other = readPlan(compilePlan(people, target('plain'), { pseudo: pseudo([rule('create', 'person.ssn', 'uid')]) }));
    assert.equal(structsNamed(other, 'pseudo-placement.Person').length, 1);
  });

  test('rules reach list/set elements, map keys and values, nested structs, and override annotations', () => {
    const plan = readPlan(compilePlan(people, target('create'), { pseudo: pseudo([
      rule('create', 'person.labels{key}', 'email'),
      rule('create', 'person.labels{value}', 'card'),
      rule('create', 'person.contacts[*].note', 'card'),
      rule('create', 'person.email', 'uid'),
      rule('create', 'person.phones', 'email'),
    ]) }));
    const request = plan.structs[plan.fn!.request]!;
    assert.equal(policyAt(plan, request, 'labels', 'key'), 'email');
    assert.equal(policyAt(plan, request, 'labels', 'value'), 'card');
    assert.equal(policyAt(plan, structOfField(plan, request, 'contacts', 'elem'), 'note'), 'card');
    assert.equal(policyAt(plan, structOfField(plan, request, 'contacts', 'elem'), 'email'), 'email');
    assert.equal(policyAt(plan, request, 'email'), 'uid', 'the rule wins over the annotation');
    assert.equal(policyAt(plan, request, 'phones', 'elem'), 'email', 'a rule on a container covers its elements');
  });

  test('a return rule places a reversible policy on the response', () => {
    const plan = readPlan(compilePlan(people, target('create'), { pseudo: pseudo([rule('create', 'return.ssn', 'email')]) }));
    const response = structOfField(plan, plan.structs[plan.fn!.result]!, 'success');
    assert.equal(policyAt(plan, response, 'ssn'), 'email');
    const echo = readPlan(compilePlan(people, target('echo', 'args'), { pseudo: pseudo([rule('echo', 'return', 'phone')]) }));
    assert.equal(policyAt(echo, echo.structs[echo.fn!.result]!, 'success'), 'phone');
  });

  test('type plans (sluice encode/decode, Thrift-in) honour annotations too', () => {
    const plan = readPlan(compileTypePlan(people, 'pseudo-placement.Contact', { pseudo: pseudo() }));
    assert.equal(policyAt(plan, plan.structs[0]!, 'email'), 'email');
  });

  describe('load errors name the place', () => {
    const compileBad = (fn: string) => () => compilePlan(bad, target(fn, 'args', 'pseudo-bad.Bad'), { pseudo: pseudo() });
    test('a policy on a bool or double field', () => {
      assert.throws(compileBad('flags'), (e: Error & { code?: string }) =>
        e.code === 'SLUICE_E_PLAN_COMPILE' && /pseudo-bad\.thrift:2:\d+: .*cannot transform a bool/.test(e.message));
      assert.throws(compileBad('money'), /pseudo-bad\.thrift:6:\d+: .*cannot transform a double/);
    });
    test('a policy on a struct field', () => {
      assert.throws(compileBad('holder'), /pseudo-bad\.thrift:4:\d+: .*reaches struct pseudo-bad\.Inner/);
    });
    test('siv on an integer field', () => {
      assert.throws(compileBad('numbers'), /pseudo-bad\.thrift:5:\d+: .*'email' \(siv\) cannot keep an i64/);
    });
    test('an undefined policy (annotation or rule)', () => {
      assert.throws(() => compilePlan(people, target('create'), { pseudo: { policies: new Map(), rules: [] } }),
        /pseudo-placement\.thrift:\d+:\d+: .*policy '\w+' is not defined/);
      assert.throws(() => compilePlan(people, target('create'), { pseudo: pseudo([rule('create', 'person.ssn', 'nope', 12)]) }),
        /sluice\.yaml:12:7: pseudonymization\.rules\[0\] \(path 'person\.ssn'\): policy 'nope' is not defined/);
    });
    test('a rule path that names no field', () => {
      assert.throws(() => compilePlan(people, target('create'), { pseudo: pseudo([rule('create', 'person.nope', 'email', 14)]) }),
        /sluice\.yaml:14:7: .*path 'person\.nope'.*names no field/);
      assert.throws(() => compilePlan(people, target('create'), { pseudo: pseudo([rule('create', 'person.email[*]', 'email')]) }),
        /names no field/);
    });
    test('a one-way policy on a response position', () => {
      assert.throws(() => compilePlan(people, target('create'), { pseudo: pseudo([rule('create', 'return.ssn', 'uid', 15)]) }),
        /sluice\.yaml:15:7: .*'uid' is one-way; a response position can only hold a reversible policy/);
    });
    test('a rule policy that does not fit the leaf', () => {
      assert.throws(() => compilePlan(people, target('create'), { pseudo: pseudo([rule('create', 'person.id', 'card', 16)]) }),
        /sluice\.yaml:16:7: .*'card' \(mask\) cannot keep an i64/);
    });
  });
});
