import { describe, expect, it } from 'vitest';
import { lintFiles, wordRule } from '../../test/helpers.js';
import { ruleTester, type InvalidCase, type ValidCase } from '../../test/rule-tester.js';
import { findRule } from '../index.js';

const RULE = 'unused-disable-directive';

/**
 * Two tiny rules (`wordRule`, test/helpers.ts) that report every occurrence of a word (BAD, UGLY) in
 * any YAML document, so the tests do not depend on the real rules' logic. They run as companions of
 * unused-disable-directive (test/rule-tester.ts), with the real invalid-yaml: the rule judges their
 * suppressions, and every case asserts their findings too (`ruleId/messageId@range`; absent ones are
 * suppressed).
 */
const badWord = wordRule('bad-word', 'BAD');
const uglyWord = wordRule('ugly-word', 'UGLY');
const WF = '.github/workflows/ci.yml';

function workflow(...stepLines: string[]): string {
  return ['on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', ...stepLines, ''].join('\n');
}

const valid: ValidCase[] = [
  // the directive forms, used: silent
  {
    name: 'disable-next-line with a `--` reason suppresses the next line',
    files: { [WF]: workflow('      # tp-doctor-disable-next-line bad-word -- the vendor script needs it', '      - run: echo BAD') },
  },
  {
    name: 'disable-line as a trailing comment',
    files: { [WF]: workflow('      - run: echo BAD # tp-doctor-disable-line bad-word') },
  },
  {
    name: 'ids separated by a comma and by spaces',
    files: { [WF]: workflow('      - run: echo BAD UGLY # tp-doctor-disable-line bad-word,ugly-word') },
  },
  {
    name: 'a disable … enable block',
    files: {
      [WF]: workflow(
        '      # tp-doctor-disable bad-word',
        '      - run: echo BAD',
        '      - run: echo BAD again',
        '      # tp-doctor-enable bad-word',
        '      - run: echo BAD after',
      ),
    },
    companionErrors: ['bad-word/found@10:19-10:22'],
  },
  {
    name: 'a block without enable runs to the end of the file',
    files: { [WF]: workflow('      # tp-doctor-disable bad-word', '      - run: echo BAD', '      - run: echo BAD') },
  },
  {
    name: 'no ids suppresses every rule on the line',
    files: { [WF]: workflow('      - run: echo BAD UGLY # tp-doctor-disable-line -- generated file') },
  },
  {
    name: 'a shell comment inside `run: |` suppresses the next script line',
    files: {
      [WF]: workflow('      - run: |', '          npm ci', '          # tp-doctor-disable-next-line bad-word', '          echo BAD'),
    },
  },
  {
    name: 'a directive in a local composite action applies to that file',
    files: {
      [WF]: workflow('      - uses: ./.github/actions/release'),
      '.github/actions/release/action.yml': [
        'runs:',
        '  using: composite',
        '  steps:',
        '    - run: echo BAD # tp-doctor-disable-line bad-word',
        '      shell: bash',
        '',
      ].join('\n'),
    },
  },
  {
    name: 'the real invalid-yaml rule: an empty workflow silenced on its first line',
    files: { '.github/workflows/placeholder.yml': '# tp-doctor-disable-line invalid-yaml -- kept until the migration\n' },
  },
  {
    name: 'a rule the directive does not name is still reported',
    files: { [WF]: workflow('      - run: echo BAD UGLY # tp-doctor-disable-line bad-word') },
    companionErrors: ['ugly-word/found@6:23-6:27'],
  },
  // configuration
  {
    name: 'a directive naming a rule switched off in the config is not unused',
    files: {
      [WF]: workflow('      - run: echo fine # tp-doctor-disable-line ugly-word'),
      'tp-doctor.yml': 'rules:\n  ugly-word: "off"\n',
    },
  },
  {
    name: 'switching unused-disable-directive off silences every report',
    files: {
      [WF]: workflow('      - run: echo fine # tp-doctor-disable-line bad-word nope'),
      'tp-doctor.yml': 'rules:\n  unused-disable-directive: "off"\n',
    },
  },
  {
    name: 'a file that does not parse cannot suppress its own syntax error (and its directive is not read)',
    files: { [WF]: '# tp-doctor-disable invalid-yaml\non: [push\n' },
    companionErrors: ['invalid-yaml/syntax@3:1-3:1'],
  },
];

