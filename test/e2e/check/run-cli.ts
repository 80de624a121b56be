/** Runs the sluice CLI from source (not a possibly stale dist/) as a child process; for the check tests. */
import { main } from '../../../src/cli/main';

main(process.argv.slice(2));
