/**
 * What is wrong with an `NPM_ID_TOKEN` audience, and which variable definition to point at when
 * the audience comes from `variables:`.
 */
import type { GitlabVariable } from '../../src/model/gitlab/types.js';
import { NPM_AUDIENCE } from '../../src/model/gitlab/jobs.js';
import { trimEndChar } from '../../src/model/text.js';

export type AudienceProblem = 'url' | 'noPrefix' | 'wrongCase' | 'trailingSlash' | 'otherHost' | 'other';

/** Short words for a problem, used when the value comes from a variable. */
export const PROBLEM_WORDS: Record<AudienceProblem, string> = {
  url: 'a URL instead of `npm:` and the host name',
  noPrefix: 'the host name without the `npm:` prefix',
  wrongCase: 'the right audience in the wrong case',
  trailingSlash: 'a trailing slash',
  otherHost: 'another registry host',
  other: 'not an npm audience',
};

const HOST = 'registry.npmjs.org';

/** Undefined when the value is exactly the npm audience. */
export function classifyAudience(value: string): AudienceProblem | undefined {
  if (value === NPM_AUDIENCE) return undefined;
  const lower = value.trim().toLowerCase();
  if (/^https?:\/\//.test(lower)) {
    const host = lower.replace(/^https?:\/\//, '').split(/[/:?#]/)[0];
    return host === HOST ? 'url' : 'otherHost';
  }
  if (lower === NPM_AUDIENCE) return 'wrongCase';
  const bare = trimEndChar(lower, '/');
  if (bare !== lower && (bare === NPM_AUDIENCE || bare === HOST)) return bare === HOST ? 'noPrefix' : 'trailingSlash';
  if (bare === HOST || bare === 'npmjs.org' || bare === 'npmjs.com' || bare === 'npm') return 'noPrefix';
  if (lower.startsWith('npm:')) return 'otherHost';
  return 'other';
}

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
