/**
 * The Node of a job that installs it with `pnpm env use --global <version>` (unnoq/orpc): the
 * finding names that command as where the Node comes from and says how to change it; a version
 * tp-doctor cannot read is an unknown Node that says why.
 */
import { describe, expect, it } from 'vitest';
import { lintRule } from '../../test/rule-tester.js';

const RULE = 'npm-supports-oidc';
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', packageManager: 'pnpm@10.28.1', repository: { url: 'git+https://github.com/acme/widget.git' } });
const workflow = (use: string): string => `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: pnpm/action-setup@v4
${use}      - run: pnpm publish --no-git-checks
`;

describe('npm-supports-oidc: Node from `pnpm env use --global`', () => {
  it('Node 22: its bundled npm 10 is named, with the command, and the fix changes the command', async () => {
    const [d, ...rest] = await lintRule(RULE, { 'package.json': PKG, '.github/workflows/release.yml': workflow('      - run: pnpm env use --global 22\n') });
    expect(rest).toEqual([]);
    expect(d?.messageId).toBe('bundledTooOld');
    expect(d?.message).toContain('runs with npm 10.9.9, bundled with Node 22.23.3 ("22") (`pnpm env use --global 22` in a `run:` step)');
    expect(d?.fix).toContain('run `pnpm env use --global 24` instead');
    expect(d?.related?.map((r) => `${r.start.line}:${r.start.column} ${r.label}`)).toEqual(['9:36 Node version: `pnpm env use --global 22` in a `run:` step']);
  });

  it('control: Node 24 bundles a trusted-publishing npm, no finding', async () => {
    expect(await lintRule(RULE, { 'package.json': PKG, '.github/workflows/release.yml': workflow('      - run: pnpm env use --global 24\n') })).toEqual([]);
  });

  it('a variable: the npm is unknown, and the finding says which command hides it', async () => {
    const [d] = await lintRule(RULE, { 'package.json': PKG, '.github/workflows/release.yml': workflow('      - run: pnpm env use --global "$NODE"\n') });
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('the job installs Node with `pnpm env use --global "$NODE"`, whose version tp-doctor cannot read');
  });
});
