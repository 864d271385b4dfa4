import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * `npm dist-tag` / `npm deprecate` after a trusted publish, reached through a `package.json` script,
 * a committed shell script or a local composite action (docs/domain.md §0): reported where the
 * command is written, with the workflow step that leads to it as related location.
 */
const RULE = 'npm-supports-oidc';
const pkg = (scripts: Record<string, string> = {}): string => JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: 'github:acme/widget', scripts }, null, 2);

/** A trusted-publishing job on `node` (24.15.0 bundles npm 11.12.1: no OIDC for dist-tag), the publish, then `run` (or `uses`). */
const workflow = (last: string, { node = '24.15.0', before = '' } = {}): string =>
  `on: push\npermissions:\n  contents: read\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: ${node}\n          registry-url: https://registry.npmjs.org\n${before}      - run: npm publish --tag next\n      - ${last}\n`;

async function lint(files: Record<string, string>): Promise<string[]> {
  const found = await lintFiles(files, { rule: RULE });
  return found.map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line} <- ${d.related.map((r) => `${r.file}:${r.start.line}`).join(',')}`);
}

const TAG = 'npm dist-tag add @acme/widget@1.0.0 latest';
const ACTION = (run: string): string => `name: tag\nruns:\n  using: composite\n  steps:\n    - run: ${run}\n      shell: bash\n`;
const SCRIPT = (line: string): string => `#!/bin/sh\nset -e\n${line}\n`;
const WF = '.github/workflows/release.yml';

describe(`${RULE}: registry commands through scripts and composite actions`, () => {
  it('npm dist-tag in a package.json script run by `npm run`: an error at the script, the step related', async () => {
    expect(await lint({ 'package.json': pkg({ promote: TAG }), [WF]: workflow('run: npm run promote') })).toEqual([`distTagTooOld@error package.json:6 <- ${WF}:14,${WF}:11`]);
  });
  it('npm dist-tag in a committed shell script: an error at its line', async () => {
    expect(await lint({ 'package.json': pkg(), 'scripts/promote.sh': SCRIPT(TAG), [WF]: workflow('run: ./scripts/promote.sh') })).toEqual([`distTagTooOld@error scripts/promote.sh:3 <- ${WF}:14,${WF}:11`]);
  });
  it('npm dist-tag in a local composite action (`./` and `$/`): an error in action.yml', async () => {
    const files = { 'package.json': pkg(), '.github/actions/tag/action.yml': ACTION(TAG) };
    expect(await lint({ ...files, [WF]: workflow('uses: ./.github/actions/tag') })).toEqual([`distTagTooOld@error .github/actions/tag/action.yml:5 <- ${WF}:14,${WF}:11`]);
    expect(await lint({ ...files, [WF]: workflow('uses: $/.github/actions/tag') })).toEqual([`distTagTooOld@error .github/actions/tag/action.yml:5 <- ${WF}:14,${WF}:11`]);
  });
  it('controls: npm 11.21 (quiet), a token (quiet), `|| true` in the script or after `npm run` (info)', async () => {
    const files = { 'package.json': pkg({ promote: TAG, lenient: `${TAG} || true` }) };
    expect(await lint({ ...files, [WF]: workflow('run: npm run promote', { before: '      - run: npm install -g npm@11.21.0\n' }) })).toEqual([]);
    expect(await lint({ ...files, [WF]: workflow('run: npm run promote\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}') })).toEqual([]);
    expect(await lint({ ...files, [WF]: workflow('run: npm run lenient') })).toEqual([`distTagTooOldTolerated@info package.json:7 <- ${WF}:14,${WF}:11`]);
    expect(await lint({ ...files, [WF]: workflow('run: npm run promote || true') })).toEqual([`distTagTooOldTolerated@info package.json:6 <- ${WF}:14,${WF}:11`]);
  });
  it('a shell script that upgrades npm to 11.21 before its dist-tag: quiet', async () => {
    expect(await lint({ 'package.json': pkg(), 'scripts/promote.sh': SCRIPT(`npm install -g npm@11.21.0\n${TAG}`), [WF]: workflow('run: ./scripts/promote.sh') })).toEqual([]);
  });
  it('npm deprecate in a package.json script or a composite action: noOidcCommand there', async () => {
    const deprecate = 'npm deprecate @acme/widget@1.0.0 old';
    expect(await lint({ 'package.json': pkg({ dep: deprecate }), [WF]: workflow('run: npm run dep', { node: '24' }) })).toEqual([`noOidcCommand@error package.json:6 <- ${WF}:14`]);
    expect(await lint({ 'package.json': pkg(), '.github/actions/tag/action.yml': ACTION(deprecate), [WF]: workflow('uses: ./.github/actions/tag', { node: '24' }) })).toEqual([`noOidcCommand@error .github/actions/tag/action.yml:5 <- ${WF}:14`]);
  });
  it('a script run from a branch of the CI text may not run: noOidcCommandUnsure (review 908); control: after `npm publish &&`', async () => {
    const deprecate = 'npm deprecate @acme/widget@1.0.0 old';
    const branch = 'run: |\n          if [ "$GITHUB_REF" = refs/heads/legacy ]; then\n            npm run dep\n          fi';
    expect(await lint({ 'package.json': pkg({ dep: deprecate }), [WF]: workflow(branch, { node: '24' }) })).toEqual([`noOidcCommandUnsure@warning package.json:6 <- ${WF}:16`]);
    expect(await lint({ 'package.json': pkg({ dep: deprecate }), [WF]: workflow('run: npm publish && npm run dep', { node: '24' }) })).toEqual([`noOidcCommand@error package.json:6 <- ${WF}:14`]);
  });
  it('a script that runs no registry command: quiet', async () => {
    expect(await lint({ 'package.json': pkg({ promote: 'echo done' }), [WF]: workflow('run: npm run promote') })).toEqual([]);
  });
});
