/**
 * A token written to `$GITHUB_ENV` only for a package's first publish (audit908a P7,
 * OpenZeppelin/contracts-wizard): an `npm view` check decides, the other branch clears the
 * variable. Trusted publishing cannot make a first publish, so that hybrid is an info, not the
 * `githubEnvToken` warning. Controls: an unconditional write, a branch that does not clear, a
 * condition that is no `npm view` check.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'no-long-lived-token';
const PKG = '{ "name": "@acme/widget", "version": "1.0.0", "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" } }\n';
const CHECK = [
  '      - name: Check for new package',
  '        id: check',
  '        run: |',
  '          if npm view "$(node -p \'require("./package.json").name\')" version >/dev/null 2>&1; then',
  '            echo "is_new=false" >> "$GITHUB_OUTPUT"',
  '          else',
  '            echo "is_new=true" >> "$GITHUB_OUTPUT"',
  '          fi',
];

function workflow(check: readonly string[], run: readonly string[], env = ['IS_NEW: ${{ steps.check.outputs.is_new }}']): Record<string, string> {
  const lines = [
    'name: publish',
    'on:',
    '  push:',
    '    branches: [main]',
    'permissions:',
    '  contents: read',
    '  id-token: write',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    environment: npm',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    '          registry-url: https://registry.npmjs.org',
    ...check,
    '      - name: Configure npm auth',
    '        run: |',
    ...run.map((l) => `          ${l}`),
    '        env:',
    ...env.map((l) => `          ${l}`),
    '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
    '      - run: npm publish --provenance',
    '',
  ];
  return { 'package.json': PKG, '.github/workflows/publish.yml': lines.join('\n') };
}

const TOKEN = 'echo "NODE_AUTH_TOKEN=${NPM_TOKEN}" >> "$GITHUB_ENV"';
const CLEAR = 'echo "NODE_AUTH_TOKEN=" >> "$GITHUB_ENV"';
const summary = (found: { severity: string; messageId: string; line: number }[]): string[] => found.map((d) => `${d.severity} ${d.messageId}@${d.line}`);

describe(`${RULE}: a token written only for a first publish`, () => {
  it('a908a/token-only-for-first-publish: the npm view check in an earlier step, its output in the condition: an info', async () => {
    const found = await lintFiles(workflow(CHECK, ['if [ "$IS_NEW" = "true" ]; then', `  ${TOKEN}`, 'else', `  ${CLEAR}`, 'fi']), { rule: RULE });
    expect(summary(found)).toEqual(['info githubEnvTokenFirstPublish@29']);
    expect(found[0]!.message).toBe(
      'Step writes a long-lived npm token ($NPM_TOKEN from secrets.NPM_TOKEN) to `$GITHUB_ENV` as `NODE_AUTH_TOKEN` only when an `npm view` check finds a package that does not exist yet, and job "publish" then publishes with "npm publish"; the token serves only first publishes',
    );
    expect(found[0]!.why).toContain('cannot make a package\'s first publish');
    expect(found[0]!.fix).toContain('protected environment');
    expect(found[0]!.fix).toContain('once every package exists');
  });

  it('the npm view check in the same step\'s condition, the token in the else branch: an info', async () => {
    const run = ['if npm view @acme/widget version >/dev/null 2>&1', 'then', `  ${CLEAR}`, 'else', `  ${TOKEN}`, 'fi'];
    expect(summary(await lintFiles(workflow([], run, []), { rule: RULE }))).toEqual(['info githubEnvTokenFirstPublish@24']);
  });

  it('control: an unconditional write stays a warning', async () => {
    expect(summary(await lintFiles(workflow(CHECK, [TOKEN]), { rule: RULE }))).toEqual(['warning githubEnvToken@28']);
  });

  it('control: the other branch does not clear the variable: a warning', async () => {
    const run = ['if [ "$IS_NEW" = "true" ]; then', `  ${TOKEN}`, 'else', '  echo "fresh=no"', 'fi'];
    expect(summary(await lintFiles(workflow(CHECK, run), { rule: RULE }))).toEqual(['warning githubEnvToken@29']);
  });

  it('control: no else branch: a warning', async () => {
    const run = ['if [ "$IS_NEW" = "true" ]; then', `  ${TOKEN}`, 'fi'];
    expect(summary(await lintFiles(workflow(CHECK, run), { rule: RULE }))).toEqual(['warning githubEnvToken@29']);
  });

  it('control: a condition that comes from no npm view check: a warning', async () => {
    const check = CHECK.map((l) => l.replace(/npm view "[^;]*version >\/dev\/null 2>&1/, 'test -f .first-release'));
    const run = ['if [ "$IS_NEW" = "true" ]; then', `  ${TOKEN}`, 'else', `  ${CLEAR}`, 'fi'];
    expect(summary(await lintFiles(workflow(check, run), { rule: RULE }))).toEqual(['warning githubEnvToken@29']);
  });
});
