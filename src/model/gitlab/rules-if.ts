/**
 * Whether a GitLab job's `rules:` let it run for certain in some pipeline, or hang on a variable
 * tp-doctor cannot see (audit1207 g02, docs/domain.md A.64). GitLab adds a job with `rules:` when
 * the first rule that matches is not `when: never`; a rule matches when its `if:` holds (a rule
 * without `if:` always does). An `if:` is read three-valued over GitLab's expression syntax (`$VAR`,
 * `"text"`, `null`, `==`, `!=`, `=~`, `!~`, `&&`, `||`, parentheses):
 *
 * - a variable written in the configuration (global or the job's `variables:`) has that value;
 * - a predefined variable (`CI_*`, `GITLAB_*`, `CHAT_*`, `TRIGGER_PAYLOAD`) describes the pipeline:
 *   a comparison of it holds in some pipeline (a tag pipeline has `$CI_COMMIT_TAG`, a scheduled one
 *   `$CI_PIPELINE_SOURCE == "schedule"`), as a GitHub `if:` on `github.event_name` holds on a trigger;
 * - any other variable is set, if at all, in the project's, group's or instance's settings, or by
 *   whoever starts the pipeline, which the files do not show: unknown.
 *
 * A text tp-doctor cannot parse is read as holding in some pipeline (the job may run).
 */
import type { YNode } from '../../yaml/parse.js';
import type { EffectiveValue, GitlabJob } from './types.js';
import { leafText } from './values.js';

/** Nested `!reference` lists deeper than this are not read (the job may run). */
const MAX_DEPTH = 16;

/** Longer `if:` texts are not parsed (read as holding in some pipeline). */
const MAX_CONDITION = 2000;

/** What a value is: a known text (null: not set), one that depends on the pipeline, or unknown. */
export type Value = { kind: 'known'; text: string | null } | { kind: 'pipeline' } | { kind: 'unknown' };

/** `true` (in some pipeline), `false` (in none), or `undefined` (tp-doctor cannot tell). */
type Truth = boolean | undefined;

const PREDEFINED = /^(?:CI|GITLAB|CHAT)_|^TRIGGER_PAYLOAD$/;

/**
 * The `if:` of the job's `rules:` that decides whether it runs, when tp-doctor cannot evaluate it:
 * no rule that may add the job (not `when: never`) holds for certain in some pipeline, and one at
 * least may (its `if:` reads a variable no file sets). Undefined when the job has no `rules:`, when
 * a rule holds in some pipeline (or has no `if:`), or when none can ever hold.
 */
export function undecidedRulesIf(job: GitlabJob): YNode | undefined {
  const rules = job.keywords.get('rules');
  if (rules?.kind !== 'leaf' || rules.items === undefined) return undefined;
  const found = readRules(rules.items, job, 0);
  return found === 'certain' ? undefined : found;
}

/** The first undecided rule's `if:` node, `certain` when a rule holds in some pipeline, undefined when none can. */
function readRules(items: readonly EffectiveValue[], job: GitlabJob, depth: number): YNode | 'certain' | undefined {
  if (depth > MAX_DEPTH) return 'certain';
  let undecided: YNode | undefined;
  for (const item of items) {
    if (item.kind !== 'map') {
      const inner = item.items === undefined ? 'certain' : readRules(item.items, job, depth + 1);
      if (inner === 'certain') return inner;
      undecided ??= inner;
      continue;
    }
    const condition = item.entries.get('if');
    const text = leafText(condition);
    const holds = condition === undefined ? true : text === undefined ? true : evaluateRulesIf(text, (name) => variableValue(job, name));
    // A rule that holds ends the reading: GitLab takes the first rule that matches.
    if (holds === true && leafText(item.entries.get('when'))?.trim() !== 'never') return 'certain';
    if (holds === undefined && leafText(item.entries.get('when'))?.trim() !== 'never') undecided ??= condition?.origin.node;
  }
  return undecided;
}

