/**
 * An npm (or a Node with its npm) a step downloads or unpacks and puts first on the later steps'
 * `PATH` through `$GITHUB_PATH` (github/path-installs.ts; AgentsKit-io/agentskit, survey800b F1):
 * the npm of that tarball, else unknown; a `PATH` change that brings no npm or Node changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles, releaseRepo, setupNodeWorkflow } from '../../test/helpers.js';

const RULE = 'npm-supports-oidc';

/** Node 22 (bundled npm 10.9.x), then `run` in a step of its own, then `npm publish`. */
async function findings(run: string, nodeVersion = '22', rule = RULE): Promise<string[]> {
  const wf = setupNodeWorkflow(`          node-version: ${nodeVersion}\n`, `      - run: |\n${run.split('\n').map((l) => `          ${l}`).join('\n')}\n      - run: npm publish\n`);
  const diagnostics = await lintFiles(releaseRepo(wf), { rule });
  return diagnostics.map((d) => `${d.severity} ${d.messageId}: ${d.message}`);
}

const F1 = [
  'curl -fL -o npm.tgz https://registry.npmjs.org/npm/-/npm-11.18.0.tgz',
  'mkdir -p "$RUNNER_TEMP/npm" && tar -xzf npm.tgz -C "$RUNNER_TEMP/npm" --strip-components=1',
  'echo "$RUNNER_TEMP/npm/bin" >> "$GITHUB_PATH"',
].join('\n');

describe('npm-supports-oidc: an npm tarball unpacked and put on $GITHUB_PATH', () => {
  it('F1: npm 11.18.0 from the tarball runs the later publish: no finding', async () => {
    expect(await findings(F1)).toEqual([]);
  });
  it('agentskit: the tarball named in the output file, the directory in a variable', async () => {
    const run = [
      'curl --fail --location --retry 3 --output npm-11.18.0.tgz "$NPM_TARBALL_URL"',
      'npm_client_dir="$RUNNER_TEMP/npm-11.18.0"',
      'mkdir -p "$npm_client_dir"',
      'tar -xzf npm-11.18.0.tgz -C "$npm_client_dir" --strip-components=1',
      'echo "$npm_client_dir/bin" >> "$GITHUB_PATH"',
    ].join('\n');
    expect(await findings(run)).toEqual([]);
  });
  it('the directory appended with `tee -a`: the same', async () => {
    expect(await findings(F1.replace('>> "$GITHUB_PATH"', '| tee -a "$GITHUB_PATH"'))).toEqual([]);
    // Control: `tee` without `-a` is no append tp-doctor reads.
    expect(await findings(F1.replace('>> "$GITHUB_PATH"', '| tee "$GITHUB_PATH"'))).toEqual([expect.stringMatching(/^error bundledTooOld: /)]);
  });
  it('an old npm tarball: that npm, an error', async () => {
    expect(await findings(F1.replace('11.18.0', '10.9.0'))).toEqual([expect.stringMatching(/^error installedTooOld: `npm publish` runs with npm 10\.9\.0, installed by "echo "\$RUNNER_TEMP\/npm\/bin" >> "\$GITHUB_PATH""/)]);
  });
  it('a tarball whose version is not written: unknown, a warning naming the line', async () => {
    const line = '"echo "$RUNNER_TEMP/npm/bin" >> "$GITHUB_PATH""';
    expect(await findings(F1.replace('npm-11.18.0.tgz', 'npm-${NPM_VERSION}.tgz'))).toEqual([
      `warning unknownNpm: Cannot tell which npm runs \`npm publish\` in job "publish": ${line} puts first on PATH for the later steps an npm the step downloads or unpacks, whose version tp-doctor does not read`,
    ]);
    expect(await findings(`${F1}\ncurl -fLO https://registry.npmjs.org/npm/-/npm-11.6.0.tgz`)).toEqual([expect.stringMatching(/^warning unknownNpm: .*, whose version is one of several the step names \(11\.18\.0, 11\.6\.0\)$/)]);
  });
  it('goes through no EBADENGINE check of npm\'s: no npm-upgrade-compatible finding', async () => {
    expect(await findings(F1.replace('11.18.0', '12.2.2'), '20', 'npm-upgrade-compatible')).toEqual([]);
  });
  it('a Node setup action after it puts its own npm first again: the bundled npm, an error', async () => {
    const wf = setupNodeWorkflow('          node-version: 22\n', `      - run: |\n${F1.split('\n').map((l) => `          ${l}`).join('\n')}\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 22\n      - run: npm publish\n`);
    expect((await lintFiles(releaseRepo(wf), { rule: RULE })).map((d) => `${d.severity} ${d.messageId}`)).toEqual(['error bundledTooOld']);
  });
  it('in the same step as the publish (PATH changes from the next step on): the bundled npm, an error', async () => {
    const wf = setupNodeWorkflow('          node-version: 22\n', `      - run: |\n${[...F1.split('\n'), 'npm publish'].map((l) => `          ${l}`).join('\n')}\n`);
    expect((await lintFiles(releaseRepo(wf), { rule: RULE })).map((d) => `${d.severity} ${d.messageId}`)).toEqual(['error bundledTooOld']);
  });
});

