/**
 * The parts of a committed JavaScript file that a run with given arguments certainly does not
 * reach, because they stand in a branch of a dispatch on the file's first argument whose literal
 * differs from the one passed (UsefulSoftwareCo/executor: `bun run src/build.ts preview-tarball`
 * runs a build.ts whose `npm publish` is reached only from `else if (command === "publish")`).
 * The JavaScript counterpart of ./positional-branches.ts, read from the tokens (./js-tokens.ts),
 * exactly and conservatively:
 *
 * - the first argument is read as `process.argv[2]` or `Bun.argv[2]`, `process.argv.slice(2)[0]`,
 *   `args[0]` of a `const args = process.argv.slice(2)`, a destructuring `const [, , command] =
 *   process.argv` (`const [command] = process.argv.slice(2)`), or `positionals[0]` of a `const {
 *   positionals } = parseArgs({ args: process.argv.slice(2), … })` when the first argument is no
 *   option; a `?? 'x'` or `|| 'x'` after it, or a destructuring default, gives the value without one;
 * - it is tested directly, or through a `const` bound to it, in `if (command === 'x')` (`==`,
 *   `!==`, `!=`, either side, several joined by only `||` or only `&&`) with braced branches, its
 *   `else if` and `else`, or in `switch (command)` with literal `case`s (a case falls through to the
 *   next unless it ends in `break`, `return`, `throw` or `continue`); a `const` counts only in an
 *   `if` or `switch` of its own block, after it;
 * - a function declared once by name (`function publish()`, `const publish = async () => {…}`) is
 *   reached only when a reached place names it (any use: a call, a callback, an export); an exported
 *   one always is.
 *
 * Also a `let` the file never assigns again, a branch of one statement on a line (`if (cmd === 'x')
 * doX(); else …`), `Deno.args[0]`, flags (`if (process.argv.includes('--publish'))`, a `const`
 * bound to such a test, `if (args.includes('--dry-run')) return;` leaving the rest of its block:
 * ./js-argv-flow.ts), and commander, cac and yargs subcommands (./js-argv-cli.ts).
 *
 * Anything else (a computed argument, a reassigned `let`, a dispatch through an object, a class
 * method) decides nothing: what it holds stays reached, as before.
 */
import { isPunct, literalText, tokenize, type JsToken } from './js-tokens.js';
import { callsByName, declaredFunctions, functionReach } from './js-functions.js';
import { argvChanged, reassignedNames } from './js-argv-changes.js';
import { cliReach } from './js-argv-cli.js';
import { argvFlag, branchEnd, exitsAlways, lastFunctions, restOfBlock, within, type Range } from './js-argv-flow.js';


/** What a run with the given arguments reaches of a file: `reached(offset)` is false only for code it certainly does not reach. */
export interface ArgvReach {
  reached: (offset: number) => boolean;
  /** Tokens that only compare the argument with a literal (`command === "publish"`): they run nothing. */
  inert: readonly Range[];
}

/** An argument passed as it is written, read as the same string by the file. */
const PLAIN_ARGUMENT = /^[\w@.,:+=/-]+$/;

const ARGV_HOLDERS = new Set(['process', 'Bun']);
const STATEMENT_END = new Set(['break', 'return', 'throw', 'continue']);
/** The value of the first argument a run with `args` gives, when it is known: undefined in `value` for none. */
type First = { value: string | undefined };

