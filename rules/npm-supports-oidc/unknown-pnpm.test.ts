/**
 * A pnpm publish whose pnpm major and Node tp-doctor cannot know (SAP/ai-sdk-js: both set up by the
 * remote composite action `sap/cloud-sdk-js/.github/actions/setup@main`, no `packageManager`): the
 * catalog's unknown-npm warning, naming the unread setup action (./unknown-pnpm.ts). It was silent.
 */
import { describe, expect, it } from 'vitest';
import { lintRule } from '../../test/rule-tester.js';

const RULE = 'npm-supports-oidc';
const REPO = { url: 'git+https://github.com/acme/widget.git' };
const pkg = (extra: Record<string, string> = {}): string => JSON.stringify({ name: 'widget', version: '1.0.0', repository: REPO, ...extra });
const W = '.github/workflows/release.yml';
const workflow = (setup: string, env = ''): string => `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
${setup}      - run: pnpm publish --no-git-checks
${env}`;
const REMOTE = '      - uses: sap/cloud-sdk-js/.github/actions/setup@main\n        with:\n          package-manager-cache: false\n';
const files = (setup: string, extra: Record<string, string> = {}, env = ''): Record<string, string> => ({ 'package.json': pkg(extra), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", [W]: workflow(setup, env) });

describe('npm-supports-oidc: a pnpm publish with neither pnpm nor Node known', () => {
  it('setup in a remote composite action: a warning naming it (SAP/ai-sdk-js)', async () => {
    const [d, ...rest] = await lintRule(RULE, files(REMOTE));
    expect(rest).toEqual([]);
    expect(d?.messageId).toBe('unknownNpm');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe(
      'Cannot tell which npm runs `pnpm publish (pnpm 10 and older run npm publish)` in job "publish": the pnpm version is unknown (no `pnpm/action-setup` `version:` and no `packageManager` in package.json), and pnpm 10 and older publish with the job\'s npm; both are likely set up inside the action "sap/cloud-sdk-js/.github/actions/setup", which tp-doctor does not read',
    );
    expect(d?.related?.map((r) => `${r.start.line} ${r.label}`)).toEqual(['8 setup action tp-doctor does not read']);
  });

  it('no setup at all: the runner image\'s Node, said as such', async () => {
    const [d] = await lintRule(RULE, files('      - uses: actions/checkout@v5\n'));
    expect(d?.messageId).toBe('unknownNpm');
    expect(d?.message).toContain('and pnpm 10 and older publish with the job\'s npm; the Node is unknown too: no `actions/setup-node` step sets a Node version');
  });

  it('a `pnpm/action-setup` `version:` that is an expression: said as such, not as missing (abofs/stonyx-workflows, survey919b F1)', async () => {
    const setup = '      - uses: pnpm/action-setup@v4\n        with:\n          version: ${{ inputs.pnpm-version }}\n';
    const [d] = await lintRule(RULE, files(setup));
    expect(d?.messageId).toBe('unknownNpm');
    expect(d?.message).toContain('the pnpm version is unknown (`pnpm/action-setup` `version:` is "${{ inputs.pnpm-version }}", which tp-doctor cannot evaluate, and no `packageManager` in package.json)');
    // On a known Node with npm 10 (`unknownPnpm`), the same words in the reason.
    const [known] = await lintRule(RULE, files(`${setup}      - uses: actions/setup-node@v5\n        with:\n          node-version: 22\n`));
    expect(known?.messageId).toBe('unknownPnpm');
    expect(known?.why).toContain('`pnpm/action-setup` `version:` is "${{ inputs.pnpm-version }}", which tp-doctor cannot evaluate');
    expect(known?.why).not.toContain('no `pnpm/action-setup` `version:`');
  });

  it('a long-lived token still reaches the publish: still a warning, and the why says the token publishes today', async () => {
    const [d] = await lintRule(RULE, files(REMOTE, {}, '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'));
    expect(d?.severity).toBe('warning');
    expect(d?.why).toContain('long-lived npm token');
  });

  it('control: `packageManager` pnpm 11 publishes itself: no finding', async () => {
    expect(await lintRule(RULE, files(REMOTE, { packageManager: 'pnpm@11.1.3' }))).toEqual([]);
  });

  it('control: `packageManager` pnpm 10: the unknown npm as before, with pnpm 10 named', async () => {
    const [d] = await lintRule(RULE, files(REMOTE, { packageManager: 'pnpm@10.28.1' }));
    expect(d?.message).toMatch(/^Cannot tell which npm runs `pnpm publish \(pnpm 10 runs npm publish\)` in job "publish": /);
  });

  it('control: a known Node with a trusted-publishing npm and an unknown pnpm: no finding', async () => {
    expect(await lintRule(RULE, files(`${REMOTE}      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n`))).toEqual([]);
  });

  it('a known Node with npm 10 and an unknown pnpm: a warning that pnpm 10 would publish with that npm (pnpm 11 would not use it)', async () => {
    const [d, ...rest] = await lintRule(RULE, files(`${REMOTE}      - uses: actions/setup-node@v5\n        with:\n          node-version: 22\n`));
    expect(rest).toEqual([]);
    expect(d?.messageId).toBe('unknownPnpm');
    expect(d?.severity).toBe('warning');
  });
});
