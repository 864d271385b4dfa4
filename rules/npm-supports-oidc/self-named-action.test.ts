import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * `uses: acme/pkg/.github/actions/x@main` in the repository acme/pkg (its git remote, else the root
 * package.json `repository`) names an
 * action of the workflow's own repository: it is read from the working tree like `$/.github/actions/x`,
 * but its ref may hold another version, so what is read from it makes warnings at most (survey700c
 * F2 / M2, probes g1 and g2).
 */
const PKG = JSON.stringify({ name: '@acme/pkg', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/pkg.git' } });
const REMOTE = '[remote "origin"]\n\turl = https://github.com/acme/pkg.git\n';
const workflow = (steps: string): string =>
  `name: Release\non: workflow_dispatch\npermissions:\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 20\n${steps}`;
const composite = (steps: string): string => `name: x\nruns:\n  using: composite\n  steps:\n${steps}`;
const upgrade = (spec: string): string => composite(`    - run: npm i -g npm@${spec}\n      shell: bash\n`);

async function findings(files: Record<string, string>, rule = 'npm-supports-oidc'): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG, ...files }, { rule });
  return found.map((d) => `${d.messageId}@${d.severity}`);
}

describe('npm-supports-oidc: an action of the repository itself named in full (owner/repo/path@ref)', () => {
  it('its npm upgrade before the publish counts: no finding (probe g1)', async () => {
    const files = { '.git/config': REMOTE, '.github/actions/upgrade/action.yml': upgrade('11.6.0'), '.github/workflows/release.yml': workflow('      - uses: acme/pkg/.github/actions/upgrade@main\n      - run: npm publish\n') };
    expect(await findings(files)).toEqual([]);
  });
  it('the owner and name compare case-insensitively', async () => {
    const files = { '.git/config': REMOTE, '.github/actions/upgrade/action.yml': upgrade('11.6.0'), '.github/workflows/release.yml': workflow('      - uses: Acme/PKG/.github/actions/upgrade@v1\n      - run: npm publish\n') };
    expect(await findings(files)).toEqual([]);
  });
  it('an upgrade to a too old npm read from it is a warning, not an error (the ref may differ)', async () => {
    const files = { '.git/config': REMOTE, '.github/actions/upgrade/action.yml': upgrade('10.9.0'), '.github/workflows/release.yml': workflow('      - uses: acme/pkg/.github/actions/upgrade@main\n      - run: npm publish\n') };
    expect(await findings(files)).toEqual(['installedTooOld@warning']);
  });
  it('control: the same upgrade through ./ is an error', async () => {
    const files = { '.github/actions/upgrade/action.yml': upgrade('10.9.0'), '.github/workflows/release.yml': workflow('      - uses: ./.github/actions/upgrade\n      - run: npm publish\n') };
    expect(await findings(files)).toEqual(['installedTooOld@error']);
  });
  it('its publish is found, and judged as a warning (probe g2)', async () => {
    const pub = composite('    - run: npm publish\n      shell: bash\n');
    const files = { '.git/config': REMOTE, '.github/actions/upgrade/action.yml': pub, '.github/workflows/release.yml': workflow('      - uses: acme/pkg/.github/actions/upgrade@main\n') };
    expect(await findings(files)).toEqual(['bundledTooOld@warning']);
  });
  it('control: an action of another repository with the same path is not read (the bundled npm stays)', async () => {
    const files = { '.git/config': REMOTE, '.github/actions/upgrade/action.yml': upgrade('11.6.0'), '.github/workflows/release.yml': workflow('      - uses: other/pkg/.github/actions/upgrade@main\n      - run: npm publish\n') };
    expect(await findings(files)).toEqual(['bundledTooOld@error']);
  });
  it('control: one the working tree does not hold stays an action tp-doctor cannot read (review: a possible publish, not none)', async () => {
    const declared = 'publishers:\n  - provider: github\n    repository: acme/pkg\n    workflow: release.yml\n';
    const files = { '.git/config': REMOTE, 'tp-doctor.yml': declared, '.github/workflows/release.yml': workflow('      - uses: acme/pkg/.github/actions/publish@v1\n') };
    const found = await lintFiles({ 'package.json': PKG, ...files }, { rule: 'publish-from-trusted-workflow' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['noPublishFound@info']);
    expect(found[0]?.message).toContain('may publish through something tp-doctor cannot read');
  });
  it('without a git remote, the root package.json `repository` names the repository, as for the inferred publisher (survey904b M2)', async () => {
    const files = { '.github/actions/upgrade/action.yml': upgrade('11.6.0'), '.github/workflows/release.yml': workflow('      - uses: Acme/pkg/.github/actions/upgrade@main\n      - run: npm publish\n') };
    expect(await findings(files)).toEqual([]);
  });
  it('control: with neither a git remote nor a package.json `repository` the repository is unknown, and the action is not read', async () => {
    const files = { 'package.json': JSON.stringify({ name: '@acme/pkg', version: '1.0.0' }), '.github/actions/upgrade/action.yml': upgrade('11.6.0'), '.github/workflows/release.yml': workflow('      - uses: acme/pkg/.github/actions/upgrade@main\n      - run: npm publish\n') };
    const found = await lintFiles(files, { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@error']);
  });
});

describe('npm-upgrade-compatible: an upgrade read from an action of the repository named in full', () => {
  it('an upgrade that does not install on the job\'s Node is a warning (the ref may differ)', async () => {
    const files = { '.git/config': REMOTE, '.github/actions/upgrade/action.yml': upgrade('12.2.2'), '.github/workflows/release.yml': workflow('      - uses: acme/pkg/.github/actions/upgrade@main\n      - run: npm publish\n') };
    expect(await findings(files, 'npm-upgrade-compatible')).toEqual(['engineMismatch@warning']);
  });
});

describe('messages quote an action of the repository named in full as written, not as the `$/` path it is read as', () => {
  const pub = composite('    - run: npm publish\n      shell: bash\n');
  const withToken = (uses: string): string => workflow(`      - uses: ${uses}\n        with:\n          npm-token: \${{ secrets.NPM_TOKEN }}\n`);
  it('no-long-lived-token `actionInput` names `acme/pkg/.github/actions/publish@main`', async () => {
    const files = { 'package.json': PKG, '.git/config': REMOTE, '.github/actions/publish/action.yml': pub, '.github/workflows/release.yml': withToken('acme/pkg/.github/actions/publish@main') };
    const found = await lintFiles(files, { rule: 'no-long-lived-token' });
    expect(found.map((d) => [d.messageId, d.data?.action])).toEqual([['actionInput', 'acme/pkg/.github/actions/publish@main']]);
    expect(found[0]?.message).toContain('to acme/pkg/.github/actions/publish@main, which');
  });
  it('control: `./.github/actions/publish` is quoted as written too', async () => {
    const files = { 'package.json': PKG, '.github/actions/publish/action.yml': pub, '.github/workflows/release.yml': withToken('./.github/actions/publish') };
    const found = await lintFiles(files, { rule: 'no-long-lived-token' });
    expect(found.map((d) => [d.messageId, d.data?.action])).toEqual([['actionInput', './.github/actions/publish']]);
  });
});
