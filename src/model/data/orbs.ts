/**
 * CircleCI orbs, as of 2026-12. tp-doctor never fetches an orb from CircleCI's registry, so what an
 * orb job or command runs is unknown; one whose name says it publishes, in a job with signs of an
 * npm publish, is read as a possible publish (`circleci/possible.ts`), the way a GitHub action
 * tp-doctor does not know is (`NEVER_PUBLISHING_ACTIONS` in publish-tools.ts). These tables are
 * the orbs' names that decide more than the words do, and the few orb definitions tp-doctor knows
 * from the orbs' source: executors (`ORB_EXECUTORS`), jobs that run a package script
 * (`ORB_SCRIPT_JOBS`), npm upgrades (`ORB_NPM_UPGRADES`) and pipeline continuations (`CONTINUATION_ORBS`).
 */

/**
 * Orbs that never publish to the npm registry whatever their jobs and commands are called: cloud
 * and container deploys, notifications, coverage, other languages' tool chains, GitHub releases, and
 * CircleCI's orb tooling (which publishes orbs). `namespace/name` in lower case, without `@version`;
 * a trailing `*` matches a prefix.
 */
export const NEVER_PUBLISHING_ORBS: readonly string[] = [
  // cloud, containers, hosting
  'circleci/aws-*', 'circleci/gcp-*', 'circleci/azure-*', 'circleci/docker', 'circleci/kubernetes', 'circleci/helm',
  'circleci/terraform', 'circleci/heroku',
  // notifications, issue trackers, coverage
  'circleci/slack', 'circleci/jira', 'codecov/codecov',
  // GitHub releases, orb publishing, pipeline plumbing
  'circleci/github-cli', 'circleci/orb-tools', 'circleci/continuation', 'circleci/path-filtering',
  // other languages and platforms
  'circleci/python', 'circleci/ruby', 'circleci/go', 'circleci/rust', 'circleci/android', 'circleci/macos',
  'circleci/windows', 'circleci/browser-tools', 'circleci/shellcheck',
];

/** True when `namespace/name` (any case) is one of `NEVER_PUBLISHING_ORBS`. */
export function neverPublishingOrb(namespace: string | undefined, name: string | undefined): boolean {
  if (namespace === undefined || name === undefined) return false;
  const ref = `${namespace}/${name}`.toLowerCase();
  return NEVER_PUBLISHING_ORBS.some((o) => (o.endsWith('*') ? ref.startsWith(o.slice(0, -1)) : ref === o));
}

/**
 * Words of an orb's name, or of its job's or command's, that name another language's tool chain or
 * a destination that is no npm registry (`acme/maven-release`, `acme/python-tools`, `acme/github-release`).
 * The repository's package.json alone (`manifestSign` in `circleci/possible.ts`) is no sign of npm
 * for such an orb's `publish`; `OTHER_DESTINATION_WORDS` (publish-tools.ts) veto it in any case.
 */
export const OTHER_ECOSYSTEM_ORB_WORDS: ReadonlySet<string> = new Set([
  'python', 'pip', 'poetry', 'conda', 'ruby', 'go', 'golang', 'rust', 'java', 'jvm', 'kotlin', 'scala', 'sbt', 'clojure',
  'dotnet', 'csharp', 'php', 'composer', 'swift', 'cocoapods', 'pod', 'dart', 'flutter', 'elixir', 'hex', 'haskell',
  'jar', 'ecr', 'gcr', 'acr', 'aws', 'gcp', 'azure', 'github', 'gitlab', 'gh',
]);

/**
 * Orb names that are npm release tools (`NPM_RELEASE_TOOL_NAMES` in publish-tools.ts: intuit's auto,
 * changesets, semantic-release, lerna, release-it, np, Ship.js): a job of such an orb that says it
 * publishes or releases most likely ends in an npm publish. A sign of npm, like an npm token, for
 * `possiblePublish`.
 */
export { NPM_RELEASE_TOOL_NAMES as NPM_RELEASE_TOOL_ORBS } from './publish-tools.js';

