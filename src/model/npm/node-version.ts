/**
 * Which Node runs at a step, and so which npm it bundles (docs/domain.md §2). The data lives in
 * `../data/node-releases.ts`; this file interprets it.
 *
 * The pure functions (`resolveNodeSpec`, `parseNodeImage`, `readNodeVersionFile`, `bundledNpm`) know
 * nothing about GitHub: a GitLab job's `image: node:<tag>` feeds `parseNodeImage` then
 * `resolveNodeSpec`, exactly as a GitHub job container does. GitHub's order (setup-node, local
 * composite actions, the job container) is in `../github/setup-node.ts`.
 */
import { semver } from '../core/semver.js';
import type { SourceFs } from '../../fs/source.js';
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { hubImageName } from '../data/image-mirrors.js';
import { DENSE_FROM_MAJOR, LTS_LINES, NODE_RELEASES, NPM_LINES, NPM_VERSIONS, type NodeRelease } from '../data/node-releases.js';
import type { MiseTools } from './mise-config.js';
import type { NpmUpgrade } from './npm-commands.js';
import type { VersionFileResult } from './node-version-file.js';
import type { PackageJson } from './package-json.js';
import { memoByKey } from '../core/memo.js';
import { lazy } from '../core/lazy.js';
import { compareNumbers, validVersion, versionNumbers, type VersionNumbers } from './version-numbers.js';

/** One link of "where the answer came from", for related locations. */
export interface NodeOrigin {
  /** e.g. "setup-node `node-version: 20`", ".nvmrc", "matrix value \"20\"". */
  label: string;
  /**
   * What kind of place it is: a version file, a setup-node or action input, a matrix value, `env`,
   * the job container, an action, the image an action runs in (`image`: no workflow can change it),
   * or a version manager's command in the publishing shell (`command`: `nvm install 24`, ./node-switch.ts).
   */
  kind: 'file' | 'input' | 'matrix' | 'env' | 'container' | 'action' | 'image' | 'command';
  at: YNode | Location;
  /**
   * An input that holds more than the version (`pnpm/setup`'s `runtime: node@22`): its name and
   * the text before the version, for the words and the edit that change it. Without it an input is
   * setup-node's `node-version`.
   */
  written?: { name: string; prefix: string };
  /** The place takes only an exact version (Volta's `volta.node`): the words and the edit name one. */
  exact?: true;
  /** For a `command`: the command as written and the version in it, for the words that change it. */
  command?: { text: string; spec: string };
}

/**
 * Where a version manager's command switched the Node of the publishing shell (./node-switch.ts):
 * in the CI file's shell text (`script` undefined) or in the committed script `script` of
 * `PublishMatch.via`, at `offset`..`end`. Only the npm upgrades after it reach this Node's npm;
 * `upgrade`: one the command itself runs (nvm's `--latest-npm`).
 */
export interface NodeSwitched {
  script?: number;
  offset: number;
  end: number;
  upgrade?: NpmUpgrade;
  /** The publish itself runs under the manager (`mise x node@24 -- npm publish`): its `PATH` shim is this Node. */
  runtime?: true;
  /** CircleCI: the switch is written to `$BASH_ENV` by the step of index `step` (at `at`), and runs as each later step starts (`spec`: its version as written; `manager`: the version manager that runs it). */
  bashEnv?: { step: number; at: Location; spec?: string; manager?: string };
}

/**
 * A toolchain manager that runs its own Node (Volta, `../github/volta.ts`) or installs an npm of
 * its own (mise's `npm` tool, `../github/mise.ts`): what it changes about the npm that runs.
 * `../github/npm-upgrades.ts` reads it.
 */
