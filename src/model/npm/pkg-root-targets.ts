/**
 * What a `semantic-release` run publishes when @semantic-release/npm's `pkgRoot` names another
 * directory (semantic-release-config.ts `semanticReleasePkgRoot`): the plugin publishes the
 * package of `<dir>/<pkgRoot>`, `dir` being where semantic-release runs, not the one there
 * (TalismanSociety/siws: a private root, `pkgRoot: "packages/siws"`, publishes `@talismn/siws`).
 * A `pkgRoot` with a committed package.json is that package, so the package rules look at it; one
 * without (a build output, `dist`, `./pkg`), or whose value tp-doctor cannot read, leaves the
 * package unknown, the package of `dir` its candidate (a build most often writes its manifest
 * from that one), and the directory the command runs in stays `dir` (its `.npmrc`).
 */
import { semanticReleasePkgRoot } from './semantic-release-config.js';
import { semanticReleaseConfigFlag } from './tool-config.js';
import { joinDir } from './value-targets.js';
import { isNamedTarget, type WorkspacePackage } from './workspaces.js';
import type { ResolvedTargets, TargetInput } from './targets.js';

/**
 * The targets of a `semantic-release` run in `dir` with a `pkgRoot` (a command, or an action that
 * runs semantic-release there: cycjimmy/semantic-release-action in its `working_directory`);
 * undefined when it publishes `dir` itself, or tp-doctor cannot tell (then `dir`'s package, as before).
 */
export function pkgRootTargets(input: TargetInput, dir: string, atDir: (d: string) => WorkspacePackage[]): ResolvedTargets | undefined {
  const { match } = input;
  const runsIt = match.recognizer === 'semantic-release' || (match.action !== undefined && match.action.given !== true && match.tool === 'semantic-release');
  if (!runsIt || input.toolConfig === undefined || semanticReleaseConfigFlag(match.args)) return undefined;
  const pkgRoot = semanticReleasePkgRoot(input.toolConfig, dir);
  if (pkgRoot === undefined) return undefined;
  const at = pkgRoot === 'unknown' ? undefined : joinDir(dir, pkgRoot);
  const found = at === undefined ? [] : atDir(at);
  if (found.length > 0) return { targets: { kind: 'single', packages: found.filter(isNamedTarget), candidates: [], manifests: found }, directory: dir };
  return { targets: { kind: 'unknown', packages: [], candidates: atDir(dir).filter(isNamedTarget) }, directory: dir };
}
