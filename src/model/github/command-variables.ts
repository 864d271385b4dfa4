/**
 * A command kept in a variable and run by its name: `$NPM_PUBLISH_COMMAND` after an earlier step
 * wrote `NPM_PUBLISH_COMMAND=npm stage publish --access public` (or, in another branch, `npm
 * publish --tag rc`) to `$GITHUB_ENV` (LuccaSA/lucca-front); `BASE_CMD="pnpm lerna publish
 * from-package --yes"` then `$BASE_CMD --dist-tag alpha` in the same script (tsparticles); a
 * literal `env:` entry. The shell splits an unquoted `$NAME` into words and runs them, so the step
 * runs one of the values the name can hold: each is read as the command's text in its place.
 *
 * Read conservatively: only a command whose first word (or the one `npx`, `bunx`, `pnpm dlx`/`exec`
 * runs, `npx $VSCE_COMMAND publish`) is exactly an unquoted `$NAME` or `${NAME}`;
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
import { splitCommands } from '../npm/shell.js';
import { envFor, receivesEnvWrite } from './steps.js';
import type { Step } from './types.js';

const MAX_VALUES = 8;
const COMMAND_VARIABLE = /^\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\})$/;
const PLAIN = /^[^$`]+$/;

/** The step's `run:` text with each such command put in from each value it can hold; undefined when it has none. */
export function commandVariableTexts(step: Step, text: string): string[] | undefined {
  if (!text.includes('$')) return undefined;
  const texts = [text];
  for (const cmd of [...splitCommands(text)].reverse()) {
    const first = cmd.substitution ? undefined : cmd.words[commandIndex(cmd.words.map((w) => w.value))];
    const m = first ? COMMAND_VARIABLE.exec(text.slice(first.offset, first.end)) : null;
    if (!first || !m) continue;
    const values = valuesOf(step, (m[1] ?? m[2])!, text.slice(0, cmd.offset));
    if (values.length === 0 || texts.length * values.length > MAX_VALUES) continue;
    const next = texts.flatMap((t) => values.map((v) => `${t.slice(0, first.offset)}${v}${t.slice(first.end)}`));
    texts.splice(0, texts.length, ...next);
  }
  return texts.length === 1 && texts[0] === text ? undefined : texts;
}

/** Runners whose next word (after their options) is the command they run: `npx $VSCE_COMMAND publish` (denoland/vscode_deno). */
const RUNNERS = new Set(['npx', 'bunx', 'pnpx']);
const RUNNER_SUBCOMMANDS = new Set(['dlx', 'exec']);

/** The index of the word that names the command: the first, or the one a runner runs. */
function commandIndex(words: readonly string[]): number {
  const subcommand = (words[0] === 'pnpm' || words[0] === 'yarn') && RUNNER_SUBCOMMANDS.has(words[1] ?? '');
  if (!RUNNERS.has(words[0] ?? '') && !subcommand) return 0;
  let i = subcommand ? 2 : 1;
  while (i < words.length && words[i]!.startsWith('-')) i++;
  return i;
}

function valuesOf(step: Step, name: string, before: string): string[] {
  const own = scriptAssignments(before, name);
  if (own.length > 0) return plain(own);
  const written = step.job.steps
    .filter((s) => s.index < step.index && s.run !== undefined)
    .flatMap((s) => githubEnvWrites(s.run!.text).filter((w) => w.name === name).map((w) => w.value));
  if (written.length > 0) return receivesEnvWrite(step, name) ? plain(written) : [];
  const entry = envFor(step, name);
  return entry?.name === name && entry.value !== undefined ? plain([entry.value]) : [];
}

/** The values `NAME=...` gives in the script text before the command (each branch's, in order). */
function scriptAssignments(before: string, name: string): string[] {
  const out: string[] = [];
  for (const cmd of splitCommands(before)) {
    for (const word of cmd.words) {
      if (!word.value.startsWith(`${name}=`)) continue;
      const head = cmd.words[0]?.value;
      // An assignment on its own (or after `export`/`local`/`declare`), not `NAME=x some-command`.
      if (word === cmd.words[0] ? cmd.words.length === 1 : (head === 'export' || head === 'local' || head === 'declare') && cmd.words.length === 2) out.push(word.value.slice(name.length + 1));
    }
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
