/**
 * The committed expected output of every golden scenario is exactly what codegen produces today.
 * On a failure, run `npm run golden:update` and review the diff: it is the spec of the change.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { generateScenario, listScenarios, readExpected } from './harness/scenarios';

for (const dir of listScenarios()) {
  test(`golden ${path.basename(dir)}: regenerated code equals the committed expected files`, () => {
    const expected = readExpected(dir);
    const generated = generateScenario(dir);
    assert.deepEqual(generated.map((f) => f.path).sort(), [...expected.keys()].sort(), 'the set of generated files changed');
    for (const f of generated) assert.equal(f.content, expected.get(f.path), `${path.basename(dir)}/expected/${f.path} is out of date`);
  });
}

test('codegen output is deterministic: generating twice gives identical text', () => {
  for (const dir of listScenarios()) assert.deepEqual(generateScenario(dir), generateScenario(dir));
});
