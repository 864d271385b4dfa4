import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex } from '../yaml/span.js';
import { applyDirectives, directiveRuleIds, parseDirectives, type Directive } from './suppressions.js';

const FILE = '.github/workflows/release.yml';

function parse(text: string): Directive[] {
  return parseDirectives(FILE, new LineIndex(text));
}

/** kind ids [from, to] @line:col-endCol, for compact assertions. */
function show(d: Directive): string {
  const to = d.to === Infinity ? 'end' : String(d.to);
  const ends = d.endsFor ? ` ends{${[...d.endsFor].map(([k, v]) => `${k}:${v}`).join(',')}}` : '';
  const { start, end } = d.location;
  return `${d.kind} [${d.ruleIds.join(' ')}] ${d.from}-${to}${ends} @${start.line}:${start.column}-${end.line}:${end.column}`;
}

function diag(ruleId: string, line: number, file = FILE): Diagnostic {
  return {
    ruleId,
    messageId: 'm',
    severity: 'error',
    message: `${ruleId} at ${line}`,
    why: '',
    fix: '',
    file,
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    related: [],
    docsUrl: '',
    data: {},
  };
}

describe('directiveRuleIds', () => {
  const cases: [string, string[]][] = [
    ['', []],
    [' a', ['a']],
    [' a,b', ['a', 'b']],
    [' a, b  c', ['a', 'b', 'c']],
    [' a -- because b is noisy', ['a']],
    [' a --- long dash reason', ['a']],
    [' a --', ['a']],
    [' -- reason only', []],
    [' a a, a', ['a']],
    [' a--b', ['a--b']],
  ];
  for (const [rest, want] of cases) {
    it(JSON.stringify(rest), () => expect(directiveRuleIds(rest)).toEqual(want));
  }
});

