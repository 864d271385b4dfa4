/**
 * `yarn workspaces foreach [--include <glob>] [--exclude <glob>] [--no-private] npm publish`: the
 * workspaces its options select publish, not every one (survey800a M3). The options are read as
 * the runner's (`command-runners.ts` `matchRunner`, `ForeachSelection`) and matched as a
 * `yarn workspaces foreach … run <script>` matches them (`workspace-runs.ts` `foreachPick`: globs on
 * a workspace's name or path); options tp-doctor cannot read keep every workspace, as before.
 */
import { basenameOf } from '../../fs/paths.js';
import { matchRunner } from './command-runners.js';
import type { ShellCommand } from './shell.js';
import { foreachPick } from './workspace-runs.js';
import type { WorkspacePackage } from './workspaces.js';

/** The packages of `packages` a `yarn workspaces foreach` command selects; all of them when it is no such command or its options cannot be read. */
export function foreachTargets(cmd: ShellCommand, packages: readonly WorkspacePackage[]): WorkspacePackage[] {
  const words = cmd.words.map((w) => w.value);
  const bin = basenameOf(words[0] ?? '');
  const selection = bin === 'yarn' ? matchRunner(words, bin)?.foreach : undefined;
  if (selection === undefined) return [...packages];
  const picked = foreachPick(packages.map((p) => ({ dir: p.dir, ...(p.name !== undefined ? { name: p.name } : {}), private: p.private, scripts: {} })), selection);
  if (picked === undefined) return [...packages];
  const dirs = new Set(picked.map((p) => p.dir));
  return packages.filter((p) => dirs.has(p.dir));
}