export interface NodeToolchain {
  /** The `uses:` of the step that set it up: npm upgrades of the steps before it change another Node's npm. */
  at: YNode;
  /**
   * An npm it runs in place of the one the Node bundles (Volta's `volta.npm`, or the action's
   * `npm-version`): the spec, its place, and the words that name it (`volta.npm 10.9.2 in package.json`).
   */
  npm?: { spec: string; at: YNode | Location; text: string; where: string };
  /**
   * How a later `npm install -g npm@<spec>` typed in a `run:` step (global, not from a script) is
   * taken, when not as npm runs it: Volta, once its action's `node-version` gave it a default Node,
   * runs it as `volta install npm@<spec>`, without npm's engine check, and that changes the default
   * npm only. `default`: this command runs Volta's default platform, so it takes that npm;
   * `ignored`: it runs a project's platform, whose npm stays.
   */
  globalInstall?: 'default' | 'ignored';
  /** With `globalInstall: ignored`: the package.json whose platform runs the command. */
  project?: string;
  /**
   * mise (`../github/mise.ts`): its npm tool comes before the Node's own `npm` on `PATH`, so an
   * `npm install -g npm@<spec>` after it installs into the Node's directory, behind it (unknown).
   */
  mise?: true;
  /** Why the npm it pins is not read (a form mise takes that tp-doctor does not): the npm is unknown. */
  npmUnknown?: { reason: string; at: YNode | Location; text: string };
  /** The `uses:` of the job's step that runs it, when `at` is in a local action the Node's origins do not name. */
  step?: YNode;
}

/**
 * The npm bundled with a Node release: `min === max` when the table knows it; a range when the row
 * is an estimate or the release sits between rows; `max` is `NPM_OPEN_MAX` when nothing bounds it
 * from above.
 */
export interface BundledNpm {
  min: string;
  max: string;
  /**
   * The spec as written, when the npm is an `npm@<spec>` the release table cannot resolve but whose
   * every version is older than any npm with trusted publishing (`npm@4`, `npm@^3.10.0`): `min` is
   * its lowest version, `max` bounds it from above (`4` → `5.0.0-0`), and messages name the spec.
   */
  spec?: string;
}

/**
 * The `max` of a bundled npm with no upper bound the table knows: a release after the last row of a
 * line listed only in part (Node 8 and 10 have one row each), or of a major newer than the table.
 * Above every npm, so a range check treats it as "may be new enough"; `bundledText` says "or later".
 */
export const NPM_OPEN_MAX = '999.0.0';

/** The npm a Node release bundles, for messages: one version, the range the table bounds it by (`8.1.0–8.19.4`), or its lower bound (`5.6.0 or later`). */
export function bundledText(npm: BundledNpm): string {
  if (npm.spec !== undefined) return /^\d[\w.]*$/.test(npm.spec) ? npm.spec : `"${npm.spec}"`;
  if (npm.min === npm.max) return npm.min;
  return npm.max === NPM_OPEN_MAX ? `${npm.min} or later` : `${npm.min}–${npm.max}`;
}

/** What a Node release bundles, completing "Node X bundles …" when the table gives a range: "an npm between 8.1.0 and 8.19.4", "npm 5.6.0 or later". */
export function bundledRange(npm: BundledNpm): string {
  return npm.max === NPM_OPEN_MAX ? `npm ${npm.min} or later` : `an npm between ${npm.min} and ${npm.max}`;
}

export interface NodeResolution {
  /** What was asked for, after expressions and files were read: `24`, `lts/*`, `>=22`, `14`. */
  spec?: string;
  /** The version it resolves to (the newest the table knows, for ranges and aliases). */
  version?: string;
  /** The npm that version bundles; undefined when the version is unknown or older than the table. */
  npm?: BundledNpm;
  /** Why the version is unknown, in words that complete "tp-doctor cannot tell which Node runs here: …". */
  unknown?: string;
  /** Where the answer came from, the value that decided it first (matrix value, file line, input). */
  origins: NodeOrigin[];
  /** The matrix values behind this answer (`node=20`), when it depends on the matrix. */
  matrix?: string;
  /**
   * Set when no matrix leg behind this answer certainly runs the step, while other legs give
   * another answer: each leg hangs on an `if:` that reads the matrix and that tp-doctor cannot
   * evaluate (../github/setup-node.ts `stepLegs`), so the step may run in other legs only
   * (k-yle/osm-api-js publishes from the 20.x leg alone). Findings on it are at most warnings.
   */
  undecided?: true;
  /**
   * Set when the answer rests on a default that a run may replace (a CircleCI pipeline parameter's
   * `default:`, which a trigger can override), in words: findings on it are at most warnings.
   */
  assumed?: string;
  /** Set when a toolchain manager runs this Node (Volta), or pins the npm (mise): its npm pin and how it treats npm upgrades. */
  toolchain?: NodeToolchain;
  /** Set when a version manager's command in the publishing shell chose this Node (or made it unknown). */
  switched?: NodeSwitched;
  /**
   * Set on the unknown Node of an image that is not a Node image: `certain` when it is known to ship
   * no Node (../data/nodesource.ts `imageWithoutNode`), `assumed` otherwise. A Node the job's shell
   * installs into `/usr/bin` (NodeSource, ./nodesource.ts) is then the one on `PATH`.
   */
  noNode?: 'certain' | 'assumed';
}