describe('npm-supports-oidc: a PATH change that brings no npm keeps the bundled npm (controls)', () => {
  it.each([
    ['pip install --user twine\necho "$HOME/.local/bin" >> $GITHUB_PATH'],
    ['curl -sSL https://install.python-poetry.org | python3 -\necho "$HOME/.local/bin" >> $GITHUB_PATH'],
    ['echo "$(pnpm bin)" >> $GITHUB_PATH'],
    ['curl -fsSL https://example.com/tool.tar.gz | tar -xz -C "$RUNNER_TEMP/tool"\necho "$RUNNER_TEMP/tool/bin" >> "$GITHUB_PATH"'],
    ['export PATH="$HOME/.cargo/bin:$PATH"'],
  ])('%s: bundledTooOld stays an error', async (run) => {
    expect(await findings(run)).toEqual([expect.stringMatching(/^error bundledTooOld: /)]);
  });
});
describe('npm-supports-oidc: a Node tarball from nodejs.org/dist put on $GITHUB_PATH', () => {
  const nodeTarball = (v: string): string => `curl -fsSL https://nodejs.org/dist/v${v}/node-v${v}-linux-x64.tar.xz | tar -xJ -C /opt\necho "/opt/node-v${v}-linux-x64/bin" >> $GITHUB_PATH`;
  it('Node 24.5.0 bundles npm 11.5.1: no finding', async () => {
    expect(await findings(nodeTarball('24.5.0'))).toEqual([]);
  });
  it('Node 22.12.0 bundles npm 10.9.0: an error', async () => {
    expect(await findings(nodeTarball('22.12.0'))).toEqual([
      'error bundledTooOld: `npm publish` runs with npm 10.9.0, bundled with Node 22.12.0 (`echo "/opt/node-v22.12.0-linux-x64/bin"`); trusted publishing needs npm 11.5.1 or later',
    ]);
  });
  it('a Node release the table does not know: unknown, a warning', async () => {
    expect(await findings(nodeTarball('99.1.0'))).toEqual([
      "warning unknownNpm: Cannot tell which npm runs `npm publish` in job \"publish\": the earlier step 2 puts Node 99.1.0 from nodejs.org on PATH through $GITHUB_PATH, a release whose bundled npm tp-doctor's table does not know",
    ]);
  });
  it('a version in a variable: the Node is unknown, as before (a warning)', async () => {
    expect(await findings(nodeTarball('${NODE_VERSION}'))).toEqual([expect.stringMatching(/^warning unknownNpm: .*the earlier step 2 adds "\/opt\/node-v\$\{NODE_VERSION\}-linux-x64\/bin" to \$GITHUB_PATH, which may put another Node first/)]);
  });
});
