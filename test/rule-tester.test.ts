/**
 * Tests of the rule tester itself (test/rule-tester.ts), for its `companions` option: rules that
 * run beside the rule under test and whose findings every case must state. Two made-up rules report
 * a word in any YAML document: `word-a` (the rule under test, two message ids) and `word-b` (its
 * companion). A case is run with `checkCase`, the function `ruleTester.run` wraps in one test per case.
 */
import { describe, expect, it } from 'vitest';
import { wordRule } from './helpers.js';
import { checkCase, checkCoverage, lintRule, ruleTester } from './rule-tester.js';


const wordA = wordRule('word-a', 'AAA', true);
const wordB = wordRule('word-b', 'BBB');
const WF = '.github/workflows/ci.yml';
const workflow = (run: string): Record<string, string> => ({
  [WF]: ['on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', `      - run: ${run}`, ''].join('\n'),
});
const companions = { companions: [wordB] };

/** The list of findings a failed comparison saw (the `actual` of its assertion error). */
async function seen(run: Promise<unknown>): Promise<unknown> {
  const error: unknown = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the case passed').toBeInstanceOf(Error);
  return (error as { actual?: unknown }).actual;
}

describe('rule tester: companions', () => {
  it('lintRule returns the companions\' findings beside the rule\'s, and none without them', async () => {
    const files = workflow('echo AAA BBB');
    expect((await lintRule(wordA, files, companions)).map((d) => `${d.ruleId}/${d.messageId}@${d.column}`)).toEqual([
      'word-a/found@19',
      'word-b/found@23',
    ]);
    expect((await lintRule(wordA, files)).map((d) => d.ruleId)).toEqual(['word-a']);
  });

  it('an unexpected companion finding fails a valid case', async () => {
    expect(await seen(checkCase(wordA, { name: 'v', files: workflow('echo BBB') }, companions))).toEqual([`${WF} word-b/found@6:19-6:22`]);
    await expect(checkCase(wordA, { name: 'v', files: workflow('echo BBB'), companionErrors: ['word-b/found@6:19-6:22'] }, companions)).resolves.toEqual([]);
  });

  it('an unexpected companion finding fails an invalid case', async () => {
    const files = workflow('echo AAA BBB');
    expect(await seen(checkCase(wordA, { name: 'i', files, errors: ['found@6:19-6:22'] }, companions))).toEqual(['found@6:19-6:22', 'word-b/found@6:23-6:26']);
    await expect(checkCase(wordA, { name: 'i', files, errors: ['found@6:19-6:22', 'word-b/found@6:23-6:26'] }, companions)).resolves.toEqual(['found']);
  });

  it('a companion finding the case expects must be there, in report order, with its data', async () => {
    const files = workflow('echo AAA');
    expect(await seen(checkCase(wordA, { name: 'i', files, errors: ['found@6:19-6:22', 'word-b/found@6:19-6:22'] }, companions))).toEqual(['found@6:19-6:22']);
    expect(await seen(checkCase(wordA, { name: 'v', files: workflow('echo fine'), companionErrors: ['word-b/found@6:19-6:22'] }, companions))).toEqual([]);
    const both = workflow('echo AAA BBB');
    expect(await seen(checkCase(wordA, { name: 'i', files: both, errors: ['word-b/found@6:23-6:26', 'found@6:19-6:22'] }, companions))).toEqual(['found@6:19-6:22', 'word-b/found@6:23-6:26']);
    const wrongData = { ruleId: 'word-b', messageId: 'found', at: '6:23-6:26', exactData: { word: 'AAA' } };
    await expect(checkCase(wordA, { name: 'i', files: both, errors: ['found@6:19-6:22', wrongData] }, companions)).rejects.toThrow(/data of finding 2/);
  });

  it('rejects cases that misuse companions', async () => {
    const files = workflow('echo AAA BBB');
    // a companion finding without the companion, or a companion's message id it does not have
    await expect(checkCase(wordA, { name: 'i', files, errors: ['found@6:19-6:22', 'word-b/found@6:23-6:26'] })).rejects.toThrow(/not a companion of word-a/);
    await expect(checkCase(wordA, { name: 'i', files, errors: ['found@6:19-6:22', 'word-b/never@6:23-6:26'] }, companions)).rejects.toThrow(/word-b has no message id "never"/);
    // an invalid case with only companion findings, a valid case listing the rule's own finding
    await expect(checkCase(wordA, { name: 'i', files: workflow('echo BBB'), errors: ['word-b/found@6:19-6:22'] }, companions)).rejects.toThrow(/at least one of the rule/);
    await expect(checkCase(wordA, { name: 'v', files, companionErrors: ['found@6:19-6:22'] }, companions)).rejects.toThrow(/only companion findings/);
    // the rule as its own companion, a companion named twice
    await expect(checkCase(wordA, { name: 'v', files: workflow('echo fine') }, { companions: [wordA] })).rejects.toThrow(/rule under test/);
    await expect(checkCase(wordA, { name: 'v', files: workflow('echo fine') }, { companions: [wordB, wordB] })).rejects.toThrow(/named twice/);
  });

  it('message-id coverage counts only the rule\'s own findings', async () => {
    // word-b reports `found`; word-a reports nothing, so `found` of word-a is still not covered
    const produced = new Set(await checkCase(wordA, { name: 'v', files: workflow('echo BBB'), companionErrors: ['word-b/found@6:19-6:22'] }, companions));
    expect(() => checkCoverage(wordA, produced, { never: 'not produced by the made-up rule' })).toThrow(/message ids of word-a that no invalid case produced/);
    expect(await seen(Promise.resolve().then(() => checkCoverage(wordA, produced, { never: 'not produced by the made-up rule' })))).toEqual(['found']);
    const own = new Set(await checkCase(wordA, { name: 'i', files: workflow('echo AAA BBB'), errors: ['found@6:19-6:22', 'word-b/found@6:23-6:26'] }, companions));
    expect(await seen(Promise.resolve().then(() => checkCoverage(wordA, own)))).toEqual(['never']);
    expect(() => checkCoverage(wordA, own, { never: 'not produced by the made-up rule' })).not.toThrow();
  });

  // The option through `run`, as a rule suite uses it.
  describe('ruleTester.run with companions', () => {
    ruleTester.run(wordA, {
      companions: [wordB],
      valid: [{ name: 'only the companion reports', files: workflow('echo BBB'), companionErrors: ['word-b/found@6:19-6:22'] }],
      invalid: [{ name: 'both report', files: workflow('echo BBB AAA'), errors: ['word-b/found@6:19-6:22', 'found@6:23-6:26'] }],
      notCovered: { never: 'the made-up rule never reports it' },
    });
  });
});