/** A variable as an `if:` reads it (see the module comment). */
function variableValue(job: GitlabJob, name: string): Value {
  const written = job.variables.get(name);
  if (written !== undefined) return written.value === undefined ? { kind: 'unknown' } : { kind: 'known', text: written.value };
  return PREDEFINED.test(name) ? { kind: 'pipeline' } : { kind: 'unknown' };
}

type Token = { t: 'var'; name: string } | { t: 'str'; text: string } | { t: 'null' } | { t: 'regex' } | { t: 'op'; op: string };

const TOKEN = /\s*(?:\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(null)\b|\/((?:[^/\\]|\\.)*)\/[a-z]*|(==|!=|=~|!~|&&|\|\||\(|\)))/y;

function tokenize(text: string): Token[] | undefined {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) return undefined;
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'var', name: m[1] });
    else if (m[2] !== undefined || m[3] !== undefined) out.push({ t: 'str', text: m[2] ?? m[3]! });
    else if (m[4] !== undefined) out.push({ t: 'null' });
    else if (m[5] !== undefined) out.push({ t: 'regex' });
    else out.push({ t: 'op', op: m[6]! });
  }
  return out;
}

/**
 * A rules `if:` read three-valued (see the module comment): `true` when it holds in some pipeline,
 * `false` when in none, undefined when it hangs on a variable tp-doctor cannot see.
 */
export function evaluateRulesIf(text: string, variable: (name: string) => Value): Truth {
  const tokens = text.length > MAX_CONDITION ? undefined : tokenize(text);
  if (!tokens || tokens.length === 0) return true;
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isOp = (op: string): boolean => {
    const t = peek();
    return t?.t === 'op' && t.op === op;
  };
  const operand = (): Value | 'regex' | undefined => {
    const t = tokens[i++];
    if (t?.t === 'var') return variable(t.name);
    if (t?.t === 'str') return { kind: 'known', text: t.text };
    if (t?.t === 'null') return { kind: 'known', text: null };
    if (t?.t === 'regex') return 'regex';
    return undefined;
  };
  const primary = (): Truth | null => {
    if (isOp('(')) {
      i++;
      const inner = or();
      if (inner === null || !isOp(')')) return null;
      i++;
      return inner;
    }
    const left = operand();
    if (left === undefined || left === 'regex') return null;
    const t = peek();
    if (t?.t !== 'op' || !['==', '!=', '=~', '!~'].includes(t.op)) return truthOf(left);
    i++;
    const right = operand();
    if (right === undefined) return null;
    return compare(left, t.op, right);
  };
  // `&&` binds tighter than `||`; each folds its operands three-valued, `absorbing` deciding alone (false for `&&`, true for `||`).
  const chain = (op: '&&' | '||', operand: () => Truth | null, absorbing: boolean): Truth | null => {
    let value = operand();
    while (value !== null && isOp(op)) {
      i++;
      const next = operand();
      if (next === null) return null;
      value = value === absorbing || next === absorbing ? absorbing : value === !absorbing && next === !absorbing ? !absorbing : undefined;
    }
    return value;
  };
  const and = (): Truth | null => chain('&&', primary, false);
  const or = (): Truth | null => chain('||', and, true);
  const result = or();
  return result === null || i !== tokens.length ? true : result;
}

/** A variable alone: set and not empty. */
function truthOf(v: Value): Truth {
  if (v.kind === 'known') return v.text !== null && v.text !== '';
  return v.kind === 'pipeline' ? true : undefined;
}

function compare(left: Value, op: string, right: Value | 'regex'): Truth {
  if (left.kind === 'unknown' || (right !== 'regex' && right.kind === 'unknown')) return undefined;
  if (left.kind === 'pipeline' || right === 'regex' || right.kind === 'pipeline') return true;
  const equal = left.text === right.text;
  if (op === '==') return equal;
  if (op === '!=') return !equal;
  return true;
}
