/**
 * CI/CD variables: reading `variables:` (plain values and the `{ value:, description: }` form) and
 * expanding `$VAR` / `${VAR}` the way GitLab does for `image:`, `id_tokens` audiences, tags and
 * environment names. Only variables written in the CI configuration are known; predefined ones
 * (`$CI_COMMIT_TAG`...) and project settings are not, so a value using them does not expand.
 */
import type { EffectiveValue, GitlabVariable, Origin } from './types.js';
import { leafText } from './values.js';

/** How deep variables that use variables are followed (GitLab's own bound is similar). */
const MAX_EXPANSION_DEPTH = 10;

/** Reads a `variables:` map. `origin` of each entry is the entry itself (its key is the name). */
export function readVariables(
  value: EffectiveValue | undefined,
  level: GitlabVariable['level'],
  originFor: (origin: Origin) => Origin = (o) => o,
): Map<string, GitlabVariable> {
  const out = new Map<string, GitlabVariable>();
  if (value?.kind !== 'map') return out;
  for (const [name, entry] of value.entries) {
    if (entry.kind === 'map') {
      const inner = entry.entries.get('value');
      const expand = entry.entries.get('expand');
      out.set(name, {
        name,
        value: leafText(inner),
        origin: originFor(entry.origin),
        ...(inner ? { valueNode: inner.origin.node } : {}),
        expand: leafText(expand) !== 'false',
        level,
      });
    } else {
      out.set(name, {
        name,
        value: leafText(entry),
        origin: originFor(entry.origin),
        ...(entry.origin.node.isScalar ? { valueNode: entry.origin.node } : {}),
        expand: true,
        level,
      });
    }
  }
  return out;
}

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Expands `$VAR` and `${VAR}` with the variables given, recursively (a variable whose value uses
 * another one). `$$` is a literal `$`. Undefined when any variable used is unknown, when the text
 * uses a `$[[ inputs.x ]]` interpolation, or when the expansion does not end (a cycle, or more
 * than ten levels).
 */
export function expandVariables(text: string, variables: ReadonlyMap<string, GitlabVariable>): string | undefined {
  return expand(text, variables, 0, new Set());
}

function expand(text: string, variables: ReadonlyMap<string, GitlabVariable>, depth: number, active: Set<string>): string | undefined {
  // `$[[ inputs.x ]]` is interpolated from the inputs the pipeline or the include passes: unknown here.
  if (depth > MAX_EXPANSION_DEPTH || text.includes('$[[')) return undefined;
  let failed = false;
  const result = text.replace(REFERENCE, (whole, braced: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare ?? '';
    const variable = variables.get(name);
    if (variable?.value === undefined || active.has(name)) {
      failed = true;
      return whole;
    }
    if (!variable.expand) return variable.value;
    active.add(name);
    const inner = expand(variable.value, variables, depth + 1, active);
    active.delete(name);
    if (inner === undefined) failed = true;
    return inner ?? whole;
  });
  return failed ? undefined : result;
}
