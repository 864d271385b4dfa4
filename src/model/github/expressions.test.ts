import { describe, expect, it } from 'vitest';
import { parseYaml, type YNode } from '../../yaml/parse.js';
import { evaluateExpression, known, unknown, type Operand, type Scalar } from './expression-eval.js';
import { evaluateCondition, evaluateValue, falseForEveryEvent, neverRuns, yieldedReferences, type ExpressionScope } from './expressions.js';
import { expandMatrix } from './matrix.js';

/** The value of an operand, for a table: `?` unknown, `?truthy` / `?falsy` unknown with a known truthiness. */
function shown(o: Operand): Scalar | string {
  if (o.kind === 'unknown') return o.truthy === undefined ? '?' : o.truthy ? '?truthy' : '?falsy';
  return o.value;
}

describe('evaluateExpression: GitHub semantics', () => {
  const refs: Record<string, Operand> = {
    'inputs.empty': known(''),
    'inputs.name': known('Lerna'),
    'inputs.zero': known(0),
    'inputs.off': known(false),
    'inputs.nothing': known(null),
    'github.ref': unknown(),
  };
  const resolve = (path: string): Operand => refs[path] ?? unknown();
  const cases: [string, Scalar | string][] = [
    // `&&` / `||` return an operand, not a boolean.
    ["inputs.empty == '' && 'package.json' || ''", 'package.json'],
    ["inputs.name == '' && 'package.json' || ''", ''],
    ["inputs.name != '' && inputs.name || 'none'", 'Lerna'],
    ["'a' && 'b'", 'b'],
    ["'' && 'b'", ''],
    ["0 || 'x'", 'x'],
    ['inputs.off || inputs.nothing', null],
    ["inputs.zero || inputs.off || 'last'", 'last'],
    // Strings compare ignoring case; different types compare as numbers.
    ["inputs.name == 'LERNA'", true],
    ["1 == '1'", true],
    ["'1.0' == 1", true],
    ["true == 'true'", false],
    ['null == 0', true],
    ["inputs.nothing == ''", true],
    ["'abc' == 0", false],
    ["'It''s' == 'it''s'", true],
    // `!`, parentheses, left-associative `==`.
    ["!(inputs.name == 'lerna')", false],
    ["!inputs.empty && 'yes'", 'yes'],
    ["(inputs.empty || 'a') == 'A'", true],
    ['1 == 1 == true', true],
    // Unknown operands: unknown, with the truthiness that is certain anyway.
    ['github.ref', '?'],
    ["github.ref || 'x'", '?truthy'],
    ['github.ref && false', '?falsy'],
    ["github.ref == 'refs/heads/main'", '?'],
    ["false && github.ref == 'x'", false],
    ["true || github.ref", true],
    ["inputs.zero < 1", '?'],
    ["contains(github.ref, 'a')", '?'],
    ["startsWith('abc', github.ref)", '?'],
    ['inputs.name[0]', '?'],
    ["inputs[inputs.name] == 'x'", '?'],
    ["contains(inputs.name, 'a', 'b')", '?'],
    ["format('{0}', inputs.name) == 'Lerna'", '?'],
    // `x['name']` is `x.name`; `contains`, `startsWith`, `endsWith` of known operands: cast to strings, ignoring case.
    ["inputs['name'] == 'lerna'", true],
    ["inputs[ 'name' ]", 'Lerna'],
    ["contains(inputs.name, 'ER')", true],
    ["contains(inputs.name, 'x')", false],
    ["startsWith(inputs.name, 'le') && endsWith(inputs.name, 'NA')", true],
    ["StartsWith(inputs.zero, 0)", true],
    ["contains(inputs.nothing, '')", true],
    ["endsWith(inputs.off, 'lse')", true],
    ["contains(('a,b'), ',b')", true],
    ['', '?'],
  ];
  it.each(cases)('%s', (text, want) => expect(shown(evaluateExpression(text, resolve))).toEqual(want));
});

