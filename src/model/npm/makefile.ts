/**
 * A makefile read as text, never run: the subset of GNU make's syntax that says which recipe lines
 * `make <goal>` hands to the shell (./make-runs.ts follows them; the facts are in
 * ../data/make.ts). Read: explicit rules `targets: prerequisites` (`::` too, `| order-only`, a
 * `; recipe` on the rule line), their recipe lines (a line starting with the recipe prefix, a TAB
 * or a one-character `.RECIPEPREFIX`, in a rule context: after a rule line, up to the next rule or
 * variable assignment; blank lines, comments and conditional directives do not end it), line
 * continuations (`\` at the end: kept in a recipe line, which the shell reads, and joined with one
 * space elsewhere), comments, the `@`/`-`/`+` prefixes, `.PHONY`, `.ONESHELL`, `.DEFAULT_GOAL`,
 * and variable assignments (`=`, `:=`, `::=`, `?=`): a variable assigned once, outside a
 * conditional, without `override`, keeps its text; anything else (`+=`, `!=`, `define`, a
 * target-specific value, a second assignment) is a value tp-doctor cannot read.
 *
 * Conditionals (`ifeq`, `ifdef`, ...) are not evaluated: the lines of every branch are read, and a
 * rule or recipe line inside one is marked `conditional`. What may add rules tp-doctor does not
 * see (`include`, pattern and suffix rules, a target written with a variable it cannot read,
 * `$(eval ...)`, `.DEFAULT`) marks the makefile `open`: a prerequisite without a rule of its own may
 * then run anything.
 *
 * Hand-written: no JavaScript Makefile parser is kept up for this (the npm packages that parse
 * makefiles are unmaintained or evaluate the file), and only this subset matters. One pass over
 * the lines: linear in the text, which the caller bounds (`MAX_SHELL_FILE_CHARS`).
 */
import { LineIndex, type Location } from '../../yaml/span.js';
import { textLines, type TextLine } from './text-lines.js';

/** One recipe line, as make hands it to the shell before variables are expanded. */
export interface RecipeLine {
  /** The recipe prefix and the `@`/`-`/`+` prefixes removed, continuations kept (`\` and newline). */
  text: string;
  /** Starts with `+` or writes `$(MAKE)`/`${MAKE}`: runs even under `make -n`. */
  runsWhenDry: boolean;
  /** Inside a conditional directive (read whatever the condition). */
  conditional: boolean;
  /** Character range in the makefile: from after the recipe prefix to the end of its last line. */
  offset: number;
  end: number;
}

export interface MakeRule {
  /** Prerequisites (order-only ones too), expanded; undefined for one written with a value tp-doctor cannot read. */
  prereqs: (string | undefined)[];
  recipe: RecipeLine[];
  /** The rule line is inside a conditional directive. */
  conditional: boolean;
}

export interface MakeTarget {
  /** `target:: prerequisites`: each rule runs its own recipe. */
  doubleColon: boolean;
  rules: MakeRule[];
}

export interface Makefile {
  targets: Map<string, MakeTarget>;
  /** Each variable's text (references kept), or undefined when tp-doctor cannot read its value. */
  variables: Map<string, string | undefined>;
  phony: Set<string>;
  /** The goal of a `make` without one; undefined when there is none or it cannot be read. */
  defaultGoal: string | undefined;
  /** Rules tp-doctor does not see may exist (see the file comment). */
  open: boolean;
  /** `.ONESHELL`: all the lines of a recipe run in one shell. */
  oneShell: boolean;
  /** `.RECIPEPREFIX` set to something tp-doctor cannot read: no recipe line can be told apart. */
  unreadable: boolean;
  /** Where a character range of the makefile is. */
  locate(file: string, offset: number, end: number): Location;
}

const CONDITIONAL_START = /^(?:ifeq|ifneq|ifdef|ifndef)(?:\s|\(|$)/;
const CONDITIONAL_OTHER = /^(?:else|endif)(?:\s|$)/;
const DEFINE = /^(?:(?:override|export|private)\s+)*define\s+(\S+)/;
const INCLUDE = /^-?(?:include|sinclude)(?:\s|$)/;
/** `NAME = value` and the other assignment operators, with the modifiers before the name. */
const ASSIGNMENT = /^((?:(?:export|override|private|unexport)\s+)*)([^\s:#=]+)\s*(:::=|::=|:=|\?=|\+=|!=|=)([^]*)$/;
/** True when `value` holds a reference (`$(X)`, `$@`), not just `$$`. */
function hasReference(value: string): boolean {
  return value.replace(/\$\$/g, '').includes('$');
}

/** The position of the first `c` (one of `chars`) outside `$(...)`/`${...}`, or -1. */
function findOutside(text: string, chars: string, from = 0): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      depth++;
      i++;
    } else if (depth > 0 && (ch === ')' || ch === '}')) depth--;
    else if (depth === 0 && chars.includes(ch)) return i;
  }
  return -1;
}

