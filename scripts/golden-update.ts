/**
 * `npm run golden:update`: regenerates `expected/` of every golden scenario under test/golden and
 * prints which files changed. Review the diff before committing: it is the spec of the change.
 */
import * as path from 'node:path';
import { generateScenario, listScenarios, writeExpected } from '../test/golden/harness/scenarios';

let changed = 0;
for (const dir of listScenarios()) {
  for (const name of writeExpected(dir, generateScenario(dir))) {
    process.stdout.write(`updated ${path.relative(process.cwd(), path.join(dir, 'expected', name))}\n`);
    changed++;
  }
}
process.stdout.write(changed === 0 ? 'golden files are up to date\n' : `${changed} golden file(s) updated\n`);
