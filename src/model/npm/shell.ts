/**
 * A small POSIX-ish shell splitter for `run:` / `script:` text. Hand-rolled on purpose: diagnostics point at the exact command inside the YAML source, so every word
 * keeps its offsets into the script. Shell-parsing libraries (shell-quote, bash-parser, ...) lose offsets
 * and throw on the half-valid shell of CI files (`${{ }}` expressions, unterminated quotes). This one
 * never throws, always advances, and is linear apart from the bounded re-scan of `$(...)` bodies.
 *
 * What it understands: newlines, `\`-newline continuations, `&&`, `||`, `;`, `|`, `&`, `( ) { }`, quotes,
 * backslash escapes, `#` comments, redirections (dropped from the words), heredoc bodies (no commands; each
 * command keeps its bodies and its output and input redirections, `ShellCommand.heredocs`/`outputs`/`inputs`),
 * `$(...)` and backticks (their content also split, as separate commands), `${...}` (GitHub's `${{ ... }}`
 * too) kept inside the word, bash's `[[ ... ]]` (its `&&`, `||`, `<`, `>`, `( )` are the test's). Prefixes and
 * options: shell-words.ts; character scans (quotes, `$(...)`, backticks): shell-scan.ts; types: shell-command.ts.
 */
import { Nesting } from './shell-nesting.js';
import type { HeredocBody, OutputRedirect, ShellCommand, ShellWord, SubstitutionBody } from './shell-command.js';
import { findBacktick, skipBalanced, skipQuoted } from './shell-scan.js';
import { ownCopy } from '../core/text.js';
import { powerShellWords } from './shell-words.js';

export type { HeredocBody, OutputRedirect, ShellCommand, ShellWord, SubstitutionBody } from './shell-command.js';
export { booleanOption, booleanOptionState, hasRuntimePart, shellQuote, splitOption, stripPrefixes, valueOption } from './shell-words.js';

/** `$(...)` nested deeper than this is kept as text only. */
const MAX_SUBSTITUTION_DEPTH = 8;

/**
 * The simple commands of a script, in source order. The result is shared and frozen: the same
 * `run:` text is split by the publish detection, the registry and target facts and several rules,
 * so recent results are kept (see `SPLIT_CACHE_CHARS`).
 */
export function splitCommands(script: string): readonly ShellCommand[] {
  const hit = splitCache.get(script);
  if (hit) return hit;
  // Split from a copy the cache owns: the commands' texts and words are slices of what is split,
  // and a slice of the `run:` value would keep its whole workflow text alive (`ownCopy`).
  const own = ownCopy(script);
  const out: ShellCommand[] = [];
  new Scanner(own, own.length, out, 0).run(0);
  out.sort((a, b) => a.offset - b.offset);
  for (const command of out) {
    Object.freeze(command.words);
    Object.freeze(command);
  }
  const result = Object.freeze(out);
  remember(own, result);
  return result;
}

/**
 * Scripts split recently, by text, oldest first: a bounded cache (not a WeakMap, strings cannot key
 * one) of a pure function, so a long-lived host (the ESLint plugin) keeps at most this many
 * characters of script text and their commands. Measured on the bench workflows (bench/README.md):
 * each `run:` text is split four to six times in a run.
 */
const SPLIT_CACHE_CHARS = 1_000_000;
const splitCache = new Map<string, readonly ShellCommand[]>();
let splitCacheChars = 0;

function remember(script: string, commands: readonly ShellCommand[]): void {
  if (script.length > SPLIT_CACHE_CHARS / 10) return;
  splitCache.set(script, commands);
  splitCacheChars += script.length;
  for (const oldest of splitCache.keys()) {
    if (splitCacheChars <= SPLIT_CACHE_CHARS) break;
    splitCache.delete(oldest);
    splitCacheChars -= oldest.length;
  }
}

/** Characters that end a run of plain word characters: blanks, quotes, backslash, `$`, backtick, redirections, operators (`#`, `{`, `}` are plain in a word). */
const SPECIAL_IN_WORD = new Uint8Array(128);
for (const c of ' \t\r\n\\\'"`$<>&|();') SPECIAL_IN_WORD[c.charCodeAt(0)] = 1;
/** Characters that end a run of plain characters inside double quotes. */
const SPECIAL_IN_DOUBLE = new Uint8Array(128);
for (const c of '"\\$`') SPECIAL_IN_DOUBLE[c.charCodeAt(0)] = 1;

