/**
 * napi-rs's `create-npm-dirs` (3.x; 2.x `create-npm-dir`) run by the job before a `napi prepublish`
 * (./napi-targets.ts): it writes a fresh `package.json` into `<npmDir>/<platformArchABI>` for every
 * configured target, whatever is committed there, from the package.json of the package it runs in:
 * the platform package's name and that package's `version`, and its `description`, `keywords`,
 * `author`, `homepage`, `license`, `engines`, `publishConfig`, `repository` and `bugs` copied as they
 * are. Read in napi-rs's source: 3.x `cli/src/api/create-npm-dirs.ts` and `cli/src/def/create-npm-dirs.ts`
 * (`--cwd`, `--npm-dir` default `npm`, `--package-json-path` default `package.json`, `-c`/`--config-path`,
 * `--dry-run`), 2.x `cli/src/create-npm-dir.ts` (`-t`/`--target <dir>`: writes `<dir>/npm/…`;
 * `-c`/`--config` the package.json, from the directory it runs in). So what npm publishes of such a
 * platform package is the package it was written from, not the committed file.
 */
import { matchRunner } from './command-runners.js';
import { commandBin, optionValues, strip, values } from './command-words.js';
import { splitCommands } from './shell.js';
import { isDirectoryChange } from './shell-scope-walk.js';
import { joinDir } from './value-targets.js';
import type { WorkspacePackage } from './workspaces.js';

/** The subcommands that write the platform packages' directories: 3.x, and 2.x's. */
const CREATE_3 = 'create-npm-dirs';
const CREATE_2 = 'create-npm-dir';

/** Runners peeled before the napi command (`npx`, `pnpm exec`, `yarn`): at most this many. */
const MAX_HOPS = 4;

/** One earlier script of the job and the directory it runs in (undefined when unknown). */
export interface EarlierScript {
  text: string;
  dir: string | undefined;
  /** A step that may not run before the publish (GitHub: an `if:`; CircleCI: a `when:`/`unless:` step, `when: on_fail`, `background`). */
  conditional?: true;
}

/** Whether a script may run `napi create-npm-dirs` (or 2.x `create-npm-dir`): the cheap test before it is split. */
export function mayCreateNpmDirs(text: string): boolean {
  return /\bcreate-npm-dir/.test(text);
}

/** The words of a `napi` command (`napi create-npm-dirs …` from `napi` on), through runners; undefined for another command. */
function napiWords(input: readonly string[]): string[] | undefined {
  let words = strip([...input]);
  for (let hop = 0; hop < MAX_HOPS && words.length > 0; hop++) {
    const bin = commandBin(words[0]!);
    if (bin === 'napi') return words;
    // `yarn napi …`, `pnpm napi …`, `bun napi …`: a package manager runs the bin of that name.
    if ((bin === 'yarn' || bin === 'pnpm' || bin === 'bun') && words[1] === 'napi') return words.slice(1);
    const runner = matchRunner(words, bin);
    if (runner === undefined || runner.command !== undefined || runner.otherPackages || runner.shell) return undefined;
    words = strip(runner.rest);
  }
  return undefined;
}

/**
 * Where one `create-npm-dirs` command writes and from which directory's package.json, read from its
 * words in `dir`: `{ npmDir, from }`; undefined when it is none, a dry run, or reads a configuration
 * tp-doctor does not follow (`--package-json-path`, `-c`).
 */
function createdDirs(words: readonly string[], dir: string): { npmDir: string; from: string } | undefined {
  const sub = words[1];
  if (sub === CREATE_3) {
    if (words.includes('--dry-run') || optionValues(words, '-c', '--config-path', '--package-json-path').length > 0) return undefined;
    const from = joinDir(dir, optionValues(words, '--cwd').at(-1) ?? '.');
    const npmDir = from === undefined ? undefined : joinDir(from, optionValues(words, '--npm-dir').at(-1) ?? 'npm');
    return from === undefined || npmDir === undefined ? undefined : { npmDir, from };
  }
  if (sub === CREATE_2) {
    const target = optionValues(words, '-t', '--target').at(-1);
    if (target === undefined || optionValues(words, '-c', '--config').length > 0) return undefined;
    const base = joinDir(dir, target);
    const npmDir = base === undefined ? undefined : joinDir(base, 'npm');
    return npmDir === undefined ? undefined : { npmDir, from: dir };
  }
  return undefined;
}

/**
 * The directory of the package whose package.json an earlier `napi create-npm-dirs` of the job (one
 * of `scripts`, in order) copied into the platform packages under `npmDir`; undefined when none did.
 * A script that changes directory before the command is not read (where it runs is not followed),
 * nor one that may not run (a step with an `if:`, a command in an `if`/`case` branch or a loop):
 * then the committed files may be what is published (review of 2026-12-06). A command after `&&`
 * counts: when what it follows fails, so does the step.
 */
export function npmDirsWrittenFrom(scripts: readonly EarlierScript[], npmDir: string): string | undefined {
  let from: string | undefined;
  for (const script of scripts) {
    if (script.dir === undefined || script.conditional === true || !mayCreateNpmDirs(script.text)) continue;
    for (const cmd of splitCommands(script.text)) {
      if (isDirectoryChange(cmd)) break;
      if ((cmd.scope ?? []).length > 0) continue; // in an `if`/`case` branch, a loop or a subshell
      const words = napiWords(values(cmd));
      const made = words === undefined ? undefined : createdDirs(words, script.dir);
      if (made !== undefined && made.npmDir === npmDir) from = made.from;
    }
  }
  return from;
}

/**
 * The package whose package.json every publish of `dir`'s package (`sites`) writes it from first
 * (`PublishTargets.writtenFrom`); undefined when one publishes the committed file.
 */
export function manifestWrittenFrom(sites: readonly { targets: { writtenFrom?: WorkspacePackage } }[]): WorkspacePackage | undefined {
  const from = sites.map((s) => s.targets.writtenFrom);
  const first = from[0];
  return first !== undefined && from.every((f) => f?.dir === first.dir) ? first : undefined;
}
