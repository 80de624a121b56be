/**
 * Thrift-listener plans in the engine snapshot (contract §7, §8): each listener function's plan is compiled like a
 * REST route's, so config rules place policies on its args struct (argument paths) and on its result struct
 * (`return…` paths, reversed for authorized callers by the listener walker), for that function only.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadConfigText } from '../../../src/config/load';
import { buildSnapshot } from '../../../src/gateway/snapshot';
import { compileGatewayConfig } from '../../../src/routes';
import { readPlan, type Plan, type Struct } from '../plan/read-plan';

const IDL = path.resolve(__dirname, '../../interop/rpc/interop.thrift');
const KEYRING = `keys: [{ id: k1, secret_hex: "${'ab'.repeat(32)}", primary: true }]`;

/** The policy name on field `name` of struct `s` (undefined when none). */
function policyOf(plan: Plan, s: Struct, name: string): string | undefined {
  const f = s.fields.find((x) => x.name === name);
  assert.ok(f, `field ${name} exists in ${s.qname}`);
  const t = plan.types[f.type]!;
  return t.policy === 0 ? undefined : plan.policies[t.policy - 1];
}

function listenerPlans(rules: string): Map<string, Plan> {
  const { config, problems } = loadConfigText(`idl: [${IDL}]
upstreams:
  up: { endpoints: ['127.0.0.1:9090'], transport: framed, protocol: binary }
thrift_listeners:
  - { listen: 127.0.0.1:7090, service: interop.Interop, upstream: up }
pseudonymization:
  reidentify_scope: reidentify
  policies:
    email: { method: siv, domain: email }
  rules:
${rules}`, '/cfg/sluice.yaml', { env: {}, cwd: '/work' });
  assert.deepEqual(problems, []);
  const r = compileGatewayConfig(config!);
  assert.deepEqual(r.problems.filter((p) => p.severity === 'error'), []);
  const snap = buildSnapshot(1, config!, r.schema, r.table, { SLUICE_KEYRING: KEYRING });
  const fns = snap.thriftListeners![0]!.services[0]!.functions;
  return new Map(fns.filter((f) => f.plan).map((f) => [f.name, readPlan(f.plan!)]));
}

test('listener plans carry argument and return rule positions of their own function only', () => {
  const plans = listenerPlans(`    - { service: interop.Interop, function: echoString, path: s, policy: email }
    - { service: interop.Interop, function: echoString, path: return, policy: email }
    - { service: interop.Interop, function: testMulti, path: return.string_thing, policy: email }
`);
  const echo = plans.get('echoString')!;
  assert.equal(policyOf(echo, echo.structs[echo.fn!.args]!, 's'), 'email', 'the argument rule');
  assert.equal(policyOf(echo, echo.structs[echo.fn!.result]!, 'success'), 'email', 'the return rule');
  const multi = plans.get('testMulti')!;
  const result = multi.structs[multi.fn!.result]!;
  const xtruct = multi.structs[multi.types[result.fields.find((f) => f.name === 'success')!.type]!.a]!;
  assert.equal(policyOf(multi, xtruct, 'string_thing'), 'email', 'a return path into the returned struct');
  const second = plans.get('testMultiException')!;
  assert.deepEqual(second.policies, [], 'no rule names testMultiException: its plan has no policy');
});