/** Index of the first character from `i` that is special in `table` (or `end`). */
function plainRun(s: string, i: number, end: number, table: Uint8Array): number {
  let j = i;
  while (j < end) {
    const code = s.charCodeAt(j);
    if (code < 128 && table[code] === 1) break;
    j++;
  }
  return j;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** Characters after which a `{` / `}` is a grouping word rather than part of a word. */
function endsReservedWord(c: string | undefined): boolean {
  return c === undefined || isBlank(c) || c === ';' || c === '&' || c === '|' || c === ')';
}

/** Reserved words after which `[[` still starts a test (`if [[ ... ]]`, `! [[ ... ]]`). */
const TEST_LEADERS = new Set(['if', 'elif', 'while', 'until', 'then', 'do', 'else', '!', 'time']);
/** Reserved words after which a `{` still opens a group (`then {`, `do {`). */
const LEADING_WORDS = new Set(['then', 'do', 'else', '!']);

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
  /** What its command gets (`ShellCommand.heredocs`), filled in when the body is skipped. */
  body: { -readonly [K in keyof HeredocBody]: HeredocBody[K] };
}

class Scanner {
  private words: ShellWord[] = [];
  private value = '';
  /** Start of the word being read, -1 between words. */
  private start = -1;
  /** The next word is a redirection target (dropped). */
  private redirectTarget = false;
  /** The next word is a heredoc delimiter; the value says whether it was `<<-`. */
  private heredocNext: boolean | null = null;
  private heredocs: Heredoc[] = [];
  /** The heredoc bodies and output redirections of the command being read. */
  private commandHeredocs: HeredocBody[] = [];
  private outputs: OutputRedirect[] = [];
  private inputs: OutputRedirect[] = [];
  /** The redirection target word to come writes (or appends) standard output, or is read as standard input (`< f`). */
  private redirectOut: 'write' | 'append' | 'read' | undefined;
  /** Inside bash's `[[ ... ]]`: `&&`, `||`, `( )`, `<`, `>` are the test's (`[[ $A && $B ]]`), not operators. */
  private inTest = false;
  private readonly nesting = new Nesting();

  constructor(
    private readonly s: string,
    private readonly end: number,
    private readonly out: ShellCommand[],
    private readonly depth: number,
    private readonly body?: SubstitutionBody,
  ) {}

  run(from: number): void {
    let i = from;
    while (i < this.end) i = this.step(i);
    this.endCommand(this.end);
  }