class Reader {
  /** The index of the innermost bracket (`{`, `(`, `[`) open at each token; -1 at the top level. */
  readonly parent: number[] = [];
  /** The index of the closing bracket of each opening one. */
  readonly close = new Map<number, number>();
  /** The index of the opening bracket of each closing one. */
  readonly open = new Map<number, number>();
  /** `const NAME = <the first argument>`: by name, where (block, token) and the value. */
  readonly vars = new Map<string, { block: number; at: number; value: string | undefined }>();
  /** `const args = process.argv.slice(2)` (offset 0) and parseArgs' `positionals` (offset 0, only for a first argument that is no option). */
  readonly lists = new Map<string, { block: number; at: number; positionals: boolean }>();
  /** `const NAME = process.argv.includes('--flag')`: whether the run passes the flag. */
  readonly flags = new Map<string, { block: number; at: number; value: boolean | undefined }>();
  #reassigned: Set<string> | undefined;
  #hoisted: Map<number, number> | undefined;
  readonly unreached: Range[] = [];
  readonly inert: Range[] = [];

  /** `args` holds every argument as the file reads it: undefined when one may read otherwise. */
  constructor(readonly tokens: readonly JsToken[], readonly first: First, readonly optionFirst: boolean, readonly args: readonly string[] | undefined) {}

