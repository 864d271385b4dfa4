/**
 * What Nx runs for a target (`nx run app:publish`, `nx run-many -t publish`, `nx affected -t
 * publish`, `nx publish app`): read by `../npm/nx-runs.ts` over the projects of
 * `../npm/nx-projects.ts`. Facts as of Nx 16–22 (nx.dev "nx Executors", "run-many", "affected",
 * "Project configuration"; the `executors.json` of the `nx` and `@nx/js` packages), checked
 * 2026-12-05.
 *
 * - A target's `executor` says what runs; a target with a `command` and no executor is
 *   `nx:run-commands` with that command.
 * - `nx:run-commands` runs `options.command` (a string) or each of `options.commands` (strings or
 *   `{ command }` objects) in `options.cwd`, relative to the workspace root, else in the workspace
 *   root; arguments the caller passes are appended unless a command interpolates `{args.x}`.
 * - `nx:run-script` runs the `package.json` script `options.script` in the project's directory.
 * - A project with a `package.json` gets a target for each of its scripts (`nx.includedScripts`
 *   narrows them), run like `npm run <script>` in its directory; `project.json` (then
 *   `package.json` `nx.targets`) overrides a target of the same name.
 */

/** Nx's own commands (`nx --help`); any other first word is a target (`nx build app` runs `app:build`). */
export const NX_COMMANDS: ReadonlySet<string> = new Set([
  'activate-powerpack', 'add', 'affected', 'affected:apps', 'affected:graph', 'affected:libs', 'completion',
  'configure-ai-agents', 'connect', 'connect-to-nx-cloud', 'daemon', 'dep-graph', 'exec', 'fix-ci', 'format',
  'format:check', 'format:write', 'g', 'generate', 'graph', 'help', 'import', 'init', 'list', 'login', 'logout',
  'mcp', 'migrate', 'new', 'print-affected', 'record', 'register', 'release', 'repair', 'report', 'reset',
  'clear-cache', 'run', 'run-many', 'show', 'start-ci-run', 'sync', 'sync:check', 'view-logs', 'watch',
  'workspace-generator', 'workspace-lint', 'version',
]);

/** Executors that run shell commands (`options.command`, `options.commands`, `options.cwd`). */
export const NX_RUN_COMMANDS: ReadonlySet<string> = new Set(['nx:run-commands', '@nrwl/workspace:run-commands', '@nx/workspace:run-commands']);

/** Executors that run a `package.json` script of the project (`options.script`) in its directory. */
export const NX_RUN_SCRIPT: ReadonlySet<string> = new Set(['nx:run-script', '@nrwl/workspace:run-script', '@nx/workspace:run-script']);

/** Executors that do nothing. */
export const NX_NOOP: ReadonlySet<string> = new Set(['nx:noop']);

/**
 * Executors that publish the project as `nx release publish` does (its package manager's publish;
 * `@nx/js` marks it "use `nx release publish` instead" but `nx run` runs it all the same).
 */
export const NX_PUBLISH_EXECUTORS: ReadonlySet<string> = new Set(['@nx/js:release-publish', '@nrwl/js:release-publish']);

/**
 * Executors that run `npm publish <options.distFolderPath>` from the workspace root, with the
 * options `access`, `tag`, `registry`, `otp` as npm's and `dryRun` as `--dry-run`
 * (bikecoders/ngx-deploy-npm's `executors/deploy/engine/engine.ts`; the `@bikecoders/` name is its
 * older one). Read as the `nx:run-commands` target running that command.
 */
export const NX_NPM_DEPLOY_EXECUTORS: ReadonlySet<string> = new Set(['ngx-deploy-npm:deploy', '@bikecoders/ngx-deploy-npm:deploy']);

/** ngx-deploy-npm's options that become `npm publish` options (`--<name>`), in its order. */
export const NX_NPM_DEPLOY_OPTIONS: readonly (readonly [option: string, flag: string])[] = [
  ['access', '--access'],
  ['tag', '--tag'],
  ['otp', '--otp'],
  ['registry', '--registry'],
];

/**
 * Executors that run the targets of `options.postTargets` (`target` of the same project, or
 * `project:target`) after their own work, unless a dry run: @jscutlery/semver's `version`
 * (nx-go/nx-go: `postTargets: [build, deploy, github]`, `deploy` an ngx-deploy-npm target). Read as
 * the `nx:run-commands` target running `nx run <project>:<target>` for each, in order.
 */
export const NX_POST_TARGET_EXECUTORS: ReadonlySet<string> = new Set(['@jscutlery/semver:version']);

/**
 * Build executors that write a `package.json` into their `outputPath`, copied from a committed one
 * (`../npm/nx-outputs.ts` reads it, for a `run-commands` target run in that directory). Read in
 * nrwl/nx's source, checked 2026-12-06:
 * - `@nx/rollup:rollup` (`@nrwl/rollup:rollup`, and `@nrwl/web:rollup`/`@nrwl/web:package` before
 *   it): `rollup.impl.ts` reads `readJsonFile(options.project)` and `lib/update-package-json.ts`
 *   writes it to `${outputPath}/package.json` with `main`, `module`, `type`, `types` and `exports`
 *   rewritten: `{ option: 'project' }`, the option naming that package.json;
 * - `@nx/js:tsc`, `@nx/js:swc` (`@nrwl/js:*`): `utils/package-json/update-package-json.ts` builds it
 *   with `createPackageJson`, which starts from `{projectRoot}/package.json` (`main` only gives the
 *   entry fields; dependencies are worked out again): `{ projectRoot: true }`;
 * - `@nx/esbuild:esbuild`: the same `copyPackageJson` of `@nx/js`, only with `generatePackageJson:
 *   true` (`esbuild.impl.ts`): `{ projectRoot: true, onlyWith: 'generatePackageJson' }`.
 * In each the copy keeps the committed file's other fields (`name`, `version`, `scripts`,
 * `publishConfig`, `repository`), which is what tp-doctor reads of it.
 */
