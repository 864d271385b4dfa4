/**
 * What the publish detection of a GitHub job (./publishes.ts) reads from the project, and where a
 * command run in a directory finds its package.json scripts and tool configuration; split from
 * ./publishes.ts.
 */
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import type { PackageJson } from '../npm/package-json.js';
import type { PublishMatch, RecognizeContext, WorkspaceScripts } from '../npm/publish-commands.js';
import type { WorkspaceSource } from '../npm/workspaces.js';
import type { PublishCommand } from '../npm/publish-site.js';
import { configSkipsNpmIn } from '../npm/config-skips-npm.js';
import type { ToolConfigFiles } from '../npm/tool-config.js';
import type { MajorGuess, PrePostInputs } from '../npm/pre-post-scripts.js';
import { pnpmSetupMajor } from './package-manager.js';
import { withPromptCertainty } from '../npm/prompts.js';
import type { Job } from './types.js';

export interface DetectContext {
  /** The composite action document at a repository directory (`action.yml` / `action.yaml`), read once. */
  readAction(dir: string): YamlDocument | undefined;
  /** The `package.json` of a repository directory (`` for the root), read once. */
  packageAt(dir: string): PackageJson | undefined;
  /** True for a workflow file a declared trusted publisher names. */
  isTrustedWorkflow?(fileName: string): boolean;
  /** The publish tools' configuration files (release-it, semantic-release), for `configSkipsNpm`. */
  toolConfig?: ToolConfigFiles;
  /** The scripts of the package a command names (`RecognizeContext.packageScripts`), from a command run in `fromDir`. */
  scriptsOf?(selector: string, fromDir: string): Record<string, string> | undefined;
  /** Where that package is (`RecognizeContext.packageDir`). */
  dirOf?(selector: string, fromDir: string): string | undefined;
  /** The workspace packages a runner's workspace option selects (`RecognizeContext.workspaceScripts`), from a command run in `fromDir`. */
  workspacesOf?(source: WorkspaceSource | 'nx' | 'turbo', fromDir: string): readonly WorkspaceScripts[] | undefined;
  /** A committed shell script's text by its repository path (`RecognizeContext.shellFile`). */
  shellFile?(repoPath: string): string | undefined;
  /** `RecognizeContext.npmrcIgnoresScripts`. */
  npmrcIgnoresScripts?(dir: string): boolean;
  /** `RecognizeContext.prePost` for a job whose `pnpm/action-setup` installs pnpm `pnpmSetup`. */
  prePost?(pnpmSetup: MajorGuess): PrePostInputs;
  /** The `owner/name` of the repository's GitHub remote: `github.repository` in `if:` guards (`neverRuns`). */
  repository?: string;
}

/**
 * Where a command run in `dir` (undefined: the root) finds its package.json scripts and its
 * publish tools' configuration. `rootFallback`: a directory without scripts uses the root's, and
 * then the root's configuration too (a composite action's step, an action's inputs); a workflow
 * step in a directory without scripts has none.
 */
export function recognizeIn(ctx: DetectContext, job: Job, dir: string | undefined, rootFallback = true): RecognizeContext {
  const own = ctx.packageAt(dir ?? '')?.scripts;
  const packageScripts = ctx.scriptsOf && ((selector: string) => ctx.scriptsOf?.(selector, dir ?? ''));
  const packageDir = ctx.dirOf && ((selector: string) => ctx.dirOf?.(selector, dir ?? ''));
  const workspaceScripts = ctx.workspacesOf && ((source: WorkspaceSource | 'nx' | 'turbo') => ctx.workspacesOf?.(source, dir ?? ''));
  const prePost = ctx.prePost?.(pnpmSetupMajor(job, ctx.readAction));
  // Script files are found from where the command runs, whichever package.json scripts it reads.
  const files = { shellFile: ctx.shellFile, toolConfig: ctx.toolConfig, dir, npmrcIgnoresScripts: ctx.npmrcIgnoresScripts, workspaceScripts, prePost, privatePackage: (d: string) => ctx.packageAt(d)?.private === true };
  if (own || !rootFallback) return { scripts: own, configSkipsNpm: configSkipsNpmIn(ctx.toolConfig, dir ?? ''), packageScripts, packageDir, ...files };
  return { scripts: ctx.packageAt('')?.scripts, configSkipsNpm: configSkipsNpmIn(ctx.toolConfig, ''), packageScripts, packageDir, ...files };
}

export function locationOf(node: YNode): Location {
  return { file: node.file, ...node.span };
}

export function commandsOf(match: PublishMatch, location: Location, certainty: PublishCommand['certainty'], viaAction?: string): PublishCommand {
  const cmd: PublishCommand = { match, location, certainty };
  if (viaAction !== undefined) cmd.viaAction = viaAction;
  return withPromptCertainty(cmd);
}

export function certaintyOf(match: PublishMatch): PublishCommand['certainty'] {
  return match.confidence === 'certain' ? 'certain' : 'likely';
}

