/**
 * The files a script writes before a later command runs them (lovell/sharp's smoke test: a step
 * `cat <<EOF >release.mjs … EOF`, a later step `node release.mjs`): such a file is not the
 * committed one of that name, if any, and is read from what was written (`Frame.written`,
 * `RecognizeContext.written`; shell-files.ts and node-scripts.ts consult it before
 * `RecognizeContext.shellFile`).
 *
 * What was written is known for `cat > f <<D` (also `cat <<D > f`, `cat - > f`) and `tee f <<D`
 * with one heredoc whose body the shell takes as it is: a quoted delimiter (`<<'EOF'`, `<<"EOF"`,
 * `<<\EOF`), or an unquoted one whose body has no `$`, backtick or backslash (the shell expands
 * nothing then); `<<-` strips leading tabs. A body with a CI expression (`${{ }}`, CircleCI's `<<
 * parameters.x >>`, put in before the shell runs) or no closing delimiter, an append (`>>`, `tee
 * -a`), and any other command writing to a literal path (`echo … > f`, `curl … > f`) write a file
 * whose text tp-doctor cannot tell: it stays unread, and the committed file of that name is not read
 * in its place. A target that is no literal path (`> "$OUT"`) is not followed.
 */
import { changeWords, isDirectoryChange, ScopeWalk } from './shell-scope-walk.js';
import { splitCommands, type ShellCommand } from './shell.js';
import { shellFilePath } from './shell-files.js';

/** Files written so far, by repository path: the text written, or undefined when tp-doctor cannot tell it. */
export type WrittenFiles = ReadonlyMap<string, string | undefined>;

/** One file a command writes: its path as written and, when known, its text. */
export interface FileWrite {
  path: string;
  text: string | undefined;
}

/** A CI expression put into the text before the shell runs. */
const CI_EXPRESSION = /\$\{\{|<<\s*[\w.-]+\s*>>/;

/** The text the shell writes for a heredoc body, when it takes it as it is. */
function bodyText(body: NonNullable<ShellCommand['heredocs']>[number]): string | undefined {
  if (!body.closed || CI_EXPRESSION.test(body.text) || (!body.quoted && /[$`\\]/.test(body.text))) return undefined;
  return body.stripTabs ? body.text.replace(/^\t+/gm, '') : body.text;
}

/** A literal path a command writes to (no value, glob, tilde or brace in it as written). */
function literalTarget(raw: string, value: string): string | undefined {
  return value === '' || /[$`*?[\]{}~]/.test(raw) ? undefined : value;
}

/** The files `cmd` writes (see the file comment), in order; empty for most commands. */
export function fileWrites(cmd: ShellCommand): FileWrite[] {
  const words = changeWords(cmd.words.map((w) => w.value));
  const heredoc = cmd.heredocs?.length === 1 ? bodyText(cmd.heredocs[0]!) : undefined;
  const out: FileWrite[] = [];
  const outputs = cmd.outputs ?? [];
  const cat = words[0] === 'cat' && (words.length === 1 || (words.length === 2 && words[1] === '-')) && outputs.length === 1;
  for (const o of outputs) {
    const path = literalTarget(o.raw, o.value);
    if (path !== undefined) out.push({ path, text: cat && !o.append ? heredoc : undefined });
  }
  if (words[0] === 'tee' && cmd.heredocs !== undefined) {
    const append = words.some((w) => /^-[a-z]*a|^--append$/.test(w));
    for (const w of words.slice(1)) {
      if (w.startsWith('-')) continue;
      const path = literalTarget(w, w);
      if (path !== undefined) out.push({ path, text: append ? undefined : heredoc });
    }
  }
  return out;
}

/** `known` with what `cmd`, run in `dir`, writes; `known` itself when it writes nothing there. */
export function afterWrites(known: WrittenFiles | undefined, cmd: ShellCommand, dir: string | undefined): WrittenFiles | undefined {
  if (cmd.outputs === undefined && cmd.heredocs === undefined) return known;
  const writes = fileWrites(cmd);
  if (writes.length === 0 || dir === undefined) return known;
  const next = new Map(known);
  for (const w of writes) {
    const file = shellFilePath(w.path, dir);
    if (file !== undefined) next.set(file, w.text);
  }
  return next;
}

/**
 * What holds after one of two ways that may have run (the branches of an `if`, a step that may be
 * skipped): a file written alike in both keeps its text, any other written file may be either, so
 * its text is unknown.
 */
export function joinWritten(a: WrittenFiles | undefined, b: WrittenFiles | undefined): WrittenFiles | undefined {
  if (a === b) return a;
  const out = new Map<string, string | undefined>();
  for (const file of new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])])) {
    const same = a?.has(file) === true && b?.has(file) === true && a.get(file) === b.get(file);
    out.set(file, same ? a.get(file) : undefined);
  }
  return out;
}

interface WalkState {
  dir: string | undefined;
  written: WrittenFiles | undefined;
}

/**
 * The files known written after `script` runs from `dir`, starting from `before` (an earlier step's
 * writes): its `cd`s followed as the recogniser follows them (a `cd` to a value, `pushd`, `popd`
 * make the directory unknown, and writes there are not followed), its branches joined.
 */
export function filesWrittenBy(script: string, dir: string, before: WrittenFiles | undefined): WrittenFiles | undefined {
  const join = (a: WalkState, b: WalkState): WalkState => ({ dir: a.dir === b.dir ? a.dir : undefined, written: joinWritten(a.written, b.written) });
  const walk = new ScopeWalk<WalkState>({ dir, written: before }, join);
  for (const cmd of splitCommands(script)) {
    walk.step(cmd, (s) => {
      if (!isDirectoryChange(cmd)) return { ...s, written: afterWrites(s.written, cmd, s.dir) };
      const words = changeWords(cmd.words.map((w) => w.value));
      return { ...s, dir: words[0] === 'cd' && words[1] !== undefined && s.dir !== undefined ? shellFilePath(words[1], s.dir) : undefined };
    });
  }
  return walk.at(undefined).written;
}
