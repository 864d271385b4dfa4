/**
 * An npm a step downloads or unpacks into a directory of its own and puts first on the job's
 * `PATH` for the later steps through `$GITHUB_PATH`, other than an `npm install --prefix`
 * (./path-npm.ts `pathNpmUpgrades`, which falls back to this): AgentsKit-io/agentskit's
 *
 *     curl -fL -o npm.tgz https://registry.npmjs.org/npm/-/npm-11.18.0.tgz
 *     tar -xzf npm.tgz -C "$RUNNER_TEMP/npm" --strip-components=1
 *     echo "$RUNNER_TEMP/npm/bin" >> "$GITHUB_PATH"
 *
 * The later steps' `npm` is then the one there: the version of the npm tarball the step names
 * (`npm-<version>.tgz`, one version only), as an upgrade that checks no engines
 * (`NpmUpgrade.viaPath`), else unknown. Read only when the step both fetches or unpacks something
 * (`curl`, `wget`, `tar`, `unzip`, `npm pack`) and names npm in a way that says it brings one (an
 * npm tarball, a directory named for npm): `echo "$(pnpm bin)" >> $GITHUB_PATH`, or
 * `echo "$HOME/.local/bin" >> $GITHUB_PATH` after `pip install`, change nothing. A directory that
 * may hold a Node (`nodeDirectoriesAdded`: Node's own downloads, a version manager) is left to
 * ./node-switch.ts, which reads the Node there and so its bundled npm.
 */
import type { NpmUpgrade } from '../npm/npm-commands.js';
import type { ShellCommand } from '../npm/shell-command.js';
import { splitCommands } from '../npm/shell.js';

/** An npm tarball's file name with its version (`registry.npmjs.org/npm/-/npm-11.18.0.tgz`). */
const NPM_TARBALL = /(?:^|[/\s"'=])npm-(\d{1,4}\.\d{1,4}\.\d{1,4}(?:-[\w.]{1,40})?)\.tgz\b/g;
/** Commands that fetch or unpack files. */
const FETCHERS = new Set(['curl', 'wget', 'tar', 'unzip']);
/** What says the step brings npm: an npm tarball (by its name, its registry path, or a version-less `npm-$V.tgz`). */
const BRINGS_NPM = /\bnpm-(?:\d|\$)|\/npm\/-\//i;
/** A directory named for npm (`$RUNNER_TEMP/npm/bin`, `/opt/npm-11/bin`). */
const NPM_DIRECTORY = /(?:^|[/._-])npm(?:$|[/._@\d-])/i;
const GITHUB_PATH = /^\$(?:GITHUB_PATH|\{GITHUB_PATH\})$/;

/** The directory an `echo`/`printf` writes (its one argument). */
function echoedDirectory(cmd: ShellCommand): string | undefined {
  const words = cmd.words.map((w) => w.value);
  if (words[0] !== 'echo' && words[0] !== 'printf') return undefined;
  const args = words.slice(1).filter((w) => !/^-[neE]+$/.test(w));
  return args.length === 1 ? args[0] : undefined;
}

/** `cmd` appends its output to `$GITHUB_PATH`: `>> $GITHUB_PATH`, or piped to `tee -a $GITHUB_PATH` (`next`). */
function appendsToPath(text: string, cmd: ShellCommand, next: ShellCommand | undefined): boolean {
  if (cmd.outputs?.some((o) => o.append && GITHUB_PATH.test(o.value))) return true;
  if (next === undefined || next.words[0]?.value !== 'tee') return false;
  const between = text.slice(cmd.offset + cmd.text.length, next.offset).trim();
  const args = next.words.slice(1).map((w) => w.value);
  return between === '|' && args.some((a) => a === '-a' || a === '--append') && args.some((a) => GITHUB_PATH.test(a));
}

/** The npm a `run:` text brings onto `PATH` for the later steps by a download or unpack (see the file comment): none or one. */
export function pathInstallUpgrades(text: string, nodeDirectory: (dir: string) => boolean): NpmUpgrade[] {
  if (!text.includes('GITHUB_PATH')) return [];
  const commands = splitCommands(text).filter((c) => !c.substitution);
  const fetches = commands.some((c) => FETCHERS.has(c.words[0]?.value ?? '') || (c.words[0]?.value === 'npm' && c.words[1]?.value === 'pack'));
  if (!fetches) return [];
  // Each line goes in front of `PATH`: the last directory added is the one the later steps look in first.
  let last: { dir: string; cmd: ShellCommand } | undefined;
  commands.forEach((cmd, i) => {
    const dir = echoedDirectory(cmd);
    if (dir !== undefined && appendsToPath(text, cmd, commands[i + 1])) last = { dir, cmd };
  });
  if (last === undefined || nodeDirectory(last.dir) || (!BRINGS_NPM.test(text) && !NPM_DIRECTORY.test(last.dir))) return [];
  // The whole line, its redirect or `tee` included: `echo "$RUNNER_TEMP/npm/bin" >> "$GITHUB_PATH"`.
  const offset = last.cmd.offset;
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  const line = text.slice(offset, end).trim();
  const distinct = [...new Set([...text.matchAll(NPM_TARBALL)].map((m) => m[1]!))];
  const base = { offset, end: offset + text.slice(offset, end).trimEnd().length, text: line, force: false, viaCorepack: false, viaPath: true };
  if (distinct.length === 1) return [{ ...base, spec: distinct[0]! }];
  const why = distinct.length > 1 ? `whose version is one of several the step names (${distinct.join(', ')})` : 'whose version tp-doctor does not read';
  return [{ ...base, spec: '', unknown: `"${line}" puts first on PATH for the later steps an npm the step downloads or unpacks, ${why}` }];
}

/** A Node release from Node's downloads (`https://nodejs.org/dist/v24.5.0/node-v24.5.0-linux-x64.tar.xz`). */
const NODE_TARBALL = /nodejs\.org\/dist\/v(\d{1,3}\.\d{1,4}\.\d{1,4})\/|\bnode-v(\d{1,3}\.\d{1,4}\.\d{1,4})-/g;

/**
 * The Node release a `run:` text downloads from nodejs.org with a literal version (one only) and
 * unpacks for the directory it appends to `$GITHUB_PATH` (./node-switch.ts): undefined otherwise.
 */
export function downloadedNodeVersion(text: string): string | undefined {
  if (!text.includes('nodejs.org/dist/')) return undefined;
  const fetches = splitCommands(text).some((c) => !c.substitution && FETCHERS.has(c.words[0]?.value ?? ''));
  const versions = new Set([...text.matchAll(NODE_TARBALL)].map((m) => (m[1] ?? m[2])!));
  return fetches && versions.size === 1 ? [...versions][0] : undefined;
}
