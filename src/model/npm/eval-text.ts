/**
 * The commands `eval` runs, read where it stands. `eval` joins its arguments with spaces and runs
 * the result as shell code (yarnpkg/yarn's `scripts/update-npm.sh`: `eval "npx npm@4 publish
 * '$tarball' --access public $npm_flags"`): when that text can be told from the script, its
 * commands take the `eval` command's place among the script's commands (`commandsOf`), so the
 * recogniser reads them with the same frame, directory and scripts as any other command there.
 *
 * The text can be told when every argument is literal text: plain words and quoted strings whose
 * only expansions are `$name`, `${name}`, a positional or special parameter, or a GitHub `${{ }}`
 * expression, none of them first in a command of the text (a value put there may be any shell
 * code: `eval "$CMD"`). A `$(...)`, a backtick, another `${...}` form, a compound command or a
 * subshell in the text, or a value in a command's place, keep the `eval` a command tp-doctor cannot
 * read, as before. A value in an argument's place stays that word (`npm publish $npm_flags` is
 * read as it is anywhere else).
 *
 * Positions: a command of the text is placed inside the quoted string it comes from when each
 * argument it spans is written without escapes (`"…"`, `'…'` or a plain word); otherwise at the
 * `eval` command.
 */
import { splitCommands, stripPrefixes, type ShellCommand, type ShellWord } from './shell.js';
import { ASSIGNMENT } from './shell-words.js';
import { MAX_COMMAND_NESTING } from './publish-match.js';

/** Words that may come before `eval` in its command and leave it the shell's builtin. */
const BEFORE_EVAL: ReadonlySet<string> = new Set(['!', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', 'time']);

/** `$` forms that expand to a value: `$name`, `${name}`, `$1`, `$@`, `${{ … }}`; a lone `$` is literal. */
const VALUE_REFERENCE = /\$(?:\{[A-Za-z_]\w*\}|\{\{[^}]*\}\}|[A-Za-z_]\w*|[0-9@*#?!$-]|(?![({]))/y;

/** The commands of `text` in source order, with the commands of each readable `eval` in its place. */
export function commandsOf(text: string): readonly ShellCommand[] {
  return withEvalText(splitCommands(text), text, 0);
}

function withEvalText(commands: readonly ShellCommand[], source: string, depth: number): readonly ShellCommand[] {
  if (depth >= MAX_COMMAND_NESTING || !commands.some((c) => c.words.some((w) => w.value === 'eval'))) return commands;
  return commands.flatMap((cmd) => evalCommands(cmd, source, depth) ?? [cmd]);
}

/** One stretch of the joined text: where it starts there, and where its characters are in the source (undefined: not one to one). */
interface Segment {
  start: number;
  length: number;
  base: number | undefined;
  word: ShellWord;
}

/** Where `value`, written as the source's `w.offset..w.end`, has its characters: the plain word or the inside of its quotes. */
function baseOf(source: string, w: ShellWord): number | undefined {
  const raw = source.slice(w.offset, w.end);
  if (raw === w.value) return w.offset;
  const q = raw[0];
  return (q === '"' || q === "'") && raw.length === w.value.length + 2 && raw.endsWith(q) && raw.slice(1, -1) === w.value ? w.offset + 1 : undefined;
}

/** The commands an `eval` command runs (see the file comment); undefined when it is none or they cannot be told. */
function evalCommands(cmd: ShellCommand, source: string, depth: number): ShellCommand[] | undefined {
  const words = stripPrefixes(cmd.words);
  const at = cmd.words.length - words.length;
  if (words[0]?.value !== 'eval' || !cmd.words.slice(0, at).every((w) => BEFORE_EVAL.has(w.value) || ASSIGNMENT.test(w.value))) return undefined;
  const args = words[1]?.value === '--' ? words.slice(2) : words.slice(1);
  if (args.length === 0) return undefined;
  const segments: Segment[] = [];
  let joined = '';
  for (const w of args) {
    if (joined !== '') joined += ' ';
    segments.push({ start: joined.length, length: w.value.length, base: baseOf(source, w), word: w });
    joined += w.value;
  }
  if (!literalText(joined)) return undefined;
  const inner = splitCommands(joined);
  if (inner.some((c) => c.scope !== undefined || c.within !== undefined || (stripPrefixes(c.words)[0]?.value ?? '').includes('$'))) return undefined;
  const segmentAt = (k: number): Segment | undefined => segments.find((g) => k >= g.start && k <= g.start + g.length);
  const map = (k: number): number | undefined => {
    const s = segmentAt(k);
    return s?.base === undefined ? undefined : s.base + (k - s.start);
  };
  const cmdEnd = cmd.offset + cmd.text.length;
  const placed = inner.map((c): ShellCommand => {
    const first = segmentAt(c.offset);
    const last = segmentAt(c.offset + c.text.length);
    // Within one argument: inside its quotes; across several: from the first one's start to the last one's end.
    const one = first === last;
    const from = one ? map(c.offset) : first?.base === undefined ? undefined : first.word.offset;
    const to = one ? map(c.offset + c.text.length) : last?.base === undefined ? undefined : last.word.end;
    const exact = from !== undefined && to !== undefined;
    const out: ShellCommand = {
      text: exact ? source.slice(from, to) : cmd.text,
      offset: exact ? from : cmd.offset,
      words: c.words.map((w) => ({ value: w.value, offset: map(w.offset) ?? cmd.offset, end: map(w.end) ?? cmdEnd })),
    };
    if (cmd.substitution) out.substitution = true;
    if (cmd.within) out.within = cmd.within;
    if (cmd.scope) out.scope = cmd.scope;
    if (cmd.nested || c.nested) out.nested = true;
    return out;
  });
  return [...withEvalText(placed, source, depth + 1)];
}

/** Text whose only expansions are values (`VALUE_REFERENCE`): no `$(...)`, backtick or other `${...}` form. */
function literalText(text: string): boolean {
  if (text.includes('`')) return false;
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
    VALUE_REFERENCE.lastIndex = i;
    if (!VALUE_REFERENCE.test(text)) return false;
  }
  return true;
}
