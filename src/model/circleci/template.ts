/**
 * CircleCI parameters: `<< parameters.x >>` in any string of a job, command or executor is replaced
 * by the value the invocation passes, else by the parameter's `default:`. `<< pipeline.parameters.x >>`
 * is replaced by the literal `default:` of the top-level `parameters:` entry (`from:
 * 'pipeline-default'`): what a pipeline runs unless its trigger (API, UI, a schedule) passes another
 * value, so never certain (`pipelineDefaults`); a `run` command that is nothing but one is the
 * trigger's choice and is not read as its default (`wholePipelineParameter`). Other `<< pipeline.* >>` values (`pipeline.git.tag`)
 * depend on the trigger and are never replaced. What cannot be resolved stays in the text as written
 * and is listed in `unknown`.
 *
 * Hand-rolled: CircleCI's template syntax is one regular expression, and no library models it with
 * positions.
 */
import type { YNode } from '../../yaml/parse.js';
import { enclosingString } from '../npm/shell-scan.js';
import type { CircleParameter, CircleSubstitution, CircleText } from './types.js';

/** What a parameter name is bound to in a scope. */
export type Binding =
  /** A scalar value (possibly still holding unresolved `<< pipeline.* >>` placeholders: `unknown`). */
  | {
      kind: 'text';
      value: string;
      node: YNode;
      from: CircleSubstitution['from'];
      unknown: string[];
      /** Pipeline defaults read in the value (`default: cimg/node:<< pipeline.parameters.node >>`), at their offsets in `value`. */
      inner?: CircleSubstitution[];
    }
  /** A collection (a `steps` or `executor` argument): read where it was written, in `scope`. */
  | { kind: 'node'; node: YNode; scope: Scope; from: CircleSubstitution['from'] }
  /** No value: a parameter without argument and without a literal default. */
  | { kind: 'unknown' };

export interface Scope {
  readonly bindings: ReadonlyMap<string, Binding>;
  /** Declared parameter names; undefined where `<< parameters.x >>` is not allowed (workflows, pipeline parameters). */
  readonly declared: ReadonlySet<string> | undefined;
  /** The pipeline parameters with a literal default, for `<< pipeline.parameters.x >>` (every scope of a configuration shares them). */
  readonly pipeline?: ReadonlyMap<string, Binding>;
}

export const EMPTY_SCOPE: Scope = { bindings: new Map(), declared: undefined };

/**
 * The top-level scope of a configuration: no `<< parameters.x >>`, and each pipeline parameter
 * whose `default:` is a literal scalar bound to it. A parameter without a default, or with a default
 * that is a collection or holds a placeholder itself, stays unknown.
 */
export function pipelineScope(parameters: ReadonlyMap<string, CircleParameter>): Scope {
  const pipeline = new Map<string, Binding>();
  for (const [name, param] of parameters) {
    const text = param.default?.text;
    if (!param.default || text === undefined || text.includes('<<')) continue;
    pipeline.set(name, { kind: 'text', value: text, node: param.default, from: 'pipeline-default', unknown: [] });
  }
  return pipeline.size > 0 ? { bindings: new Map(), declared: undefined, pipeline } : EMPTY_SCOPE;
}

/** The scope where a default is read: pipeline values only. */
function defaultsScope(scope: Scope): Scope {
  return scope.pipeline ? { bindings: new Map(), declared: undefined, pipeline: scope.pipeline } : EMPTY_SCOPE;
}

/**
 * The pipeline parameter defaults a text reads (directly or through a parameter whose value holds
 * one), those overlapping `offset..end` of the expanded text when given. A value that rests on one
 * is what runs by default, not certainly: findings on it are at most warnings (`likely`).
 */
export function pipelineDefaults(text: CircleText | undefined, offset = 0, end = Number.POSITIVE_INFINITY): CircleSubstitution[] {
  return (text?.substituted ?? []).filter((s) => s.from === 'pipeline-default' && s.offset <= end && s.end >= offset);
}

/**
 * The pipeline parameter a text is nothing but (`run: << pipeline.parameters.release_command >>`,
 * directly or through a job or command parameter that forwards one), when it is one: the value is
 * whatever the trigger passes, and its `default:` only what runs when none is passed. Undefined for
 * a text that only holds one among other words (a flag, a version), whose default is kept.
 */
export function wholePipelineParameter(text: CircleText): CircleSubstitution | undefined {
  const start = text.text.length - text.text.trimStart().length;
  const end = text.text.trimEnd().length;
  if (end <= start) return undefined;
  return pipelineDefaults(text).find((s) => s.offset <= start && s.end >= end);
}

