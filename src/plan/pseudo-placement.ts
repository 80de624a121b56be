/**
 * Where pseudonymization policies sit in a plan (contract §7): IDL `pseudo="<policy>"` annotations and config
 * rules `{service, function, path, policy}`, resolved at config time into per-position policy slots on the
 * plan's type descriptors. Placement rules (docs/pseudonymization.md "Placement"):
 * - a policy lands on string, i32 and i64 leaves only;
 * - on a list/set field it applies to the elements, on a map field to the values (never the keys), recursively
 *   through nested containers; it never descends into a struct (annotate that struct's fields instead);
 * - a config rule names one position (`req.person.email`, `[*]`, `{key}`, `{value}`; `return` = the result) and
 *   wins over an annotation on the same position;
 * - a rule under `return` must name a reversible policy (siv, ff1): response positions are only ever reversed.
 */
import type { SourceLocation } from '../errors';
import { formatLocated } from '../errors';
import type { FieldDef, TypeRef } from '../idl/model';
import { PlanCompileError } from './errors';

/** What the plan compiler needs to know about one defined policy (no keys). */
export interface PlanPolicyInfo {
  readonly method: 'siv' | 'ff1' | 'hmac' | 'mask' | 'redact' | 'constant';
  readonly reversible: boolean;
}

/** One config rule (src/config/types.ts PseudoRuleConfig). */
export interface PlanPseudoRule {
  readonly service: string;
  readonly function: string;
  readonly path: string;
  readonly policy: string;
  readonly loc: SourceLocation | undefined;
}

/** The pseudonymization facts a plan is compiled against. Absent (no §7 section): annotations are ignored. */
export interface PlanPseudo {
  readonly policies: ReadonlyMap<string, PlanPolicyInfo>;
  readonly rules: ReadonlyArray<PlanPseudoRule>;
}

/** Where a policy placement came from, for load errors. */
export interface PlacementOrigin {
  readonly what: string;
  readonly loc: SourceLocation | undefined;
}

/** A node of the rule trie of one function: steps are field names, `[*]`, `{key}`, `{value}`. */
export interface Overlay {
  policy: string | undefined;
  origin: PlacementOrigin | undefined;
  readonly children: Map<string, Overlay>;
  /** Set once placement reached this node (a rule whose path is never reached names no field). */
  used: boolean;
  /** Stable text of this subtree: part of the interning key of every type/struct it changes. */
  signature: string;
}

export const RULE_STEP = /\[\*\]|\{key\}|\{value\}|[^.[{]+/g;

function node(): Overlay {
  return { policy: undefined, origin: undefined, children: new Map(), used: false, signature: '' };
}

function sign(o: Overlay): string {
  const parts = [...o.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, c]) => `${JSON.stringify(k)}:${sign(c)}`);
  o.signature = `{${o.policy === undefined ? '' : `=${JSON.stringify(o.policy)}`}${parts.join(',')}}`;
  return o.signature;
}

/** The rule trie of `service.fn` (root children: argument names and `return`), or undefined when no rule applies. */
export function ruleOverlay(pseudo: PlanPseudo | undefined, service: string, fn: string): Overlay | undefined {
  if (!pseudo) return undefined;
  const rules = pseudo.rules.map((r, i) => ({ r, i })).filter(({ r }) => r.service === service && r.function === fn);
  if (rules.length === 0) return undefined;
  const root = node();
  for (const { r, i } of rules) {
    const steps = r.path.match(RULE_STEP) ?? [];
    let at = root;
    for (const s of steps) {
      let next = at.children.get(s);
      if (!next) at.children.set(s, (next = node()));
      at = next;
    }
    at.policy = r.policy;
    at.origin = { what: `pseudonymization.rules[${i}] (path '${r.path}')`, loc: r.loc };
  }
  sign(root);
  return root;
}

/** Throws the load error for a bad placement, with file:line:col or the config path. */
export function placementError(origin: PlacementOrigin | undefined, message: string): never {
  const text = origin ? `${origin.what}: ${message}` : message;
  throw PlanCompileError(formatLocated(text, origin?.loc));
}

/** Every rule node that placement never reached names no field: a load error. */
export function checkOverlayUsed(o: Overlay | undefined): void {
  if (!o) return;
  for (const c of o.children.values()) {
    if (!c.used && c.origin) placementError(c.origin, 'the path names no field of the function (or a position the plan never reaches)');
    checkOverlayUsed(c);
  }
}

/** The `pseudo` annotation of a field: its policy name and origin, or undefined. */
export function annotationPolicy(f: FieldDef): { name: string; origin: PlacementOrigin } | undefined {
  const a = f.annotations.find((x) => x.name === 'pseudo');
  if (!a) return undefined;
  return { name: a.value, origin: { what: `field '${f.name}' annotation pseudo="${a.value}"`, loc: a.loc } };
}

/** Leaf kinds a policy can sit on, as policyAppliesTo (src/pseudo/transform-integer.ts) names them. */
export function leafClass(t: TypeRef): 'string' | 'i32' | 'i64' | undefined {
  return t.kind === 'string' ? 'string' : t.kind === 'i32' ? 'i32' : t.kind === 'i64' ? 'i64' : undefined;
}

/** Whether `info` can transform a leaf of class `leaf` (ff1 and hmac keep integers integers; others are string-only). */
export function methodFits(info: PlanPolicyInfo, leaf: 'string' | 'i32' | 'i64'): boolean {
  return leaf === 'string' || info.method === 'ff1' || info.method === 'hmac';
}
