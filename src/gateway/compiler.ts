/**
 * The GatewayCompiler the control plane validates every version with: the same stages as `sluice check`
 * (config validation, IDL, routes) plus plan compilation into an engine snapshot.
 */
import * as fs from 'node:fs';
import type { SluiceConfig } from '../config/types';
import type { SourceLocation } from '../errors';
import { validateConfigDocument } from '../config/validate';
import { formatLoc } from '../config/problems';
import type { ConfigDocument } from '../control/types';
import type { GatewayCompiler, Problem } from '../control/control-plane';
import type { Schema } from '../idl/model';
import { compileGatewayConfig } from '../routes/gateway';
import type { RouteTable } from '../routes/types';
import type { EngineSnapshot } from '../native/snapshot';
import { buildSnapshot } from './snapshot';
import { idlSources, mergedDocument } from './document';

export interface CompiledGateway {
  readonly config: SluiceConfig;
  readonly schema: Schema | undefined;
  readonly table: RouteTable;
  /** Snapshot with version 0; the caller stamps the config version before publishing. */
  readonly snapshot: EngineSnapshot;
  /** Ids of explicit routes that were added through the admin API (their source is `admin`). */
  readonly adminRouteIds: ReadonlySet<string>;
  /** Where the file config declares each of its explicit routes (versions carry no positions). */
  readonly fileRouteLocs: ReadonlyMap<string, SourceLocation>;
}

/** A compiler bound to the file config (`file`), whose listen/admin/store settings every version keeps. */
export function gatewayCompiler(file: SluiceConfig): GatewayCompiler<CompiledGateway> {
  const fileIdlDirs = file.idl.filter((p) => { try { return fs.statSync(p).isDirectory(); } catch { return false; } });
  const fileRouteLocs = new Map(file.routes.flatMap((r) => (r.loc ? [[r.id, r.loc] as const] : [])));
  return {
    compile(doc: ConfigDocument) {
      const problems: Problem[] = [];
      const { config, problems: cfgProblems } = validateConfigDocument(mergedDocument(file, doc), {
        ...(file.file ? { file: file.file } : {}), baseDir: file.baseDir, demo: file.demo });
      for (const p of cfgProblems) problems.push(toProblem(p));
      if (!config) return { compiled: undefined, problems };
      const sources = idlSources(file, doc);
      // Every version carries its own IDL: compile exactly its files, so a deleted file is really gone.
      const versioned: SluiceConfig = { ...config, listen: file.listen, admin: file.admin, store: file.store,
        workers: file.workers, ioBackend: file.ioBackend, idl: [...sources.keys()] };
      // Includes keep resolving against the file config's IDL directories (-I semantics).
      const r = compileGatewayConfig(versioned, { idlSources: sources, includeDirs: fileIdlDirs });
      for (const p of r.problems) problems.push(toProblem(p));
      if (problems.some((p) => p.severity === 'error')) return { compiled: undefined, problems };
      let snapshot: EngineSnapshot;
      try {
        snapshot = buildSnapshot(0, versioned, r.schema, r.table);
      } catch (err) {
        problems.push({ message: (err as Error).message, code: (err as { code?: string }).code ?? 'SLUICE_E_PLAN_COMPILE', severity: 'error' });
        return { compiled: undefined, problems };
      }
      const adminRouteIds = new Set((doc.routes ?? []).filter((x) => x['source'] === 'admin').map((x) => String(x['id'])));
      return { compiled: { config: versioned, schema: r.schema, table: r.table, snapshot, adminRouteIds, fileRouteLocs }, problems };
    },
  };
}

function toProblem(p: { severity: string; code: string; message: string; loc?: { file: string; line: number; column: number } | undefined }): Problem {
  return { message: p.loc ? `${formatLoc(p.loc)}: ${p.message}` : p.message, code: p.code, severity: p.severity as 'error' | 'warning',
    ...(p.loc ? { file: p.loc.file, line: p.loc.line, column: p.loc.column } : {}) };
}
