/**
 * An npm a step installs into a directory of its own and puts on the job's `PATH` for the later
 * steps (`$GITHUB_PATH`), instead of upgrading the Node's npm in place:
 *
 *     npm install --prefix /tmp/fresh-npm --no-save npm@latest
 *     echo "/tmp/fresh-npm/node_modules/.bin" >> $GITHUB_PATH
 *
 * (salishforge/memforge, a workaround for `npm install -g npm@latest` breaking itself on some
 * runner images). GitHub puts each line appended to `$GITHUB_PATH` in front of `PATH` for the
 * job's later steps (GitHub docs, "Adding a system path"), so their `npm` is the one installed
 * there: an upgrade of the job's npm to that spec from the next step on, like
 * `npm install -g npm@<spec>`, but one npm's own EBADENGINE check of a global self-upgrade does
 * not stop (an install into a prefix only warns on engines; `NpmUpgrade.viaPath`).
 *
 * Read conservatively: the install and the `$GITHUB_PATH` line are in the same `run:` (in either
 * order: `PATH` changes after the step), the line is an `echo`/`printf` of exactly
 * `<prefix>/node_modules/.bin` (`$(pwd)/` or `$PWD/` before a relative prefix; a prefix under
 * `$RUNNER_TEMP` or `$HOME` written alike on both sides), and no `cd` moves a relative prefix. A Node
 * setup action in a later step puts its own Node first again (github/npm-upgrades.ts). Anything else
 * is left to the bundled or upgraded npm as before.
 */
import { npmPrefixInstall, type NpmUpgrade } from '../npm/npm-commands.js';
import { splitCommands } from '../npm/shell.js';
import { NODE_DIRECTORY } from '../data/node-managers.js';
import { pathInstallUpgrades } from './path-installs.js';

/** `./a//b/` → `a/b` (an absolute path keeps its leading `/`). */
function normalise(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  return `${path.startsWith('/') ? '/' : ''}${parts.join('/')}`;
}

const GITHUB_PATH = /^\$(?:GITHUB_PATH|\{GITHUB_PATH\})$/;
const HERE = /^(?:\$\(pwd\)|`pwd`|\$PWD|\$\{PWD\})\//;

/**
 * The npm upgrade a `run:` text makes for the job's later steps through `$GITHUB_PATH`: none or one.
 * An `npm install --prefix` first, else an npm the step downloads or unpacks (./path-installs.ts).
 */
export function pathNpmUpgrades(text: string): NpmUpgrade[] {
  if (!text.includes('GITHUB_PATH')) return [];
  const installed = prefixNpmUpgrades(text);
  return installed.length > 0 ? installed : pathInstallUpgrades(text, (dir) => NODE_DIRECTORY.test(dir));
}

/** An npm installed with `npm install --prefix` into a directory the step puts on `$GITHUB_PATH` (see the file comment). */
function prefixNpmUpgrades(text: string): NpmUpgrade[] {
  if (!text.includes('--prefix')) return [];
  // The whole step runs before `PATH` changes (from the next step on): the install and the line may
  // come in either order. A `cd` between them (or any `cd`) leaves a relative prefix unread.
  const commands = splitCommands(text).filter((c) => !c.substitution);
  const moves = commands.some((c) => ['cd', 'pushd', 'popd'].includes(c.words[0]?.value ?? ''));
  const installs = new Map<string, NpmUpgrade>();
  const added: string[] = [];
  for (const cmd of commands) {
    const words = cmd.words.map((w) => w.value);
    const install = npmPrefixInstall(words);
    if (install !== undefined && install.spec !== '' && PREFIX.test(install.prefix) && !(moves && !isAbsolute(install.prefix))) {
      const key = `${normalise(install.prefix)}/node_modules/.bin`.replace(/^\/node_modules/, 'node_modules');
      installs.set(key, { spec: install.spec, offset: cmd.offset, end: cmd.offset + cmd.text.length, text: cmd.text, force: false, viaCorepack: false, viaPath: true });
      continue;
    }
    const first = words[0];
    if ((first !== 'echo' && first !== 'printf') || !cmd.outputs?.some((o) => o.append && GITHUB_PATH.test(o.value))) continue;
    const args = words.slice(1).filter((w) => !/^-[neE]+$/.test(w));
    const dir = args.length === 1 ? args[0]! : undefined;
    // A relative entry would be looked up from each later step's own directory: not read.
    if (dir === undefined || (!isAbsolute(dir) && !HERE.test(dir))) continue;
    added.push(normalise(HERE.test(dir) ? dir.replace(HERE, '') : dir));
  }
  // Each line goes in front of `PATH`: the last directory added that holds an installed npm is the
  // one the later steps run (and the only upgrade that counts, however many there are).
  const last = added.findLast((key) => installs.has(key));
  return last === undefined ? [] : [installs.get(last)!];
}

/**
 * The directories a `run:` text adds to `$GITHUB_PATH` that may hold a Node (`NODE_DIRECTORY`:
 * `echo "$NVM_BIN" >> $GITHUB_PATH`, `$HOME/.volta/bin`): the later steps may run that Node
 * (github/node-switch.ts). An npm's prefix (`<prefix>/node_modules/.bin`) is not one: `pathNpmUpgrades` reads it.
 */
export function nodeDirectoriesAdded(text: string): { dir: string; text: string; offset: number; end: number }[] {
  if (!text.includes('GITHUB_PATH')) return [];
  const out: { dir: string; text: string; offset: number; end: number }[] = [];
  for (const cmd of splitCommands(text)) {
    const first = cmd.words[0]?.value;
    if ((first !== 'echo' && first !== 'printf') || !cmd.outputs?.some((o) => GITHUB_PATH.test(o.value))) continue;
    const dir = cmd.words.slice(1).map((w) => w.value).filter((w) => !/^-[neE]+$/.test(w)).join(' ');
    if (NODE_DIRECTORY.test(dir)) out.push({ dir, text: cmd.text.trim(), offset: cmd.offset, end: cmd.offset + cmd.text.length });
  }
  return out;
}

/** A prefix as written: a plain path, which may start with a variable the runner sets (`$RUNNER_TEMP/npm`). */
const PREFIX = /^(?:\$(?:RUNNER_TEMP|HOME|\{RUNNER_TEMP\}|\{HOME\})(?=\/|$))?[\w./-]*$/;

/** An absolute path, or one under a directory the runner's variables name (the same text on both sides). */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^\$(?:RUNNER_TEMP|HOME|\{RUNNER_TEMP\}|\{HOME\})(?:\/|$)/.test(path);
}
