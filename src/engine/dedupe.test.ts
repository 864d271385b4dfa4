import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';
import { defineRule } from './define-rule.js';

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