// ---------------------------------------------------------------------------------------------
// Pure resolution against the table

// NODE_RELEASES is sorted by version (composeReleases; node-releases.test.ts checks it with semver):
// sorting it again here parsed ~290 versions with semver at every start (about 2 M instructions).
const byVersion: readonly NodeRelease[] = NODE_RELEASES;
const ALL_VERSIONS = byVersion.map((r) => r.version);
// The rows' versions as numbers (./version-numbers.ts), read on first use: a lookup compares a
// version with every row, which with semver parsed two versions per row.
const rowNumbers = lazy(() => byVersion.map((r) => versionNumbers(r.version)));

/** The newest of some rows (by index into the table), as its version. */
function newestRow(rows: readonly number[]): string | undefined {
  const nums = rowNumbers();
  let best: number | undefined;
  for (const i of rows) if (best === undefined || compareNumbers(nums[i]!, nums[best]!) > 0) best = i;
  return best === undefined ? undefined : byVersion[best]!.version;
}

/** The indexes of the rows whose numbers `keep` accepts. */
function rowsWhere(keep: (n: VersionNumbers) => boolean): number[] {
  return rowNumbers().flatMap((n, i) => (keep(n) ? [i] : []));
}

function isLts(n: VersionNumbers): boolean {
  const line = LTS_LINES.find((l) => l.major === n[0]);
  return line !== undefined && compareNumbers(n, versionNumbers(line.since)) >= 0;
}

/**
 * The npm bundled with a Node version: the table row of that version, or of the closest earlier
 * release of the same major (patch releases rarely change npm). In a line the table lists only in
 * part (before `DENSE_FROM_MAJOR`), a release that is not a row is bounded by the rows around it, or
 * is at least the line's last row's when it comes after it (`NPM_OPEN_MAX`), never read as that row.
 * For a major the table does not list, the bounds come from the neighbouring majors. Undefined when
 * older than the table.
 */
export const bundledNpm: (version: string) => BundledNpm | undefined = memoByKey(bundledNpmOf);

function bundledNpmOf(version: string): BundledNpm | undefined {
  const v = validVersion(version);
  if (!v) return undefined;
  const n = versionNumbers(v);
  const nums = rowNumbers();
  let at = -1;
  for (const [i, row] of nums.entries()) if (compareNumbers(row, n) <= 0) at = i;
  const floor = byVersion[at];
  if (!floor) return undefined;
  if (nums[at]![0] !== n[0]) {
    // A major the table does not list (17, 19, 21): between the lowest npm of the line before it
    // and the highest of the line after it.
    const nextAt = nums.findIndex((row) => compareNumbers(row, n) > 0);
    if (nextAt === -1) return { min: floor.npm, max: NPM_OPEN_MAX };
    const lineOf = (major: number): NodeRelease[] => byVersion.filter((_, i) => nums[i]![0] === major);
    const min = lineOf(nums[at]![0]).map((row) => row.npm).reduce((a, b) => (semver.lt(b, a) ? b : a));
    const max = lineOf(nums[nextAt]![0]).map((row) => row.npmMax ?? row.npm).reduce((a, b) => (semver.gt(b, a) ? b : a));
    return { min, max: semver.gt(min, max) ? min : max };
  }
  // Lines the table lists only in part: a release between two rows bundles an npm between theirs,
  // one after the line's last row at least that row's, and at most the newest npm whose `engines`
  // still accept that Node (Node never bundles an npm that does not support it: Node 10.24.1 has
  // npm 7 at most, since npm 8 requires Node 12.13).
  if (n[0] < DENSE_FROM_MAJOR && floor.version !== v) {
    const next = byVersion.find((_, i) => compareNumbers(nums[i]!, n) > 0 && nums[i]![0] === n[0]);
    return { min: floor.npm, max: next?.npm ?? enginesCeiling(v, floor.npm) };
  }
  return { min: floor.npm, max: floor.npmMax ?? floor.npm };
}

