/**
 * Whether a committed JavaScript file may change the arguments it reads before it reads them, for
 * ./js-argv-dispatch.ts: then a dispatch on its first argument decides nothing (`args.shift()`
 * before `if (args[0] === 'publish')` run as `node build.mjs ci publish`; `process.argv.splice(2,
 * 1)`; `if (process.env.CI) process.argv[2] = 'publish'`; review of 2026-12-07). Read from the
 * tokens (./js-tokens.ts), conservatively: any use that may change the list, or hands it on, counts.
 */
import { isPunct, type JsToken } from './js-tokens.js';

/** A file's tokens with their brackets (as ./js-argv-dispatch.ts reads them). */
export interface BracketedTokens {
  readonly tokens: readonly JsToken[];
  /** The closing bracket of each opening one, and the opening of each closing one. */
  readonly close: ReadonlyMap<number, number>;
  readonly open: ReadonlyMap<number, number>;
  /** The innermost bracket open at each token; -1 at the top level. */
  readonly parent: readonly number[];
}

const ARGV_HOLDERS = new Set(['process', 'Bun']);
/** Array methods that change the list they are called on. */
const MUTATORS = new Set(['shift', 'splice', 'unshift', 'pop', 'push', 'reverse', 'sort', 'fill', 'copyWithin']);
const DECLARES = new Set(['const', 'let', 'var']);
/** Uses of a bare list that read it and keep no reference to it: `...args`, `for (const a of args)`, `typeof args`. */
const READS_BARE = new Set(['...', 'of', 'typeof', ...DECLARES]);

/**
 * Whether the file may change the arguments it reads: `process.argv` (`Bun.argv`, a bare `argv`)
 * or a list bound to it (`lists`: `const args = process.argv.slice(2)`) mutated (`.shift()`,
 * `.splice()`, …), assigned (`args[0] =`, `[args[0]] = …`, `process.argv =`, `args.length = 0`),
 * deleted, or handed on as a value (`mutate(args)`, `Object.assign(args, …)`, `const a =
 * process.argv`), anywhere in the file.
 */
export function argvChanged(b: BracketedTokens, lists: ReadonlyMap<string, unknown>, readOnly: ReadonlySet<number> = new Set()): boolean {
  return new Changes(b, lists).changed(readOnly);
}

/** The names the file assigns anywhere after declaring them (`x = …`, `x += …`, `x++`, `[x] = …`): a `let` so named may hold another value. */
export function reassignedNames(b: BracketedTokens): Set<string> {
  const c = new Changes(b, new Map());
  const out = new Set<string>();
  b.tokens.forEach((t, i) => {
    if (t.kind !== 'ident' || isPunct(b.tokens[i - 1], '.')) return;
    const declared = DECLARES.has(b.tokens[i - 1]?.raw ?? '');
    if ((c.assigns(i + 1) && !declared) || c.is(i - 2, '+', '+') || c.is(i - 2, '-', '-') || c.assignedPattern(i)) out.add(t.raw);
  });
  return out;
}

class Changes {
  readonly tokens: readonly JsToken[];
  constructor(
    readonly b: BracketedTokens,
    readonly lists: ReadonlyMap<string, unknown>,
  ) {
    this.tokens = b.tokens;
  }

