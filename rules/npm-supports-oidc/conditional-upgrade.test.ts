import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * An npm upgrade whose step runs only under an `if:` the publishing step does not share (survey700c
 * D2): a run where it does not run publishes with the npm before it. tp-doctor cannot tell which
 * event starts a run, so that is a warning (`upgradeMayNotRun`), never an error.
 */
const PKG = JSON.stringify({ name: 'pkg-x', version: '1.0.0', repository: 'github:o/r' });
const workflow = (upgrade: string, publish = '      - run: npm publish\n', on = '[release, workflow_dispatch]', jobIf = '', node = '20'): string =>
  `name: Release\non: ${on}\npermissions:\n  id-token: write\njobs:\n  publish:\n${jobIf}    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${node}\n${upgrade}${publish}`;
const upgradeIf = (condition: string, spec = '11.6.0'): string => `      - run: npm i -g npm@${spec}\n        if: ${condition}\n`;

async function findings(yml: string, extra: Record<string, string> = {}): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': yml, ...extra }, {});
  return found.filter((d) => d.ruleId === 'npm-supports-oidc').map((d) => `${d.messageId}@${d.severity}`);
}

describe('npm-supports-oidc: an npm upgrade that may not run before the publish', () => {
  it("probe: `if: github.event_name == 'release'` on the upgrade, an unconditional publish: a warning naming the condition and npm 10.8.2", async () => {
    const found = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': workflow(upgradeIf("github.event_name == 'release'")) }, { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['upgradeMayNotRun@warning']);
    expect(found[0]!.message).toBe("`npm publish` may run with npm 10.8.2, bundled with Node 20.20.2 (\"20\") (setup-node `node-version: 20`): \"npm i -g npm@11.6.0\" runs only when `github.event_name == 'release'`; trusted publishing needs npm 11.5.1 or later");
  });
  it('control: the same `if:` on the upgrade and the publish step: the upgrade counts (no finding)', async () => {
    const cond = "github.event_name == 'release'";
    expect(await findings(workflow(upgradeIf(cond), `      - run: npm publish\n        if: \${{ ${cond} }}\n`))).toEqual([]);
  });
  it("control: a job-level `if:` (no step `if:`): the upgrade counts", async () => {
    expect(await findings(workflow('      - run: npm i -g npm@11.6.0\n', undefined, undefined, "    if: github.event_name == 'release'\n"))).toEqual([]);
  });
  it("control: the upgrade's condition holds for every event the workflow runs for: the upgrade counts", async () => {
    expect(await findings(workflow(upgradeIf("github.event_name == 'release'"), undefined, 'release'))).toEqual([]);
  });
  for (const cond of ['always()', 'success()', '${{ true }}', '${{ !cancelled() }}']) {
    it(`control: \`if: ${cond}\` on the upgrade: it counts`, async () => {
      expect(await findings(workflow(upgradeIf(cond)))).toEqual([]);
    });
  }
  it('a condition that can never hold (`if: false`, an event the workflow never runs for): the bundled npm publishes, the error', async () => {
    expect(await findings(workflow(upgradeIf('false')))).toEqual(['bundledTooOld@error']);
    expect(await findings(workflow(upgradeIf("github.event_name == 'push'")))).toEqual(['bundledTooOld@error']);
  });
  it('control: no `if:` at all: no finding (as before)', async () => {
    expect(await findings(workflow('      - run: npm i -g npm@11.6.0\n'))).toEqual([]);
  });
  it('control: a conditional upgrade on a Node whose bundled npm is enough: no finding', async () => {
    expect(await findings(workflow(upgradeIf("github.event_name == 'release'"), undefined, undefined, '', '24'))).toEqual([]);
  });
  it('a conditional upgrade to too old an npm: the error it gives is a guess, a warning', async () => {
    expect(await findings(workflow(upgradeIf("github.event_name == 'release'", '10'), undefined, undefined, '', '24'))).toEqual(['installedTooOld@warning']);
    expect(await findings(workflow('      - run: npm i -g npm@10\n', undefined, undefined, '', '24'))).toEqual(['installedTooOld@error']);
  });
  it('a step of a local composite action with an `if:` on its input: a warning; a literal input that decides it: as before', async () => {
    const action = "runs:\n  using: composite\n  steps:\n    - run: npm i -g npm@11.6.0\n      shell: bash\n      if: ${{ inputs.upgrade == 'yes' }}\ninputs:\n  upgrade:\n    default: ''\n";
    const uses = (w: string): string => `      - uses: ./.github/actions/npm\n${w}`;
    expect(await findings(workflow(uses('        with:\n          upgrade: ${{ github.event_name }}\n')), { '.github/actions/npm/action.yml': action })).toEqual(['upgradeMayNotRun@warning']);
    expect(await findings(workflow(uses("        with:\n          upgrade: 'yes'\n")), { '.github/actions/npm/action.yml': action })).toEqual([]);
    expect(await findings(workflow(uses("        with:\n          upgrade: 'no'\n")), { '.github/actions/npm/action.yml': action })).toEqual(['bundledTooOld@error']);
  });
  it('`continue-on-error: ${{ expr }}` on a failing upgrade (npm@latest on Node 20): a warning that the old npm may publish', async () => {
    const found = await findings(workflow('      - run: npm i -g npm@latest\n        continue-on-error: ${{ inputs.lenient }}\n'));
    expect(found).toEqual(['upgradeMayNotRun@warning']);
  });
  it('control: `continue-on-error: ${{ expr }}` on an upgrade that installs: no finding', async () => {
    expect(await findings(workflow('      - run: npm i -g npm@11.6.0\n        continue-on-error: ${{ inputs.lenient }}\n'))).toEqual([]);
  });
});
