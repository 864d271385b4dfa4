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

/** Options of `nx run-many` and `nx affected` that name the targets, the projects, and the projects left out. */
export const NX_TARGET_FLAGS: readonly string[] = ['-t', '--target', '--targets'];
export const NX_PROJECT_FLAGS: readonly string[] = ['-p', '--projects'];
export const NX_EXCLUDE_FLAGS: readonly string[] = ['--exclude'];