  /** Consumes at least one character at `i` and returns the next index. */
  private step(i: number): number {
    const s = this.s;
    const c = s[i];
    const next = s[i + 1];
    if (c === '\n') {
      this.endCommand(i);
      return this.heredocs.length > 0 ? this.skipHeredocBodies(i + 1) : i + 1;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      this.endWord(i);
      return i + 1;
    }
    if (c === '\\') return this.backslash(i);
    if (c === '#' && this.start < 0) {
      const nl = s.indexOf('\n', i);
      return nl < 0 || nl > this.end ? this.end : nl;
    }
    if (c === "'") {
      this.begin(i);
      const j = skipQuoted(s, i, this.end);
      this.value += s.slice(i + 1, s[j - 1] === "'" && j - 1 > i ? j - 1 : j);
      return j;
    }
    if (c === '"') {
      this.begin(i);
      return this.doubleQuoted(i + 1);
    }
    if (c === '`' || c === '$') {
      this.begin(i);
      return this.expansion(i);
    }
    if (this.inTest && (c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>')) return this.testOperator(i);
    if (c === '<' || c === '>') return this.redirect(i);
    if (c === '&' && next === '>') {
      this.endWord(i);
      return this.redirect(i + 1);
    }
    if (c === '&' || c === '|') {
      this.nesting.operator(c, next === c, this.endCommand(i));
      return next === c || (c === '|' && next === '&') ? i + 2 : i + 1;
    }
    if (c === '(' && this.start >= 0 && this.value.endsWith('=')) {
      // array assignment `a=(x y)`: part of the word, not a subshell
      const j = skipBalanced(s, i, this.end);
      this.value += s.slice(i, j);
      return j;
    }
    if (c === ';' || c === '(' || c === ')') {
      this.endCommand(i);
      if (c !== ';') this.nesting.paren(c);
      else if (next === ';' || next === '&') this.nesting.caseBreak();
      return i + 1;
    }
    if ((c === '{' || c === '}') && this.start < 0 && endsReservedWord(next)) {
      // `{` first in a command (after `then`, `do`, `else` too), or after `function name`: a group or a function body, not an argument.
      const reserved = this.words.every((w) => LEADING_WORDS.has(w.value)) || (this.words.length === 2 && this.words[0]?.value === 'function');
      this.endCommand(i);
      if (reserved) this.nesting.brace(c);
      return i + 1;
    }
    // A run of plain characters: appended as one slice rather than character by character.
    this.begin(i);
    const j = plainRun(s, i + 1, this.end, SPECIAL_IN_WORD);
    this.value += s.slice(i, j);
    return j;
  }

  /** An operator of a `[[ ... ]]` test: a word of its own (`&&`, `||`, `<`, ...), as bash reads it. */
  private testOperator(i: number): number {
    this.endWord(i);
    const j = (this.s[i] === '&' || this.s[i] === '|') && this.s[i + 1] === this.s[i] ? i + 2 : i + 1;
    this.words.push({ value: this.s.slice(i, j), offset: i, end: j });
    return j;
  }

  private backslash(i: number): number {
    const next = this.s[i + 1];
    if (next === '\n') return i + 2; // line continuation
    if (next === '\r' && this.s[i + 2] === '\n') return i + 3;
    this.begin(i);
    if (i + 1 >= this.end) {
      this.value += '\\';
      return i + 1;
    }
    this.value += next;
    return i + 2;
  }

  private doubleQuoted(from: number): number {
    const s = this.s;
    let i = from;
    while (i < this.end) {
      const c = s[i];
      if (c === '"') return i + 1;
      if (c === '\\') {
        const next = s[i + 1];
        if (next === '\n') i += 2;
        else if (next === '$' || next === '`' || next === '"' || next === '\\') {
          this.value += next;
          i += 2;
        } else {
          this.value += c;
          i++;
        }
      } else if (c === '$' || c === '`') {
        i = this.expansion(i);
      } else {
        const j = plainRun(s, i + 1, this.end, SPECIAL_IN_DOUBLE);
        this.value += s.slice(i, j);
        i = j;
      }
    }
    return this.end;
  }

  /** `$(...)`, `$((...))`, `${...}`, backticks or a lone `$`: appended raw; command bodies also split. */
  private expansion(i: number): number {
    const s = this.s;
    let j: number;
    if (s[i] === '`') {
      const close = findBacktick(s, i, this.end);
      this.nested(i + 1, close);
      j = Math.min(close + 1, this.end);
    } else if (s[i + 1] === '(') {
      j = skipBalanced(s, i + 1, this.end);
      if (s[i + 2] !== '(') this.nested(i + 2, s[j - 1] === ')' ? j - 1 : j);
    } else if (s[i + 1] === '{') {
      j = skipBalanced(s, i + 1, this.end);
    } else {
      j = i + 1;
    }
    this.value += s.slice(i, j);
    return j;
  }

  private nested(from: number, to: number): void {
    if (this.depth >= MAX_SUBSTITUTION_DEPTH || to <= from) return;
    const scope = this.nesting.scope();
    new Scanner(this.s, to, this.out, this.depth + 1, Object.freeze(scope ? { from, to, scope } : { from, to })).run(from);
  }

  /** A redirection operator at `i`; its target word (or heredoc delimiter) is dropped. */
  private redirect(i: number): number {
    let fd: string | undefined;
    if (this.start >= 0 && /^\d+$/.test(this.value) && this.s.slice(this.start, i) === this.value) {
      fd = this.value;
      this.start = -1; // `2>`: the digits are a file descriptor, not a word
      this.value = '';
    } else {
      this.endWord(i);
    }
    const s = this.s;
    if (s.startsWith('<<<', i)) {
      this.redirectTarget = true;
      this.redirectOut = undefined;
      return i + 3;
    }
    if (s.startsWith('<<', i)) {
      const strip = s[i + 2] === '-';
      this.heredocNext = strip;
      return i + (strip ? 3 : 2);
    }
    this.redirectTarget = true;
    const two = s.slice(i, i + 2);
    this.redirectOut = s[i] === '<' ? (two === '<&' || two === '<>' || (fd !== undefined && fd !== '0') ? undefined : 'read') : two === '>&' || (fd !== undefined && fd !== '1') ? undefined : two === '>>' ? 'append' : 'write';
    return two === '>>' || two === '>|' || two === '<>' || two === '>&' || two === '<&' ? i + 2 : i + 1;
  }

  private begin(i: number): void {
    if (this.start < 0) this.start = i;
  }

  private endWord(at: number): void {
    if (this.start < 0) return;
    const word: ShellWord = { value: this.value, offset: this.start, end: at };
    this.start = -1;
    this.value = '';
    if (this.heredocNext !== null) {
      const body = { text: '', quoted: /['"\\]/.test(this.s.slice(word.offset, word.end)), stripTabs: this.heredocNext, closed: false };
      this.heredocs.push({ delimiter: word.value, stripTabs: this.heredocNext, body });
      this.commandHeredocs.push(body);
      this.heredocNext = null;
    } else if (this.redirectTarget) {
      if (this.redirectOut !== undefined) (this.redirectOut === 'read' ? this.inputs : this.outputs).push({ value: word.value, raw: this.s.slice(word.offset, word.end), append: this.redirectOut === 'append' });
      this.redirectTarget = false;
      this.redirectOut = undefined;
    } else {
      const raw = word.end - word.offset === 2 ? this.s.slice(word.offset, word.end) : '';
      if (raw === '[[' && this.words.every((w) => TEST_LEADERS.has(w.value))) this.inTest = true;
      else if (raw === ']]') this.inTest = false;
      this.words.push(word);
    }
  }

  /** Ends the command being read; returns it, or undefined when it has no words. */
  private endCommand(at: number): ShellCommand | undefined {
    this.endWord(at);
    this.redirectTarget = false;
    this.redirectOut = undefined;
    this.heredocNext = null;
    this.inTest = false;
    const words = powerShellWords(this.words); // `Set-Location dir` is `cd dir`
    // Blank lines end no command: no allocation for each of them.
    if (words.length === 0) return undefined;
    const first = words[0];
    const last = words[words.length - 1];
    let command: ShellCommand | undefined;
    if (first && last) {
      command = { text: this.s.slice(first.offset, last.end), offset: first.offset, words };
      if (this.body !== undefined) {
        command.substitution = true;
        command.within = this.body;
      }
      if (this.nesting.command(words)) command.nested = true;
      if (this.nesting.grouped()) command.grouped = true;
      const scope = this.nesting.scope();
      if (scope) command.scope = scope;
      if (this.commandHeredocs.length > 0) command.heredocs = this.commandHeredocs;
      if (this.outputs.length > 0) command.outputs = this.outputs;
      if (this.inputs.length > 0) command.inputs = this.inputs;
      this.nesting.record(words, scope);
      this.out.push(command);
    }
    this.words = [];
    if (this.commandHeredocs.length > 0) this.commandHeredocs = [];
    if (this.outputs.length > 0) this.outputs = [];
    if (this.inputs.length > 0) this.inputs = [];
    return command;
  }

  /** Skips the bodies of the heredocs opened on the line that just ended. */
  private skipHeredocBodies(from: number): number {
    let pos = from;
    for (const doc of this.heredocs) {
      const start = pos;
      let bodyEnd = this.end;
      while (pos < this.end) {
        const nl = this.s.indexOf('\n', pos);
        const lineEnd = nl < 0 || nl > this.end ? this.end : nl;
        let line = this.s.slice(pos, lineEnd);
        if (doc.stripTabs) line = line.replace(/^\t+/, '');
        const lineStart = pos;
        pos = Math.min(lineEnd + 1, this.end);
        if (line.trim() === doc.delimiter) {
          bodyEnd = lineStart;
          doc.body.closed = true;
          break;
        }
      }
      doc.body.text = this.s.slice(start, bodyEnd);
    }
    this.heredocs = [];
    return pos;
  }
}