describe('yieldedReferences: the references whose text the value may carry', () => {
  const T = 'github.event.issue.title';
  const M = 'github.event.head_commit.message';
  // [expression, references; undefined: tp-doctor cannot tell]
  const cases: [string, string[] | undefined][] = [
    [M, [M]],
    [` ${M} `, [M]],
    // Booleans: functions, comparisons, `!`.
    [`contains(${M}, 'version packages')`, []],
    [`startsWith(${M}, 'chore: release')`, []],
    [`endsWith(${M}, 'x')`, []],
    [`StartsWith (${M}, 'x')`, []],
    [`${M} == 'x'`, []],
    [`${M} != 'x'`, []],
    [`${M} < 'x'`, []],
    [`${M} >= 'x'`, []],
    [`!${M}`, []],
    [`!(${M})`, []],
    [`steps.a.outputs.b == 'true' && contains(${M}, 'x')`, []],
    [`github.ref == 'refs/heads/main' && contains(${M}, 'release')`, []],
    [`(contains(${M}, 'a') || startsWith(${M}, 'b')) && !endsWith(${T}, 'c')`, []],
    [`contains(${M}, 'a') && 'yes' || 'no'`, []],
    [`hashFiles('**/package-lock.json', ${T})`, []],
    [`${T} && 'yes' || 'no'`, []],
    // `a || b` may be either; `a && b` is b (or a falsy a).
    [`${M} || 'x'`, [M]],
    [`'x' || ${M}`, []],
    [`'' || ${M}`, [M]],
    [`steps.a.outputs.b == 'true' && ${T}`, [T]],
    [`${M} && ${T}`, [T]],
    [`${M} || ${T}`, [M, T]],
    [`(${M})`, [M]],
    [`contains(${M}, 'a') && ${M} || 'none'`, [M]],
    // Functions that may return their arguments' text, indexes, text tp-doctor does not read.
    [`format('{0}', ${M})`, undefined],
    [`join(github.event.commits.*.message)`, undefined],
    [`toJSON(github.event.issue)`, undefined],
    [`fromJSON(${T})`, undefined],
    [`contains(${M}, 'a') && fromJSON(${T})`, undefined],
    ['github.event.commits[0].message', undefined],
    [`contains(${M}, 'a') ${T}`, undefined],
    // Cut at a `}}` inside a string: quotes not closed.
    [`contains(${M}, '`, undefined],
    [`${M} == 'a`, undefined],
  ];
  it.each(cases)('%s', (text, want) => expect(yieldedReferences(text)).toEqual(want));
});

