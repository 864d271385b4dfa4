/**
 * A GitLab job whose every rule says `when: never` is never added to a pipeline
 * (src/model/gitlab/never-runs.ts): its publish never happens, so nothing is reported on it
 * (survey500c D1: two errors on a switched-off job).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers.js';

const PKG = JSON.stringify({ name: 'p1x', version: '1.0.0', repository: { url: 'git+https://gitlab.com/o/r.git' } });
const job = (rules: string, extra = ''): string => `${extra}publish:\n  image: node:20\n${rules}  script:\n    - npm publish\n`;

async function ids(ci: string): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG, '.gitlab-ci.yml': ci });
  return found.filter((d) => d.severity !== 'info').map((d) => `${d.ruleId}/${d.messageId}`).sort();
}

const RUNS = ['gitlab-npm-id-token/noIdTokens', 'npm-supports-oidc/bundledTooOld'];

describe('GitLab jobs that never run', () => {
  it.each([
    ['`when: never` alone', '  rules:\n    - when: never\n'],
    ['`when: never` under an `if:`, the only rule', '  rules:\n    - if: $CI_COMMIT_TAG\n      when: never\n'],
    ['every rule `when: never`', '  rules:\n    - if: $CI_COMMIT_TAG\n      when: never\n    - changes: [package.json]\n      when: never\n'],
  ])('%s: nothing reported', async (_name, rules) => {
    expect(await ids(job(rules))).toEqual([]);
  });

  it('rules from a template through `extends:` and `!reference` count too', async () => {
    const off = '.off:\n  rules:\n    - when: never\n';
    expect(await ids(job('  extends: .off\n', off))).toEqual([]);
    expect(await ids(job('  rules:\n    - !reference [.off, rules]\n', off))).toEqual([]);
  });

  it.each([
    ['a rule that runs after a `when: never` one', '  rules:\n    - if: $CI_COMMIT_TAG\n      when: never\n    - when: manual\n'],
    ['a rule without `when:` (on_success)', '  rules:\n    - if: $CI_COMMIT_TAG\n'],
    ['no `rules:`', ''],
    ['an empty `rules:` list', '  rules: []\n'],
    ['a `!reference` tp-doctor cannot resolve', '  rules:\n    - !reference [.missing, rules]\n'],
  ])('controls, %s: still checked', async (_name, rules) => {
    // (With an unresolved `!reference` the token rule leaves the job to gitlab-config-resolvable.)
    expect(await ids(job(rules))).toEqual(expect.arrayContaining(rules.includes('.missing') ? RUNS.slice(1) : RUNS));
  });
});
