/**
 * `sluice codegen` as a library: a loaded schema in, one TypeScript module per IDL file out. Pure (no
 * I/O) and deterministic: the same schema always gives the same text.
 */
import type { Schema } from '../src/idl/model';
import { generateModule } from './generators/module';
import { registerSymbols } from './generators/registry';

export interface GeneratedFile {
  /** Path relative to the output directory, e.g. `people.ts`. */
  readonly path: string;
  readonly content: string;
}

/** Generates a module for every file in `schema` (included files too: generated modules import them). */
export function generate(schema: Schema): GeneratedFile[] {
  const registry = registerSymbols(schema);
  return registry.files.map((file) => {
    const module = registry.modules.get(file.path)!;
    return { path: module.outputName, content: generateModule(registry, module) };
  });
}
