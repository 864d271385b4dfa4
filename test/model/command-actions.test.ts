import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { lint } from '../../src/api.js';
import { COMMAND_ACTIONS } from '../../src/model/data/command-actions.js';
import { rawStepShell, runKey, shellEnvEntries, stepDirectory } from '../../src/model/github/steps.js';
import type { Step } from '../../src/model/github/types.js';
import { readWorkflow } from '../../src/model/github/workflow.js';
import { MemoryFs } from '../../src/fs/source.js';
import { parseYaml } from '../../src/yaml/parse.js';

/**
 * Actions that run a shell script given in an input (src/model/data/command-actions.ts): the input
 * is read as the step's `run:`. The job `release` runs `actions/checkout`, then the step `step`
 * (lines from 9, indented 6); `job` adds lines to the job (indented 4).
 */
function workflow(step: string, job = ''): string {
  return ['on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', ...(job ? [job] : []), '    permissions:', '      id-token: write', '    steps:', '      - uses: actions/checkout@v5', step, ''].join('\n');
}

function stepOf(text: string): Step {
  const wf = readWorkflow(parseYaml('.github/workflows/release.yml', text));
  if ('notAWorkflow' in wf) throw new Error('not a workflow');
  return wf.jobs[0]!.steps[1]!;
}

/** `line:col-line:col` of `needle` in `text`. */
function loc(text: string, needle: string): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at).split('\n');
  const col = before.at(-1)!.length + 1;
  return `${before.length}:${col}-${before.length}:${col + needle.length}`;
}

const wrap = (uses: string, inputs: string): string => `      - uses: ${uses}\n        with:\n${inputs}`;

/** [name, table id (undefined: no command action), step text, publish command expected (undefined: none)]. */
const rows: [string, string | undefined, string, string | undefined][] = [
  ['nick-fields/retry `command`', 'nick-fields-retry', wrap('nick-fields/retry@v3', '          max_attempts: 3\n          command: npm publish --access public'), 'npm publish --access public'],
  ['nick-invision/retry (its former name)', 'nick-fields-retry', wrap('nick-invision/retry@v2', '          command: npm publish'), 'npm publish'],
  ['nick-fields/retry with a pinned sha, a script through `git checkout . &&`', 'nick-fields-retry', wrap('nick-fields/retry@7152eba30c6575329ac0576536151aca5a72780e', "          command: 'git checkout . && npm publish'"), 'npm publish'],
  ['a block scalar command', 'nick-fields-retry', wrap('nick-fields/retry@v3', '          command: |\n            npm ci\n            npm publish'), 'npm publish'],
  ['Wandalen/wretry.action `command`', 'wretry-action', wrap('Wandalen/wretry.action@v3.8.0', '          command: npm publish\n          attempt_limit: 3'), 'npm publish'],
  ['Wandalen/wretry.action/main', 'wretry-action', wrap('Wandalen/wretry.action/main@v3', '          command: npm publish'), 'npm publish'],
  ['an action of another name with a `command` input', undefined, wrap('acme/retry@v1', '          command: npm publish'), undefined],
  ['a local action named like one', undefined, wrap('./nick-fields/retry', '          command: npm publish'), undefined],
  ['nick-fields/retry without `command`', undefined, wrap('nick-fields/retry@v3', '          new_command_on_retry: npm publish'), undefined],
];

describe('command-running actions: the script input is the step run', () => {
  it.each(rows)('%s', async (_name, id, step, publish) => {
    const text = workflow(step);
    const outcome = await lint({ fs: new MemoryFs({ '.github/workflows/release.yml': text, 'package.json': '{"name":"widget","version":"1.0.0"}' }), rules, stream: false });
    if (!outcome.ok) throw new Error('config errors');
    const found = outcome.project.workflows[0]!.jobs[0]!.steps[1]!;
    expect(found.wrapper !== undefined).toBe(id !== undefined);
    const publishes = found.publishes.filter((p) => p.certainty !== 'possible');
    if (publish === undefined) {
      expect(publishes).toEqual([]);
      return;
    }
    expect(publishes.map((p) => p.match.text)).toEqual([publish]);
    const { start, end } = publishes[0]!.location;
    expect(`${start.line}:${start.column}-${end.line}:${end.column}`).toBe(loc(text, publish));
    expect(publishes[0]!.viaAction).toBeUndefined();
  });

  // Every table row has a positive row above.
  it.each(COMMAND_ACTIONS.map((a) => a.id))('table row %s has a positive row', (id) => {
    expect(rows.some(([, rowId, , publish]) => rowId === id && publish !== undefined)).toBe(true);
  });
});

/** [name, step text, job lines, directory, shell, whether `$P` reads the job env]. */
const facts: [string, string, string, string | undefined, string | undefined, boolean][] = [
  ['no directory input: the workspace, not defaults.run', wrap('nick-fields/retry@v3', '          command: npm publish $P'), '    defaults:\n      run:\n        working-directory: packages/a\n        shell: pwsh', '', undefined, true],
  ["wretry's current_path", wrap('Wandalen/wretry.action@v3', '          current_path: packages/b\n          command: npm publish $P'), '', 'packages/b', undefined, true],
  ['the shell input: pwsh reads no $P', wrap('nick-fields/retry@v3', '          shell: pwsh\n          command: npm publish $P'), '', '', 'pwsh', false],
  ['the shell input: sh', wrap('nick-fields/retry@v3', '          shell: sh\n          command: npm publish $P'), '', '', 'sh', true],
  ['a `run:` step keeps defaults.run', '      - run: npm publish $P', '    defaults:\n      run:\n        working-directory: packages/a\n        shell: pwsh', 'packages/a', 'pwsh', false],
];

describe('command-running actions: directory and shell', () => {
  it.each(facts)('%s', (_name, step, job, directory, shell, readsEnv) => {
    const s = stepOf(workflow(step, `${job ? `${job}\n` : ''}    env:\n      P: dist`));
    expect(stepDirectory(s)).toBe(directory);
    expect(rawStepShell(s)).toBe(shell);
    expect(shellEnvEntries(s, '$P', '').length > 0).toBe(readsEnv);
    expect(runKey(s)).toBe(s.wrapper ? 'with.command' : 'run');
  });
});
