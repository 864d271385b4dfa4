/**
 * What `shipjs trigger` runs to publish (`SHIPJS_CONFIG` in ../data/publish-tools.ts): the
 * `publishCommand` of its `ship.config.js` (`.cjs`, `.mjs`), read as text (js-config.ts), never
 * run. Only a function that returns one string or template literal is read; `${tag}`, `${dir}` and
 * `${isYarn}` of its destructured parameters stay words tp-doctor cannot read (shell variables of
 * those names). The command is then recognised like a `package.json` script run where Ship.js runs
 * it, so the tool inside (`yarn lerna publish from-package`, `yarn publish`) is checked with its
 * version. Anything else (no `publishCommand`: the default `npm publish --tag <tag>`; one built on
 * `defaultCommand`, a condition, a variable; `--dir`; a configuration that cannot be read) keeps
 * `shipjs trigger` the guess it was.
 */
import type { Location } from '../../yaml/span.js';
import { SHIPJS_CONFIG } from '../data/publish-tools.js';
import { exportedObject, mentions, returnedLiteral } from './js-config.js';
import type { TemplatePart } from './js-tokens.js';
import { recognizeConfigCommand, type Found, type Frame, type Outcome, type Recognize } from './publish-match.js';
import { locateInScript, MAX_SHELL_FILE_CHARS } from './shell-files.js';
import { inDir, perDirectory } from './tool-config.js';


/** A `publishCommand` tp-doctor could read. */
export interface ShipjsCommand {
  /** The configuration file's repository path. */
  file: string;
  /** The command, as the shell that Ship.js starts gets it. */
  command: string;
  /** The configuration has `monorepo`: the command runs in each package to publish, not where Ship.js runs. */
  monorepo: boolean;
  /** Where `publishCommand` is written. */
  at: Location;
}

/**
 * The command of a Ship.js configuration's text (`file` names it), when its `publishCommand` is one
 * of the simple forms; undefined otherwise (see the file comment). Texts over
 * `MAX_SHELL_FILE_CHARS` are not read.
 */
export function shipjsPublishCommand(file: string, text: string): ShipjsCommand | undefined {
  if (text.length > MAX_SHELL_FILE_CHARS) return undefined;
  const object = exportedObject(text);
  const literal = object && returnedLiteral(object, SHIPJS_CONFIG.key);
  if (!object || literal === undefined || literal === 'absent') return undefined;
  const command = commandOf(literal.parts, literal.params);
  if (command === undefined) return undefined;
  return { file, command, monorepo: mentions(object, SHIPJS_CONFIG.monorepoKey), at: locateInScript(file, text, literal.keyStart, literal.keyEnd) };
}

/** The literal's text with `${tag}` (a destructured parameter whose value is unknown) kept as a shell variable. */
function commandOf(parts: readonly TemplatePart[], params: readonly string[]): string | undefined {
  let command = '';
  for (const part of parts) {
    if ('text' in part) {
      command += part.text;
      continue;
    }
    const name = part.expr.trim();
    const unknown: readonly string[] = SHIPJS_CONFIG.unknownWords;
    if (!params.includes(name) || !unknown.includes(name)) return undefined;
    command += `\${${name}}`;
  }
  return command;
}

/** The Ship.js configuration of a directory, as Ship.js finds it: the first of its file names that exists. */
export const shipjsConfigIn = perDirectory((files, dir): ShipjsCommand | undefined => {
  const file = SHIPJS_CONFIG.files.map((name) => inDir(dir, name)).find((f) => files.exists(f));
  const text = file === undefined ? undefined : files.text(file);
  return file === undefined || text === undefined ? undefined : shipjsPublishCommand(file, text);
});

/**
 * A recognised `shipjs trigger` (`outcome`) with what its `publishCommand` publishes in its place,
 * when tp-doctor can read it in the directory the command runs in (`Frame.dir`; not after a switch
 * to another package, nor with `--dir`). What the command runs is found like a script's commands:
 * its publishes (a guess with `monorepo`, where it runs in other directories), a dry run, or nothing.
 * A command that runs something tp-doctor cannot read leaves `shipjs trigger` the guess it was.
 */
export function withShipjsCommand(outcome: Outcome, frame: Frame, recognize: Recognize): Outcome {
  const trigger = outcome.found[0];
  if (trigger?.recognizer !== 'shipjs-trigger' || frame.toolConfig === undefined || frame.dir === undefined || frame.inPackage !== undefined) return outcome;
  if (trigger.args.some((a) => SHIPJS_CONFIG.dirOptions.some((o) => a === o || a.startsWith(`${o}=`)))) return outcome;
  const config = shipjsConfigIn(frame.toolConfig, frame.dir);
  if (!config) return outcome;
  const elsewhere: Partial<Frame> = config.monorepo ? { scripts: undefined, configSkipsNpm: undefined, dir: undefined, moved: null, away: true } : {};
  const inner = recognizeConfigCommand(frame, `config\0${config.file}`, config, recognize, elsewhere);
  if (!inner) return outcome;
  // As for a script: a dry run or nothing is what runs; an unreadable command keeps the guess.
  if (inner.found.length === 0 && !inner.rejected) return inner.unknown ? outcome : inner;
  const label = ` (${SHIPJS_CONFIG.key} in ${config.file})`;
  const found = inner.found.map((f): Found => ({ ...f, label: `${f.label}${label}`, confidence: config.monorepo ? 'heuristic' : f.confidence }));
  return { found, rejected: inner.rejected, unknown: false, unread: [] };
}

/**
 * True when a publish runs through the Ship.js configuration `file` (a `via` entry of the match)
 * whose text does not set `useOidcTokenProvider` to `true`: Ship.js then writes the
 * `_authToken=${NPM_AUTH_TOKEN}` line before the publish (`SHIPJS_CONFIG.tokenVariable`). An
 * unreadable configuration counts as writing it.
 */
export function shipjsWritesToken(file: string, text: string | undefined): boolean {
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (!(SHIPJS_CONFIG.files as readonly string[]).includes(name)) return false;
  return text === undefined || !OIDC_ON.test(text);
}

/** `useOidcTokenProvider: true` in a configuration's text. */
const OIDC_ON = new RegExp(`\\b${SHIPJS_CONFIG.oidcKey}\\s*:\\s*true\\b`);
