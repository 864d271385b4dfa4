import { compileGlobs } from '../../fs/globs.js';

/**
 * Every file tp-doctor reads, as globs relative to the repository root: the one list that the
 * pre-commit hook's `files` pattern, the example workflows' `paths:` filters, the lint-staged
 * example and the ESLint plugin's recommended `files` are generated from or tested against
 * (test/inputs.test.ts), so that a change to any file that can change a finding runs the check.
 *
 * test/inputs.test.ts also lints every fixture repository through a file system that records each
 * path the model, the config loader and the rules read or test for existence, and fails when one of
 * them is not covered here (or named by another file, see `NAMED_ELSEWHERE`).
 *
 * Globs are picomatch globs (`*` stays inside a folder, `**` crosses folders, `{a,b}` alternatives),
 * matched with dot files included.
 */

export interface InputPattern {
  /** Repository-relative glob, forward slashes. */
  glob: string;
  /** What tp-doctor reads the file for. */
  why: string;
  /** False for files no commit changes (`.git/config`): left out of commit hooks and path filters. */
  committed: boolean;
  /** A YAML file where findings are located: the ESLint plugin's recommended config lints it. */
  editor?: boolean;
}

/** The tp-doctor config files looked up at the repository root, in this order. */
export const CONFIG_FILE_NAMES: readonly string[] = Object.freeze([
  'tp-doctor.yml',
  'tp-doctor.yaml',
  '.tp-doctor.yml',
  '.tp-doctor.yaml',
  'tp-doctor.json',
  '.tp-doctor.json',
]);

/** Lockfiles: the package manager, and the versions of publish tools a job runs. */
export const LOCKFILES: readonly string[] = Object.freeze([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
  'bun.lockb',
]);

const input = (glob: string, why: string, extra: Partial<Omit<InputPattern, 'glob' | 'why'>> = {}): InputPattern => ({
  glob,
  why,
  committed: true,
  ...extra,
});

export const INPUT_FILES: readonly InputPattern[] = Object.freeze([
  input('.github/workflows/*.{yml,yaml}', 'GitHub Actions workflows', { editor: true }),
  input('**/action.{yml,yaml}', 'local actions (`uses: ./path`), at the root or in any folder: their steps publish or set up Node', {
    editor: true,
  }),
  input('.gitlab-ci.yml', 'the GitLab CI file (a publisher may name another with `ciFile`)', { editor: true }),
  input('.gitlab/**/*.{yml,yaml}', 'GitLab `include: local:` files in the usual folder', { editor: true }),
  input('.circleci/*.{yml,yaml}', 'CircleCI configurations: `config.yml`, and without a CircleCI publisher the other top-level files that are pipeline configurations (a pipeline may run any; a publisher may name one with `configFile`)', { editor: true }),
  input('.release.json', "Twilio's release tool configuration (`\"ci\": \"circleci\"`, `plans`): a plan that publishes is a sign of npm for a CircleCI step whose command the pipeline's trigger chooses"),
  input('circle.{yml,yaml}', 'a CircleCI configuration at the root (a project may set it as its config path): named in the inference note when it looks like a pipeline that publishes, never checked unless a publisher names it'),
  input('**/package.json', 'the root manifest, workspace packages, the directories publishing steps run in, tool config keys'),
  input('**/.npmrc', 'npm configuration: registry, provenance, committed tokens (root, step directories, workspace packages)'),
  input('.yarnrc.yml', 'Yarn 2+ configuration: registry, `npmAuthToken`, `yarnPath`', { editor: true }),
  input('**/.yarnrc.yml', 'Yarn configuration of the Yarn project a command runs in (the nearest one up from its folder): `yarnPath` decides which Yarn runs'),
  input('**/.nvmrc', 'Node version file (setup-node `node-version-file`)'),
  input('**/.node-version', 'Node version file (setup-node `node-version-file`)'),
  input('**/.tool-versions', 'asdf/mise version file (`nodejs` line; `npm` for jdx/mise-action)'),
  input('**/mise.toml', 'mise configuration (`[tools] node`, `npm`)'),
  input('**/.mise.toml', 'mise configuration (`[tools] node`, `npm`)'),
  input('**/{mise,.mise}.*.toml', 'mise configuration for jdx/mise-action: local (`mise.local.toml`) and `MISE_ENV` files (`mise.ci.toml`)'),
  input('**/.rtx{,.local}.toml', 'mise configuration for jdx/mise-action, under its old name'),
  input('**/.config/mise.toml', 'mise configuration (`[tools] node`, `npm`, for jdx/mise-action)'),
  input('**/.config/mise.*.toml', 'mise configuration for jdx/mise-action: local and `MISE_ENV` files'),
  input('**/.config/mise/config.toml', 'mise configuration (`[tools] node`, `npm`, for jdx/mise-action)'),
  input('**/.config/mise/mise{,.local}.toml', 'mise configuration (`[tools] node`, `npm`, for jdx/mise-action)'),
  input('**/mise/config.toml', 'mise configuration (`[tools] node`, `npm`, for jdx/mise-action)'),
  input('**/.mise/config.toml', 'mise configuration (`[tools] node`, `npm`, for jdx/mise-action)'),
  input('**/{.config/mise,mise,.mise}/config.*.toml', 'mise configuration for jdx/mise-action: local and `MISE_ENV` files'),
  input('**/{.config/mise,.mise}/conf.d/*.toml', 'mise configuration fragments (`conf.d`, for jdx/mise-action)'),
  input('**/*.{sh,bash}', 'shell scripts a step or job runs (`./scripts/publish.sh`, `bash x.sh`, `source x.sh`): read for publishes, never run'),
  input('**/{GNUmakefile,makefile,Makefile}', 'makefiles a `make <target>` reads (the names make looks up in the directory it runs in; one `-f` names is named by the command): recipes read for publishes, never run'),
  input('**/{justfile,Justfile,.justfile}', 'justfiles a `just <recipe>` reads (in the directory it runs in or a parent): recipes read for publishes, never run'),
  input('lerna.json', 'lerna `packages` (workspaces)'),
  input('nx.json', 'Nx Release `release.projects` (the packages `nx release` publishes), and an Nx workspace'),
  input('**/project.json', 'Nx project configuration: the targets `nx run`, `nx run-many` and `nx affected` run'),
  input('pnpm-workspace.yaml', 'pnpm workspaces, and pnpm as the package manager'),
  input('rush.json', 'Rush configuration: the npm or pnpm `rush publish` installs and publishes with, and the projects it publishes'),
  input('common/config/rush/.npmrc-publish', 'Rush\'s publish `.npmrc` (`rush publish` gives it to the package manager as its user configuration): committed tokens'),
  ...LOCKFILES.map((name) => input(`**/${name}`, 'lockfile: the package manager, and the version of a publish tool')),
  input('**/.release-it.{json,yaml,yml,toml,js,cjs,mjs,ts,cts,mts}', 'release-it configuration (`npm.skipChecks`, `npm.stage`, `npm: false`, `npm.publish`, the `plugins` that publish: release-it-pnpm, @release-it-plugins/workspaces; code is never run)'),
  input('**/.releaserc', 'semantic-release configuration (whether it publishes to npm: `plugins`, `npmPublish`; `@semantic-release/exec` `publishCmd`)'),
  input('**/.releaserc.{json,yaml,yml,js,cjs,mjs,ts,cts,mts}', 'semantic-release configuration (whether it publishes to npm; `@semantic-release/exec` `publishCmd`, JavaScript read as text; code is never run)'),
  input('**/release.config.{js,cjs,mjs,ts,cts,mts}', 'semantic-release configuration (`@semantic-release/exec` `publishCmd`, JavaScript read as text, never run; anything else it decides stays unknown)'),
  input('**/ship.config.{js,cjs,mjs}', 'Ship.js configuration (`publishCommand`; read as text, never run)'),
  input('**/{.config/goreleaser,.goreleaser,goreleaser}.{yml,yaml}', 'GoReleaser configuration (GoReleaser Pro\'s `npms:`: the npm packages a `goreleaser release` publishes; its `includes:` of local files are named by it)'),
  input('tp-doctor.{yml,yaml}', 'the tp-doctor configuration', { editor: true }),
  input('.tp-doctor.{yml,yaml}', 'the tp-doctor configuration', { editor: true }),
  input('tp-doctor.json', 'the tp-doctor configuration'),
  input('.tp-doctor.json', 'the tp-doctor configuration'),
  input('.git/config', 'the `origin` remote, read as text (git is never run)', { committed: false }),
  input('.git', 'a worktree or submodule `.git` file pointing at the git directory', { committed: false }),
]);

