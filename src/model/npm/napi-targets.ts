/**
 * The targets of napi-rs's `prepublish` (./targets.ts): its platform packages.
 */
import { optionValues } from './command-words.js';
import { napiPlatformNames } from './napi-packages.js';
import { npmDirsWrittenFrom } from './napi-npm-dirs.js';
import { joinDir } from './value-targets.js';
import type { ResolvedTargets, TargetInput } from './targets.js';
import type { WorkspacePackage } from './workspaces.js';

/**
 * `napi prepublish` / `napi pre-publish` (data/publish-tools.ts): the platform packages, one per
 * directory under its npm directory (`npm`, or `-p`/`--npm-dir`, 2.x `--prefix`, from `--cwd`),
 * never the package it runs in. napi publishes the directories of its configured targets whose
 * binary was built; tp-doctor takes every package directory there. When an earlier command of the
 * job (`napi create-npm-dirs`, ./napi-npm-dirs.ts) writes their package.json from a package's,
 * that package is `writtenFrom`: its `repository` is the one they are published with. It sets their version first
 * (`napi version`). No package.json there (directories made in the job, `napi create-npm-dirs`):
 * unknown, with no candidate, and the names the napi configuration of the package it runs in gives
 * them (./napi-packages.ts: `generatedNames`, no manifest for a rule to read), unless a `-c`/
 * `--config`/`--config-path` or `--package-json-path` names a configuration tp-doctor does not read.
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
  const npmDir = base === undefined ? undefined : joinDir(base, optionValues(args, '-p', '--npm-dir', '--prefix').at(-1) ?? 'npm');
  const entries = npmDir === undefined ? undefined : input.list?.(npmDir === '' ? '.' : npmDir);
  const manifests = (entries ?? [])
    .filter((e) => e.isDir)
    .map((e) => e.name)
    .sort()
    .flatMap((name) => atDir(npmDir === '' ? name : `${npmDir}/${name}`));
  if (manifests.length > 0) {
    // `napi create-npm-dirs` earlier in the job rewrites them from the package it runs in (./napi-npm-dirs.ts).
    const earlier = [...(input.packRuns ?? []), ...(input.textBefore !== undefined ? [{ text: input.textBefore, dir: input.directory }] : [])];
    const from = npmDir === undefined ? undefined : npmDirsWrittenFrom(earlier, npmDir);
    const source = from === undefined ? undefined : atDir(from)[0];
    const targets = { kind: 'single' as const, packages: manifests.filter(publishable), candidates: [], manifests, ...(source ? { writtenFrom: source } : {}) };
    return { targets, directory: dir };
  }
  const names = base === undefined ? undefined : configuredNames(input, base, atDir);
  const found = unknown([], dir);
  return names === undefined ? found : { ...found, targets: { ...found.targets, generatedNames: names } };
}

/** The platform package names of the napi configuration at `base` (./napi-packages.ts), unless the command names another configuration file. */
function configuredNames(input: TargetInput, base: string, atDir: (d: string) => WorkspacePackage[]): string[] | undefined {
  if (optionValues(input.match.args, '-c', '--config', '--config-path', '--package-json-path').length > 0) return undefined;
  const pkg = atDir(base)[0]?.pkg;
  if (pkg === undefined) return undefined;
  const root = base === '' ? undefined : input.discovery.packages.find((p) => p.isRoot)?.pkg;
  return napiPlatformNames(pkg, input.match.pinnedVersion, root);
}
