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
 * Read conservatively: the install and the `$GITHUB_PATH` line are in the same `run:`, the line is
 * an `echo`/`printf` of exactly `<prefix>/node_modules/.bin` (`$(pwd)/` or `$PWD/` before a
 * relative prefix), and nothing changes directory between them. Anything else is left to the
 * bundled or upgraded npm as before.
 */
import { npmPrefixInstall, type NpmUpgrade } from '../npm/npm-commands.js';
import { splitCommands } from '../npm/shell.js';

/** `./a//b/` → `a/b` (an absolute path keeps its leading `/`). */
function normalise(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  return `${path.startsWith('/') ? '/' : ''}${parts.join('/')}`;
}

const GITHUB_PATH = /^\$(?:GITHUB_PATH|\{GITHUB_PATH\})$/;
const HERE = /^(?:\$\(pwd\)|`pwd`|\$PWD|\$\{PWD\})\//;

/** The npm upgrades a `run:` text makes for the job's later steps through `$GITHUB_PATH`, in order. */
export function pathNpmUpgrades(text: string): NpmUpgrade[] {
  if (!text.includes('GITHUB_PATH') || !text.includes('--prefix')) return [];
  const out: NpmUpgrade[] = [];
  const installs = new Map<string, { spec: string; offset: number; end: number; text: string }>();
  for (const cmd of splitCommands(text)) {
    if (cmd.substitution) continue;
    const words = cmd.words.map((w) => w.value);
    const first = words[0];
    if (first === 'cd' || first === 'pushd' || first === 'popd') installs.clear();
    const install = npmPrefixInstall(words);
    if (install !== undefined && install.spec !== '' && /^[\w./-]+$/.test(install.prefix)) {
      installs.set(`${normalise(install.prefix)}/node_modules/.bin`.replace(/^\/node_modules/, 'node_modules'), { spec: install.spec, offset: cmd.offset, end: cmd.offset + cmd.text.length, text: cmd.text });
      continue;
    }
    if ((first !== 'echo' && first !== 'printf') || !cmd.outputs?.some((o) => o.append && GITHUB_PATH.test(o.value))) continue;
    const added = words.slice(1).filter((w) => !/^-[neE]+$/.test(w));
    if (added.length !== 1) continue;
    const dir = added[0]!;
    // A relative entry would be looked up from each later step's own directory: not read.
    if (!dir.startsWith('/') && !HERE.test(dir)) continue;
    const key = normalise(HERE.test(dir) ? dir.replace(HERE, '') : dir);
    const hit = installs.get(key);
    if (hit) out.push({ spec: hit.spec, offset: hit.offset, end: hit.end, text: hit.text, force: false, viaCorepack: false, viaPath: true });
  }
  return out;
}
