import { describe, expect, it } from 'vitest';
import { inferPublishers } from '../../src/config/infer.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { MemoryFs } from '../../src/fs/source.js';
import { runnableEntryChains } from '../../src/model/github/entry-events.js';
import { loadProject } from '../../src/model/project.js';

/**
 * A called workflow's `inputs.*` in the `if:` conditions on an entry chain (src/model/github/
 * call-inputs.ts): supabase/cli's `smoke-test-pr.yml` calls `release-shared.yml` `with: dry_run:
 * true`, and the publish job there runs `if: ${{ !inputs.dry_run }}`.
 *
 * `entry.yml` (push, pull_request) calls `shared.yml` (or `mid.yml`, which calls `shared.yml`);
 * `shared.yml` declares `inputs` and its job `publish` runs `npm publish`.
 */
interface Case {
  name: string;
  /** The `inputs:` entries of `shared.yml`'s `on.workflow_call`, one per line. */
  inputs: string[];
  /** The `with:` entries of the call of `shared.yml` (from mid.yml when `mid` is given, else from entry.yml). */
  with: string[];
  jobIf?: string;
  stepIf?: string;
  /** `mid.yml` between: its inputs and the `with:` entry.yml passes it. */
  mid?: { inputs: string[]; with: string[] };
  /** The `if:` of the entry's caller job. */
  callerIf?: string;
  /** True: the run of entry.yml may reach the publish; false: it never does. */
  runs: boolean;
}

const BOOL = ['dry_run:', '  type: boolean'];
const BOOL_REQUIRED = ['dry_run:', '  required: true', '  type: boolean'];
const STRING = ['mode:', '  type: string'];
const NUMBER = ['level:', '  type: number'];
const NOT_DRY = '${{ !inputs.dry_run }}';

const cases: Case[] = [
  { name: 'supabase: `with: dry_run: true` under `if: !inputs.dry_run`', inputs: BOOL_REQUIRED, with: ['dry_run: true'], jobIf: NOT_DRY, runs: false },
  { name: 'control: `dry_run: false`', inputs: BOOL_REQUIRED, with: ['dry_run: false'], jobIf: NOT_DRY, runs: true },
  { name: 'the publish step `if:` decides', inputs: BOOL, with: ['dry_run: true'], stepIf: NOT_DRY, runs: false },
  { name: 'a bare boolean input that is false', inputs: ['publish:', '  type: boolean'], with: ['publish: false'], jobIf: 'inputs.publish', runs: false },
  { name: 'the default when the caller does not pass it', inputs: [...BOOL, '  default: true'], with: [], jobIf: NOT_DRY, runs: false },
  { name: 'control: the default false', inputs: [...BOOL, '  default: false'], with: [], jobIf: NOT_DRY, runs: true },
  { name: 'control: not passed, no default: false', inputs: BOOL, with: [], jobIf: NOT_DRY, runs: true },
  { name: 'not passed, no default: false for a boolean (GitHub docs)', inputs: ['publish:', '  type: boolean'], with: [], jobIf: 'inputs.publish', runs: false },
  { name: 'not passed, no default: "" for a string', inputs: STRING, with: [], jobIf: "inputs.mode != ''", runs: false },
  { name: 'not passed, no default: 0 for a number', inputs: NUMBER, with: [], jobIf: 'inputs.level != 0', runs: false },
  { name: 'control: not passed, no default, `required: false`', inputs: ['publish:', '  type: boolean', '  required: false'], with: [], jobIf: 'inputs.publish', runs: false },
  { name: 'control: a `required: true` input not passed (GitHub refuses the call): unknown', inputs: ['publish:', '  type: boolean', '  required: true'], with: [], jobIf: 'inputs.publish', runs: true },
  { name: 'control: a default that is an expression', inputs: [...BOOL, "  default: ${{ github.event_name == 'push' }}"], with: [], jobIf: NOT_DRY, runs: true },
  { name: 'control: an expression in `with:`', inputs: BOOL, with: ["dry_run: ${{ github.event_name == 'pull_request' }}"], jobIf: NOT_DRY, runs: true },
  { name: "control: the string 'true' for a boolean input: conversion not modelled", inputs: BOOL, with: ["dry_run: 'true'"], jobIf: NOT_DRY, runs: true },
  { name: 'control: `True` for a boolean input', inputs: BOOL, with: ['dry_run: True'], jobIf: NOT_DRY, runs: true },
  { name: "a boolean is not the string 'true' (`true == 'true'` compares as numbers)", inputs: BOOL, with: ['dry_run: false'], jobIf: "inputs.dry_run == 'false'", runs: false },
  { name: 'a string input compared', inputs: STRING, with: ['mode: dry-run'], jobIf: "inputs.mode == 'release'", runs: false },
  { name: 'control: the string that matches', inputs: STRING, with: ['mode: release'], jobIf: "inputs.mode == 'release'", runs: true },
  { name: "the string 'false' is truthy", inputs: STRING, with: ["mode: 'false'"], jobIf: '${{ !inputs.mode }}', runs: false },
  { name: 'control: a plain `no` for a string input (YAML 1.1 reads a boolean)', inputs: STRING, with: ['mode: no'], jobIf: "inputs.mode == 'yes'", runs: true },
  { name: 'control: a number for a string input', inputs: STRING, with: ['mode: 1.10'], jobIf: "inputs.mode == '1.1'", runs: true },
  { name: 'a number input', inputs: NUMBER, with: ['level: 3'], jobIf: 'inputs.level == 2', runs: false },
  { name: "control: the string '3' for a number input", inputs: NUMBER, with: ["level: '3'"], jobIf: 'inputs.level == 2', runs: true },
  { name: 'control: an input the callee does not declare', inputs: BOOL, with: ['other: true'], jobIf: '${{ !inputs.other }}', runs: true },
  { name: 'input names ignore case', inputs: BOOL, with: ['DRY_RUN: true'], jobIf: '${{ !inputs.Dry_Run }}', runs: false },
  { name: 'control: two keys differing in case', inputs: BOOL, with: ['DRY_RUN: true', 'dry_run: false'], jobIf: NOT_DRY, runs: true },
  { name: 'combined with the event: no event gets past', inputs: BOOL, with: ['dry_run: true'], jobIf: "github.event_name == 'push' && !inputs.dry_run", runs: false },
  { name: "control: `|| github.ref == ...` may be true", inputs: BOOL, with: ['dry_run: true'], jobIf: "${{ !inputs.dry_run || github.ref == 'refs/heads/main' }}", runs: true },
  { name: "control: the entry's own inputs (a dispatch's) stay unknown", inputs: BOOL, with: ['dry_run: false'], callerIf: NOT_DRY, runs: true },
  {
    name: 'nested: a `${{ inputs.x }}` passthrough from a literal one hop out',
    inputs: BOOL,
    with: ['dry_run: ${{ inputs.dry_run }}'],
    mid: { inputs: BOOL, with: ['dry_run: true'] },
    jobIf: NOT_DRY,
    runs: false,
  },
  {
    name: "nested: a passthrough of the middle workflow's default",
    inputs: BOOL,
    with: ['dry_run: ${{ inputs.smoke }}'],
    mid: { inputs: ['smoke:', '  type: boolean', '  default: true'], with: [] },
    jobIf: NOT_DRY,
    runs: false,
  },
  { name: 'nested: a literal at the inner hop', inputs: BOOL, with: ['dry_run: true'], mid: { inputs: BOOL, with: ['dry_run: false'] }, jobIf: NOT_DRY, runs: false },
  {
    name: 'nested control: a computed value one hop in',
    inputs: BOOL,
    with: ['dry_run: ${{ inputs.dry_run || false }}'],
    mid: { inputs: BOOL, with: ['dry_run: true'] },
    jobIf: NOT_DRY,
    runs: true,
  },
  {
    name: 'nested control: a string passed on to a boolean input',
    inputs: BOOL,
    with: ['dry_run: ${{ inputs.mode }}'],
    mid: { inputs: STRING, with: ["mode: 'true'"] },
    jobIf: NOT_DRY,
    runs: true,
  },
  { name: "control: a passthrough of the entry's inputs", inputs: BOOL, with: ['dry_run: ${{ inputs.dry_run }}'], jobIf: NOT_DRY, runs: true },
];

