/**
 * `compileGateway`: the one compiler `sluice start`, `sluice check` and the admin API share. Loads the config,
 * loads its IDL, compiles the route table, and returns every problem (config, IDL, routes) together.
 */
import * as fs from 'node:fs';
import { loadConfig, type LoadConfigOptions } from '../config/load';
import type { ConfigProblem } from '../config/problems';
import { hasErrors } from '../config/problems';
import type { RouteConfig, SluiceConfig } from '../config/types';
import { loadIdl, type Diagnostic, type Schema } from '../idl';
import { compileRoutes } from './compile';
import type { RouteTable } from './types';

export interface GatewayCompileOptions extends LoadConfigOptions {
  /** IDL file contents by absolute path that win over the disk (admin uploads). */
  readonly idlSources?: ReadonlyMap<string, string>;
  /** Explicit routes to use instead of the config's (the admin API's live set). */
  readonly routes?: ReadonlyArray<RouteConfig>;
  /** Include search path; default: the directories among `config.idl`. */
  readonly includeDirs?: ReadonlyArray<string>;
}

export interface GatewayCompileResult {
  readonly config: SluiceConfig | undefined;
  readonly schema: Schema | undefined;
  /** Empty when anything failed before route compilation. */
  readonly table: RouteTable;
  /** Errors and warnings from every stage; the gateway must not start when any is an error. */
  readonly problems: ConfigProblem[];
}

const emptyTable: RouteTable = Object.freeze({ routes: Object.freeze([]) });

/** Loads config (file, ./sluice.yaml or the demo: see loadConfig), IDL and routes. Never throws for bad input. */
export function compileGateway(configFile?: string, opts: GatewayCompileOptions = {}): GatewayCompileResult {
  const { config, problems } = loadConfig(configFile, opts);
  if (!config) return { config, schema: undefined, table: emptyTable, problems };
  const rest = compileGatewayConfig(config, opts);
  return { ...rest, problems: [...problems, ...rest.problems] };
}

/** The IDL and route stages for a config that is already validated (the admin API's proposed versions). */
export function compileGatewayConfig(config: SluiceConfig, opts: Pick<GatewayCompileOptions, 'idlSources' | 'routes' | 'includeDirs'> = {}): GatewayCompileResult {
  const includeDirs = opts.includeDirs ?? config.idl.filter((p) => isDirectory(p));
  const idl = loadIdl(config.idl, { includeDirs, sources: opts.idlSources });
  const problems: ConfigProblem[] = idl.diagnostics.map(fromDiagnostic);
  if (!idl.schema || hasErrors(problems)) return { config, schema: idl.schema, table: emptyTable, problems };
  const routes = compileRoutes(idl.schema, config, { routes: opts.routes });
  return { config, schema: idl.schema, table: routes.table, problems: [...problems, ...routes.problems] };
}

function fromDiagnostic(d: Diagnostic): ConfigProblem {
  return { severity: d.severity, code: `SLUICE_E_IDL_${d.code}`, message: d.message, loc: d.loc };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
