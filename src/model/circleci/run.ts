/**
 * What a CircleCI `run` step does that trusted publishing depends on: publish commands,
 * `circleci run oidc get` and its audience, where `NPM_ID_TOKEN` is set (this step only, or
 * `$BASH_ENV` for the later steps), npm upgrades, `_authToken` writes. Everything keeps its offsets
 * in the step's (expanded) command text and its location in the file.
 */
import type { Location, Span } from '../../yaml/span.js';
import type { PublishCommand } from '../npm/publish-site.js';
import { findNpmUpgrades, findPublishCommands, type RecognizeContext } from '../npm/publish-commands.js';
import { splitCommands, type ShellCommand, type ShellWord } from '../npm/shell.js';
import { pipelineDefaults } from './template.js';
import { enclosingString } from '../npm/shell-scan.js';
import { locateInScript } from '../npm/shell-files.js';
import { authTokenLineElsewhere } from '../npm/tokens.js';
import type { CircleAuthTokenWrite, CircleEnvEntry, CircleNpmIdTokenSet, CircleNpmUpgrade, CircleOidcGet, CircleText } from './types.js';
import type { EnvValues } from '../npm/env-values.js';
import { markFailureReading } from '../npm/upgrade-failure.js';
import { withPromptCertainty } from '../npm/prompts.js';

/**
 * A command's text to read `circleci run oidc get` and `NPM_ID_TOKEN` sets in: a `run` step's, a
 * command line a tool's configuration runs in the job (`@semantic-release/exec`'s `publishCmd`,
 * `ViaScript.startDir`), whose pieces are all placed at that line (`at`), or a committed shell
 * script's text (`script`, its path), whose pieces are placed in the file.
 */
export type CommandText = CircleText | { text: string; at: Location } | { text: string; script: string };

/** Where a range of `command` is written (in a committed script, `script`, at its own place there). */
function locateIn(command: CommandText, offset: number, end: number): Location {
  if ('script' in command) return locateInScript(command.script, command.text, offset, end);
  return 'at' in command ? command.at : locate(command, offset, end);
}

/**
 * Where a range of the expanded text is written. Exact when expansion changed nothing; when it did,
 * the range's text is looked up in the raw text (found once: exact), else the whole value.
 */
export function locate(text: CircleText, offset: number, end: number): Location {
  const node = text.node;
  const whole = (): Location => ({ file: node.file, ...node.span });
  if (text.text === text.raw) return { file: node.file, ...node.valueSpan(offset, end) };
  const piece = text.text.slice(offset, end);
  if (piece === '') return whole();
  const at = text.raw.indexOf(piece);
  if (at < 0 || text.raw.indexOf(piece, at + 1) >= 0) return whole();
  const span: Span = node.valueSpan(at, at + piece.length);
  return { file: node.file, ...span };
}

/**
 * The literal value a `run` step's shell starts with in `$name` (../npm/env-values.ts): the step's
 * own `environment:` (the last entry of that name), else the job's (its executor's, its primary
 * image's) when every entry of that name there says the same; undefined for a value holding an
 * unresolved parameter, a pipeline parameter's default (a trigger may pass another) or a `$`, and
 * for a name an earlier `run` step's command (`earlier`) may set through `$BASH_ENV`, which every
 * later step's bash sources first (`bashEnvMaySet`; review927 item 4).
 */
export function circleEnvValues(jobEnvironment: readonly CircleEnvEntry[], stepEnvironment: readonly CircleEnvEntry[], earlier: readonly string[] = []): EnvValues {
  return (name) => {
    if (earlier.some((text) => bashEnvMaySet(text, name))) return undefined;
    const own = stepEnvironment.filter((e) => e.name === name);
    const entries = own.length > 0 ? own.slice(-1) : jobEnvironment.filter((e) => e.name === name);
    const values = new Set(entries.map((e) => (e.value === undefined || e.value.unknown.length > 0 || pipelineDefaults(e.value).length > 0 ? undefined : e.value.text)));
    const [value] = values;
    return values.size === 1 && value !== undefined && !value.includes('$') ? value : undefined;
  };
}

/** The commands of the `run` steps before `step` in its job, for `circleEnvValues`. */
export function earlierRunTexts(steps: readonly { index: number; run?: { command: CircleText } }[], step: { index: number }): string[] {
  return steps.slice(0, step.index).flatMap((s) => (s.run ? [s.run.command.text] : []));
}