export type NxPackageJsonCopy = { option: string } | { projectRoot: true; onlyWith?: string };

export const NX_PACKAGE_JSON_COPIES: ReadonlyMap<string, NxPackageJsonCopy> = new Map<string, NxPackageJsonCopy>([
  ['@nx/rollup:rollup', { option: 'project' }],
  ['@nrwl/rollup:rollup', { option: 'project' }],
  ['@nrwl/web:rollup', { option: 'project' }],
  ['@nrwl/web:package', { option: 'project' }],
  ['@nx/js:tsc', { projectRoot: true }],
  ['@nrwl/js:tsc', { projectRoot: true }],
  ['@nx/js:swc', { projectRoot: true }],
  ['@nrwl/js:swc', { projectRoot: true }],
  ['@nx/esbuild:esbuild', { projectRoot: true, onlyWith: 'generatePackageJson' }],
  ['@nrwl/esbuild:esbuild', { projectRoot: true, onlyWith: 'generatePackageJson' }],
]);

/** Options of `nx run-many` and `nx affected` that name the targets, the projects, and the projects left out. */
export const NX_TARGET_FLAGS: readonly string[] = ['-t', '--target', '--targets'];
export const NX_PROJECT_FLAGS: readonly string[] = ['-p', '--projects'];
export const NX_EXCLUDE_FLAGS: readonly string[] = ['--exclude'];

/**
 * What `nx release` (and `nx release publish`, and an `nx-release-publish` target with the default
 * executor) publishes with: `@nx/js:release-publish` runs its package manager's publish for each
 * project (`../npm/nx-publish.ts` reads it). Read in nrwl/nx's source, checked 2026-12-05:
 *
 * - which package manager (`packages/nx/src/utils/package-manager.ts` `detectPackageManager`):
 *   nx.json `cli.packageManager` when set (honoured since nrwl/nx#16777, Nx 16), else the first of
 *   `NX_PACKAGE_MANAGER_LOCKFILES` at the workspace root, else npm. `packageManager` in
 *   package.json is not read there.
 * - which command (`getPackageManagerCommand(pm).publish`, and before it the executor's own
 *   `release-publish.impl.ts`): `NX_PUBLISH_COMMANDS`. Yarn (1 and Berry) always gets
 *   `npm publish "<root>"`: Nx never runs `yarn npm publish`.
 * - from Nx 22.7.3 (and 23.0.0-beta.18) a `bun publish` that fails with an authentication error is
 *   run again as `npm publish` when npm is on PATH (nrwl/nx#35756, "fall back to npm publish when
 *   bun publish fails with auth error"; release notes of 22.7.3): a trusted publish then goes
 *   through npm's OIDC exchange (`NX_BUN_NPM_FALLBACK`).
 *
 * `@nx/js` and `nx` are released together with one version; the executor is `@nx/js`'s.
 */
export type NxPackageManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

/** The lockfiles `detectPackageManager` looks for, in its order, and the Nx release that first reads each. */
export const NX_PACKAGE_MANAGER_LOCKFILES: readonly { file: string; pm: NxPackageManager; since?: string }[] = [
  { file: 'bun.lockb', pm: 'bun' },
  // Bun 1.2's text lockfile: read from Nx 20.5.0 (nrwl/nx#30064).
  { file: 'bun.lock', pm: 'bun', since: '20.5.0' },
  { file: 'yarn.lock', pm: 'yarn' },
  { file: 'pnpm-lock.yaml', pm: 'pnpm' },
];

/**
 * The publish command `@nx/js:release-publish` runs for each package manager, and the Nx release
 * from which it does (before it: `npm publish`, the only command up to Nx 19.7.0).
 * - pnpm: `pnpm publish "<root>" --json … --no-git-checks` from **19.7.1** (nrwl/nx#27787, "pnpm
 *   publish support", release notes of 19.7.1);
 * - bun: `bun publish --cwd="<root>" --json …` from **20.5.0** (nrwl/nx#30064; James Henry in
 *   nrwl/nx#29242: "The `bun publish` support … will be in 20.5.0");
 * - npm and Yarn: `npm publish "<root>" --json …` always.
 */
export const NX_PUBLISH_COMMANDS: Readonly<Record<NxPackageManager, { command: 'npm' | 'pnpm' | 'bun'; since?: string }>> = {
  npm: { command: 'npm' },
  yarn: { command: 'npm' },
  pnpm: { command: 'pnpm', since: '19.7.1' },
  bun: { command: 'bun', since: '20.5.0' },
};

/** The Nx releases that retry a `bun publish` failing to authenticate with `npm publish` (nrwl/nx#35756). */
export const NX_BUN_NPM_FALLBACK = '>=22.7.3 <23.0.0-0 || >=23.0.0-beta.18';
/** The first of them, named in messages. */
export const NX_BUN_NPM_FALLBACK_FIRST = '22.7.3';

/** The packages whose version is the Nx release (the executor's first). */
export const NX_VERSION_PACKAGES: readonly string[] = ['@nx/js', 'nx'];

/** The target `nx release publish` runs in each project. */
export const NX_RELEASE_PUBLISH_TARGET = 'nx-release-publish';