/** A non-recipe line without its comment (`\#` is a `#`). */
function withoutComment(line: string): string {
  const at = line.search(/(?<!\\)#/);
  return (at < 0 ? line : line.slice(0, at)).replace(/\\#/g, '#');
}

/** The words of a target or prerequisite list. */
const wordsOf = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

class Reader {
  private readonly lines: TextLine[];
  private i = 0;
  private prefix = '\t';
  private conditional = 0;
  /** The rules the recipe lines that follow belong to; undefined outside a rule context. */
  private current: MakeRule[] | undefined;
  private goalDecided = false;
  readonly model: Makefile;

  constructor(text: string) {
    this.lines = textLines(text);
    let index: LineIndex | undefined;
    this.model = {
      targets: new Map(),
      variables: new Map(),
      phony: new Set(),
      defaultGoal: undefined,
      open: false,
      oneShell: false,
      unreadable: false,
      locate: (file, offset, end) => ({ file, ...(index ??= new LineIndex(text)).span(offset, end) }),
    };
  }

  read(): Makefile {
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (this.current !== undefined && line.text.startsWith(this.prefix) && line.text.length > 0) this.recipeLine();
      else this.otherLine();
    }
    const goal = this.model.variables.get('.DEFAULT_GOAL');
    if (this.model.variables.has('.DEFAULT_GOAL')) this.model.defaultGoal = goal === undefined || hasReference(goal) ? undefined : wordsOf(goal)[0];
    return this.model;
  }

  /** A physical line ending in an odd number of backslashes continues on the next. */
  private continued(text: string): boolean {
    let n = 0;
    while (n < text.length && text[text.length - 1 - n] === '\\') n++;
    return n % 2 === 1;
  }

  private recipeLine(): void {
    const first = this.lines[this.i]!;
    const parts = [first.text.slice(this.prefix.length)];
    let last = first;
    while (this.continued(last.text) && this.i + 1 < this.lines.length) {
      last = this.lines[++this.i]!;
      parts.push(last.text.startsWith(this.prefix) ? last.text.slice(this.prefix.length) : last.text);
    }
    this.i++;
    const joined = parts.join('\n');
    const lead = /^[\s@+-]*/.exec(joined)![0];
    const text = joined.slice(lead.length);
    const line: RecipeLine = {
      text,
      runsWhenDry: lead.includes('+') || /\$[({]MAKE[)}]/.test(text),
      conditional: this.conditional > 0,
      offset: first.start + this.prefix.length,
      end: last.start + last.text.length,
    };
    if (text.trim() !== '') for (const rule of this.current ?? []) rule.recipe.push(line);
  }

  /** A logical line that is no recipe line: continuations joined with one space, the comment removed. */
  private otherLine(): void {
    const first = this.lines[this.i]!;
    let logical = first.text;
    let last = first;
    while (this.continued(logical) && this.i + 1 < this.lines.length) {
      last = this.lines[++this.i]!;
      logical = `${logical.slice(0, -1).trimEnd()} ${last.text.trimStart()}`;
    }
    this.i++;
    const line = withoutComment(logical).trim();
    if (line === '') return;
    if (CONDITIONAL_START.test(line)) this.conditional++;
    else if (/^endif(?:\s|$)/.test(line)) this.conditional = Math.max(0, this.conditional - 1);
    if (CONDITIONAL_START.test(line) || CONDITIONAL_OTHER.test(line)) return;
    this.current = undefined;
    const define = DEFINE.exec(line);
    if (define) return this.skipDefine(define[1]!);
    if (INCLUDE.test(line)) {
      this.model.open = true;
      return;
    }
    const assignment = ASSIGNMENT.exec(line);
    if (assignment) return this.assign(assignment[2]!, assignment[3]!, assignment[4]!.trim(), assignment[1]!.includes('override'));
    const colon = findOutside(line, ':');
    if (colon > 0) return this.rule(line, colon, { offset: first.start, end: last.start + last.text.length });
    // `$(eval ...)`, `$(foreach ...)` and other lines tp-doctor does not read may define rules.
    if (line.startsWith('$')) this.model.open = true;
  }

  /** `define NAME` ... `endef`: a variable tp-doctor does not read. */
  private skipDefine(name: string): void {
    this.model.variables.set(name, undefined);
    let depth = 1;
    while (this.i < this.lines.length && depth > 0) {
      const text = this.lines[this.i++]!.text.trim();
      if (DEFINE.test(text)) depth++;
      else if (/^endef(?:\s|$)/.test(text)) depth--;
    }
  }

  private assign(name: string, op: string, value: string, override: boolean): void {
    const { variables } = this.model;
    const readable = !override && this.conditional === 0 && !variables.has(name) && ['=', ':=', '::=', ':::=', '?='].includes(op);
    // `:=` expands now, with the values assigned so far; `=` and `?=` when a recipe uses them (./make-runs.ts).
    const now = op === '=' || op === '?=' ? value : this.literal(value);
    variables.set(name, readable && now !== undefined && !(op !== '=' && op !== '?=' && now.includes('$')) ? now : undefined);
    if (name === '.RECIPEPREFIX') {
      const prefix = variables.get(name);
      if (prefix === undefined || hasReference(prefix)) this.model.unreadable = true;
      else this.prefix = prefix.slice(0, 1) || '\t';
    }
  }

  private rule(line: string, colon: number, place: { offset: number; end: number }): void {
    const doubleColon = line[colon + 1] === ':';
    const rest = line.slice(colon + (doubleColon ? 2 : 1));
    const semi = findOutside(rest, ';');
    const prereqText = semi < 0 ? rest : rest.slice(0, semi);
    const rules: MakeRule[] = [];
    this.current = rules;
    const targets = wordsOf(line.slice(0, colon));
    // `target: NAME = value`: a target-specific value, which tp-doctor does not read for that target.
    const own = ASSIGNMENT.exec(prereqText.trim());
    if (own) {
      this.model.variables.set(own[2]!, undefined);
      return;
    }
    if (this.special(targets, prereqText)) return;
    const named = targets.map((t) => this.literal(t));
    // A pattern or suffix rule, a static pattern rule, a target written with a value tp-doctor cannot
    // read (which may be the default goal: then it is unknown).
    if (named.some((t) => t === undefined || t.includes('%')) || findOutside(prereqText, ':') >= 0) {
      this.model.open = true;
      if (named[0] === undefined) this.goalDecided = true;
      return;
    }
    const prereqs = wordsOf(prereqText).filter((w) => w !== '|' && w !== '.WAIT').map((p) => this.literal(p));
    for (const name of named as string[]) {
      const rule: MakeRule = { prereqs, recipe: [], conditional: this.conditional > 0 };
      rules.push(rule);
      const target = this.model.targets.get(name) ?? { doubleColon, rules: [] };
      target.rules.push(rule);
      this.model.targets.set(name, target);
    }
    if (!this.goalDecided && !named[0]!.startsWith('.')) {
      this.goalDecided = true;
      this.model.defaultGoal = named[0];
    }
    if (semi >= 0) {
      const text = rest.slice(semi + 1).replace(/^[\s@+-]*/, '');
      const lead = rest.slice(semi + 1, rest.length - text.length);
      const recipe: RecipeLine = { text, runsWhenDry: lead.includes('+') || /\$[({]MAKE[)}]/.test(text), conditional: this.conditional > 0, ...place };
      if (text.trim() !== '') for (const rule of rules) rule.recipe.push(recipe);
    }
  }

  /** `.PHONY`, `.ONESHELL`, `.DEFAULT` and make's other special targets; true when `targets` is one. */
  private special(targets: string[], prereqText: string): boolean {
    const first = targets[0] ?? '';
    if (!/^\.[A-Z_]+$/.test(first)) return false;
    if (first === '.PHONY') for (const p of wordsOf(prereqText)) this.model.phony.add(p);
    if (first === '.ONESHELL') this.model.oneShell = true;
    if (first === '.DEFAULT') this.model.open = true;
    return true;
  }

  /**
   * `text` with the variables assigned so far put in (as make reads a rule line or a `:=` value),
   * when each is a literal; undefined when one is not, or is a function call.
   */
  private literal(text: string): string | undefined {
    let unknown = false;
    const out = text.replace(/\$\$|\$\(([\w.-]+)\)|\$\{([\w.-]+)\}|\$[^]?/g, (m, a: string | undefined, b: string | undefined) => {
      if (m === '$$') return '$';
      const value = this.model.variables.get(a ?? b ?? '');
      if (value === undefined || hasReference(value)) unknown = true;
      return value?.replace(/\$\$/g, '$') ?? '';
    });
    return unknown ? undefined : out;
  }
}

/** The makefile `text` (see the file comment). */
export function parseMakefile(text: string): Makefile {
  return new Reader(text).read();
}
