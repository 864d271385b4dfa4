import { describe, expect, it } from 'vitest';
import { circleConfig, circleRepo, GITLAB_PKG, lintFiles } from '../../test/helpers.js';

/**
 * An npm upgrade that certainly fails on the job's Node (npm's engines exclude it) but whose failure
 * the job goes on after (`|| true`, `continue-on-error: true`) leaves the npm that was there: the
 * publish is judged with it (survey700c M3, probes u8 and u9).
 */
const PKG = JSON.stringify({ name: 'pkg-x', version: '1.0.0', repository: 'github:o/r' });
const workflow = (node: string, upgrade: string): string =>
  `name: Release\non: workflow_dispatch\npermissions:\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${node}\n${upgrade}      - run: npm publish\n`;

async function findings(yml: string): Promise<string[]> {
  const found = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': yml }, {});
  return found.filter((d) => d.ruleId === 'npm-supports-oidc' || d.ruleId === 'npm-upgrade-compatible').map((d) => `${d.ruleId}/${d.messageId}@${d.severity}`).sort();
}

const mismatch = 'npm-upgrade-compatible/engineMismatch@warning';
const bundled = 'npm-supports-oidc/bundledTooOld@error';

describe('npm-supports-oidc: a tolerated npm upgrade that certainly fails', () => {
  it('`|| true` on Node 18 (probe u8): the bundled npm 10 publishes, an error', async () => {
    expect(await findings(workflow('18', '      - run: npm install -g npm@11.5.1 || true\n'))).toEqual([bundled, mismatch]);
  });
  it('`continue-on-error: true` on Node 20 with npm@latest (probe u9): an error', async () => {
    expect(await findings(workflow('20', '      - run: npm install -g npm@latest\n        continue-on-error: true\n'))).toEqual([bundled, mismatch]);
  });
  // `|| :` quoted: a plain scalar cannot end with a colon.
  for (const run of ["'npm install -g npm@11.5.1 || :'", 'npm install -g npm@11.5.1 || echo "npm upgrade failed"']) {
    it(`\`${run}\`: an error`, async () => {
      expect(await findings(workflow('18', `      - run: ${run}\n`))).toEqual([bundled, mismatch]);
    });
  }
  // The promise-retry crash (docs/domain.md A.46): npm 10.9.7 (Node 22.22.2) installing npm 11.12.0 or later rolls back.
  const crash = 'npm-upgrade-compatible/selfUpgradeCrash@warning';
  it('`npm install -g npm@11 || true` on Node 22.22.2: the crash leaves npm 10.9.7, which publishes, an error', async () => {
    expect(await findings(workflow('22.22.2', '      - run: npm install -g npm@11 || true\n'))).toEqual([bundled, crash]);
  });
  it('`continue-on-error: true` after the crash on Node 22.22.2: an error', async () => {
    expect(await findings(workflow('22.22.2', '      - run: npm install -g npm@11\n        continue-on-error: true\n'))).toEqual([bundled, crash]);
  });
  it('control: the crash not tolerated stops the job: only the crash, an error', async () => {
    expect(await findings(workflow('22.22.2', '      - run: npm install -g npm@11\n'))).toEqual(['npm-upgrade-compatible/selfUpgradeCrash@error']);
  });
  it('control: npm 11.11.1 still ships promise-retry: installed, no finding', async () => {
    expect(await findings(workflow('22.22.2', '      - run: npm install -g npm@11.11.1 || true\n'))).toEqual([]);
  });
  it('control: `|| npm i -g npm@11.5.1` installs another npm: no npm-supports-oidc finding (as before)', async () => {
    expect(await findings(workflow('20', '      - run: npm install -g npm@latest || npm install -g npm@11.5.1\n'))).toEqual([mismatch]);
  });
  it('control: a fallback tp-doctor cannot read (a script that may install npm) or one that stops the step (exit 1): not read as going on with the old npm (review)', async () => {
    for (const run of ['npm install -g npm@latest || ./scripts/npm-fallback.sh', 'npm install -g npm@latest || exit 1', 'npm install -g npm@latest || truex']) {
      expect((await findings(workflow('20', `      - run: ${run}\n`))).filter((f) => f.includes('bundledTooOld')), run).toEqual([]);
    }
  });
  it('control: an untolerated failing upgrade stops the job: only the engineMismatch error', async () => {
    expect(await findings(workflow('18', '      - run: npm install -g npm@11.5.1\n'))).toEqual(['npm-upgrade-compatible/engineMismatch@error']);
  });
  it('control: a tolerated upgrade that installs: no finding', async () => {
    expect(await findings(workflow('22', '      - run: npm install -g npm@11.5.1 || true\n'))).toEqual([]);
  });
  it('control: an unknown Node (no setup-node version): the failure is not certain, no bundledTooOld', async () => {
    const yml = workflow('${{ inputs.node }}', '      - run: npm install -g npm@latest || true\n');
    expect((await findings(yml)).filter((f) => f.includes('bundledTooOld'))).toEqual([]);
  });
});