/**
 * Files read because another file names them, wherever they are: setup-node's
 * `node-version-file`, GitLab `include: local:`, Volta's `volta.extends`, the `ciFile` of a GitLab
 * publisher, the `configFile` of a CircleCI publisher, the configuration under `.circleci/` a
 * CircleCI setup configuration continues with (`configuration_path` of the continuation orb,
 * `config-path` of path-filtering), `--config`, the git directory a `.git` file points at, and an
 * npm configuration file a step moves or copies over a project `.npmrc` (`mv .npmrc.github .npmrc`). Under their usual names (`.nvmrc`, `.gitlab/**`, `package.json`...) the patterns
 * above cover them; elsewhere a hook or a path filter must name them itself.
 */
export const NAMED_ELSEWHERE = Object.freeze([
  'node-version-file',
  'include: local',
  'volta.extends',
  'ciFile',
  'configFile',
  'configuration_path',
  '--config',
  'goreleaser -f / includes: from_file',
  'gitdir',
  'mv/cp over .npmrc',
] as const);

/** The globs of committed inputs, for hooks and path filters. */
export const COMMITTED_INPUT_GLOBS: readonly string[] = Object.freeze(INPUT_FILES.filter((i) => i.committed).map((i) => i.glob));

/** The YAML inputs where findings are located: the ESLint plugin's recommended `files`. */
export const EDITOR_INPUT_GLOBS: readonly string[] = Object.freeze(INPUT_FILES.filter((i) => i.editor).map((i) => i.glob));

let committedMatcher: ((file: string) => boolean) | undefined;

/**
 * Whether a change to this repository-relative path can change a finding (a committed input):
 * for commit hooks such as a lint-staged config that runs tp-doctor only when it matters.
 */
export function isInputFile(file: string): boolean {
  committedMatcher ??= compileGlobs(COMMITTED_INPUT_GLOBS);
  return committedMatcher(file.replace(/\\/g, '/').replace(/^\.\//, ''));
}
