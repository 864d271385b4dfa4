import { describe, expect, it } from 'vitest';
import { readWorkflow } from '../../src/model/github/workflow.js';
import { shellEnvEntries } from '../../src/model/github/steps.js';
import { parseYaml } from '../../src/yaml/parse.js';

/**
 * `shellEnvEntries`: which `env:` entry a `$name` of a step's command reads, through the shells of
 * `src/model/data/run-shells.ts`. The job `go` runs `echo start`, then `run` with the step lines
 * `step`; `runsOn` and `defaults` are the job's.
 */
const cases: { name: string; word: string; run?: string; step?: string; runsOn?: string; defaults?: string; before?: string; want: string[] }[] = [
  { name: '$name from the job env', word: '$P', want: ['job:napi/${{ inputs.name }}'] },
  { name: '${name} with a suffix', word: '${P}/dist', want: ['job:napi/${{ inputs.name }}'] },
  { name: '${name:-x}', word: '${P:-x}', want: ['job:napi/${{ inputs.name }}'] },
  { name: 'the step env first', word: '$P', step: 'env:\n          P: dist', want: ['step:dist'] },
  { name: 'the workflow env when the job has none', word: '$W', want: ['workflow:w'] },
  { name: 'two references', word: '$P/$W', want: ['job:napi/${{ inputs.name }}', 'workflow:w'] },
  { name: 'no env entry', word: '$OTHER', want: [] },
  { name: 'no reference', word: 'P', want: [] },
  { name: 'another case', word: '$p', want: [] },
  { name: 'shell: bash', word: '$P', step: 'shell: bash', want: ['job:napi/${{ inputs.name }}'] },
  { name: 'shell: sh -e {0}', word: '$P', step: 'shell: sh -e {0}', want: ['job:napi/${{ inputs.name }}'] },
  { name: 'shell: pwsh', word: '$P', step: 'shell: pwsh', want: [] },
  { name: 'shell: python', word: '$P', step: 'shell: python', want: [] },
  { name: 'defaults.run.shell: cmd', word: '$P', defaults: 'defaults:\n      run:\n        shell: cmd', want: [] },
  { name: 'defaults.run.shell: bash on Windows', word: '$P', runsOn: 'windows-2022', defaults: 'defaults:\n      run:\n        shell: bash', want: ['job:napi/${{ inputs.name }}'] },
  { name: 'a Windows runner', word: '$P', runsOn: 'windows-latest', want: [] },
  { name: 'a macOS runner', word: '$P', runsOn: 'macos-latest', want: ['job:napi/${{ inputs.name }}'] },
  { name: 'a runner from an expression', word: '$P', runsOn: '${{ inputs.os }}', want: [] },
  { name: 'assigned before', word: '$P', before: 'P=dist; ', want: [] },
  { name: 'exported before', word: '$P', before: 'export P=dist\n', want: [] },
  { name: 'read before', word: '$P', before: 'read -r P < file\n', want: [] },
  { name: 'unset before', word: '$P', before: 'unset P; ', want: [] },
  // Review of 2026-12-04: the words `read` and the name in another command's arguments set nothing.
  { name: 'the word read and the name in an echo', word: '$P', before: 'echo read the P docs; ', want: ['job:napi/${{ inputs.name }}'] },
  { name: 'many read words on one line', word: '$P', before: `echo ${'read '.repeat(2000)}\n`, want: ['job:napi/${{ inputs.name }}'] },
  { name: 'a loop variable', word: '$P', before: 'for P in a b; do ', want: [] },
  { name: 'another name assigned before', word: '$P', before: 'Q=dist; echo $P; ', want: ['job:napi/${{ inputs.name }}'] },
  { name: 'a flag with the name', word: '$P', before: 'echo --P=1; ', want: ['job:napi/${{ inputs.name }}'] },
  { name: 'written to $GITHUB_ENV by an earlier step', word: '$P', run: 'echo "P=dist" >> "$GITHUB_ENV"', want: [] },
  { name: 'a heredoc in $GITHUB_ENV by an earlier step', word: '$P', run: 'echo "P<<EOF" >> "$GITHUB_ENV"', want: [] },
];

describe('shellEnvEntries', () => {
  it.each(cases)('$name', (c) => {
    const text = [
      'on: workflow_call',
      'env:',
      '  W: w',
      'jobs:',
      '  go:',
      `    runs-on: ${c.runsOn ?? 'ubuntu-latest'}`,
      ...(c.defaults ? [`    ${c.defaults}`] : []),
      '    env:',
      '      P: napi/${{ inputs.name }}',
      '    steps:',
      `      - run: ${c.run ?? 'echo start'}`,
      `      - run: ${JSON.stringify(`${c.before ?? ''}npm publish ${c.word}`)}`,
      ...(c.step ? [`        ${c.step}`] : []),
      '',
    ].join('\n');
    const result = readWorkflow(parseYaml('.github/workflows/release.yml', text));
    if ('notAWorkflow' in result) throw new Error(result.notAWorkflow);
    const step = result.jobs[0]!.steps[1]!;
    const got = shellEnvEntries(step, c.word, c.before ?? '').map((e) => `${e.level}:${e.value}`);
    expect(got).toEqual(c.want);
  });
});
