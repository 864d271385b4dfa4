/**
 * An Nx `run-commands` target run in a build's output directory (open-feature/js-sdk-contrib:
 * `publish` = `npm run publish-if-not-exists` with `cwd: dist/libs/providers/flagd`, written there
 * by the project's `package` target, `@nx/rollup:rollup` with `options.project:
 * "libs/providers/flagd/package.json"` and `outputPath: "dist/libs/providers/flagd"`). The
 * package.json there is generated, a copy of a committed one with its entry fields rewritten
 * (`NX_PACKAGE_JSON_COPIES` in `../data/nx.ts` says which executors copy which file): its scripts,
 * name and settings are that file's. `./nx-runs.ts` then reads the commands with that file's
 * scripts and its package as the one they publish, never more than a guess (`likely`: the
 * generated file may differ, and a step tp-doctor does not see may write another).
 *
 * Only the targets of the project that runs the command are looked at, `MAX_RESOLUTIONS` of them
 * at most; the directory must be a target's `outputPath` exactly (after `{workspaceRoot}` and
 * `{projectRoot}`), so `dist/{projectRoot}` counts only when a build target of the project writes
 * there. Several such targets copying different files, a path leaving the repository or a file
 * not named `package.json`: no mapping, and the command is read as before.
 */
import { cleanRepoPath } from '../../fs/paths.js';
import { MAX_RESOLUTIONS, type Found, type Outcome, type WorkspaceScripts } from './publish-match.js';

/** A path of `project.json` (relative to the workspace root), with its `{workspaceRoot}` and `{projectRoot}` put in; undefined when it leaves the repository. */
export function nxPath(written: string, projectDir: string): string | undefined {
  const path = written.replace(/\{workspaceRoot\}\/?/g, '').replace(/\{projectRoot\}(\/?)/g, (_, slash: string) => (projectDir === '' ? '' : `${projectDir}${slash}`));
  return cleanRepoPath(path === '' ? '.' : path);
}

/**
 * The directory of the committed package.json that a build target of this project copies into
 * `cwd` (its `outputPath`); undefined when none does, or several copy different ones.
 */
export function builtPackageDir(ws: WorkspaceScripts, cwd: string): string | undefined {
  const sources = new Set<string>();
  for (const target of Object.values(ws.nx?.targets ?? {}).slice(0, MAX_RESOLUTIONS)) {
    if (target.outputPath === undefined || target.packageJson === undefined || nxPath(target.outputPath, ws.dir) !== cwd) continue;
    const manifest = nxPath(target.packageJson, ws.dir);
    if (manifest === undefined || !/(?:^|\/)package\.json$/.test(manifest)) return undefined;
    sources.add(manifest.slice(0, Math.max(0, manifest.length - '/package.json'.length)));
  }
  return sources.size === 1 ? [...sources][0] : undefined;
}

/**
 * What was found in a build output directory: a recognised publish becomes a guess
 * (`heuristic`, shown `likely`) that keeps its package (`PublishMatch.builtFrom`, which
 * `./targets.ts` reads as it reads a certain publish); guesses stay as they were.
 */
export function fromBuiltPackage(outcome: Outcome, sourceDir: string): Outcome {
  const mark = (f: Found): Found => (f.confidence === 'certain' ? { ...f, confidence: 'heuristic', builtFrom: sourceDir } : f);
  return { ...outcome, found: outcome.found.map(mark) };
}
