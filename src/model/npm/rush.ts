/**
 * Rush (rushjs.io): what `rush publish --publish` runs, from the repository's `rush.json`. Read in
 * microsoft/rushstack's source (rush-lib 5.178.1, `libraries/rush-lib/src/cli/actions/PublishAction.ts`
 * `_npmPublishAsync`, `api/RushConfiguration.ts`, `api/RushConfigurationProject.ts`), December 2026:
 * - `rush.json` names exactly one package manager: `npmVersion`, `pnpmVersion` or `yarnVersion`
 *   (Rush refuses none or several). `rush install` installs that release into
 *   `common/temp/<pm>-local` (`InstallHelpers.ensureLocalPackageManagerAsync`), and `rush publish`
 *   runs `common/temp/<pm>-local/node_modules/.bin/<pm> publish` in each package's publish folder:
 *   npm at `npmVersion`, pnpm at `pnpmVersion` (with `--no-git-checks`; pnpm 10 and older hand the
 *   publish to the npm on PATH). With Yarn it runs "whatever NPM binary happens to be installed in
 *   the global path" (`npm publish`, the job's npm).
 * - It publishes the projects with `"shouldPublish": true` or a `versionPolicyName`, from their
 *   `projectFolder` joined with their optional `publishFolder` (read here as the project folder,
 *   whose package.json names the package: a publish folder is mostly a build output).
 * - Before that it copies `common/config/rush/.npmrc-publish` to `common/temp/publish-home/.npmrc`
 *   and points `HOME` there for the publish (rushjs.io/pages/configs/npmrc-publish): its lines are
 *   the user configuration of that npm or pnpm.
 *
 * `rush.json` is JSON with comments (Rush's `JsonFile` reads it with jju): the comments are blanked
 * out (js-tokens.ts) and the rest is parsed as YAML, whose flow syntax JSON is, so the values keep
 * their positions. A file that does not read that way is not read (`RushRun` `unknown`).
 */
import { repoPath } from '../../fs/paths.js';
import { parseYaml, type YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { isPunct, tokenize } from './js-tokens.js';
import { locationOf } from './lockfiles.js';
import type { PublishCommand } from './publish-site.js';
import type { NpmRepo } from './repo.js';
import type { ToolVersion } from './tool-versions.js';

export const RUSH_JSON = 'rush.json';
/** The `.npmrc` Rush gives the package manager as its user configuration during `rush publish`. */
export const RUSH_NPMRC_PUBLISH = 'common/config/rush/.npmrc-publish';

export type RushPackageManager = 'npm' | 'pnpm' | 'yarn';

export interface RushJson {
  /** The package manager rush.json selects; undefined when it names none or several. */
  packageManager?: { name: RushPackageManager; version: string; key: string; at: Location };
  /** The folders of the projects `rush publish` publishes (`shouldPublish` or a version policy); undefined when `projects` cannot be read. */
  published?: string[];
}

/** `rush.json`'s text read (`undefined` for a file that is not JSON with comments). */
export function readRushJson(text: string): RushJson | undefined {
  const root = parseJsonWithComments(RUSH_JSON, text);
  if (!root?.isMap) return undefined;
  const out: RushJson = {};
  const named = (['npm', 'pnpm', 'yarn'] as const).flatMap((name) => {
    const node = root.get(`${name}Version`);
    return node?.text !== undefined && node.text.trim() !== '' ? [{ name, version: node.text.trim(), key: `${name}Version`, at: locationOf(node, false) }] : [];
  });
  if (named.length === 1) out.packageManager = named[0];
  const projects = root.get('projects');
  if (projects?.isSeq) {
    const dirs = projects.items().flatMap((p) => projectFolderOf(p) ?? []);
    if (dirs.length === projects.items().filter(publishes).length) out.published = dirs;
  }
  return out;
}

function publishes(project: YNode): boolean {
  const policy = project.get('versionPolicyName')?.text;
  return project.get('shouldPublish')?.value === true || (policy !== undefined && policy !== '');
}

/** A published project's folder, repository-relative; undefined when not published or not a path in the repository. */
function projectFolderOf(project: YNode): string | undefined {
  const folder = project.get('projectFolder')?.text;
  if (!publishes(project) || folder === undefined) return undefined;
  const dir = repoPath(folder);
  return dir.ok ? dir.path : undefined;
}

/**
 * JSON with `//` and `/* *\/` comments and trailing commas, parsed with positions: the comments
 * become spaces (line breaks kept), so every offset stays where it was.
 */
function parseJsonWithComments(file: string, text: string): YNode | undefined {
  const tokens = tokenize(text);
  // A JSON object: never YAML's block syntax, which the parser below would read too.
  if (!tokens || !isPunct(tokens[0], '{')) return undefined;
  const chars = text.replace(/[^\r\n]/g, ' ').split('');
  tokens.forEach((t, i) => {
    // A comma before a closing bracket: jju reads it, YAML's flow syntax would too, JSON not.
    if (isPunct(t, ',') && (isPunct(tokens[i + 1], '}') || isPunct(tokens[i + 1], ']'))) return;
    for (let k = t.start; k < t.end; k++) chars[k] = text[k]!;
  });
  const doc = parseYaml(file, chars.join(''));
  return doc.problems.length === 0 ? doc.root : undefined;
}

/**
 * What `rush publish` runs for each package:
 * - `npm`: the npm of rush.json's `npmVersion` (`version`), not the job's;
 * - `pnpm`: the pnpm of `pnpmVersion`, not the job's;
 * - `npm-on-path`: the job's npm (a Yarn repository: Rush publishes with `npm` from PATH);
 * - `unknown`: no rush.json at the root, or one tp-doctor cannot read.
 */
export interface RushRun {
  runs: 'npm' | 'pnpm' | 'npm-on-path' | 'unknown';
  version?: string;
  /** The rush.json key that names it (`pnpmVersion`), and where. */
  key?: string;
  at?: Location;
}

export function rushRun(project: NpmRepo): RushRun {
  const pm = project.facts.rush?.packageManager;
  if (!pm) return { runs: 'unknown' };
  const where = { key: pm.key, at: pm.at };
  if (pm.name === 'yarn') return { runs: 'npm-on-path', ...where };
  return { runs: pm.name, version: pm.version, ...where };
}

/** rush.json's `pnpmVersion` as the version of the pnpm `rush publish` runs; undefined in an npm or Yarn repository, or without rush.json. */
export function rushPnpmVersion(project: NpmRepo): ToolVersion | undefined {
  const pm = project.facts.rush?.packageManager;
  return pm?.name === 'pnpm' ? { spec: pm.version, source: 'rush-json', at: pm.at, label: `\`"${pm.key}"\` in ${RUSH_JSON}`, floating: false } : undefined;
}

/** `rushRun` when the publish is a `rush publish`; undefined for any other command. */
export function rushRunOf(project: NpmRepo, publish: PublishCommand): RushRun | undefined {
  return publish.match.recognizer === 'rush-publish' ? rushRun(project) : undefined;
}
