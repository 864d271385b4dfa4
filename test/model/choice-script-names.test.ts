/**
 * A script name built from a `workflow_dispatch` choice input (lingui/js-lingui release.yml: `yarn
 * release:${{github.event.inputs.versionType}}`, options `latest` and `next`, both scripts running
 * `lerna publish`): each option's script is read (src/model/npm/chosen-scripts.ts). A publish that
 * only some options find, or find differently, runs only in the runs dispatched with those: likely,
 * not certain. One every option finds alike stays certain. Any other input keeps the script unknown.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const workflow = (run: string, opts: { inputs?: string; on?: string; stepIf?: string } = {}): string =>
  [
    'on:',
    ...(opts.on !== undefined ? [`  ${opts.on}:`] : []),
    '  workflow_dispatch:',
    '    inputs:',
    opts.inputs ?? '      versionType:\n        type: choice\n        options: [latest, next]\n        required: true',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/checkout@v4',
    ...(opts.stepIf !== undefined ? [`      - if: ${opts.stepIf}`, `        run: ${run}`] : [`      - run: ${run}`]),
    '',
  ].join('\n');

const repo = (scripts: Record<string, string>, yml: string): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'a', version: '1.0.0', repository: 'github:o/r', scripts }),
  '.github/workflows/release.yml': yml,
});

/** `certainty label [scripts]` per site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => `${s.certainty} ${s.publish.match.label} [${s.publish.match.via.map((v) => v.script).join(',')}]`);
}

const BOTH = { 'release:latest': 'npm publish --tag latest', 'release:next': 'npm publish --tag next' };
const RUN = 'npm run release:${{ github.event.inputs.versionType }}';

const cases: [name: string, files: Record<string, string>, want: string[]][] = [
  ['each option a different publish: each likely (fixture ba-choice-input-script-name)', repo(BOTH, workflow(RUN)), ['likely npm publish [release:latest]', 'likely npm publish [release:next]']],
  ['`inputs.x`, yarn', repo(BOTH, workflow('yarn release:${{ inputs.versionType }}')), ['likely npm publish [release:latest]', 'likely npm publish [release:next]']],
  ['pnpm run, case-insensitive name', repo(BOTH, workflow('pnpm run release:${{ inputs.VERSIONTYPE }}')), ['likely npm publish [release:latest]', 'likely npm publish [release:next]']],
  ['every option the same publish: certain, once', repo({ 'release:latest': 'npm publish', 'release:next': 'npm publish' }, workflow(RUN)), ['certain npm publish [release:latest]']],
  ['one option publishes: likely', repo({ 'release:latest': 'npm publish', 'release:next': 'echo skipped' }, workflow(RUN)), ['likely npm publish [release:latest]']],
  ['no option publishes: none', repo({ 'release:latest': 'echo a', 'release:next': 'npm publish --dry-run' }, workflow(RUN)), []],
  ['the step runs for one option only: its script, certain', repo(BOTH, workflow(RUN, { stepIf: "inputs.versionType == 'next'" })), ['certain npm publish [release:next]']],
  ['a free-form input: unknown, as before', repo(BOTH, workflow(RUN, { inputs: '      versionType:\n        type: string\n        required: true' })), []],
  ['another trigger too (the inputs may be empty): unknown, as before', repo(BOTH, workflow(RUN, { on: 'push' })), []],
  ['an expression that is not a whole input reference: unknown', repo(BOTH, workflow("npm run release:${{ inputs.versionType || 'latest' }}")), []],
  ['control: a literal name', repo(BOTH, workflow('npm run release:latest')), ['certain npm publish [release:latest]']],
];

describe('a script name built from a workflow_dispatch choice input', () => {
  it.each(cases)('%s', (_name, files, want) => {
    expect(sites(files)).toEqual(want);
  });
});