const indent = (lines: readonly string[], by: string): string => lines.map((l) => `${by}${l}\n`).join('');
const withBlock = (lines: readonly string[]): string => (lines.length === 0 ? '' : `    with:\n${indent(lines, '      ')}`);
const inputsBlock = (lines: readonly string[]): string => `on:\n  workflow_call:\n    inputs:\n${indent(lines, '      ')}`;

function files(c: Case): Record<string, string> {
  const callee = c.mid ? 'mid.yml' : 'shared.yml';
  const callerIf = c.callerIf ? `    if: ${c.callerIf}\n` : '';
  const out: Record<string, string> = {
    '.github/workflows/entry.yml': `on: [push, pull_request]\njobs:\n  call:\n${callerIf}    uses: ./.github/workflows/${callee}\n${withBlock(c.mid ? c.mid.with : c.with)}`,
    '.github/workflows/shared.yml': [
      inputsBlock(c.inputs),
      'jobs:\n  publish:\n',
      c.jobIf ? `    if: ${c.jobIf}\n` : '',
      '    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish\n',
      c.stepIf ? `        if: ${c.stepIf}\n` : '',
    ].join(''),
  };
  if (c.mid) out['.github/workflows/mid.yml'] = `${inputsBlock(c.mid.inputs)}jobs:\n  call:\n    uses: ./.github/workflows/shared.yml\n${withBlock(c.with)}`;
  return out;
}

describe('runnableEntryChains: a called workflow\'s inputs from its caller', () => {
  it.each(cases)('$name', (c) => {
    const project = loadProject(new MemoryFs(files(c)));
    const shared = project.workflows.find((w) => w.fileName === 'shared.yml')!;
    const job = shared.jobs[0]!;
    const chains = runnableEntryChains(project.callGraph, job, job.steps);
    expect(chains.map((ch) => ch.entry.fileName)).toEqual(c.runs ? ['entry.yml'] : []);
  });
});

describe('inferPublishers counts only the callers whose inputs let the publish run', () => {
  const caller = (dry: string): string => `on: push\njobs:\n  release:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/release-shared.yml\n    with:\n      dry_run: ${dry}\n`;
  it.each([
    ['true', 'release.yml', 'workflow release.yml'],
    ['${{ github.ref_name == \'main\' }}', undefined, '2 workflows that publish (release.yml, smoke-test-pr.yml)'],
  ])('smoke-test-pr.yml passes `dry_run: %s`', (dry, workflow, named) => {
    const project = loadProject(
      new MemoryFs({
        '.git/config': '[remote "origin"]\n url = https://github.com/acme/cli.git\n',
        '.github/workflows/release.yml': caller('false'),
        '.github/workflows/smoke-test-pr.yml': caller(dry).replace('on: push', 'on: pull_request'),
        '.github/workflows/release-shared.yml': `${inputsBlock(BOOL_REQUIRED)}jobs:\n  publish:\n    if: ${NOT_DRY}\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish\n`,
      }),
    );
    const { config, note } = inferPublishers(project, EMPTY_CONFIG);
    expect(config.publishers[0]).toMatchObject({ provider: 'github', workflow });
    expect(note).toContain(named);
  });
});
