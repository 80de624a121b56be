/** The bundled demo (contract §9): its config lives next to the demo IDL in the package's idl/ folder. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Port the demo Thrift backend listens on (idl/sluice.demo.yaml names it as upstream `people`). */
export const demoBackendPort = 9090;

/** Absolute path of idl/sluice.demo.yaml, from a source checkout (src/config) or a build (dist/src/config). */
export function demoConfigPath(): string {
  for (const up of ['../..', '../../..']) {
    const candidate = path.resolve(__dirname, up, 'idl', 'sluice.demo.yaml');
    if (fs.existsSync(candidate)) return candidate;
  }
  return path.resolve(__dirname, '../..', 'idl', 'sluice.demo.yaml');
}
