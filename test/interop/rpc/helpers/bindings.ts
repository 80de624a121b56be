/**
 * What the interop tests need from "code for interop.thrift": service definitions, clients and the two
 * declared exceptions. Two sources implement it: `sluice codegen` output generated at test time (what users
 * get; the matrix uses it) and the schema-driven stand-in in interop-service.ts (runtime tests that must not
 * depend on codegen).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RpcCaller, ServiceDefinition } from '../../../../src/thrift/rpc/types';
import * as schema from './interop-service';

export type DynamicClient = schema.DynamicClient;

export interface XceptionFields { errorCode?: number; message?: string }
export interface Xception2Fields { errorCode?: number; struct_thing?: { string_thing?: string } }

export interface InteropBindings {
  readonly source: 'sluice codegen' | 'schema stand-in';
  readonly InteropDefinition: ServiceDefinition;
  readonly SecondDefinition: ServiceDefinition;
  interopClient(caller: RpcCaller): DynamicClient;
  secondClient(caller: RpcCaller): DynamicClient;
  /** The declared exceptions as a handler throws them. */
  xception(v: XceptionFields): Error;
  xception2(v: Xception2Fields): Error;
  /** The fields of a declared exception a client received, or undefined when `e` is not that exception. */
  asXception(e: unknown): XceptionFields | undefined;
  asXception2(e: unknown): Xception2Fields | undefined;
}

export const schemaBindings: InteropBindings = {
  source: 'schema stand-in',
  InteropDefinition: schema.InteropDefinition,
  SecondDefinition: schema.SecondDefinition,
  interopClient: schema.interopClient,
  secondClient: schema.secondClient,
  xception: (v) => new schema.Xception(v as Record<string, unknown>),
  xception2: (v) => new schema.Xception2(v as Record<string, unknown>),
  asXception: (e) => (e instanceof schema.Xception ? { errorCode: e.errorCode, message: e.message } : undefined),
  asXception2: (e) => (e instanceof schema.Xception2 ? { errorCode: e.errorCode, struct_thing: e.struct_thing as Xception2Fields['struct_thing'] } : undefined),
};

const HERE = path.resolve(__dirname, '..');
const REPO = path.resolve(HERE, '../../..');

/**
 * Runs `sluice codegen interop.thrift` into a fresh folder under test/interop/rpc/tmp (inside the repo so
 * `sluice/runtime` resolves through tsconfig paths) and wraps the generated module.
 */
export function generatedBindings(): { bindings: InteropBindings; dir: string; remove(): void } {
  fs.mkdirSync(path.join(HERE, 'tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(HERE, 'tmp', 'codegen-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/sluice.js'), 'codegen', path.join(HERE, 'interop.thrift'), '--out', dir],
    { encoding: 'utf8', env: { ...process.env, SLUICE_FROM_SOURCE: '1' } });
  if (r.status !== 0) {
    remove();
    throw new Error(`sluice codegen failed (${r.status}): ${r.stdout}${r.stderr}`);
  }
  return { bindings: loadGeneratedBindings(dir), dir, remove };
}

/** Wraps the `sluice codegen` output for interop.thrift found in `dir`. */
export function loadGeneratedBindings(dir: string): InteropBindings {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const g = require(path.join(dir, 'interop.ts')) as Record<string, any>;
  const field = <T>(e: unknown, cls: unknown): T | undefined =>
    (e instanceof (cls as new (...a: unknown[]) => object) ? (e as { value: T }).value : undefined);
  return {
    source: 'sluice codegen',
    InteropDefinition: g.InteropDefinition,
    SecondDefinition: g.SecondDefinition,
    interopClient: (caller) => new g.InteropClient(caller),
    secondClient: (caller) => new g.SecondClient(caller),
    xception: (v) => new g.XceptionError(v),
    xception2: (v) => new g.Xception2Error(v),
    asXception: (e) => field<XceptionFields>(e, g.XceptionError),
    asXception2: (e) => field<Xception2Fields>(e, g.Xception2Error),
  };
}