/** One orb executor's definition over a range of the orb's major versions. */
export interface OrbExecutorVersion {
  /** The first and last major version of the orb with this definition. */
  majors: readonly [number, number];
  /** The primary (only) `docker:` image, with `<< parameters.tag >>` where the executor puts its `tag`. */
  image: string;
  /** The `default:` of the `tag` parameter. */
  tagDefault: string;
}

/**
 * An executor of a registry orb whose definition tp-doctor knows, so that a job on it is read as
 * if the executor were written in the configuration: `executor: node/default` (or `{ name:
 * node/default, tag: "24.15" }`) runs in the image, with the tag argument or the default of the
 * orb version pinned under `orbs:`; its `environment:` is empty in every version.
 */
export interface OrbExecutor {
  /** `namespace/name` of the orb, lower case. */
  orb: string;
  /** The executor's name in the orb (`node/default` is `default`). */
  executor: string;
  versions: readonly OrbExecutorVersion[];
}

/**
 * Orb executors read in the orbs' source (`src/executors/*.yml` at every release tag). The
 * circleci/node orb's `default` executor (CircleCI-Public/node-orb, read up to v7.2.1 of
 * 2025-10-20): 1.x runs `circleci/node:<< parameters.tag >>` (tag default `latest`), 2.x to 4.x
 * `cimg/node:<< parameters.tag >>` (default `13.11`), 5.x to 7.x `cimg/node:<< parameters.tag >>`
 * (default `lts`); no version sets `environment:` (5.1.0 added a `resource_class` parameter,
 * default `large`, a hosted class). A later major is not known: its tag default stays unknown.
 */
export const ORB_EXECUTORS: readonly OrbExecutor[] = [
  {
    orb: 'circleci/node',
    executor: 'default',
    versions: [
      { majors: [1, 1], image: 'circleci/node:<< parameters.tag >>', tagDefault: 'latest' },
      { majors: [2, 4], image: 'cimg/node:<< parameters.tag >>', tagDefault: '13.11' },
      { majors: [5, 7], image: 'cimg/node:<< parameters.tag >>', tagDefault: 'lts' },
    ],
  },
];

/**
 * The definition of an orb executor tp-doctor knows, for the orb version pinned (`4.7`, `5`,
 * `7.1.0`): `image` and `tagDefault` of that major. A version tp-doctor cannot tell (`volatile`,
 * `dev:alpha`, none, a major newer than the table) gives the newest row's image, whose tag is the
 * Node version like every row's, and no `tagDefault`. Undefined for an executor not in the table.
 */
export function orbExecutor(namespace: string | undefined, name: string | undefined, version: string | undefined, executor: string): { image: string; tagDefault?: string } | undefined {
  if (namespace === undefined || name === undefined) return undefined;
  const entry = ORB_EXECUTORS.find((e) => e.orb === `${namespace}/${name}`.toLowerCase() && e.executor === executor);
  if (!entry) return undefined;
  const major = orbMajor(version);
  const row = major === undefined ? undefined : entry.versions.find((v) => major >= v.majors[0] && major <= v.majors[1]);
  if (row) return { image: row.image, tagDefault: row.tagDefault };
  return { image: entry.versions.at(-1)!.image };
}

/** How an orb job that runs a package script is defined over a range of the orb's major versions. */
export interface OrbScriptJobVersion {
  /** The first and last major version of the orb with this definition. */
  majors: readonly [number, number];
  /** The parameter passed as the executor's `tag` (the Node image tag), and its default; none when the job takes a whole `executor`. */
  tagParameter?: string;
  tagDefault?: string;
  /** The parameter that takes a whole executor (default: the orb's executor `OrbScriptJob.executor`). */
  executorParameter?: string;
  /** The package-manager parameter and its default. */
  managerParameter: string;
  managerDefault: string;
  /** Per package manager the script parameter and the command that runs it; `else` for any other value. */
  scripts: Readonly<Record<string, { parameter: string; runner: string }>>;
  /** The directory the script runs in (`working_directory`), and its default: the checkout. */
  directoryParameter: string;
  directoryDefault: string;
  /** A `steps` parameter run after `checkout`, before the packages are installed. */
  setupParameter: string;
}