/**
 * The newest npm release a Node version can bundle: the last one before the first npm line, after
 * `min`'s, whose `engines.node` rejects that Node; `NPM_OPEN_MAX` when every line accepts it.
 */
function enginesCeiling(node: string, min: string): string {
  const rejecting = NPM_LINES.find((line) => line.major > semver.major(min) && !semver.satisfies(node, line.engines));
  if (!rejecting) return NPM_OPEN_MAX;
  const below = NPM_VERSIONS.filter((npm) => semver.major(npm) < rejecting.major && semver.gte(npm, min));
  return below.reduce((a, b) => (semver.gt(b, a) ? b : a), min);
}

export type SpecResult = { version: string; spec: string } | { unknown: string; spec: string };

/**
 * Resolves what setup-node (or nvm, or a Docker tag) accepts as a Node version: an exact version,
 * `24`, `24.x`, a semver range, `lts/*`, `lts/-1`, `lts/<codename>`, `node`, `latest`, `current`.
 * Ranges and aliases resolve to the newest release the table knows.
 */
export const resolveNodeSpec: (input: string) => SpecResult = memoByKey(resolveSpec);

function resolveSpec(input: string): SpecResult {
  const spec = input.trim();
  const lower = spec.toLowerCase().replace(/^v(?=\d)/, '');
  if (lower === '') return { spec, unknown: 'the Node version is empty' };
  if (lower === 'node' || lower === 'latest' || lower === 'current') return { spec, version: newestRow(rowsWhere(() => true))! };
  const lts = /^lts\/(.+)$/.exec(lower);
  if (lts) {
    const name = lts[1] ?? '';
    const lines = [...LTS_LINES].sort((a, b) => b.major - a.major);
    const back = name === '*' ? 0 : /^-\d+$/.test(name) ? Number(name.slice(1)) : undefined;
    const line = back !== undefined ? lines[back] : lines.find((l) => l.codename === name);
    if (!line) return { spec, unknown: `"${spec}" is not an LTS line tp-doctor knows` };
    return { spec, version: newestRow(rowsWhere((n) => n[0] === line.major && isLts(n)))! };
  }
  const exact = validVersion(lower);
  if (exact) return { spec, version: exact };
  // `24`, `24.x`, `24.1`, `24.1.x`: the newest release of that line, found without building a
  // semver range (its regular expressions are most of a small repository's regex compilation).
  const line = /^(0|[1-9]\d{0,15})(?:\.(x|0|[1-9]\d{0,15})(?:\.x)?)?$/.exec(lower);
  if (line) {
    const [major, minor] = [Number(line[1]), line[2] === undefined || line[2] === 'x' ? undefined : Number(line[2])];
    const best = newestRow(rowsWhere((n) => n[0] === major && (minor === undefined || n[1] === minor)));
    if (best) return { spec, version: best };
    // A line the table lists only in part (16 and older), or not at all (17, 19, 21), inside the
    // table's span: its first release of that minor, whose npm `bundledNpm` bounds by the rows around it.
    const majors = rowNumbers().map((n) => n[0]);
    const inside = major > Math.min(...majors) && major < Math.max(...majors) && (major < DENSE_FROM_MAJOR || !majors.includes(major));
    return inside ? { spec, version: `${major}.${minor ?? 0}.0` } : { spec, unknown: `no Node release tp-doctor knows matches "${spec}"` };
  }
  const range = semver.validRange(lower);
  if (range) {
    const best = semver.maxSatisfying(ALL_VERSIONS, range);
    return best ? { spec, version: best } : { spec, unknown: `no Node release tp-doctor knows matches "${spec}"` };
  }
  return { spec, unknown: `"${spec}" is not a Node version` };
}

