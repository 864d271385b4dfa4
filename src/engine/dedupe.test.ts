import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import { defineRule } from './define-rule.js';
import { callersText, type Caller } from './callers.js';

/** Reports the workflow's `on:` key twice with the same message: first as a guess, then as certain. */
const twice = defineRule({
  id: 'twice',
  meta: { severity: 'error', providers: ['github'], summary: 'test rule', messages: { same: { text: 'the same finding', why: 'why', fix: 'fix' } } },
  hooks: {
    githubWorkflow(workflow, ctx) {
      const at = workflow.onNode ?? workflow.root;
      ctx.report({ messageId: 'same', data: {}, at, certainty: 'likely' });
      ctx.report({ messageId: 'same', data: {}, at, certainty: 'certain' });
    },
  },
});

describe('the same finding reported twice', () => {
  it('is kept once, with the highest severity either report has', async () => {
    const files = { 'package.json': '{"name":"w"}', '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n' };
    const found = await lintFiles(files, { rules: [twice], rule: 'twice' });
    expect(found.map((d) => `${d.messageId}:${d.severity}:${d.line}`)).toEqual(['same:error:1']);
  });
});

/**
 * Reports line 1 of a local action's file from each job's hook: job "a" twice (a guess, then
 * certain), any other job once as a guess; `named`: the message names the job.
 */
const fromCallers = (named: boolean) =>
  defineRule({
    id: 'from-callers',
    meta: { severity: 'error', providers: ['github'], summary: 'test rule', messages: { same: { text: 'the same finding{suffix}', why: 'why', fix: 'fix' } } },
    hooks: {
      githubJob(job, ctx) {
        const at = { file: '.github/actions/x/action.yml', start: { line: 1, column: 1 }, end: { line: 1, column: 5 } };
        const data = { suffix: named ? ` in job "${job.id}"` : '', ...(named ? { job: job.id } : {}) };
        ctx.report({ messageId: 'same', data, at, certainty: 'likely' });
        if (job.id === 'a') ctx.report({ messageId: 'same', data, at, certainty: 'certain' });
      },
    },
  });

// A publishing action: a workflow whose job publishes nothing is linted alone, streamed (run.ts `inertWorkflowLinter`).
const ACTION = 'runs:\n  using: composite\n  steps:\n    - run: npm publish\n      shell: bash\n';
const callerWorkflow = (job: string): string => `on: push\njobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/x\n`;

describe('the same finding at a local action two jobs call', () => {
  it('is kept per calling job, the most severe of each job, each naming its caller', async () => {
    const files = { 'package.json': '{"name":"w"}', '.github/actions/x/action.yml': ACTION, '.github/workflows/a.yml': callerWorkflow('a'), '.github/workflows/b.yml': callerWorkflow('b') };
    const found = await lintFiles(files, { rules: [fromCallers(false)], rule: 'from-callers' });
    expect(found.map((d) => `${d.severity}:${d.message}:${d.related.map((r) => `${r.file}:${r.start.line} ${r.label}`).join(',')}`)).toEqual([
      'error:the same finding (in job "a" of .github/workflows/a.yml):.github/workflows/a.yml:6 calling job "a" of .github/workflows/a.yml',
      'warning:the same finding (in job "b" of .github/workflows/b.yml):.github/workflows/b.yml:6 calling job "b" of .github/workflows/b.yml',
    ]);
  });

  it('names only the workflow when the message names the job already', async () => {
    const files = { 'package.json': '{"name":"w"}', '.github/actions/x/action.yml': ACTION, '.github/workflows/a.yml': callerWorkflow('a'), '.github/workflows/b.yml': callerWorkflow('b') };
    const found = await lintFiles(files, { rules: [fromCallers(true)], rule: 'from-callers' });
    expect(found.map((d) => `${d.severity}:${d.message}`)).toEqual(['error:the same finding in job "a" (in .github/workflows/a.yml)', 'warning:the same finding in job "b" (in .github/workflows/b.yml)']);
  });

  it('control: one calling job keeps one finding, its most severe, as before', async () => {
    const files = { 'package.json': '{"name":"w"}', '.github/actions/x/action.yml': ACTION, '.github/workflows/a.yml': callerWorkflow('a') };
    const found = await lintFiles(files, { rules: [fromCallers(false)], rule: 'from-callers' });
    expect(found.map((d) => `${d.severity}:${d.message}:${d.related.length}`)).toEqual(['error:the same finding:0']);
  });
});

describe('callersText', () => {
  const caller = (i: number): Caller => ({ key: `w${i}:j`, job: 'j', workflow: `w${i}.yml`, at: { file: `w${i}.yml`, start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } });
  it('names up to three callers, then counts the rest', () => {
    expect(callersText([1, 2, 3].map(caller))).toBe('job "j" of w1.yml, job "j" of w2.yml and job "j" of w3.yml');
    expect(callersText([1, 2, 3, 4, 5].map(caller))).toBe('job "j" of w1.yml, job "j" of w2.yml and 3 more jobs');
  });
});