describe('parseDirectives', () => {
  const cases: { name: string; text: string; want: string[] }[] = [
    {
      name: 'disable-next-line covers the next line; the location runs from # to the end of the line',
      text: 'jobs:\n  # tp-doctor-disable-next-line rule-a -- vendored\n  x: 1\n',
      want: ['disable-next-line [rule-a] 3-3 @2:3-2:51'],
    },
    {
      name: 'disable-line as a trailing comment covers its own line',
      text: 'jobs:\n  x: 1 # tp-doctor-disable-line rule-a, rule-b\n',
      want: ['disable-line [rule-a rule-b] 2-2 @2:8-2:47'],
    },
    {
      name: 'no ids means every rule',
      text: '# tp-doctor-disable-line\n#tp-doctor-disable-next-line -- reason\n',
      want: ['disable-line [] 1-1 @1:1-1:25', 'disable-next-line [] 3-3 @2:1-2:39'],
    },
    {
      name: 'lines are found in the whole text: CRLF endings, a mention that is no directive, two on one line, the last line without a break',
      text: '# tp-doctor-disable-line rule-a\r\nrun: echo tp-doctor-x # tp-doctor-disable-line rule-b\r\n\r\nx: 1 # tp-doctor-disable-next-line',
      want: ['disable-line [rule-a] 1-1 @1:1-1:32', 'disable-line [rule-b] 2-2 @2:23-2:54', 'disable-next-line [] 5-5 @4:6-4:35'],
    },
    {
      name: 'disable … enable is a block, inclusive of both comment lines',
      text: 'a: 1\n# tp-doctor-disable rule-a\nb: 2\n# tp-doctor-enable rule-a\nc: 3\n',
      want: ['disable [rule-a] 2-4 @2:1-2:27'],
    },
    {
      name: 'disable without enable runs to the end of the file',
      text: '# tp-doctor-disable rule-a\na: 1\n',
      want: ['disable [rule-a] 1-end @1:1-1:27'],
    },
    {
      name: 'enable without ids closes every open block',
      text: '# tp-doctor-disable rule-a\n# tp-doctor-disable\na: 1\n# tp-doctor-enable\n',
      want: ['disable [rule-a] 1-4 @1:1-1:27', 'disable [] 2-4 @2:1-2:20'],
    },
    {
      name: 'enable of one rule leaves the block open for the others',
      text: '# tp-doctor-disable rule-a rule-b\na: 1\n# tp-doctor-enable rule-a\nb: 2\n# tp-doctor-enable rule-b\n',
      want: ['disable [rule-a rule-b] 1-5 @1:1-1:34'],
    },
    {
      name: 'enable of one rule inside a blanket block ends it for that rule only',
      text: '# tp-doctor-disable\na: 1\n# tp-doctor-enable rule-a\nb: 2\n',
      want: ['disable [] 1-end ends{rule-a:3} @1:1-1:20'],
    },
    {
      name: 'enable of a rule the block does not name changes nothing',
      text: '# tp-doctor-disable rule-a\n# tp-doctor-enable rule-b\n',
      want: ['disable [rule-a] 1-end @1:1-1:27'],
    },
    {
      name: 'a directive inside a `run: |` block (a shell comment) counts',
      text: 'steps:\n  - run: |\n      # tp-doctor-disable-next-line rule-a\n      npm publish\n',
      want: ['disable-next-line [rule-a] 4-4 @3:7-3:43'],
    },
    {
      name: 'words that only start like a directive, or # inside a word, are not directives',
      text: [
        '# tp-doctor-disabled rule-a',
        '# tp-doctor-disable-foo rule-a',
        '# see tp-doctor-disable in the docs',
        'url: http://x/#tp-doctor-disable-line',
        'name: "a#tp-doctor-disable-line"',
        '# tp-doctor-enable-all',
        '',
      ].join('\n'),
      want: [],
    },
    {
      name: 'CRLF line endings do not leak into the ids or the location',
      text: 'a: 1 # tp-doctor-disable-line rule-a\r\nb: 2\r\n',
      want: ['disable-line [rule-a] 1-1 @1:6-1:37'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(parse(c.text).map(show)).toEqual(c.want));
  }
});

describe('applyDirectives', () => {
  function run(text: string, diagnostics: Diagnostic[]): { kept: string[]; used: string[][] } {
    const list = parse(text);
    const kept = applyDirectives(diagnostics, new Map([[FILE, list]]));
    return { kept: kept.map((d) => d.message), used: list.map((d) => [...d.used].sort()) };
  }

  it('suppresses only the named rule on the covered line and records what it used', () => {
    const text = 'a: 1\n# tp-doctor-disable-next-line rule-a\nb: 2\n';
    expect(run(text, [diag('rule-a', 3), diag('rule-b', 3), diag('rule-a', 4), diag('rule-a', 1)])).toEqual({
      kept: ['rule-b at 3', 'rule-a at 4', 'rule-a at 1'],
      used: [['rule-a']],
    });
  });

  it('a blanket directive suppresses every rule and records "*"', () => {
    expect(run('a: 1 # tp-doctor-disable-line\n', [diag('rule-a', 1), diag('rule-b', 1)])).toEqual({
      kept: [],
      used: [['*']],
    });
  });

  it('leaves a multi-id directive partly unused', () => {
    expect(run('a: 1 # tp-doctor-disable-line rule-a, rule-b\n', [diag('rule-a', 1)])).toEqual({
      kept: [],
      used: [['rule-a']],
    });
  });

  it('a block with a partial enable', () => {
    const text = '# tp-doctor-disable rule-a rule-b\na: 1\n# tp-doctor-enable rule-a\nb: 2\n';
    const diagnostics = [diag('rule-a', 2), diag('rule-b', 2), diag('rule-a', 4), diag('rule-b', 4)];
    expect(run(text, diagnostics)).toEqual({ kept: ['rule-a at 4'], used: [['rule-a', 'rule-b']] });
  });

  it('a blanket block re-enabled for one rule', () => {
    const text = '# tp-doctor-disable\na: 1\n# tp-doctor-enable rule-a\nb: 2\n';
    const diagnostics = [diag('rule-a', 2), diag('rule-a', 4), diag('rule-b', 4)];
    expect(run(text, diagnostics)).toEqual({ kept: ['rule-a at 4'], used: [['*']] });
  });

  it('two directives covering the same diagnostic are both used', () => {
    const text = '# tp-doctor-disable rule-a\na: 1 # tp-doctor-disable-line rule-a\n';
    expect(run(text, [diag('rule-a', 2)])).toEqual({ kept: [], used: [['rule-a'], ['rule-a']] });
  });

  it('directives of one file do not touch diagnostics of another', () => {
    const list = parse('a: 1 # tp-doctor-disable-line\n');
    const other = diag('rule-a', 1, '.github/workflows/other.yml');
    expect(applyDirectives([other], new Map([[FILE, list]]))).toEqual([other]);
    expect(list[0]?.used.size).toBe(0);
  });
});