/** A spec's result as a `NodeResolution`: the version with the npm it bundles, or why it is unknown. */
export function nodeResolution(result: SpecResult, origins: NodeOrigin[]): NodeResolution {
  if ('unknown' in result) return { spec: result.spec, unknown: result.unknown, origins };
  const res: NodeResolution = { spec: result.spec, version: result.version, origins };
  const npm = bundledNpm(result.version);
  if (npm) res.npm = npm;
  return res;
}

/**
 * `node:24-alpine` → `24`; `node:lts` → `lts/*`; `node` → `latest`, also behind a Docker Hub mirror or
 * GitLab's Dependency Proxy (`hubImageName`, ../data/image-mirrors.ts). Undefined for other images.
 */
export function parseNodeImage(image: string): string | undefined {
  const m = /^node(?::([^/]+))?$/i.exec(hubImageName(image));
  if (!m) return undefined;
  const tag = (m[1] ?? 'latest').toLowerCase();
  const head = tag.split('-')[0] ?? '';
  if (/^\d+(\.\d+){0,2}$/.test(head)) return head;
  if (head === 'lts') {
    const codename = tag.split('-')[1];
    return codename && LTS_LINES.some((l) => l.codename === codename) ? `lts/${codename}` : 'lts/*';
  }
  if (LTS_LINES.some((l) => l.codename === head)) return `lts/${head}`;
  // `current`, `latest` and variant-only tags (`alpine`, `slim`, `bookworm`) follow the newest release.
  return 'latest';
}


export type { VersionFileResult } from './node-version-file.js';
export { readNodeVersionFile } from './node-version-file.js';

// ---------------------------------------------------------------------------------------------
// The files a Node version is read from

/** What the Node resolvers (`../github/setup-node.ts`, CircleCI's node orb) need from the project (`Project` has it). */
export interface NodeContext {
  fs: SourceFs;
  documents: readonly YamlDocument[];
  /** Version files and package.json files, read and parsed once per run (`ProjectFacts`). */
  facts: {
    nodeVersionFile(file: string): VersionFileResult;
    packageAt(dir: string): PackageJson | undefined;
    /** The Node and npm mise installs for a command run in a directory (`./mise-config.ts`). */
    miseTools(dir: string, envs: readonly string[]): MiseTools;
    /** A committed file a command runs, by repository path (`RepoFiles.shellScript`; ./run-file-upgrades.ts). */
    shellScript?(file: string): string | undefined;
  };
}

// ---------------------------------------------------------------------------------------------
// Words for diagnostics

/** "Node 20.20.2", with the spec when it says more than the version (`Node 26.13.0 ("lts/*")`). */
export function nodeLabel(node: NodeResolution): string {
  const spec = node.spec !== undefined && node.spec !== node.version ? ` ("${node.spec}")` : '';
  return `Node ${node.version ?? '?'}${spec}`;
}

/** Where the Node version came from, with the matrix values behind it. */
export function originLabel(node: NodeResolution): string {
  const origin = node.origins[0]?.label ?? 'unknown';
  return node.matrix ? `${origin}, matrix ${node.matrix}` : origin;
}

/** How to change the Node version to `major`, in the words of where it came from. */
export function whereToSetNode(node: NodeResolution, major: string): string {
  const origin = node.origins[0];
  switch (origin?.kind) {
    case 'container':
      return `use the image \`node:${major}\``;
    case 'matrix':
      return `use \`${major}\` in the matrix of the publishing job`;
    case 'image':
      return `${origin.label} cannot be changed from the workflow: publish in a \`run:\` step on Node ${major} instead`;
    case 'command':
      return origin.command ? `change \`${origin.command.text}\` to \`${origin.command.text.replace(origin.command.spec, major)}\`` : `switch to Node ${major} in ${origin.label}`;
    case 'file':
      return origin.exact ? `set ${origin.label} to a Node ${major} release, such as \`${exactRelease(major)}\`` : `set ${origin.label} to \`${major}\``;
    default:
      return origin?.written ? `set \`${origin.written.name}: ${origin.written.prefix}${major}\`` : `set \`node-version: ${major}\``;
  }
}

/** The newest release of a Node major the table knows (`24` → `24.23.0`), for a place that takes only an exact version; the major itself when none. */
export function exactRelease(major: string): string {
  const found = resolveNodeSpec(major);
  return 'version' in found ? found.version : major;
}