describe('evaluateCondition: more exact than before', () => {
  const matrix = parseYaml('m.yml', 'node: [20, 24]\nos: [ubuntu-latest]\n').root;
  const [c20, c24] = expandMatrix(matrix).combinations!;
  // [condition, on Node 20, on Node 24]; the comment says what tp-doctor answered before.
  const cases: [string, boolean | undefined, boolean | undefined][] = [
    ['!(matrix.node == 24)', true, false], // unknown
    ["'' || matrix.node == 24", false, true], // unknown on 20
    ['null || matrix.node == 20', true, false], // unknown on 24
    ["matrix.node == 24 && 'yes'", false, true], // unknown on 24
    ['matrix.node == 24 == true', false, true], // unknown
    ["!matrix.os == 'x'", false, false], // unknown: `!` binds first, a boolean is not 'x'
    // An unquoted word is no GitHub literal (the workflow fails to load): unknown, where it was read as text.
    ['matrix.os == ubuntu-latest', undefined, undefined], // true
    // Unchanged.
    ['matrix.node == 24', false, true],
    ['!matrix.node', false, false],
    ['matrix.missing', false, false],
    ["matrix.missing == ''", true, true],
    ["github.ref == 'refs/heads/main' || matrix.node == 24", undefined, true],
    ['matrix.node < 24', undefined, undefined],
    ["contains(matrix.os, 'ubuntu') && matrix.node == 24", false, true], // unknown on 24
    // An index by a literal name is the same property as `.` (k-yle/osm-api-js `matrix['node-version'] == '20.x'`).
    ["matrix['node'] == 24", false, true], // unknown
    ["github.ref == 'refs/heads/main' && matrix['node'] == '24'", false, undefined], // unknown
    ["matrix['missing'] == ''", true, true], // unknown
    ["startsWith(matrix.os, 'UBUNTU')", true, true], // unknown
    ["endsWith(matrix.node, '4')", false, true], // unknown
    ["!contains(matrix.node, 2)", false, false], // unknown
    // Still unknown: an index by an expression or a number, a function of an unknown operand.
    ['matrix[matrix.os] == 24', undefined, undefined],
    ["contains(github.ref, matrix.os)", undefined, undefined],
  ];
  it.each(cases)('%s', (cond, on20, on24) => {
    expect(evaluateCondition(cond, c20)).toBe(on20);
    expect(evaluateCondition(cond, c24)).toBe(on24);
  });

  it('a matrix value that is a list or a mapping is truthy, and no string a function could search', () => {
    const [leg] = expandMatrix(parseYaml('m.yml', 'include:\n  - tags: [a, b]\n    meta: { x: 1 }\n').root).combinations!;
    expect(evaluateCondition("contains(matrix.tags, 'a')", leg)).toBeUndefined();
    expect(evaluateCondition("contains(matrix.meta, 'x')", leg)).toBeUndefined();
    expect(evaluateCondition('!matrix.tags', leg)).toBe(false);
    expect(evaluateCondition('matrix.meta.x == 1', leg)).toBe(true);
  });

  it('reads an input given as text the way it always has: compared, never truthy by itself', () => {
    const inputs = (name: string): string | undefined => ({ flag: 'true', node: '24', empty: '' })[name];
    expect(evaluateCondition("inputs.flag == 'TRUE'", undefined, inputs)).toBe(true);
    expect(evaluateCondition('inputs.node == 24.0', undefined, inputs)).toBe(true);
    expect(evaluateCondition("inputs.empty == '' && inputs.node != 20", undefined, inputs)).toBe(true);
    expect(evaluateCondition('inputs.flag', undefined, inputs)).toBeUndefined();
    expect(evaluateCondition('!inputs.empty', undefined, inputs)).toBeUndefined();
    expect(evaluateCondition("inputs.missing == 'x'", undefined, inputs)).toBeUndefined();
  });

  // [condition, on push, on schedule, without an event]: `github.event_name` is read only when the caller gives it.
  const events: [string, boolean | undefined, boolean | undefined, boolean | undefined][] = [
    ["github.event_name == 'push'", true, false, undefined],
    ["${{ github.EVENT_NAME == 'Push' }}", true, false, undefined],
    ["github.event_name != 'push'", false, true, undefined],
    ["github.event_name == 'push' && github.ref == 'refs/heads/main'", undefined, false, undefined],
    ["github.event_name == 'push' || github.ref == 'refs/heads/main'", true, undefined, undefined],
    ["contains(fromJSON('[\"push\"]'), github.event_name)", undefined, undefined, undefined],
    ["github.event.name == 'push'", undefined, undefined, undefined],
  ];
  it.each(events)('reads github.event_name when given: %s', (cond, onPush, onSchedule, without) => {
    expect(evaluateCondition(cond, undefined, undefined, { eventName: 'push' })).toBe(onPush);
    expect(evaluateCondition(cond, undefined, undefined, { eventName: 'schedule' })).toBe(onSchedule);
    expect(evaluateCondition(cond, undefined)).toBe(without);
  });
});

describe('neverRuns: github.repository from the remote', () => {
  it.each<[string | undefined, string | undefined, boolean]>([
    ["github.repository != 'acme/template'", 'acme/template', true],
    ["github.repository != 'ACME/Template'", 'acme/template', true],
    ["github.repository_owner != 'acme' && github.event_name == 'push'", 'acme/template', true],
    ["github.repository != 'acme/template'", 'someone/widget', false],
    ["github.repository == 'acme/template'", 'acme/template', false],
    // False wherever tp-doctor could be: no proof (a remote with a repository's old name).
    ["github.repository == 'acme/renamed'", 'acme/template', false],
    ["github.repository != 'acme/template'", undefined, false],
    ['false', undefined, true],
    [undefined, 'acme/template', false],
  ])('%s in %s: %s', (condition, repository, want) => {
    expect(neverRuns(condition, repository)).toBe(want);
  });
});

