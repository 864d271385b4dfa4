/**
 * `pnpm/action-setup` `version: ${{ inputs.pnpm }}` read through the workflow's own inputs, as
 * `node-version: ${{ inputs.node }}` is (src/model/github/package-manager.ts `pnpmSetupBefore`,
 * entry-inputs.ts, docs/domain.md A.43): a local caller's literal is the pnpm of its runs (an
 * error when it hands the publish to a too old npm); a dispatch's default, or a `workflow_call`
 * default when only other repositories call the workflow, is a value a run may replace (a warning at
 * most); callers that disagree, or an input with no value, stay unread as before.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: 'pkg-x', version: '1.0.0', repository: 'github:o/r' });
const job = (node: string): string =>
  [
    'permissions:',
    '  id-token: write',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: pnpm/action-setup@v4',
    '        with:',
    '          version: ${{ inputs.pnpm }}',
    '      - uses: actions/setup-node@v5',
    '        with:',
    `          node-version: ${node}`,
    '          package-manager-cache: false',
    '      - run: pnpm publish --no-git-checks',
    '',
  ].join('\n');
const on = (event: string, dflt: string): string => `on:\n  ${event}:\n    inputs:\n      pnpm:\n        type: string\n        default: '${dflt}'\n`;
const caller = (pnpm: string): string => `on: push\njobs:\n  call:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/release.yml\n    with:\n      pnpm: '${pnpm}'\n`;

async function lint(files: Record<string, string>): Promise<string[]> {
  const all = Object.fromEntries(Object.entries(files).map(([f, t]) => [`.github/workflows/${f}`, t]));
  const found = await lintFiles({ 'package.json': PKG, ...all }, {});
  return found.filter((d) => d.ruleId === 'npm-supports-oidc').map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

const TOO_OLD = (major: number): string =>
  `\`pnpm publish (pnpm ${major} runs npm publish)\` runs with npm 10.8.2, bundled with Node 20.20.2 ("20") (setup-node \`node-version: 20\`); trusted publishing needs npm 11.5.1 or later`;

describe('npm-supports-oidc on a pnpm from a workflow’s own inputs', () => {
  it('a local caller passes pnpm 10: its npm, an error', async () => {
    expect(await lint({ 'release.yml': on('workflow_call', '11.1.0') + job('20'), 'main.yml': caller('10.18.0') })).toEqual([`20:14 error ${TOO_OLD(10)}`]);
  });

  it('a dispatch default of pnpm 10: a warning', async () => {
    expect(await lint({ 'release.yml': on('workflow_dispatch', '10.18.0') + job('20') })).toEqual([`20:14 warning ${TOO_OLD(10)}`]);
  });

  it('a workflow_call default with no local caller: a warning', async () => {
    expect(await lint({ 'release.yml': on('workflow_call', '9') + job('20') })).toEqual([`20:14 warning ${TOO_OLD(9)}`]);
  });

  it('a dispatch default of pnpm 11 on Node 24: quiet (pnpm 11 exchanges the token itself)', async () => {
    expect(await lint({ 'release.yml': on('workflow_dispatch', '11.1.3') + job('24') })).toEqual([]);
  });

  it('callers that disagree: unread, as before', async () => {
    const [d, ...rest] = await lint({ 'release.yml': on('workflow_call', '10') + job('20'), 'main.yml': caller('10.18.0'), 'other.yml': caller('11.1.3').replace('call:', 'other:') });
    expect(rest).toEqual([]);
    expect(d).toBe('20:14 warning Cannot tell which pnpm runs `pnpm publish` in job "publish": pnpm 10 and older would publish with npm 10.8.2, bundled with Node 20.20.2 ("20"), and trusted publishing needs npm 11.5.1 or later');
  });
});
