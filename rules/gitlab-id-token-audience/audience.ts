/**
 * What is wrong with an `NPM_ID_TOKEN` audience, and which variable definition to point at when
 * the audience comes from `variables:`.
 */
import type { GitlabVariable } from '../../src/model/gitlab/types.js';

export { classifyAudience, PROBLEM_WORDS, type AudienceProblem } from '../../src/model/npm/oidc-audience.js';

const SINGLE_REFERENCE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/**
 * When the audience is written as exactly one variable (`$AUD`, `${AUD}`), the definition the value
 * finally comes from, following variables that are themselves one variable. Undefined for mixed
 * text (`npm:$HOST`) or an unknown variable.
 */
export function definingVariable(raw: string, variables: ReadonlyMap<string, GitlabVariable>): GitlabVariable | undefined {
  let text = raw.trim();
  let found: GitlabVariable | undefined;
  for (let depth = 0; depth < 10; depth++) {
    const m = SINGLE_REFERENCE.exec(text);
    if (!m) return found;
    const variable = variables.get(m[1] ?? m[2] ?? '');
    if (variable?.value === undefined || !variable.valueNode) return found;
    found = variable;
    if (!variable.expand) return found;
    text = variable.value.trim();
  }
  return found;
}
