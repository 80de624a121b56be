/**
 * A throwaway "user project" that depends on sluice the way a user's would (node_modules/sluice is a
 * symlink to this repository, so `sluice/runtime` resolves through package.json `exports` to dist/),
 * for checking that generated code compiles under the strictest settings contract §4 names.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const RUNTIME_DTS = path.join(REPO, 'dist', 'src', 'thrift', 'runtime.d.ts');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` (tsc -p tsconfig.json) when dist/ is missing or older than src/ or codegen/. */
export function ensureBuilt(): void {
  const built = fs.existsSync(RUNTIME_DTS) ? fs.statSync(RUNTIME_DTS).mtimeMs : 0;
  const source = Math.max(newestMtime(path.join(REPO, 'src')), newestMtime(path.join(REPO, 'codegen')));
  if (built >= source) return;
  // Errors elsewhere in the tree must not stop us: tsc still emits, and only the runtime matters here.
  spawnSync(process.execPath, [TSC, '-p', path.join(REPO, 'tsconfig.json')], { cwd: REPO, stdio: 'ignore' });
  if (!fs.existsSync(RUNTIME_DTS)) throw new Error('npm run build did not produce dist/src/thrift/runtime.d.ts');
}

export interface UserProject {
  readonly dir: string;
  /** Writes `content` at `rel` under the project's src/. */
  write(rel: string, content: string): void;
  /** Runs tsc --noEmit; `esm` makes the project `"type": "module"`. */
  typecheck(esm: boolean): { readonly status: number | null; readonly output: string };
  remove(): void;
}

/** Creates the project in a fresh temporary directory. */
export function createUserProject(): UserProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-codegen-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(REPO, path.join(dir, 'node_modules', 'sluice'), 'dir');
  fs.symlinkSync(path.join(REPO, 'node_modules', '@types'), path.join(dir, 'node_modules', '@types'), 'dir');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'node16', moduleResolution: 'node16', lib: ['ES2022'], types: ['node'],
      strict: true, noUnusedLocals: true, noImplicitOverride: true, noImplicitReturns: true,
      noFallthroughCasesInSwitch: true, noEmit: true, skipLibCheck: true,
    },
    include: ['src/**/*.ts'],
  }, null, 2));
  return {
    dir,
    write(rel, content) {
      const p = path.join(dir, 'src', rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    },
    typecheck(esm) {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, ...(esm ? { type: 'module' } : {}) }));
      const r = spawnSync(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
      return { status: r.status, output: `${r.stdout}${r.stderr}` };
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