/**
 * True when a step's command writes to `$BASH_ENV` and may set `name` there: it names the variable
 * (`echo 'export DIR=packages/b' >> $BASH_ENV`, `DIR=…`, in a heredoc too) or loads a file
 * (`source`, `.`, `eval`, `set -a`) whose assignments tp-doctor does not read. Read on the
 * step's whole text, which may also hold the line for its own shell: more often unknown, never a
 * wrong directory.
 */
function bashEnvMaySet(text: string, name: string): boolean {
  if (!text.includes('BASH_ENV')) return false;
  return new RegExp(`(?<![\\w$])${name}\\b`).test(text) || /(?:^|[\s;&|('"])(?:source|eval|set\s+-[A-Za-z]*a|\.)\s/.test(text);
}

/**
 * The publish commands of a `run` step. One whose text holds a pipeline parameter's default (`npm
 * publish --tag << pipeline.parameters.tag >>`, or the whole command from one) is `likely` at most:
 * a pipeline triggered with another value runs another command.
 */
export function findPublishes(command: CircleText, ctx: RecognizeContext): PublishCommand[] {
  // A pipeline parameter's default is what runs unless the trigger passes another value: no script branch is ruled out by it.
  const recognize = pipelineDefaults(command).length > 0 ? { ...ctx, argsUnsure: true as const } : ctx;
  return findPublishCommands(command.text, recognize).map((match) =>
    withPromptCertainty({
      match,
      location: locate(command, match.offset, match.end),
      certainty: match.confidence === 'certain' && pipelineDefaults(command, match.offset, match.end).length === 0 ? 'certain' : 'likely',
    }),
  );
}

const OIDC_TRIGGER = /circleci\b[\s\S]*\boidc\b/;

function isOidcGet(words: readonly string[]): boolean {
  const bin = words[0]?.replace(/^.*\//, '');
  return bin === 'circleci' && words[1] === 'run' && words[2] === 'oidc' && words[3] === 'get';
}

/** `--claims <v>` / `--claims=<v>` of an oidc command. */
function claimsOf(words: readonly string[]): string | undefined {
  for (let i = 4; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--claims') return words[i + 1];
    if (w.startsWith('--claims=')) return w.slice('--claims='.length);
  }
  return undefined;
}

/**
 * The audience of the claims: strict JSON first; then, leniently, with `\"` unescaped (the form
 * written inside a double-quoted `echo "export ...$(...)"`), recorded as not strict JSON.
 */
export function readAudience(claims: string | undefined): Pick<CircleOidcGet, 'audiences' | 'audienceUnknown' | 'claimsJson'> {
  if (claims === undefined) {
    return { audienceUnknown: 'the command has no `--claims`, so the token\'s audience is the CircleCI organization ID', claimsJson: false };
  }
  if (/\$/.test(claims)) return { audienceUnknown: `the claims use a shell variable or substitution: ${claims}`, claimsJson: false };
  const parse = (s: string): unknown => {
    try {
      return JSON.parse(s);
    } catch {
      return undefined;
    }
  };
  let value = parse(claims);
  const strict = value !== undefined;
  if (value === undefined) value = parse(claims.replace(/\\"/g, '"'));
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { audienceUnknown: `the claims are not a JSON object: ${claims}`, claimsJson: false };
  }
  const aud = (value as Record<string, unknown>)['aud'];
  const list = typeof aud === 'string' ? [aud] : Array.isArray(aud) && aud.every((a) => typeof a === 'string') ? (aud as string[]) : undefined;
  if (!list) return { audienceUnknown: 'the claims have no `aud` string', claimsJson: strict };
  return { audiences: list, claimsJson: strict };
}

export function findOidcGets(command: CommandText, commands: readonly ShellCommand[]): CircleOidcGet[] {
  const out: CircleOidcGet[] = [];
  for (const cmd of commands) {
    const end = cmd.offset + cmd.text.length;
    const get = oidcGet(cmd, cmd.offset, end, () => locateIn(command, cmd.offset, end));
    if (get) out.push(get);
  }
  return out;
}

function oidcGet(cmd: ShellCommand, offset: number, end: number, location: () => Location): CircleOidcGet | undefined {
  const words = cmd.words.map((w) => w.value);
  if (!isOidcGet(words)) return undefined;
  const claims = claimsOf(words);
  const get: CircleOidcGet = { text: cmd.text, offset, end, location: location(), ...readAudience(claims) };
  if (claims !== undefined) get.claims = claims;
  return get;
}

/**
 * The oidc commands in text written to `$BASH_ENV` (run when a later step starts), located at the
 * command that writes it.
 */
function deferredOidcGets(written: string, offset: number, end: number, location: Location): CircleOidcGet[] {
  if (!OIDC_TRIGGER.test(written)) return [];
  return splitCommands(written).flatMap((cmd) => {
    const get = oidcGet(cmd, offset, end, () => location);
    return get ? [get] : [];
  });
}

const TOKEN_KEY = 'NPM_ID_TOKEN=';
const TOKEN_ASSIGNMENT = /^NPM_ID_TOKEN=/;

/** `NPM_ID_TOKEN=` assignments and `export`s, and lines that write it to `$BASH_ENV`. */
export function findNpmIdTokenSets(command: CommandText, commands: readonly ShellCommand[], gets: readonly CircleOidcGet[]): CircleNpmIdTokenSet[] {
  const text = command.text;
  const out: CircleNpmIdTokenSet[] = [];
  const push = (kind: CircleNpmIdTokenSet['kind'], offset: number, end: number, piece: string, value: string, written?: string): void => {
    const location = locateIn(command, offset, end);
    let oidc = gets.filter((g) => g.offset >= offset && g.end <= end);
    if (oidc.length === 0 && written !== undefined) oidc = deferredOidcGets(written, offset, end, location);
    out.push({ kind, text: piece, value, offset, end, location, fromOidc: /circleci\s+run\s+oidc\s+get/.test(piece), oidc });
  };
  /** What an `echo`/`printf` on the line writes (its arguments, quotes removed), for `$BASH_ENV` writes. */
  const writtenOn = (start: number, end: number): string | undefined => {
    const cmd = commands.find((c) => !c.substitution && c.offset >= start && c.offset < end && /^(?:echo|printf)$/.test(c.words[0]?.value ?? ''));
    return cmd?.words.slice(1).map((w) => w.value).filter((w) => !/^-[neE]+$/.test(w)).join(' ');
  };
  // `$BASH_ENV` writes, line by line: `echo "export NPM_ID_TOKEN=..." >> "$BASH_ENV"`,
  // `... | tee -a $BASH_ENV`, or a heredoc appended to it whose body sets the token.
  const lines = text.split('\n');
  const bashEnvLines = new Set<number>();
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const writes = /\$\{?BASH_ENV\}?/.test(line) && (/>>|>/.test(line) || /\btee\b/.test(line));
    if (writes) {
      const heredoc = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(line);
      if (/NPM_ID_TOKEN/.test(line)) {
        bashEnvLines.add(i);
        const start = offset + (line.length - line.trimStart().length);
        const end = offset + line.trimEnd().length;
        const written = writtenOn(offset, offset + line.length);
        push('bash-env', start, end, line.trim(), assignedIn(written ?? line), written);
      } else if (heredoc?.[1]) {
        let bodyOffset = offset + line.length + 1;
        for (let j = i + 1; j < lines.length; j++) {
          const body = lines[j]!;
          if (body.trim() === heredoc[1]) break;
          if (/NPM_ID_TOKEN/.test(body)) {
            bashEnvLines.add(j);
            // A heredoc body is written as is (an unquoted delimiter would expand `$(...)` now; either way the command is there).
            push('bash-env', bodyOffset + (body.length - body.trimStart().length), bodyOffset + body.trimEnd().length, body.trim(), assignedIn(body), body.trim());
          }
          bodyOffset += body.length + 1;
        }
      }
    }
    offset += line.length + 1;
  }
  const lineOf = (at: number): number => text.slice(0, at).split('\n').length - 1;
  for (const cmd of commands) {
    if (cmd.substitution || bashEnvLines.has(lineOf(cmd.offset))) continue;
    const words = cmd.words;
    const end = cmd.offset + cmd.text.length;
    if (words[0]?.value === 'export' || words[0]?.value === 'declare' || words[0]?.value === 'typeset') {
      const word = words.slice(1).find((w) => TOKEN_ASSIGNMENT.test(w.value));
      if (word) push('export', cmd.offset, end, cmd.text, asWritten(text, word));
      continue;
    }
    // Leading assignments: alone they set a shell variable; before a command, that command's environment.
    let i = 0;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!.value)) i++;
    const word = words.slice(0, i).find((w) => TOKEN_ASSIGNMENT.test(w.value));
    if (!word) continue;
    push(i < words.length ? 'prefix' : 'assign', cmd.offset, end, cmd.text, asWritten(text, word));
  }
  out.sort((a, b) => a.offset - b.offset);
  // `NPM_ID_TOKEN=$(circleci run oidc get ...)`, then `echo "export NPM_ID_TOKEN=$NPM_ID_TOKEN" >>
  // $BASH_ENV` (or `printf 'export NPM_ID_TOKEN=%q\n' "$NPM_ID_TOKEN"`): the line writes the
  // variable set before it, so its token is that assignment's.
  for (const [i, set] of out.entries()) {
    if (set.kind !== 'bash-env' || set.oidc.length > 0 || !SELF_WRITE.test(set.text)) continue;
    const earlier = out.slice(0, i).findLast((e) => e.kind !== 'bash-env' && e.oidc.length > 0);
    if (earlier) {
      set.oidc = earlier.oidc;
      set.fromOidc = earlier.fromOidc;
    }
  }
  return out;
}

/** The value of an `NPM_ID_TOKEN=<value>` word, as written in `text`. */
function asWritten(text: string, word: ShellWord): string {
  const raw = text.slice(word.offset, word.end);
  const at = raw.indexOf('=');
  return at < 0 ? word.value : raw.slice(at + 1);
}

/**
 * The value `NPM_ID_TOKEN` gets in text written to `$BASH_ENV` (`export NPM_ID_TOKEN=$TOKEN`), as
 * written, read with the shell splitter: a `|` or `>` inside `$( )`, backticks or quotes is part of
 * it. An assignment inside a quoted string (`tee -a $BASH_ENV <<< "export NPM_ID_TOKEN=$(a | b)"`,
 * `sh -c '…'`) is read from that string, which is shell text of its own; one inside a word, up to
 * the word's end. Without an assignment, the first command of the text.
 */
function assignedIn(written: string): string {
  const commands = splitCommands(written);
  for (const cmd of commands) {
    const word = cmd.words.find((w) => TOKEN_ASSIGNMENT.test(w.value));
    if (word) return asWritten(written, word);
  }
  const at = written.indexOf(TOKEN_KEY);
  if (at < 0) return (commands.find((c) => !c.substitution)?.text ?? written).trim();
  const around = enclosingString(written, at);
  if (around) return assignedIn(written.slice(around.start + 1, around.closed ? around.end - 1 : around.end));
  const value = at + TOKEN_KEY.length;
  const word = commands.flatMap((c) => c.words).find((w) => w.offset <= at && at < w.end);
  if (word) return written.slice(value, word.end);
  // In a word the splitter drops (the target of a redirect such as `<<<`): the first word after `=`.
  const rest = written.slice(value);
  const first = splitCommands(rest).find((c) => !c.substitution)?.words[0];
  return first ? rest.slice(0, first.end).trim() : '';
}

/** A `$BASH_ENV` line that writes the shell variable `NPM_ID_TOKEN` itself (`=$NPM_ID_TOKEN`, `=%q` with `"$NPM_ID_TOKEN"`). */
const SELF_WRITE = /NPM_ID_TOKEN=(?:\\?["']?\$\{?NPM_ID_TOKEN\}?\b|%[qs][\s\S]*\$\{?NPM_ID_TOKEN\b)/;

export function findUpgrades(command: CircleText): CircleNpmUpgrade[] {
  // `npm i -g npm@latest || true`: the command goes on after a failure (../npm/upgrade-failure.ts).
  return findNpmUpgrades(command.text).map((upgrade) =>
    markFailureReading<CircleNpmUpgrade>({ upgrade, sudo: /^\s*sudo\b/.test(upgrade.text), location: locate(command, upgrade.offset, upgrade.end) }, command.text.slice(upgrade.end)),
  );
}

/**
 * Lines that write an `_authToken` (`echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc`,
 * `npm config set`), for npm's registry or one tp-doctor cannot read: a line whose every key names
 * another registry (`//npm.pkg.github.com/:_authToken`, `authTokenLineElsewhere`) is not one.
 */
export function findAuthTokenWrites(command: CircleText): CircleAuthTokenWrite[] {
  const out: CircleAuthTokenWrite[] = [];
  let offset = 0;
  for (const line of command.text.split('\n')) {
    if (/_authToken/i.test(line) && !authTokenLineElsewhere(line)) {
      const start = offset + (line.length - line.trimStart().length);
      const end = offset + line.trimEnd().length;
      out.push({ text: line.trim(), offset: start, end, location: locate(command, start, end) });
    }
    offset += line.length + 1;
  }
  return out;
}

/** Splits the command once for the analyses that need shell words (only when it mentions them). */
export function shellCommandsFor(command: Pick<CommandText, 'text'>): readonly ShellCommand[] {
  return OIDC_TRIGGER.test(command.text) || /NPM_ID_TOKEN/.test(command.text) ? splitCommands(command.text) : [];
}