/** An orb job whose definition tp-doctor knows: it runs a package script after installing packages, in the orb's executor. */
export interface OrbScriptJob {
  /** `namespace/name` of the orb, lower case. */
  orb: string;
  /** The job's name in the orb (`node/run` is `run`). */
  job: string;
  /** The orb executor it runs in (`ORB_EXECUTORS`). */
  executor: string;
  versions: readonly OrbScriptJobVersion[];
}

const NPM_YARN = { npm: { parameter: 'npm-run', runner: 'npm run' }, else: { parameter: 'yarn-run', runner: 'yarn run' } };
const NODE_RUN_COMMON = { managerParameter: 'pkg-manager', managerDefault: 'npm', directoryParameter: 'app-dir', directoryDefault: '~/project', setupParameter: 'setup' };

/**
 * Orb jobs read in the orbs' source at every release tag. The circleci/node orb's `run` job
 * (CircleCI-Public/node-orb `src/jobs/run.yml`, from v4.6.0 to v7.2.1): `checkout`, the `setup`
 * steps, `install-packages`, then, in `working_directory: << parameters.app-dir >>` (default
 * `~/project`), `npm run <npm-run>` when `pkg-manager` is `npm` (the default), else `yarn run
 * <yarn-run>`; from 6.0.0 (and in 5.x releases with `pnpm`) `pnpm run <pnpm-run>` for `pnpm`, and in
 * 7.x `bun run <bun-run>` for `bun`. 4.x to 6.x run on the orb's `default` executor with `tag: <<
 * parameters.version >>` (`version` default `13.11.0` in 4.x, `lts` in 5.x and 6.x); 7.x has no
 * `version` and takes an `executor` parameter, default the orb's `default` executor (tag `lts`).
 */
export const ORB_SCRIPT_JOBS: readonly OrbScriptJob[] = [
  {
    orb: 'circleci/node',
    job: 'run',
    executor: 'default',
    versions: [
      { majors: [4, 4], tagParameter: 'version', tagDefault: '13.11.0', scripts: NPM_YARN, ...NODE_RUN_COMMON },
      { majors: [5, 6], tagParameter: 'version', tagDefault: 'lts', scripts: { ...NPM_YARN, pnpm: { parameter: 'pnpm-run', runner: 'pnpm run' } }, ...NODE_RUN_COMMON },
      { majors: [7, 7], executorParameter: 'executor', scripts: { ...NPM_YARN, pnpm: { parameter: 'pnpm-run', runner: 'pnpm run' }, bun: { parameter: 'bun-run', runner: 'bun run' } }, ...NODE_RUN_COMMON },
    ],
  },
];

/**
 * The definition of an orb job tp-doctor knows, for the orb version pinned; undefined for a job not
 * in the table, or a version it cannot tell or a major it does not know (the job stays unread).
 */
export function orbScriptJob(namespace: string | undefined, name: string | undefined, version: string | undefined, job: string): { entry: OrbScriptJob; row: OrbScriptJobVersion } | undefined {
  if (namespace === undefined || name === undefined) return undefined;
  const entry = ORB_SCRIPT_JOBS.find((e) => e.orb === `${namespace}/${name}`.toLowerCase() && e.job === job);
  const major = orbMajor(version);
  const row = major === undefined ? undefined : entry?.versions.find((v) => major >= v.majors[0] && major <= v.majors[1]);
  return entry && row ? { entry, row } : undefined;
}

