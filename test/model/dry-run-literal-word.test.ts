/**
 * `npm publish --dry-run "<dir>-${{ matrix.x }}"`: the word after `--dry-run` begins with literal
 * text, so whatever its expression gives it is neither the `true`/`false` nopt would take as the
 * flag's value nor an option: the literal `--dry-run` stands and nothing is published
 * (src/model/npm/shell-words.ts `mayBeBoolean`; survey917a F1, coralogix/protofetch). On every
 * platform, since the publish-command reading is shared.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../helpers.js';

const PKG = (host: string): string => JSON.stringify({ name: 'p1x', version: '1.0.0', repository: { url: `git+https://${host}/o/r.git` } });

const github = (run: string): string =>
  [
    'on: { push: { tags: ["v*"] } }',
    'jobs:',
    '  dry:',
    '    runs-on: ubuntu-latest',
    '    strategy: { matrix: { target: [darwin-arm64, linux-x64] } }',
    '    permissions: { contents: read }',
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with: { node-version: "22" }',
    `      - run: ${run}`,
    '',
  ].join('\n');

const gitlab = (script: string): string => `publish:\n  image: node:22\n  script:\n    - ${script}\n`;

async function githubIds(run: string): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG('github.com'), '.github/workflows/release.yml': github(run) });
  return found.map((d) => `${d.ruleId}/${d.severity}`).sort();
}

async function gitlabIds(script: string): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG('gitlab.com'), '.gitlab-ci.yml': gitlab(script) });
  return found.map((d) => `${d.ruleId}/${d.severity}`).sort();
}

describe('a dry run whose next word holds an expression after literal text', () => {
  it.each([
    ['the path after `--dry-run`', `npm publish --dry-run "dist/pkg-\${{ matrix.target }}"`],
    ['the path before `--dry-run`', `npm publish "dist/pkg-\${{ matrix.target }}" --dry-run`],
    ['a literal path', 'npm publish --dry-run dist/pkg'],
  ])('GitHub, %s: nothing reported', async (_name, run) => {
    expect(await githubIds(run)).toEqual([]);
  });

  it('GitHub, a bare expression after `--dry-run` may be `false`: still read as a possible publish', async () => {
    expect(await githubIds('npm publish --dry-run ${{ inputs.flags }}')).toContain('require-id-token-write/warning');
  });

  it.each([
    ['the path after `--dry-run`', 'npm publish --dry-run "dist/pkg-$TARGET"'],
    ['a literal path', 'npm publish --dry-run dist/pkg'],
  ])('GitLab, %s: nothing reported', async (_name, script) => {
    expect(await gitlabIds(script)).toEqual([]);
  });

  it('GitLab, a switch-named variable after `--dry-run` may be `false`: still a possible publish', async () => {
    expect((await gitlabIds('npm publish --dry-run "$DRY_RUN"')).length).toBeGreaterThan(0);
  });
});