/**
 * Text before a command-position placeholder: the start of the command or of a line, a command
 * separator or group opener (`;`, `&&`, `||`, `|`, `(`, `$(`, `{`, a backtick), or a word that runs
 * the next one (`then`, `do`, `else`, `eval`, `exec`), blanks after it.
 */
const COMMAND_START = /(?:^|[\n;&|({`]|(?:^|[\s;&|(])(?:then|do|else|eval|exec))[ \t]*$/;

/**
 * A pipeline parameter in a command position of a longer command (`npm ci\n<< pipeline.parameters.release_command >>`,
 * `make build && << pipeline.parameters.cmd >>`), outside quotes: the trigger chooses the command
 * that runs there, as for a whole command (`wholePipelineParameter`). Undefined for a pipeline
 * parameter used as an argument (`npm publish --tag << pipeline.parameters.tag >>`), whose default is
 * kept as today.
 */
export function commandPositionPipelineParameter(text: CircleText): CircleSubstitution | undefined {
  return pipelineDefaults(text).find((s) => {
    const line = text.text.lastIndexOf('\n', s.offset - 1) + 1;
    // A line continued from the one above (`… \`) is not a line start.
    if (line > 1 && text.text[line - 2] === '\\' && text.text.slice(line, s.offset).trim() === '') return false;
    return COMMAND_START.test(text.text.slice(line, s.offset)) && enclosingString(text.text, s.offset) === undefined;
  });
}

/**
 * A command that is a pipeline parameter, as tp-doctor reads it: the placeholder, unresolved (listed
 * in `unknown`), like other values a trigger chooses; `parameter` with the placeholder's range.
 */
export function triggerChosenText(text: CircleText, parameter: CircleSubstitution): { text: CircleText; parameter: CircleSubstitution } {
  const placeholder = `<< ${parameter.name} >>`;
  return { text: { text: placeholder, raw: text.raw, node: text.node, unknown: [parameter.name], substituted: [] }, parameter: { ...parameter, offset: 0, end: placeholder.length } };
}

/**
 * A command with a pipeline parameter in a command position, as tp-doctor reads it: the parameter's
 * name (`pipeline.parameters.release_command`) in place of its default, a word that runs something
 * tp-doctor cannot read (no `<<`, which the shell would read as a heredoc), listed in `unknown`;
 * the later substitutions moved with it. `parameter` is the placeholder's range in the new text.
 */
export function triggerChosenWithin(text: CircleText, parameter: CircleSubstitution): { text: CircleText; parameter: CircleSubstitution } {
  const word = parameter.name;
  const delta = word.length - (parameter.end - parameter.offset);
  const substituted = text.substituted.filter((s) => s !== parameter && (s.end <= parameter.offset || s.offset >= parameter.end)).map((s) => (s.offset >= parameter.end ? { ...s, offset: s.offset + delta, end: s.end + delta } : s));
  const unknown = text.unknown.includes(word) ? text.unknown : [...text.unknown, word];
  const value = `${text.text.slice(0, parameter.offset)}${word}${text.text.slice(parameter.end)}`;
  return { text: { text: value, raw: text.raw, node: text.node, unknown, substituted }, parameter: { ...parameter, offset: parameter.offset, end: parameter.offset + word.length } };
}

const PLACEHOLDER = /<<\s*([A-Za-z0-9_.-]+)\s*>>/g;
/** A value that is exactly one placeholder (`- << parameters.steps >>`). */
const WHOLE_PLACEHOLDER = /^\s*<<\s*parameters\.([A-Za-z0-9_-]+)\s*>>\s*$/;

/** Whether a value (a scalar, or any scalar within a map or list) holds a `<< … >>` placeholder. */
export function holdsPlaceholder(node: YNode): boolean {
  if (node.isMap || node.isSeq) return (node.isMap ? node.entries() : node.items()).some(holdsPlaceholder);
  return /<<\s*[A-Za-z0-9_.-]+\s*>>/.test(node.text ?? '');
}

export interface ExpandHooks {
  /** Called for `<< parameters.x >>` whose `x` the scope does not declare. */
  undeclared?(name: string, node: YNode): void;
}

/** Expands a scalar; undefined for collections and null. */
export function expandText(node: YNode, scope: Scope, hooks: ExpandHooks = {}): CircleText | undefined {
  const raw = node.text;
  if (raw === undefined) return undefined;
  return expandString(raw, node, scope, hooks);
}

/** Expands a string written at `node`. */
export function expandString(raw: string, node: YNode, scope: Scope, hooks: ExpandHooks = {}): CircleText {
  const unknown: string[] = [];
  const substituted: CircleSubstitution[] = [];
  if (!raw.includes('<<')) return { text: raw, raw, node, unknown, substituted };
  const note = (name: string): void => {
    if (!unknown.includes(name)) unknown.push(name);
  };
  /** The value of one placeholder, or undefined to keep it as written. */
  const valueOf = (name: string, at: number): string | undefined => {
    const pipeline = /^pipeline\.parameters\.(.+)$/.exec(name)?.[1];
    const param = /^parameters\.(.+)$/.exec(name)?.[1];
    const binding = pipeline !== undefined ? scope.pipeline?.get(pipeline) : param !== undefined ? scope.bindings.get(param) : undefined;
    if (!binding && param !== undefined && scope.declared && !scope.declared.has(param)) hooks.undeclared?.(param, node);
    if (binding?.kind !== 'text') {
      note(name);
      return undefined;
    }
    for (const u of binding.unknown) note(u);
    const end = at + binding.value.length;
    substituted.push({ name, value: binding.value, node: binding.node, from: binding.from, offset: at, end });
    for (const inner of binding.inner ?? []) substituted.push({ ...inner, offset: at + inner.offset, end: at + inner.end });
    return binding.value;
  };
  let text = '';
  let last = 0;
  for (const m of raw.matchAll(PLACEHOLDER)) {
    text += raw.slice(last, m.index);
    text += valueOf(m[1]!, text.length) ?? m[0];
    last = m.index + m[0].length;
  }
  text += raw.slice(last);
  return { text, raw, node, unknown, substituted };
}

/** The binding of a value that is exactly `<< parameters.x >>`, when it is one. */
export function wholeParameter(node: YNode, scope: Scope): Binding | undefined {
  const raw = node.text;
  const m = raw === undefined ? null : WHOLE_PLACEHOLDER.exec(raw);
  return m?.[1] ? scope.bindings.get(m[1]) : undefined;
}

/** Reads a `parameters:` map. Entries that are not maps still declare the name (CircleCI rejects them). */
export function readParameters(node: YNode | undefined): Map<string, CircleParameter> {
  const out = new Map<string, CircleParameter>();
  for (const entry of node?.entries() ?? []) {
    if (entry.key === undefined) continue;
    const param: CircleParameter = { name: entry.key, node: entry };
    const type = entry.get('type')?.text;
    if (type !== undefined) param.type = type;
    const def = entry.get('default');
    if (def && !def.isNull) param.default = def;
    out.set(entry.key, param);
  }
  return out;
}

/**
 * The scope of an invocation: each declared parameter bound to its argument (expanded in the
 * caller's scope), else its default (defaults may only use pipeline values), else unknown. `extra`
 * (matrix values) win over arguments.
 */
export function bindParameters(
  declared: ReadonlyMap<string, CircleParameter>,
  args: ReadonlyMap<string, YNode>,
  caller: Scope,
  hooks: ExpandHooks = {},
  extra: ReadonlyMap<string, Binding> = new Map(),
): Scope {
  const bindings = new Map<string, Binding>();
  for (const [name, param] of declared) {
    const fixed = extra.get(name);
    if (fixed) {
      bindings.set(name, fixed);
      continue;
    }
    const arg = args.get(name);
    if (arg && !arg.isNull) {
      bindings.set(name, bind(arg, caller, 'argument', hooks));
      continue;
    }
    bindings.set(name, param.default ? bind(param.default, defaultsScope(caller), 'default', hooks) : { kind: 'unknown' });
  }
  const scope: Scope = { bindings, declared: new Set(declared.keys()) };
  return caller.pipeline ? { ...scope, pipeline: caller.pipeline } : scope;
}

function bind(node: YNode, scope: Scope, from: CircleSubstitution['from'], hooks: ExpandHooks): Binding {
  if (node.isMap || node.isSeq) {
    // A collection passed on unchanged (`steps: << parameters.steps >>` forwarding): follow it.
    return { kind: 'node', node, scope, from };
  }
  // `version: << parameters.version >>` forwards the caller's binding: keep it, and so the node
  // where the value is really written.
  const whole = wholeParameter(node, scope);
  if (whole) return whole;
  const t = expandText(node, scope, hooks);
  if (!t) return { kind: 'unknown' };
  const inner = pipelineDefaults(t);
  return { kind: 'text', value: t.text, node, from, unknown: t.unknown, ...(inner.length > 0 ? { inner } : {}) };
}