/** An orb command that upgrades npm (`npm install -g npm@<spec>`) in some of the orb's major versions. */
export interface OrbNpmUpgrade {
  /** `namespace/name` of the orb, lower case. */
  orb: string;
  /** The command's name in the orb (`node/install-npm` is `install-npm`). */
  command: string;
  /** The first and last major version of the orb in which the command upgrades npm. */
  majors: readonly [number, number];
  /** The parameter that gives the npm spec, and its `default:`. */
  specParameter: string;
  specDefault: string;
  /** A boolean parameter (default `true`) that turns the upgrade off when `false`. */
  enableParameter?: string;
  /**
   * Majors whose script installs Alpine's `npm` package (whatever the spec) when the image is
   * Alpine Linux: the npm is then the one Alpine packages, which tp-doctor does not know.
   */
  alpinePackageMajors?: readonly [number, number];
}

/**
 * Orb commands that upgrade npm, read in the orbs' source at every release tag. The circleci/node
 * orb (CircleCI-Public/node-orb) from v1.0.2 to v4.9.0 has a command `install-npm` (`version`,
 * default `latest`) that runs `$SUDO npm install -g "npm@$VERSION"` (`npm@latest` for `latest`;
 * `SUDO=sudo` unless the step runs as root), falling back to the same install without `sudo`, and
 * (from v1.0.3) exits 1 when `npm -v` is not then that version; in 1.x, on Alpine Linux it installs
 * Alpine's `npm` package instead. Its `install` command runs `install-npm` with `version:
 * << parameters.npm-version >>` right after installing Node, unless `install-npm: false`
 * (`npm-version` default `latest`, `install-npm` default `true`). From v5.0.0 both are gone:
 * `install` has no npm parameter and there is no `install-npm` (read up to v7.2.1 of 2025-10-20).
 */
export const ORB_NPM_UPGRADES: readonly OrbNpmUpgrade[] = [
  { orb: 'circleci/node', command: 'install-npm', majors: [1, 4], specParameter: 'version', specDefault: 'latest', alpinePackageMajors: [1, 1] },
  { orb: 'circleci/node', command: 'install', majors: [1, 4], specParameter: 'npm-version', specDefault: 'latest', enableParameter: 'install-npm', alpinePackageMajors: [1, 1] },
];

/**
 * The major of an orb version (`4.7` → 4, `5` → 5, `7.1.0` → 7); undefined for a version tp-doctor
 * cannot tell (`volatile`, `dev:alpha`, none, a parameter).
 */
export function orbMajor(version: string | undefined): number | undefined {
  const major = /^(\d+)(?:\.\d+){0,2}$/.exec(version ?? '')?.[1];
  return major === undefined ? undefined : Number(major);
}

/**
 * The npm upgrade an orb command runs, for the orb version pinned: `certain` when the version is
 * one whose command upgrades npm, `unknownVersion` when tp-doctor cannot tell the version (so it
 * cannot tell whether the command upgrades npm), undefined when the command upgrades no npm in that
 * version or is not in the table.
 */
export function orbNpmUpgrade(namespace: string | undefined, name: string | undefined, version: string | undefined, command: string): { entry: OrbNpmUpgrade; major?: number } | undefined {
  if (namespace === undefined || name === undefined) return undefined;
  const entry = ORB_NPM_UPGRADES.find((e) => e.orb === `${namespace}/${name}`.toLowerCase() && e.command === command);
  if (!entry) return undefined;
  const major = orbMajor(version);
  if (major === undefined) return { entry };
  return major >= entry.majors[0] && major <= entry.majors[1] ? { entry, major } : undefined;
}

/** What the circleci/node orb's `install` command installs, over a range of the orb's majors, when `node-version` names no version. */
export interface NodeOrbInstall {
  /** The first and last major version of the orb with this behaviour. */
  majors: readonly [number, number];
  /**
   * Without `node-version`: the files read in this order (the first that exists gives the version),
   * else the LTS. Undefined: the newest Node release when the job runs.
   */
  versionFiles?: readonly string[];
  /** `node-version: lts` reads the files first too (exact orb versions in `ltsLiteralIn` pass it to nvm as it is). */
  ltsReadsFiles?: boolean;
  ltsLiteralIn?: readonly string[];
  /** A boolean parameter that installs the LTS whatever `node-version` says. */
  ltsParameter?: string;
}

