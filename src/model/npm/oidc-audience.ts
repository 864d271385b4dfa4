/**
 * The audience of the ID token npm exchanges (docs/domain.md §1.4): `npm:` followed by the registry host,
 * compared exactly. What is wrong with a near miss, in words rules share (GitLab `aud:`, CircleCI
 * `--claims '{"aud": ...}'`).
 */
import { trimEndChar } from '../core/text.js';

/** The only audience registry.npmjs.org accepts. */
export const NPM_OIDC_AUDIENCE = 'npm:registry.npmjs.org';

export type AudienceProblem = 'url' | 'noPrefix' | 'wrongCase' | 'whitespace' | 'trailingSlash' | 'otherHost' | 'other';

/** Short words for a problem, used when the value comes from a variable. */
export const PROBLEM_WORDS: Record<AudienceProblem, string> = {
  url: 'a URL instead of `npm:` and the host name',
  noPrefix: 'the host name without the `npm:` prefix',
  wrongCase: 'the right audience in the wrong case',
  whitespace: 'the right audience with blanks in or around it',
  trailingSlash: 'a trailing slash',
  otherHost: 'another registry host',
  other: 'not an npm audience',
};

const HOST = 'registry.npmjs.org';

/** Undefined when the value is exactly the npm audience. */
export function classifyAudience(value: string): AudienceProblem | undefined {
  if (value === NPM_OIDC_AUDIENCE) return undefined;
  // `" npm:registry.npmjs.org"`, `"npm: registry.npmjs.org"`: the claim keeps the blanks as written.
  if (value.replace(/\s/g, '') === NPM_OIDC_AUDIENCE) return 'whitespace';
  const lower = value.trim().toLowerCase();
  if (/^https?:\/\//.test(lower)) {
    const host = lower.replace(/^https?:\/\//, '').split(/[/:?#]/)[0];
    return host === HOST ? 'url' : 'otherHost';
  }
  if (lower === NPM_OIDC_AUDIENCE) return 'wrongCase';
  const bare = trimEndChar(lower, '/');
  if (bare !== lower && (bare === NPM_OIDC_AUDIENCE || bare === HOST)) return bare === HOST ? 'noPrefix' : 'trailingSlash';
  if (bare === HOST || bare === 'npmjs.org' || bare === 'npmjs.com' || bare === 'npm') return 'noPrefix';
  if (lower.startsWith('npm:')) return 'otherHost';
  return 'other';
}