describe('evaluateValue', () => {
  const doc = parseYaml(
    'with.yml',
    ["node-version: ''", 'given: 24.15.0', 'matrix-ref: ${{ matrix.node }}', 'dispatched: ${{ github.event.inputs.node }}', 'image: node', ''].join('\n'),
  ).root;
  const at = (key: string): YNode => doc!.get(key)!;
  const matrix = parseYaml('m.yml', 'node: [20]\n').root;
  const [combo] = expandMatrix(matrix).combinations!;
  /** A composite action's scope: `caller` names the caller's `with:` key each input comes from. */
  function scope(caller: Record<string, string>): ExpressionScope {
    const base: ExpressionScope = { combo, env: [{ name: 'IMAGE', value: 'node', node: at('image') }], steps: [], versionFile: () => ({ unknown: 'no file' }) };
    return { ...base, inputs: (name) => (caller[name] === undefined ? undefined : { node: at(caller[name]), scope: base }) };
  }
  const lerna = "${{ inputs.node-version == '' && 'package.json' || '' }}";
  const cases: [string, string, Record<string, string>, string][] = [
    ['lerna: no node-version given', lerna, {}, 'package.json'],
    ['lerna: an empty node-version', lerna, { 'node-version': 'node-version' }, 'package.json'],
    ['lerna: a node-version given', lerna, { 'node-version': 'given' }, '(empty)'],
    ['lerna: a node-version from the matrix', lerna, { 'node-version': 'matrix-ref' }, '(empty)'],
    ['lerna: a node-version tp-doctor cannot read', lerna, { 'node-version': 'dispatched' }, '(unknown)'],
    ['a choice between two literals', "${{ inputs.node-version != '' && inputs.node-version || '22' }}", { 'node-version': 'given' }, '24.15.0'],
    ['text around an expression', 'node@${{ matrix.node }}', {}, 'node@20'],
    ['several expressions', '${{ env.IMAGE }}:${{ matrix.node }}-alpine', {}, 'node:20-alpine'],
    ['an expression left open', 'node@${{ matrix.node', {}, '(unknown)'],
    ['a number literal', '${{ 22 }}', {}, '22'],
    ['a version literal', '${{ 22.12.0 }}', {}, '22.12.0'],
    ['a function', "${{ format('{0}', matrix.node) }}", {}, '(unknown)'],
  ];
  it.each(cases)('%s', (_name, text, caller, want) => {
    const value = evaluateValue(text, at('image'), scope(caller));
    expect('unknown' in value ? '(unknown)' : 'empty' in value ? '(empty)' : value.text).toBe(want);
  });
  // Review of 2026-12-04: `env.A` = `env.B || env.B || …` (k times), `env.B` likewise to `env.C`, …
  // took 19 s at k = 60 when every operand was evaluated; `||` stops at a truthy operand, and a
  // value's references share one budget of evaluations.
  const chain = (k: number, last: string): ExpressionScope => {
    const names = ['A', 'B', 'C', 'D'];
    const env = names.map((name, i) => ({ name, value: i === names.length - 1 ? last : `\${{ ${Array.from({ length: k }, () => `env.${names[i + 1]}`).join(' || ')} }}`, node: at('image') }));
    return { combo, env, steps: [], versionFile: () => ({ unknown: 'no file' }) };
  };
  it('a fan-out of references whose operands are all empty stops at the budget: unknown', () => {
    const value = evaluateValue('${{ env.A }}', at('image'), chain(60, ''));
    expect(value).toEqual({ unknown: expect.stringContaining('whose references lead to more values than tp-doctor evaluates') });
  });
  it('the same fan-out ending in a value: the first truthy operand ends each chain', () => {
    expect(evaluateValue('${{ env.A }}', at('image'), chain(60, '24'))).toMatchObject({ text: '24' });
  });
});

describe('neverRuns: steps.<id> of no earlier step is null', () => {
  const ids = new Set(['build']);
  it.each<[string, boolean]>([
    ["steps.changesets.outputs.published == 'true'", true],
    ["steps.Changesets.outputs.published != 'true'", false],
    ["steps.build.outputs.published == 'true'", false],
    ['steps.changesets.outcome == \'success\'', true],
  ])('%s: %s', (condition, want) => {
    expect(neverRuns(condition, undefined, ids)).toBe(want);
  });
});

describe('falseForEveryEvent', () => {
  it("is true only for a condition no event satisfies: `github.event_name == 'workflow_call'`", () => {
    expect(falseForEveryEvent("github.event_name == 'workflow_call'")).toBe(true);
    expect(falseForEveryEvent("${{ github.event_name == 'WORKFLOW_CALL' && github.ref == 'refs/heads/main' }}")).toBe(true);
    // Some event lets these through.
    expect(falseForEveryEvent("github.event_name == 'workflow_call' || github.event_name == 'push'")).toBe(false);
    expect(falseForEveryEvent("github.event_name != 'workflow_call'")).toBe(false);
    expect(falseForEveryEvent("github.event_name == 'push'")).toBe(false);
    expect(falseForEveryEvent("contains(github.event_name, 'call')")).toBe(false);
    // Not about the event: `neverRuns` reads `if: false`.
    expect(falseForEveryEvent('false')).toBe(false);
    expect(falseForEveryEvent(undefined)).toBe(false);
  });
});