/**
 * The circleci/node orb's `install` without a `node-version`, read in its source at every release
 * tag (CircleCI-Public/node-orb, `src/commands/install.yml` and `src/scripts/install-nvm.sh`): 1.x
 * to 3.x install the newest Node release (`latest`, or an empty default read as `latest`); 4.x the
 * newest too (`node-version` default `node`), and the LTS whatever `node-version` says with `lts:
 * true`; 5.x the version in `.nvmrc`, else the LTS (from 5.0.1 `node-version: lts` does the same;
 * 5.0.0 passes `lts` to nvm); 6.x and 7.x (to v7.2.1) `.nvmrc`, else `.node-version`, else the LTS,
 * `lts` likewise. A later major is not known.
 */
export const NODE_ORB_INSTALLS: readonly NodeOrbInstall[] = [
  { majors: [1, 3] },
  { majors: [4, 4], ltsParameter: 'lts' },
  { majors: [5, 5], versionFiles: ['.nvmrc'], ltsReadsFiles: true, ltsLiteralIn: ['5.0.0'] },
  { majors: [6, 7], versionFiles: ['.nvmrc', '.node-version'], ltsReadsFiles: true },
];

/** What the circleci/node orb `install` of this version does without a version; undefined for a version tp-doctor cannot tell or a major it does not know. */
export function nodeOrbInstall(version: string | undefined): NodeOrbInstall | undefined {
  const major = orbMajor(version);
  if (major === undefined) return undefined;
  const row = NODE_ORB_INSTALLS.find((r) => major >= r.majors[0] && major <= r.majors[1]);
  if (!row || !row.ltsLiteralIn?.includes(version ?? '')) return row;
  return { ...row, ltsReadsFiles: false };
}

/**
 * An orb whose command or job continues a setup pipeline (`setup: true`) with a configuration
 * file: CircleCI runs that file's workflows as the rest of the same pipeline.
 */
export interface ContinuationOrb {
  /** `namespace/name` of the orb, lower case. */
  orb: string;
  /** Its commands (steps of a job) and jobs (in a workflow) that continue the pipeline. */
  commands: readonly string[];
  jobs: readonly string[];
  /** The parameter that names the configuration file. */
  pathParameter: string;
  /** That parameter's default; undefined when the orb requires it. */
  defaultPath?: string;
  /**
   * A parameter whose lines may name other configuration files, chosen at run time by the files a
   * push changes (path-filtering's `mapping`: lines of two or four fields, or a file of lines).
   */
  mappingParameter?: string;
}

/**
 * Read in the orbs' source at every release tag. circleci/continuation (CircleCI-Public/
 * continuation-orb, v0.1.0 to v2.0.1 of 2025-07): the `continue` command and the `continue` job
 * pass `configuration_path` to the continue API; the parameter has no default in any version.
 * circleci/path-filtering (CircleCI-Public/path-filtering-orb, 0.1.4 to v2.1.0 of 2025-10): the
 * `filter` job continues with `config-path`, default `.circleci/continue_config.yml` in every
 * version; a `mapping` line of four fields (from 0.1.5; of two fields too from 2.0) names a
 * configuration file that replaces it when the push changed a matching path.
 */
export const CONTINUATION_ORBS: readonly ContinuationOrb[] = [
  { orb: 'circleci/continuation', commands: ['continue'], jobs: ['continue'], pathParameter: 'configuration_path' },
  { orb: 'circleci/path-filtering', commands: [], jobs: ['filter'], pathParameter: 'config-path', defaultPath: '.circleci/continue_config.yml', mappingParameter: 'mapping' },
];

/** The continuation an orb command (`kind: 'command'`) or orb job continues with, when it is one. */
export function continuationOrb(namespace: string | undefined, name: string | undefined, item: string, kind: 'command' | 'job'): ContinuationOrb | undefined {
  if (namespace === undefined || name === undefined) return undefined;
  const entry = CONTINUATION_ORBS.find((c) => c.orb === `${namespace}/${name}`.toLowerCase());
  return entry && (kind === 'command' ? entry.commands : entry.jobs).includes(item) ? entry : undefined;
}
