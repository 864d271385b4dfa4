/**
 * A command kept in a variable and run by its name: `$NPM_PUBLISH_COMMAND` after an earlier step
 * wrote `NPM_PUBLISH_COMMAND=npm stage publish --access public` (or, in another branch, `npm
 * publish --tag rc`) to `$GITHUB_ENV` (LuccaSA/lucca-front); `BASE_CMD="pnpm lerna publish
 * from-package --yes"` then `$BASE_CMD --dist-tag alpha` in the same script (tsparticles); a
 * literal `env:` entry. The shell splits an unquoted `$NAME` into words and runs them, so the step
 * runs one of the values the name can hold: each is read as the command's text in its place.
 *
 * Read conservatively: only a command whose first word (or the one a command runner runs, `npx
 * $VSCE_COMMAND publish`) is exactly an unquoted `$NAME` or `${NAME}`;
 * the values are plain texts (no `$`, backtick or `${{`), at most `MAX_VALUES` of them, from the
 * assignments of the same script before the command (`NAME="..."`, `export NAME=...`), else the
 * `$GITHUB_ENV` lines of earlier steps that reach the step (`receivesEnvWrite`), else a literal
 * `env:` entry of the step, job or workflow. What is read is not the file's text: the caller
 * locates it at the whole `run:` and takes it as `likely` at most.
 */
import type { YNode } from '../../yaml/parse.js';
import { analyzeScript, type RecognizeContext } from '../npm/publish-commands.js';
import type { PublishCommand } from '../npm/publish-site.js';
import { githubEnvWrites } from './env-file.js';
import { splitCommands, type ShellCommand } from '../npm/shell.js';
import { matchRunner } from '../npm/command-runners.js';
import { basename } from '../npm/command-words.js';
import { envFor, receivesEnvWrite } from './steps.js';
import type { Step } from './types.js';

const MAX_VALUES = 8;
const COMMAND_VARIABLE = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/;
const PLAIN = /^[^$`]+$/;

/** At most this many commands of one script are read through their variable (a script of thousands stays linear). */
const MAX_COMMANDS = 8;

/** The step's `run:` text with each such command put in from each value it can hold; undefined when it has none. */
export function commandVariableTexts(step: Step, text: string): string[] | undefined {
  if (!text.includes('$')) return undefined;
  const commands = splitCommands(text);
  const assignments = scriptAssignments(commands);
  const texts = [text];
  let read = 0;
  for (const cmd of [...commands].reverse()) {
    const first = cmd.substitution ? undefined : cmd.words[commandIndex(cmd.words.map((w) => w.value))];
    const m = first ? COMMAND_VARIABLE.exec(text.slice(first.offset, first.end)) : null;
    if (!first || !m) continue;
    if (++read > MAX_COMMANDS) return undefined;
    const name = (m[1] ?? m[2])!;
    const values = valuesOf(step, name, assignments.filter((a) => a.name === name && a.offset < cmd.offset).map((a) => a.value));
    if (values.length === 0 || texts.length * values.length > MAX_VALUES) continue;
    const next = texts.flatMap((t) => values.map((v) => `${t.slice(0, first.offset)}${v}${t.slice(first.end)}`));
    texts.splice(0, texts.length, ...next);
  }
  return texts.length === 1 && texts[0] === text ? undefined : texts;
}

/**
 * The index of the word that names the command: the first, or the one a runner of the command
 * runners' table runs (`npx $VSCE_COMMAND publish`, denoland/vscode_deno: `matchRunner`).
 */
function commandIndex(words: string[]): number {
  const hit = words[0] === undefined ? undefined : matchRunner(words, basename(words[0]));
  if (!hit || hit.command !== undefined || hit.shell) return 0;
  const at = words.length - hit.rest.length;
  return at > 0 && words[at] === hit.rest[0] ? at : 0;
}

function valuesOf(step: Step, name: string, own: readonly string[]): string[] {
  if (own.length > 0) return plain(own);
  const written = step.job.steps
    .filter((s) => s.index < step.index && s.run?.text.includes(name))
    .flatMap((s) => githubEnvWrites(s.run!.text).filter((w) => w.name === name).map((w) => w.value));
  if (written.length > 0) return receivesEnvWrite(step, name) ? plain(written) : [];
  const entry = envFor(step, name);
  return entry?.name === name && entry.value !== undefined ? plain([entry.value]) : [];
}

/** The `NAME=value` assignments of a script (on their own, or after `export`/`local`/`declare`), in order. */
function scriptAssignments(commands: readonly ShellCommand[]): { name: string; value: string; offset: number }[] {
  const out: { name: string; value: string; offset: number }[] = [];
  for (const cmd of commands) {
    const head = cmd.words[0]?.value;
    const at = head === 'export' || head === 'local' || head === 'declare' ? 1 : 0;
    const word = cmd.words[at];
    if (!word || cmd.words.length !== at + 1) continue;
    const m = /^([A-Za-z_]\w*)=([\s\S]*)$/.exec(word.value);
    if (m) out.push({ name: m[1]!, value: m[2]!, offset: cmd.offset });
  }
  return out;
}

/** A GitHub expression that is one string literal (`${{ '@vscode/vsce@2.31.0' }}`): its text. */
const STRING_EXPRESSION = /^\$\{\{\s*'([^']*)'\s*\}\}$/;

function plain(values: readonly string[]): string[] {
  const unique = [...new Set(values.map((v) => v.trim().replace(STRING_EXPRESSION, '$1')))];
  return unique.every((v) => v !== '' && PLAIN.test(v) && !v.includes('\n')) ? unique : [];
}

/**
 * The publishes of the texts a step's `run:` becomes with a command variable put in, each once,
 * located at the whole `run:` and `likely`: the command is not written in the file.
 */
export function variantPublishes(variants: readonly string[], recognize: RecognizeContext, node: YNode): PublishCommand[] {
  const out: PublishCommand[] = [];
  for (const variant of variants) {
    for (const match of analyzeScript(variant, recognize, { unread: false }).matches) {
      if (out.some((p) => p.match.label === match.label && p.match.text === match.text)) continue;
      out.push({ match: { ...match, offset: 0, end: 0 }, location: { file: node.file, ...node.span }, certainty: 'likely' });
    }
  }
  return out;
}