  /**
   * Whether a bare `argv` may be the run's list: the file binds it from `process` (`const { argv } =
   * process`, `import { argv } from 'node:process'`); otherwise it is another value (yargs' `(argv) => …`).
   */
  get bareArgv(): boolean {
    return (this.#bareArgv ??= this.tokens.some((x, i) => {
      const open = this.b.parent[i]!;
      const close = x.raw === 'argv' && open >= 0 && isPunct(this.tokens[open], '{') ? this.b.close.get(open)! : undefined;
      const from = close !== undefined && this.is(close + 1, 'from') ? this.tokens[close + 2] : undefined;
      return close !== undefined && (this.is(close + 1, '=', 'process') || (from?.kind === 'string' && /^(?:node:)?process$/.test(from.value ?? '')));
    }));
  }
  #bareArgv: boolean | undefined;

  is(i: number, ...raws: string[]): boolean {
    return raws.every((raw, k) => this.tokens[i + k]?.raw === raw && this.tokens[i + k]!.kind !== 'string' && this.tokens[i + k]!.kind !== 'template');
  }

  /** `readOnly`: the `process` tokens of `process.argv` handed to a reader that only reads it (./js-argv-cli.ts). */
  changed(readOnly: ReadonlySet<number>): boolean {
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.kind !== 'ident' || isPunct(this.tokens[i - 1], '.') || readOnly.has(i)) continue;
      const holder = (ARGV_HOLDERS.has(t.raw) && this.is(i + 1, '.', 'argv')) || (t.raw === 'Deno' && this.is(i + 1, '.', 'args'));
      const end = holder ? i + 3 : (t.raw === 'argv' && this.bareArgv) || this.lists.has(t.raw) ? i + 1 : undefined;
      if (end !== undefined && this.changedAt(i, end)) return true;
    }
    return false;
  }

  /** Whether the list expression `[i, end)` is changed or handed on there (see `argvChanged`). */
  changedAt(i: number, end: number): boolean {
    const prev = this.tokens[i - 1];
    if (prev?.raw === 'delete' || this.is(i - 2, '+', '+') || this.is(i - 2, '-', '-')) return true;
    if (isPunct(this.tokens[end], '.')) return MUTATORS.has(this.tokens[end + 1]?.raw ?? '') || this.assigns(end + 2);
    if (isPunct(this.tokens[end], '[')) {
      const close = this.b.close.get(end)!;
      return this.assigns(close + 1) || this.assignedPattern(i);
    }
    if (this.assigns(end)) return !DECLARES.has(prev?.raw ?? '');
    // A property's key (`parseArgs({ args: … })`).
    if (isPunct(this.tokens[end], ':') && (isPunct(prev, '{') || isPunct(prev, ','))) return false;
    if (this.assignedPattern(i)) return true;
    // A read of the whole list in a declaration: `const [, , command] = process.argv`, `const { positionals } = …`.
    const pattern = isPunct(prev, '=') ? this.b.open.get(i - 2) : undefined;
    const declares = (open: number | undefined): boolean => open !== undefined && DECLARES.has(this.tokens[open - 1]?.raw ?? '');
    return !(READS_BARE.has(prev?.raw ?? '') || declares(pattern) || declares(this.outerPattern(i)));
  }

  /** The outermost `[`/`{` around token `i` with only such brackets between. */
  outerPattern(i: number): number | undefined {
    let open: number | undefined;
    for (let p = this.b.parent[i]!; p >= 0 && (isPunct(this.tokens[p], '[') || isPunct(this.tokens[p], '{')); p = this.b.parent[p]!) open = p;
    return open;
  }

  /** Token `i` in a destructuring assignment's pattern (`[args[0], args[1]] = …`), not a declaration's. */
  assignedPattern(i: number): boolean {
    const open = this.outerPattern(i);
    return open !== undefined && this.assigns(this.b.close.get(open)! + 1) && !DECLARES.has(this.tokens[open - 1]?.raw ?? '');
  }

  /** An assignment operator at token `k`: `=`, `+=`, `??=`, `<<=`, … (no `==`, `<=`, `>=`, `!=`), or `++`/`--`. */
  assigns(k: number): boolean {
    const t = this.tokens[k];
    if (t?.kind !== 'punct') return false;
    if (t.raw === '=') return !this.is(k + 1, '=');
    if ((t.raw === '+' || t.raw === '-') && this.is(k + 1, t.raw)) return true;
    const op = this.is(k + 1, t.raw) && '*&|?<>'.includes(t.raw) ? k + 2 : '+-*/%&|^'.includes(t.raw) ? k + 1 : undefined;
    return op !== undefined && this.is(op, '=') && !this.is(op + 1, '=');
  }
}