const invalid: InvalidCase[] = [
  // unused
  {
    name: 'unused: disable-next-line above a line without the problem',
    files: { [WF]: workflow('      # tp-doctor-disable-next-line bad-word -- old vendor script', '      - run: echo fine') },
    errors: [{ messageId: 'unused', at: '6:7-6:66', exactData: { directive: 'tp-doctor-disable-next-line', rule: 'bad-word' } }],
  },
  {
    name: 'unused: one id of two (comma separated) suppressed nothing',
    files: { [WF]: workflow('      - run: echo BAD # tp-doctor-disable-line bad-word, ugly-word') },
    errors: [{ messageId: 'unused', at: '6:23-6:67', exactData: { directive: 'tp-doctor-disable-line', rule: 'ugly-word' } }],
  },
  {
    name: 'unused: a block that suppresses nothing is reported on its disable line',
    files: { [WF]: workflow('      # tp-doctor-disable ugly-word', '      - run: echo fine', '      # tp-doctor-enable ugly-word') },
    errors: [{ messageId: 'unused', at: '6:7-6:36', exactData: { directive: 'tp-doctor-disable', rule: 'ugly-word' } }],
  },
  {
    name: 'unused: a stale directive inside a `run: |` block',
    files: { [WF]: workflow('      - run: |', '          # tp-doctor-disable-next-line bad-word', '          echo fine') },
    errors: ['unused@7:11-7:49'],
  },
  {
    name: 'unused: the same id twice is reported once',
    files: { [WF]: workflow('      - run: echo fine # tp-doctor-disable-line bad-word bad-word') },
    errors: ['unused@6:24-6:66'],
  },
  {
    name: 'a problem on the line after disable-line is not covered',
    files: { [WF]: workflow('      # tp-doctor-disable-line bad-word', '      - run: echo BAD') },
    errors: ['unused@6:7-6:40', 'bad-word/found@7:19-7:22'],
  },
  {
    name: 'renders the full message, as a warning by default',
    files: { [WF]: workflow('      # tp-doctor-disable-next-line bad-word', '      - run: echo fine') },
    errors: [
      {
        messageId: 'unused',
        at: '6:7-6:45',
        message: '`# tp-doctor-disable-next-line bad-word` suppresses nothing: "bad-word" reports no problem here',
        fix: 'Remove the comment (or the rule id from it)',
        severity: 'warning',
      },
    ],
  },
  // unusedAll
  {
    name: 'unusedAll: a blanket directive that suppresses nothing',
    files: { [WF]: workflow('      - run: echo fine # tp-doctor-disable-line -- just in case') },
    errors: [{ messageId: 'unusedAll', at: '6:24-6:64', exactData: { directive: 'tp-doctor-disable-line' } }],
  },
  // unknownRule
  {
    name: 'unknownRule: a misspelt id suppresses nothing, so the problem is reported too',
    files: { [WF]: workflow('      - run: echo BAD # tp-doctor-disable-line bad-words') },
    errors: [
      'bad-word/found@6:19-6:22',
      { messageId: 'unknownRule', at: '6:23-6:57', exactData: { directive: 'tp-doctor-disable-line', rule: 'bad-words' } },
    ],
  },
  {
    name: 'unknownRule: reason words without `--` are read as ids',
    files: { [WF]: workflow('      - run: echo BAD # tp-doctor-disable-line bad-word needed') },
    errors: [{ messageId: 'unknownRule', at: '6:23-6:63', exactData: { directive: 'tp-doctor-disable-line', rule: 'needed' } }],
  },
  {
    name: 'naming unused-disable-directive keeps a directive that suppresses nothing, but not a typo',
    files: { [WF]: workflow('      - run: echo fine # tp-doctor-disable-line bad-word unused-disable-directive bda-word') },
    errors: ['unknownRule@6:24-6:91'],
  },
  {
    name: 'takes a configured severity',
    files: {
      [WF]: workflow('      - run: echo fine # tp-doctor-disable-line nope'),
      'tp-doctor.yml': 'rules:\n  unused-disable-directive: error\n',
    },
    errors: [
      {
        messageId: 'unknownRule',
        at: '6:24-6:53',
        severity: 'error',
        message: '`# tp-doctor-disable-line` names "nope", which is not a tp-doctor rule',
      },
    ],
  },
];

describe(RULE, () => {
  ruleTester.run(RULE, { companions: [badWord, uglyWord, 'invalid-yaml'], valid, invalid });

  // The tester always registers the rule under test; this is the engine's path without it.
  it('does nothing when the rule is not in the rule list', async () => {
    const found = await lintFiles(
      { [WF]: workflow('      - run: echo fine # tp-doctor-disable-line nope') },
      { rules: [badWord, uglyWord, findRule('invalid-yaml')!] },
    );
    expect(found).toEqual([]);
  });
});
