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

/** A composite action whose one step uses the local action `uses` (`extra`: more keys of that step). */
const USING = (uses: string, extra = ''): string => `name: release\nruns:\n  using: composite\n  steps:\n    - uses: ${uses}\n${extra}`;
const OUTER = '.github/actions/release/action.yml';
const INNER = '.github/actions/tag/action.yml';

describe(`${RULE}: registry commands in nested local composite actions (as deep as the publish detection follows them)`, () => {
  const nested = (inner: string, outerExtra = ''): Record<string, string> => ({ 'package.json': pkg(), [OUTER]: USING('./.github/actions/tag', outerExtra), [INNER]: inner, [WF]: workflow('uses: ./.github/actions/release', { node: '24' }) });
  it('npm deprecate two actions down: an error in the inner action, the workflow step and the outer action step related', async () => {
    expect(await lint(nested(ACTION('npm deprecate @acme/widget@1.0.0 old')))).toEqual([`noOidcCommand@error ${INNER}:5 <- ${WF}:14,${OUTER}:5`]);
  });
  it('npm dist-tag two actions down on an npm without OIDC for dist-tag: an error there', async () => {
    expect(await lint({ ...nested(ACTION(TAG)), [WF]: workflow('uses: ./.github/actions/release') })).toEqual([`distTagTooOld@error ${INNER}:5 <- ${WF}:14,${OUTER}:5,${WF}:11`]);
  });
  it('`continue-on-error: true` on the inner step, or on the outer action step that uses it: the info variants', async () => {
    const lenient = `${ACTION('npm deprecate @acme/widget@1.0.0 old')}      continue-on-error: true\n`;
    expect(await lint(nested(lenient))).toEqual([`noOidcCommandTolerated@info ${INNER}:5 <- ${WF}:14,${OUTER}:5`]);
    expect(await lint(nested(ACTION('npm deprecate @acme/widget@1.0.0 old'), '      continue-on-error: true\n'))).toEqual([`noOidcCommandTolerated@info ${INNER}:5 <- ${WF}:14,${OUTER}:5`]);
    expect(await lint({ ...nested(`${ACTION(TAG)}      continue-on-error: true\n`), [WF]: workflow('uses: ./.github/actions/release') })).toEqual([`distTagTooOldTolerated@info ${INNER}:5 <- ${WF}:14,${OUTER}:5,${WF}:11`]);
  });
  it('one level down, `continue-on-error: true` on the action\'s step: info; `continue-on-error: false`: the error', async () => {
    const base = { 'package.json': pkg(), [WF]: workflow('uses: ./.github/actions/tag', { node: '24' }) };
    const deprecate = ACTION('npm deprecate @acme/widget@1.0.0 old');
    expect(await lint({ ...base, [INNER]: `${deprecate}      continue-on-error: true\n` })).toEqual([`noOidcCommandTolerated@info ${INNER}:5 <- ${WF}:14`]);
    expect(await lint({ ...base, [INNER]: `${deprecate}      continue-on-error: false\n` })).toEqual([`noOidcCommand@error ${INNER}:5 <- ${WF}:14`]);
  });
  it('the depth bound: three actions deep is read, four is not (MAX_ACTION_DEPTH, as for publishes)', async () => {
    const deprecate = ACTION('npm deprecate @acme/widget@1.0.0 old');
    const chain = (levels: number): Record<string, string> => {
      const files: Record<string, string> = { 'package.json': pkg(), [WF]: workflow('uses: ./.github/actions/a1', { node: '24' }) };
      for (let i = 1; i < levels; i++) files[`.github/actions/a${i}/action.yml`] = USING(`./.github/actions/a${i + 1}`);
      files[`.github/actions/a${levels}/action.yml`] = deprecate;
      return files;
    };
    expect(await lint(chain(3))).toEqual([`noOidcCommand@error .github/actions/a3/action.yml:5 <- ${WF}:14,.github/actions/a1/action.yml:5,.github/actions/a2/action.yml:5`]);
    expect(await lint(chain(4))).toEqual([]);
  });
});