/**
 * The same reading for a GitLab script line and a CircleCI `run` command (survey700c, last stop's
 * note): `npm i -g npm@latest || true` on Node 20, where npm@latest fails with EBADENGINE, leaves
 * the npm before it (10.8.2) to publish. A job's `allow_failure` does not matter: the line decides.
 */
describe('npm-supports-oidc: a tolerated npm upgrade on GitLab and CircleCI', () => {
  const gitlab = (image: string, lines: string[], extra = ''): Record<string, string> => ({
    'package.json': GITLAB_PKG,
    '.gitlab-ci.yml': `publish:\n  image: ${image}\n${extra}  id_tokens:\n    NPM_ID_TOKEN:\n      aud: "npm:registry.npmjs.org"\n  script:\n${lines.map((l) => `    - ${l}\n`).join('')}`,
  });
  const circle = (image: string, command: string): Record<string, string> =>
    circleRepo(circleConfig([`- run: ${command}`, '- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')\n          npm publish'], image));
  async function ruleFindings(files: Record<string, string>): Promise<string[]> {
    const found = await lintFiles(files, {});
    return found.filter((d) => d.ruleId === 'npm-supports-oidc' || d.ruleId === 'npm-upgrade-compatible').map((d) => `${d.ruleId}/${d.messageId}@${d.severity}`).sort();
  }
  it('GitLab: `npm i -g npm@latest || true` on node:20: the bundled npm 10.8.2 publishes, an error; the upgrade a warning', async () => {
    const got = await lintFiles(gitlab('node:20', ['npm i -g npm@latest || true', 'npm publish']), { rule: 'npm-supports-oidc' });
    expect(got.map((d) => `${d.messageId}@${d.severity} ${String(d.data.npm)}`)).toEqual(['bundledTooOld@error 10.8.2']);
    expect(await ruleFindings(gitlab('node:20', ['npm i -g npm@latest || true', 'npm publish']))).toEqual([bundled, mismatch]);
  });
  it('GitLab: `allow_failure: true` on the job changes nothing: the line decides', async () => {
    expect(await ruleFindings(gitlab('node:20', ['npm i -g npm@latest || true', 'npm publish'], '  allow_failure: true\n'))).toEqual([bundled, mismatch]);
    expect(await ruleFindings(gitlab('node:20', ['npm i -g npm@latest', 'npm publish'], '  allow_failure: true\n'))).toEqual(['npm-upgrade-compatible/engineMismatch@error']);
  });
  it('GitLab control: an untolerated failing upgrade stops the job (as before); `|| npm i -g npm@11.5.1` installs another npm', async () => {
    expect(await ruleFindings(gitlab('node:20', ['npm i -g npm@latest', 'npm publish']))).toEqual(['npm-upgrade-compatible/engineMismatch@error']);
    expect(await ruleFindings(gitlab('node:20', ['npm i -g npm@latest || npm i -g npm@11.5.1', 'npm publish']))).toEqual([mismatch]);
  });
  it('GitLab control: a tolerated upgrade that installs: no finding', async () => {
    expect(await ruleFindings(gitlab('node:22', ['npm i -g npm@11.6.0 || true', 'npm publish']))).toEqual([]);
  });
  it('CircleCI: `npm i -g npm@latest || true` on node:20: the bundled npm 10.8.2 publishes, an error; the upgrade a warning', async () => {
    const got = await lintFiles(circle('node:20', 'npm i -g npm@latest || true'), { rule: 'npm-supports-oidc' });
    expect(got.map((d) => `${d.messageId}@${d.severity} ${String(d.data.npm)}`)).toEqual(['bundledTooOld@error 10.8.2']);
    expect(await ruleFindings(circle('node:20', 'npm i -g npm@latest || true'))).toEqual([bundled, mismatch]);
  });
  it('CircleCI control: an untolerated failing upgrade stops the job (as before)', async () => {
    expect(await ruleFindings(circle('node:20', 'npm i -g npm@latest'))).toEqual(['npm-upgrade-compatible/engineMismatch@error']);
  });
});
