/**
 * Load-time checks of pseudonymization references (contract §7): with no `pseudonymization` section,
 * `pseudo` annotations are ignored with one warning; with one, every annotation and rule must name a
 * defined policy, and every rule must name an existing function and a path through its arguments.
 */
import type { Schema, TypeRef } from '../idl/model';
import type { PseudoRuleConfig, SluiceConfig } from '../config/types';
import { problem, RouteCodes, RouteWarnings, type RouteProblem } from './problems';
import { serviceFunctions, structOf, typeText } from './schema-walk';

/** Problems with `pseudo` annotations and rules. */
export function checkPseudo(schema: Schema, config: SluiceConfig): RouteProblem[] {
  const out: RouteProblem[] = [];
  const annotations = [];
  for (const def of schema.definitions.values()) {
    const fields = def.kind === 'struct' || def.kind === 'union' || def.kind === 'exception' ? def.fields
      : def.kind === 'service' ? def.functions.flatMap((f) => f.args) : [];
    for (const f of fields) for (const a of f.annotations) if (a.name === 'pseudo') annotations.push({ field: f, a });
  }
  const section = config.pseudonymization;
  if (!section) {
    const first = annotations[0];
    if (first) {
      out.push(problem(RouteWarnings.pseudoIgnored,
        `${annotations.length} pseudo annotation${annotations.length === 1 ? ' is' : 's are'} ignored: the config has no pseudonymization section.`, first.a.loc));
    }
    return out;
  }
  for (const { field, a } of annotations) {
    if (!(a.value in section.policies)) {
      out.push(problem(RouteCodes.unknownPolicy,
        `Field '${field.name}' names pseudonymization policy '${a.value}', which is not defined (policies: ${Object.keys(section.policies).join(', ') || 'none'}).`, a.loc,
        { related: [section.loc] }));
    }
  }
  for (const rule of section.rules) {
    const reason = checkRulePath(schema, rule);
    if (reason) out.push(problem(RouteCodes.badPseudoPath, reason, rule.loc));
  }
  return out;
}

/** Walks `req.person.email`, `req.tags[*]`, `req.attrs{key}`, `return.email` through the function's arguments or result; returns why it fails. */
function checkRulePath(schema: Schema, rule: PseudoRuleConfig): string | undefined {
  const fns = serviceFunctions(schema, rule.service);
  if (!fns) return `Pseudonymization rule names service '${rule.service}', which the IDL does not define.`;
  const fn = fns.find((f) => f.name === rule.function);
  if (!fn) return `Pseudonymization rule names ${rule.service}.${rule.function}, which the IDL does not define.`;
  const steps = rule.path.match(/\[\*\]|\{key\}|\{value\}|[^.[{]+/g) ?? [];
  const head = steps[0];
  let t: TypeRef;
  if (head === 'return') {
    // `return…` names a position of the function's result (restored for authorized callers only).
    if (fn.returnType.kind === 'void') return `Pseudonymization rule path '${rule.path}': ${fn.name} returns nothing.`;
    t = fn.returnType;
  } else {
    const arg = fn.args.find((x) => x.name === head);
    if (!arg) return `Pseudonymization rule path '${rule.path}' must start with an argument of ${fn.name} (${fn.args.map((x) => x.name).join(', ') || 'none'}) or with 'return'.`;
    t = arg.type;
  }
  for (const step of steps.slice(1)) {
    if (step === '[*]' && (t.kind === 'list' || t.kind === 'set')) t = t.elem;
    else if (step === '{key}' && t.kind === 'map') t = t.key;
    else if (step === '{value}' && t.kind === 'map') t = t.value;
    else {
      const def = structOf(schema, t);
      const f = def?.fields.find((x) => x.name === step);
      if (!f) return `Pseudonymization rule path '${rule.path}': '${step}' does not apply to ${typeText(t)}.`;
      t = f.type;
    }
  }
  // A container covers its elements (map: values), as an annotation does; the plan compiler checks each leaf.
  while (t.kind === 'list' || t.kind === 'set' || t.kind === 'map') t = t.kind === 'map' ? t.value : t.elem;
  if (!['string', 'i32', 'i64'].includes(t.kind)) {
    return `Pseudonymization rule path '${rule.path}' ends at ${typeText(t)}; only string, i32 and i64 values can be pseudonymized.`;
  }
  return undefined;
}
