/**
 * The targets of napi-rs's `prepublish` (./targets.ts): its platform packages.
 */
import { optionValues } from './command-words.js';
import { joinDir } from './value-targets.js';
import type { ResolvedTargets, TargetInput } from './targets.js';
import type { WorkspacePackage } from './workspaces.js';

/**
 * `napi prepublish` / `napi pre-publish` (data/publish-tools.ts): the platform packages, one per
 * directory under its npm directory (`npm`, or `-p`/`--npm-dir`, from `--cwd`), never the package
 * it runs in. napi publishes the directories of its configured targets whose binary was built;
 * tp-doctor takes every package directory there. It sets their version first (`napi version`).
 * No package.json there (directories made in the job, `napi create-npm-dirs`): unknown, with no
 * candidate.
 */
export function napiTargets(
  input: TargetInput,
  dir: string,
  atDir: (d: string) => WorkspacePackage[],
  publishable: (p: WorkspacePackage) => boolean,
  unknown: (candidates?: WorkspacePackage[], directory?: string) => ResolvedTargets,
): ResolvedTargets {
  const args = input.match.args;
  const cwd = optionValues(args, '--cwd').at(-1);
  const base = cwd === undefined ? dir : joinDir(dir, cwd);
  const npmDir = base === undefined ? undefined : joinDir(base, optionValues(args, '-p', '--npm-dir').at(-1) ?? 'npm');
  const entries = npmDir === undefined ? undefined : input.list?.(npmDir === '' ? '.' : npmDir);
  const manifests = (entries ?? [])
    .filter((e) => e.isDir)
    .map((e) => e.name)
    .sort()
    .flatMap((name) => atDir(npmDir === '' ? name : `${npmDir}/${name}`));
  if (manifests.length === 0) return unknown([], dir);
  return { targets: { kind: 'single', packages: manifests.filter(publishable), candidates: [], manifests }, directory: dir };
}
