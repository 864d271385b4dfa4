/**
 * `pnpm stage publish` before pnpm 11.3.0 (survey904a M1): pnpm has no `stage` command before
 * 11.3.0 (docs/domain.md §0, `pnpm-stage` row), so the step fails: an error when the pnpm is
 * certain, a warning when a range may allow an older one, nothing from 11.3.0 on.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = { rule: 'publish-tool-supports-oidc' };
const pkg = (extra: Record<string, unknown>): string => JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'git+https://github.com/acme/widget.git' }, ...extra });

const workflow = (command: string, setup = '      - uses: pnpm/action-setup@v4\n'): string =>
  [
    'on: push',
    'permissions:',
    '  id-token: write',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    `${setup}      - run: ${command}`,
    '',
  ].join('\n');

const summary = (found: { severity: string; messageId: string }[]): string[] => found.map((d) => `${d.severity} ${d.messageId}`);
const lint = (files: Record<string, string>) => lintFiles(files, RULE);

describe('publish-tool-supports-oidc stageTooOld for pnpm stage publish', () => {
  it('p904a/stage-pnpm-11-2: packageManager pnpm@11.2.0 is an error at the publish', async () => {
    const found = await lint({ 'package.json': pkg({ packageManager: 'pnpm@11.2.0' }), '.github/workflows/release.yml': workflow('pnpm stage publish --no-git-checks') });
    expect(summary(found)).toEqual(['error stageTooOld']);
    expect(found[0]).toMatchObject({ file: '.github/workflows/release.yml', line: 13 });
    expect(found[0]!.message).toBe('`pnpm stage publish` runs pnpm "11.2.0" (`packageManager` in package.json), which has no `stage` command; expected pnpm 11.3.0 or later');
    expect(found[0]!.fix).toBe('Upgrade pnpm to 11.3.0 or later: set `"packageManager": "pnpm@11.3.0"` (or later) in package.json');
  });

  // survey914c (pnpm/pnpm release.yml): a prerelease is in semver order, after 11.3.0.
  it('s914c/pnpm-prerelease-stage: packageManager pnpm@12.0.0-rc.8 has `stage`: no finding', async () => {
    const found = await lint({ 'package.json': pkg({ packageManager: 'pnpm@12.0.0-rc.8' }), '.github/workflows/release.yml': workflow('pnpm stage publish --no-git-checks') });
    expect(summary(found)).toEqual([]);
  });

  it('s914c: a prerelease of 11.3.0 itself may or may not have `stage`: a warning, not an error', async () => {
    const found = await lint({ 'package.json': pkg({ packageManager: 'pnpm@11.3.0-rc.1' }), '.github/workflows/release.yml': workflow('pnpm stage publish --no-git-checks') });
    expect(summary(found)).toEqual(['warning unknown']);
    expect(found[0]!.message).toBe('Cannot tell whether `pnpm stage publish` can publish with trusted publishing: `packageManager` in package.json allows pnpm "11.3.0-rc.1"');
  });

  it('p904a/pnpm-r-stage-11-2: `pnpm -r stage publish` too', async () => {
    const found = await lint({ 'package.json': pkg({ packageManager: 'pnpm@11.2.0' }), '.github/workflows/release.yml': workflow('pnpm -r stage publish --no-git-checks') });
    expect(summary(found)).toEqual(['error stageTooOld']);
  });

  it('p904a/pnpm-stage-devengines: pnpm@11.0.7 through corepack', async () => {
    const found = await lint({ 'package.json': pkg({ packageManager: 'pnpm@11.0.7' }), '.github/workflows/release.yml': workflow('pnpm stage publish --no-git-checks', '      - run: corepack enable\n') });
    expect(summary(found)).toEqual(['error stageTooOld']);
  });

  it('devEngines.packageManager with a range below 11.3: an error; a version tp-doctor cannot place: a warning', async () => {
    const dev = pkg({ devEngines: { packageManager: { name: 'pnpm', version: '11.2.x' } } });
    const wf = workflow('pnpm stage publish --no-git-checks', '      - run: corepack enable\n');
    expect(summary(await lint({ 'package.json': dev, '.github/workflows/release.yml': wf }))).toEqual(['error stageTooOld']);
    const may = await lint({ 'package.json': pkg({ packageManager: 'pnpm@11.x' }), '.github/workflows/release.yml': wf });
    expect(summary(may)).toEqual(['warning unknown']);
    expect(may[0]!.message).toBe('Cannot tell whether `pnpm stage publish` can publish with trusted publishing: `packageManager` in package.json allows pnpm "11.x"');
    expect(may[0]!.why).toBe('Trusted publishing needs pnpm 11.3.0 or later. Otherwise: `pnpm stage publish` does not exist before pnpm 11.3.0');
  });

  it('control: a floating range that reaches 11.3 (devEngines `^11.1.0`, the newest match): nothing', async () => {
    const dev = pkg({ devEngines: { packageManager: { name: 'pnpm', version: '^11.1.0' } } });
    expect(summary(await lint({ 'package.json': dev, '.github/workflows/release.yml': workflow('pnpm stage publish --no-git-checks', '      - run: corepack enable\n') }))).toEqual([]);
  });

  it('pnpm/action-setup `version: 11` installs the latest 11.x: nothing', async () => {
    const setup = '      - uses: pnpm/action-setup@v4\n        with:\n          version: 11\n';
    expect(summary(await lint({ 'package.json': pkg({}), '.github/workflows/release.yml': workflow('pnpm stage publish --no-git-checks', setup) }))).toEqual([]);
  });

  it.each(['11.3.0', '11.21.0'])('control: pnpm %s has `stage`: nothing', async (version) => {
    expect(summary(await lint({ 'package.json': pkg({ packageManager: `pnpm@${version}` }), '.github/workflows/release.yml': workflow('pnpm stage publish --no-git-checks') }))).toEqual([]);
  });

  it('control: `pnpm publish` with pnpm 11.2.0 gets nothing from this check', async () => {
    expect(summary(await lint({ 'package.json': pkg({ packageManager: 'pnpm@11.2.0' }), '.github/workflows/release.yml': workflow('pnpm publish --no-git-checks') }))).toEqual([]);
  });

  it('control: no pnpm version seen: nothing, as for the other pnpm checks', async () => {
    expect(summary(await lint({ 'package.json': pkg({}), '.github/workflows/release.yml': workflow('pnpm stage publish --no-git-checks', '') }))).toEqual([]);
  });

  it('on GitLab: the same error', async () => {
    const gitlab = 'publish:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - corepack enable\n    - pnpm stage publish --no-git-checks\n';
    const files = { 'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'git+https://gitlab.com/acme/widget.git' }, packageManager: 'pnpm@11.2.0' }), '.gitlab-ci.yml': gitlab };
    expect(summary(await lint(files)).filter((s) => s.endsWith('stageTooOld'))).toEqual(['error stageTooOld']);
  });
});

// `pnpm/action-setup` `version: ${{ inputs.pnpm }}`: read from the runs that reach it (src/model/github/package-manager.ts `pnpmSetupBefore`).
describe('publish-tool-supports-oidc stageTooOld with the pnpm version from an input', () => {
  const setup = '      - uses: pnpm/action-setup@v4\n        with:\n          version: ${{ inputs.pnpm }}\n';
  const called = (dflt: string): string => workflow('pnpm stage publish --no-git-checks', setup).replace('on: push', `on:\n  workflow_call:\n    inputs:\n      pnpm:\n        type: string\n        default: '${dflt}'`);
  const caller = "on: push\njobs:\n  call:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/release.yml\n    with:\n      pnpm: '11.2.0'\n";

  it('a local caller passes pnpm 11.2.0: the error, naming where', async () => {
    const found = await lint({ 'package.json': pkg({}), '.github/workflows/release.yml': called('11.3.0'), '.github/workflows/main.yml': caller });
    expect(summary(found)).toEqual(['error stageTooOld']);
    expect(found[0]!.message).toBe('`pnpm stage publish` runs pnpm "11.2.0" (`pnpm/action-setup` `version: ${{ inputs.pnpm }}`, from `with: pnpm` of job "call" in main.yml), which has no `stage` command; expected pnpm 11.3.0 or later');
  });

  it('a workflow_call default with no local caller (another repository may pass another): a warning', async () => {
    const found = await lint({ 'package.json': pkg({}), '.github/workflows/release.yml': called('11.2.0') });
    expect(summary(found)).toEqual(['warning stageTooOld']);
  });

  it('a workflow_call default of 11.3.0: quiet', async () => {
    expect(summary(await lint({ 'package.json': pkg({}), '.github/workflows/release.yml': called('11.3.0') }))).toEqual([]);
  });
});
