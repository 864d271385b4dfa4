/**
 * Where a job packs a package before it publishes a tarball (`yarn pack --out out/%s-%v.tgz`, then
 * `npm publish out/*.tgz`: toss/es-toolkit; `npm pack && npm publish x-1.0.0.tgz`): the packed
 * directories' packages are what the tarball may hold. Only a plain `npm pack`, `yarn pack`, `pnpm
 * pack` or `bun pm pack` of the directory it runs in (no workspace selection, no package named as
 * an argument), in a script with no `cd` before it. What is found is a candidate, never the package
 * for certain: the tarball published may still be another one (a finding on it is a warning at
 * most, as for any candidate of a publish whose package is unknown).
 */
import { splitCommands } from './shell.js';

const SELECTING = /^(?:-r|--recursive|-w|--workspace|--workspaces|-ws|--filter|-F|--include-workspace-root)(?:=|$)/;

/** True when `text` (the commands before a point) packs the directory it runs in, with no `cd` before. */
export function packsItsDirectory(text: string): boolean {
  if (!/\bpack\b/.test(text)) return false;
  for (const cmd of splitCommands(text)) {
    const words = cmd.words.map((w) => w.value);
    if (words[0] === 'cd' || words[0] === 'pushd') return false;
    const at = words[0] === 'bun' && words[1] === 'pm' ? 2 : 1;
    if (!['npm', 'yarn', 'pnpm', 'bun'].includes(words[0] ?? '') || words[at] !== 'pack') continue;
    const rest = words.slice(at + 1);
    // A positional argument names another package or folder (`npm pack ./packages/a`).
    const positional = rest.some((w, i) => !w.startsWith('-') && (i === 0 || !rest[i - 1]!.startsWith('-')));
    if (!rest.some((w) => SELECTING.test(w)) && !positional) return true;
  }
  return false;
}
