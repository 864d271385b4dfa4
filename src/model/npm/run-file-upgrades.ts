/**
 * The npm upgrades inside the committed files an earlier command of the job runs, not on the
 * publish's own way (that is ./script-upgrades.ts): a shell script (`bash scripts/setup.sh`,
 * `./scripts/setup-npm.sh`: ./shell-files.ts `shellFilesRunBy`) and a JavaScript file
 * (`node scripts/setup-npm.mjs` with `execSync('npm install -g npm@latest')`, zx or command-stream's
 * `` await $`npm install -g npm@latest` ``, `spawnSync('npm', ['i', '-g', 'npm@11'])`:
 * ./node-scripts.ts `jsCommands`), link-foundation/lino-env. Read as text, never run.
 *
 * What a JavaScript file runs is decided by code tp-doctor does not follow (conditions, loops,
 * functions), so an upgrade read from one is a guess (`NpmUpgrade.guess`): it still changes the npm
 * the later publish runs, but an engine check it would fail is not taken as certain
 * (npm-version.ts `afterUpgrade`: the npm is then unknown, a warning at most).
 */
import { LineIndex, type Location } from '../../yaml/span.js';
import { findNpmUpgrades, type NpmUpgrade } from './npm-commands.js';
import { jsCommands, nodeScriptFile, nodeScriptRun } from './node-scripts.js';
import { resolveNpmSpec } from './npm-version.js';
import { isTestScript, MAX_SHELL_FILE_CHARS, shellFilePath, shellFilesRunBy } from './shell-files.js';
import { splitCommands } from './shell.js';

/** An upgrade in a file a command runs, in the shape of `NpmUpgradeAt` (each provider adds its own place). */
export interface FileUpgrade {
  upgrade: NpmUpgrade;
  /** Where the command is written in the file. */
  location: Location;
  /** The file's repository path (`NpmUpgradeAt.viaScript`). */
  viaScript: string;
  /** What the spec installs as of the table date (`NpmUpgradeAt.version`). */
  version?: string;
}

/** Files read per script text, at most (a job that runs many files reads the first ones). */
const MAX_FILES = 16;

/**
 * The npm upgrades of the committed shell scripts and JavaScript files the commands of `script`,
 * run in repository directory `dir`, start, in order. Nothing for a directory tp-doctor does not know.
 */
export function runFileUpgrades(script: string, dir: string | undefined, read: (file: string) => string | undefined): FileUpgrade[] {
  if (dir === undefined) return [];
  const out: FileUpgrade[] = [];
  const add = (file: string, text: string, u: NpmUpgrade, guess: boolean): void => {
    const upgrade: NpmUpgrade = guess ? { ...u, guess: true } : u;
    const entry: FileUpgrade = { upgrade, viaScript: file, location: { file, ...new LineIndex(text).span(u.offset, u.end) } };
    const version = resolveNpmSpec(u.spec);
    if (version !== undefined) entry.version = version;
    out.push(entry);
  };
  // A shell file's upgrade is a guess too: its `|| true`, conditions and `set -e` are not read here,
  // and npm-upgrade-compatible does not see it (review of 2026-12-06: a failing one was reported by neither rule).
  for (const run of shellFilesRunBy(script, dir, read)) for (const u of findNpmUpgrades(run.text)) add(run.file, run.text, u, true);
  let files = 0;
  for (const cmd of splitCommands(script)) {
    // A `cd` moves where a later relative path is read from: those are not read.
    if (['cd', 'pushd', 'popd'].includes(cmd.words[0]?.value ?? '')) break;
    const js = nodeScriptRun(cmd.words.map((w) => w.value));
    const file = js === undefined ? undefined : nodeScriptFile(js, shellFilePath(js.path, dir), read);
    if (file === undefined || isTestScript(file) || ++files > MAX_FILES) continue;
    const text = read(file);
    if (text === undefined || text.length > MAX_SHELL_FILE_CHARS) continue;
    for (const c of jsCommands(text)) {
      // Each upgrade placed at the literal that holds it, in the file.
      for (const u of findNpmUpgrades(c.command)) add(file, text, { ...u, offset: c.start, end: c.end }, true);
    }
  }
  return out;
}