  /** Binds a name declared at token `at`; a `let` only when the file never assigns that name again. */
  bind<V extends { at: number }>(map: Map<string, V>, name: string, entry: V): void {
    if (this.tokens[entry.at]!.raw === 'let' && (this.#reassigned ??= reassignedNames(this)).has(name)) return;
    map.set(name, entry);
  }

  balanced(): boolean {
    const stack: number[] = [];
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      this.parent.push(stack.at(-1) ?? -1);
      if (isPunct(t, '{') || isPunct(t, '(') || isPunct(t, '[')) stack.push(i);
      else if (isPunct(t, '}') || isPunct(t, ')') || isPunct(t, ']')) {
        const open = stack.pop();
        if (open === undefined || this.tokens[open]!.raw !== { '}': '{', ')': '(', ']': '[' }[t.raw]) return false;
        this.close.set(open, i);
        this.open.set(i, open);
      }
    }
    return stack.length === 0;
  }

  is(i: number, ...raws: string[]): boolean {
    return raws.every((raw, k) => this.tokens[i + k]?.raw === raw && this.tokens[i + k]!.kind !== 'string' && this.tokens[i + k]!.kind !== 'template');
  }

  /** `process.argv.slice(2)` or `Bun.argv.slice(2)` at `i`, or a list name bound to it in scope: its end, and whether it is parseArgs' positionals. */
  argList(i: number, scopeAt = i): { end: number; positionals: boolean } | undefined {
    const t = this.tokens[i];
    if (t === undefined || t.kind !== 'ident') return undefined;
    if (ARGV_HOLDERS.has(t.raw) && this.is(i + 1, '.', 'argv', '.', 'slice', '(', '2', ')')) return { end: i + 8, positionals: false };
    if (t.raw === 'Deno' && this.is(i + 1, '.', 'args')) return { end: i + 3, positionals: false };
    const list = this.lists.get(t.raw);
    return list && this.inScope(list, scopeAt) && !isPunct(this.tokens[i - 1], '.') ? { end: i + 1, positionals: list.positionals } : undefined;
  }

  /**
   * The first argument's expression at `i` (`process.argv[2]`, `args[0]`, …; in a declaration, with
   * a `?? 'x'`, which in a test would bind after the comparison): its end and value.
   */
  firstArg(i: number, scopeAt = i, declaration = false): { end: number; value: string | undefined } | undefined {
    const t = this.tokens[i];
    if (t?.kind !== 'ident' || isPunct(this.tokens[i - 1], '.')) return undefined;
    let end: number | undefined;
    let positionals = false;
    if (ARGV_HOLDERS.has(t.raw) && this.is(i + 1, '.', 'argv', '[', '2', ']')) end = i + 6;
    else {
      const list = this.argList(i, scopeAt);
      if (list && this.is(list.end, '[', '0', ']')) [end, positionals] = [list.end + 3, list.positionals];
    }
    if (end === undefined || (positionals && this.optionFirst)) return undefined;
    return declaration ? this.withDefault(end, this.first.value) : { end, value: this.first.value };
  }

  /** `?? 'x'` or `|| 'x'` after an expression ending at `end`: the literal when there is no argument. */
  withDefault(end: number, value: string | undefined): { end: number; value: string | undefined } {
    const op = this.is(end, '?', '?') || this.is(end, '|', '|');
    const literal = op ? this.tokens[end + 2] : undefined;
    const text = literal && literalText(literal);
    return text !== undefined ? { end: end + 3, value: value ?? text } : { end, value };
  }

  /** True when a statement ends before token `i` (`;`, a line break, `}` or the end). */
  endsAt(i: number): boolean {
    const t = this.tokens[i];
    return t === undefined || isPunct(t, ';') || isPunct(t, '}') || t.newlineBefore;
  }

  inScope(binding: { block: number; at: number }, i: number): boolean {
    return this.parent[i] === binding.block && i > binding.at;
  }

  /** `const NAME = …`, `const [, , NAME] = …`, `const { positionals } = parseArgs(…)` at the `const` token `i`. */
  readConst(i: number): void {
    const block = this.parent[i]!;
    const name = this.tokens[i + 1]!;
    if (name.kind === 'ident' && isPunct(this.tokens[i + 2], '=')) {
      const arg = this.firstArg(i + 3, i + 3, true);
      if (arg && this.endsAt(arg.end)) this.bind(this.vars, name.raw, { block, at: i, value: arg.value });
      const flag = arg ? undefined : this.flag(i + 3);
      if (flag && this.endsAt(flag.end)) this.bind(this.flags, name.raw, { block, at: i, value: flag.value });
      const list = arg || flag ? undefined : this.argList(i + 3);
      if (list && this.endsAt(list.end)) this.bind(this.lists, name.raw, { block, at: i, positionals: list.positionals });
    } else if (isPunct(name, '[')) this.readArrayPattern(i, i + 1, block);
    else if (isPunct(name, '{')) this.readParseArgs(i, i + 1, block);
  }

  readArrayPattern(at: number, open: number, block: number): void {
    const close = this.close.get(open)!;
    if (!isPunct(this.tokens[close + 1], '=')) return;
    const src = close + 2;
    const list = this.argList(src);
    const whole = ARGV_HOLDERS.has(this.tokens[src]?.raw ?? '') && this.is(src + 1, '.', 'argv') ? src + 3 : undefined;
    const end = list?.end ?? whole;
    if (end === undefined || !this.endsAt(end) || (list?.positionals && this.optionFirst)) return;
    // The element at the first argument's place: `[, , command]` of argv, `[command]` of a list.
    let element = 0;
    let k = open + 1;
    const want = list ? 0 : 2;
    for (; element < want && k < close; k++) if (isPunct(this.tokens[k], ',') && this.parent[k] === open) element++; else if (!isPunct(this.tokens[k], ',')) return;
    const name = this.tokens[k];
    if (element !== want || name?.kind !== 'ident' || isPunct(this.tokens[k - 1], '...')) return;
    const hasDefault = isPunct(this.tokens[k + 1], '=');
    const value = hasDefault ? this.tokens[k + 2] && literalText(this.tokens[k + 2]!) : undefined;
    if (hasDefault && value === undefined) return;
    this.bind(this.vars, name.raw, { block, at, value: this.first.value ?? value });
  }

  /** `const { positionals } = parseArgs({ args: process.argv.slice(2), … })` (`positionals: name` too). */
  readParseArgs(at: number, open: number, block: number): void {
    const close = this.close.get(open)!;
    let local: string | undefined;
    for (let k = open + 1; k < close; k++) {
      if (this.tokens[k]!.raw !== 'positionals' || this.parent[k] !== open) continue;
      const renamed = isPunct(this.tokens[k + 1], ':') ? this.tokens[k + 2] : undefined;
      local = renamed === undefined ? 'positionals' : renamed.kind === 'ident' ? renamed.raw : undefined;
    }
    const call = close + 2;
    if (local === undefined || !isPunct(this.tokens[close + 1], '=') || this.tokens[call]?.raw !== 'parseArgs' || !this.is(call + 1, '(', '{')) return;
    const options = call + 2;
    const end = this.close.get(call + 1)!;
    if (!this.endsAt(end + 1)) return;
    for (let k = options + 1; k < this.close.get(options)!; k++) {
      if (this.parent[k] !== options || !this.is(k, 'args', ':')) continue;
      const list = this.argList(k + 2);
      if (list && !list.positionals && (isPunct(this.tokens[list.end], ',') || isPunct(this.tokens[list.end], '}'))) this.bind(this.lists, local, { block, at, positionals: true });
    }
  }

  /** The value a test's operand at `i` holds (a dispatch `const` in scope, or the argument itself) and its end. */
  operand(i: number, statement: number): { end: number; value: string | undefined } | undefined {
    const t = this.tokens[i];
    const v = t?.kind === 'ident' ? this.vars.get(t.raw) : undefined;
    if (v && this.inScope(v, statement) && !isPunct(this.tokens[i - 1], '.')) return { end: i + 1, value: v.value };
    return this.firstArg(i, statement);
  }

  /** `X.includes('--flag')` at `i` of the run's arguments (not parseArgs' positionals): its end and whether the run passes the flag. */
  flag(i: number, scopeAt = i): { end: number; value: boolean | undefined } | undefined {
    const f = argvFlag(this, i, (k) => {
      const list = this.argList(k, scopeAt);
      return list && !list.positionals ? list.end : undefined;
    });
    return f && { end: f.end, value: this.args?.includes(f.flag) };
  }

  /** One test `X === 'lit'` (either side, `==`, `!==`, `!=`), `[!]X.includes('--flag')` or `[!]flag` spanning `[from, to)`: its value, or undefined. */
  test(from: number, to: number, statement: number): boolean | undefined {
    const negate = isPunct(this.tokens[from], '!') ? 1 : 0;
    const name = this.tokens[from + negate];
    const bound = name?.kind === 'ident' && !isPunct(this.tokens[from + negate - 1], '.') ? this.flags.get(name.raw) : undefined;
    const flag = bound && this.inScope(bound, statement) ? { end: from + negate + 1, value: bound.value } : this.flag(from + negate, statement);
    if (flag) return flag.end === to && flag.value !== undefined ? flag.value !== (negate === 1) : undefined;
    const literalAt = (i: number): string | undefined => (i >= from && i < to ? literalText(this.tokens[i]!) : undefined);
    const op = (i: number): { negate: boolean; end: number } | undefined => {
      const negate = isPunct(this.tokens[i], '!');
      const j = negate ? i + 1 : i;
      if (!this.is(j, '=', '=')) return undefined;
      return { negate, end: this.is(j + 2, '=') ? j + 3 : j + 2 };
    };
    const left = this.operand(from, statement);
    if (left) {
      const o = op(left.end);
      const lit = o && literalAt(o.end);
      if (o && lit !== undefined && o.end + 1 === to) return (left.value === lit) !== o.negate;
      return undefined;
    }
    const lit = literalAt(from);
    const o = lit === undefined ? undefined : op(from + 1);
    const right = o && this.operand(o.end, statement);
    if (lit === undefined || !o || !right || right.end !== to) return undefined;
    return (right.value === lit) !== o.negate;
  }

  /** The value of the condition between the parentheses `open` and `close`. */
  condition(open: number, close: number, statement: number): boolean | undefined {
    const terms: Range[] = [];
    let joiner: string | undefined;
    let start = open + 1;
    for (let k = open + 1; k < close; k++) {
      if (this.parent[k] !== open || !(this.is(k, '&', '&') || this.is(k, '|', '|'))) continue;
      if (joiner !== undefined && joiner !== this.tokens[k]!.raw) return undefined;
      joiner = this.tokens[k]!.raw;
      terms.push([start, k]);
      start = k + 2;
      k++;
    }
    terms.push([start, close]);
    const values = terms.map(([a, b]) => this.test(a, b, statement));
    values.forEach((v, n) => v !== undefined && this.inert.push([this.tokens[terms[n]![0]]!.start, this.tokens[terms[n]![1] - 1]!.end]));
    if (joiner === '|') return values.includes(true) ? true : values.every((v) => v === false) ? false : undefined;
    return values.includes(false) ? false : values.every((v) => v === true) ? true : undefined;
  }

  /** Marks the token range `[from, to]` unreached. */
  drop(from: number, to: number): void {
    this.unreached.push([this.tokens[from]!.start, this.tokens[to]!.end]);
  }

  /**
   * An `if` chain whose first `if` is token `i` (braced branches, or one statement on a line: ./js-argv-flow.ts);
   * a lone `if` taken whose branch always leaves (`return`, `throw`, `process.exit`) leaves the rest of its block unreached.
   */
  readIf(i: number): void {
    let taken = false;
    for (let k = i; ; ) {
      const closeParen = this.close.get(k + 1)!;
      const body = closeParen + 1;
      const end = branchEnd(this, body);
      if (end === undefined) return;
      const value = this.condition(k + 1, closeParen, i);
      if (taken || value === false) this.drop(body, end);
      taken ||= value === true;
      if (this.tokens[end + 1]?.raw !== 'else') {
        const rest = k === i && value === true && exitsAlways(this, body, end) ? restOfBlock(this, i, end, (this.#hoisted ??= lastFunctions(this))) : undefined;
        if (rest) this.drop(rest[0], rest[1]);
        return;
      }
      if (this.is(end + 2, 'if', '(')) k = end + 2;
      else {
        const last = branchEnd(this, end + 2);
        if (last !== undefined && taken) this.drop(end + 2, last);
        return;
      }
    }
  }

  /** A `switch` at token `i` on the argument, with literal `case`s. */
  readSwitch(i: number): void {
    const closeParen = this.close.get(i + 1)!;
    const subject = this.operand(i + 2, i);
    const body = closeParen + 1;
    if (!subject || subject.end !== closeParen || !isPunct(this.tokens[body], '{')) return;
    const end = this.close.get(body)!;
    const labels: { at: number; value: string | undefined; isDefault: boolean }[] = [];
    for (let k = body + 1; k < end; k++) {
      if (this.parent[k] !== body || this.tokens[k]!.kind !== 'ident') continue;
      if (this.is(k, 'default', ':')) labels.push({ at: k, value: undefined, isDefault: true });
      else if (this.tokens[k]!.raw === 'case') {
        const lit = this.tokens[k + 1] && literalText(this.tokens[k + 1]!);
        if (lit === undefined || !isPunct(this.tokens[k + 2], ':')) return;
        labels.push({ at: k, value: lit, isDefault: false });
      }
    }
    this.inert.push([this.tokens[i + 2]!.start, this.tokens[closeParen - 1]!.end]);
    let entry = labels.findIndex((l) => !l.isDefault && l.value === subject.value);
    if (entry < 0) entry = labels.findIndex((l) => l.isDefault);
    const segmentEnd = (n: number): number => (labels[n + 1]?.at ?? end) - 1;
    let reached = false;
    for (let n = 0; n < labels.length; n++) {
      reached = n === entry || (reached && this.fallsThrough(labels[n - 1]!.at, segmentEnd(n - 1), body));
      if (!reached) this.drop(labels[n]!.at, segmentEnd(n));
    }
  }

  /** Whether the case from `from` to `to` may run on into the next one: no `break`, `return`, … of its own. */
  fallsThrough(from: number, to: number, body: number): boolean {
    const colon = this.tokens[from]!.raw === 'default' ? from + 1 : from + 2;
    const block = isPunct(this.tokens[colon + 1], '{') && this.close.get(colon + 1) === to ? colon + 1 : body;
    for (let k = colon + 1; k <= to; k++) {
      const before = this.tokens[k - 1]!;
      const startsStatement = isPunct(before, ';') || isPunct(before, '{') || isPunct(before, '}') || isPunct(before, ':');
      if (this.parent[k] === block && STATEMENT_END.has(this.tokens[k]!.raw) && this.tokens[k]!.kind === 'ident' && startsStatement) return false;
    }
    return true;
  }
}

/**
 * What a run of the file with `args` reaches (see the file comment); undefined when no dispatch on
 * the first argument is decided for it, `args` cannot be read as the file reads them, or the file
 * may change its arguments before it reads them (./js-argv-changes.ts).
 */
export function argvReach(tokens: readonly JsToken[], args: readonly string[]): ArgvReach | undefined {
  const firstWord = args[0];
  if (firstWord !== undefined && !PLAIN_ARGUMENT.test(firstWord)) return undefined;
  const r = new Reader(tokens, { value: firstWord }, firstWord?.startsWith('-') === true, args.every((a) => PLAIN_ARGUMENT.test(a)) ? args : undefined);
  if (!r.balanced()) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'ident' || isPunct(tokens[i - 1], '.')) continue;
    if (t.raw === 'const' || t.raw === 'let') r.readConst(i);
    else if (t.raw === 'if' && isPunct(tokens[i + 1], '(') && tokens[i - 1]?.raw !== 'else') r.readIf(i);
    else if (t.raw === 'switch' && isPunct(tokens[i + 1], '(')) r.readSwitch(i);
  }
  // commander, cac and yargs subcommands (./js-argv-cli.ts): their parse only reads `process.argv`.
  const cli = cliReach(r, firstWord);
  for (const [from, to] of cli?.unreached ?? []) r.drop(from, to);
  if (r.unreached.length === 0 || argvChanged(r, r.lists, cli?.readOnly)) return undefined;
  const unreachedAt = within(r.unreached);
  const functions = callsByName(tokens) ? [] : declaredFunctions(r);
  const fns = functionReach(tokens, functions, unreachedAt);
  const reached = (offset: number): boolean => !unreachedAt(offset) && fns.reached(offset);
  // An unreached function's whole declaration runs nothing either.
  const inert = [...r.inert, ...functions.filter((f) => !fns.reachedFns.has(f)).map((f): Range => [f.from, f.body[1]])];
  return { reached, inert };
}

/** `argvReachOfText` of the files and arguments read last (a make run starts the same file from many targets). */
const reachCache = new Map<string, ReturnType<typeof argvReachOfText>>();
const MAX_CACHED_FILES = 8;

/**
 * `argvReach` of a file's text for a run with `args`, and the text of what the run reaches and may
 * run (comments, unreached code and the argument tests left out) for ./js-publish-free.ts.
 */
export function argvReachOfText(text: string, args: readonly string[]): (ArgvReach & { reachedText: () => string }) | undefined {
  const key = `${args.join('\0')}\0\0${text}`;
  if (reachCache.has(key)) return reachCache.get(key);
  const tokens = /\bargv\b|\bDeno\.args\b|\.command\s*\(/.test(text) ? tokenize(text) : undefined;
  const reach = tokens && argvReach(tokens, args);
  let out: ReturnType<typeof argvReachOfText>;
  if (tokens && reach) {
    const inert = within(reach.inert);
    let reachedText: string | undefined;
    out = { ...reach, reachedText: () => (reachedText ??= tokens.filter((t) => reach.reached(t.start) && !inert(t.start)).map((t) => t.raw).join(' ')) };
  }
  if (reachCache.size >= MAX_CACHED_FILES) reachCache.delete(reachCache.keys().next().value!);
  reachCache.set(key, out);
  return out;
}
