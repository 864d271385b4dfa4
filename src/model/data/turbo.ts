/**
 * What Turborepo runs for a task run (`turbo run publish`, `turbo publish`, `turbo run
 * @scope/pkg#publish`, `turbo run publish --filter=<selector>`): read by `../npm/turbo-runs.ts`
 * over the workspace packages and the turbo.json declarations of `../npm/turbo-tasks.ts`.
 * Sources, checked 2026-12-06: the Turborepo documentation (turborepo.com/docs/reference/run:
 * "turbo run [tasks] [options] [-- [args passed to tasks]]", "`turbo run` is aliased to
 * `turbo`", `--filter` and its microsyntax, "Using a task identifier" `package-name#task-name`,
 * `--dry`, `--graph`, `--only`, `--affected`; reference/configuration and
 * reference/package-configurations) and its source (crates/turborepo-lib: the `turbo --help`
 * snapshot, `run/scope/filter.rs`, `engine/builder.rs` and its tests).
 *
 * - A task runs the `package.json` script of its name in each selected package; a package without
 *   that script runs nothing for it.
 * - "To run a task through turbo, it must be specified in turbo.json": as `task` or
 *   `<package>#task` in the root turbo.json's `tasks` (turbo 1: `pipeline`), or as `task` in the
 *   package's own turbo.json. A package for which no turbo.json declares it does not run it, and a
 *   task declared for no selected package fails the whole run ("Could not find the following
 *   tasks in project").
 * - The root package (`//`) runs a task only when the root turbo.json declares `//#task`.
 * - At the root without a filter every workspace package is selected (and the root, for its
 *   `//#` tasks). `--filter`/`-F` take pnpm's syntax: a package name (`*` globs; a name without a
 *   scope also matches the one `@<any scope>/name` when exactly one does), a directory `./dir` (a glob:
 *   `./packages/*`), `//` or `.` for the root, `...`/`^` graph selectors, `[ref]` git ranges,
 *   `{dir}` groups, `!` exclusions; several filters select the union, less the exclusions. A name
 *   without a glob that matches no package fails the run (vercel/turborepo#8142, May 2024).
 * - `<package>#task` runs in that package only, and only when the selection holds it (turbo 2's
 *   engine builder test `run_package_task_exact_error`; older releases ran it whatever the filter).
 * - `dependsOn` (`task`, `^task` in the package's dependencies, `<package>#task`) runs other tasks
 *   first, unless `--only`.
 * - `--dry`/`--dry-run` print and `--graph` draws the tasks: neither runs any.
 * - Arguments after `--` are passed to every task's script.
 * - A turbo.json may be `turbo.jsonc` (JSON with comments).
 */

/** Turbo's own commands (`turbo --help`); any other first word is a task (`turbo build` is `turbo run build`). */
export const TURBO_COMMANDS: ReadonlySet<string> = new Set([
  'bin', 'boundaries', 'completion', 'config', 'daemon', 'deps-sync', 'devtools', 'docs', 'gen', 'generate', 'get-mfe-port', 'info',
  'link', 'login', 'logout', 'ls', 'prune', 'query', 'run', 'scan', 'telemetry', 'unlink', 'watch',
]);

/** The command that runs tasks; `watch` runs them again on every change (not followed: it stays a command tp-doctor cannot read). */
export const TURBO_RUN = 'run';
export const TURBO_WATCH = 'watch';

/** Options that take a value (`--cwd x` or `--cwd=x`): global options and run options of turbo 2, and turbo 1's `--scope`, `--since`, `--ignore`. */
export const TURBO_VALUE_FLAGS: ReadonlySet<string> = new Set([
  '--api', '--cwd', '--heap', '--ui', '--login', '--remote-cache-timeout', '--team', '--token', '--trace', '--verbosity',
  '--experimental-otel-protocol', '--experimental-otel-endpoint', '--experimental-otel-timeout-ms', '--experimental-otel-interval-ms',
  '--experimental-otel-header', '--experimental-otel-resource', '--root-turbo-json', '--cache', '--cache-workers', '--cache-dir',
  '--concurrency', '--global-deps', '--filter', '-F', '--output-logs', '--log-order', '--log-prefix', '--scope', '--since', '--ignore',
]);

/**
 * Options with an optional value (`[<VALUE>]` in `turbo --help`): the next word is theirs when it
 * is one of the values listed (`file`: any word not starting with `-`, a file name).
 */
export const TURBO_OPTIONAL_VALUE_FLAGS: Readonly<Record<string, readonly string[] | 'file'>> = {
  '--force': ['true', 'false'],
  '--remote-only': ['true', 'false'],
  '--remote-cache-read-only': ['true', 'false'],
  '--dry-run': ['text', 'json'],
  '--dry': ['text', 'json'],
  '--graph': 'file',
  '--profile': 'file',
  '--anon-profile': 'file',
  '--summarize': ['true', 'false'],
  '--framework-inference': ['true', 'false'],
  '--env-mode': ['loose', 'strict'],
  '--experimental-otel-enabled': ['true', 'false'],
  '--experimental-otel-metrics-run-summary': ['true', 'false'],
  '--experimental-otel-metrics-task-details': ['true', 'false'],
  '--experimental-otel-use-remote-cache-token': ['true', 'false'],
};

/** Options without a value (`--continue` and `--color` take one only as `--continue=x`); `-v`, `-vv`, `-vvv` too. */
export const TURBO_BOOLEAN_FLAGS: ReadonlySet<string> = new Set([
  '--version', '--skip-infer', '--no-update-notifier', '--color', '--no-color', '--preflight', '--dangerously-disable-package-manager-check',
  '--no-cache', '--daemon', '--no-daemon', '--parallel', '--continue', '--single-package', '--affected', '--only', '--include-dependencies',
  '--no-deps', '-h', '--help', '-v', '-vv', '-vvv',
]);

/** The options that select packages. */
export const TURBO_FILTER_FLAGS: readonly string[] = ['--filter', '-F'];

/** Options whose packages tp-doctor cannot know: changed packages (`--affected`; turbo 1's `--since`, `--scope` globs). */
export const TURBO_UNKNOWN_SELECTION_FLAGS: readonly string[] = ['--affected', '--since', '--scope'];

/** Options that make turbo read another workspace or turbo.json than the repository root's. */
export const TURBO_ELSEWHERE_FLAGS: readonly string[] = ['--cwd', '--root-turbo-json', '--single-package'];

/** Options after which no task runs: the tasks are listed or drawn. */
export const TURBO_NO_RUN_FLAGS: readonly string[] = ['--dry-run', '--dry', '--graph'];

/** Options that run the named tasks only, not their `dependsOn`. */
export const TURBO_ONLY_FLAGS: readonly string[] = ['--only'];

/** The configuration files of a package (the root's included), the first that exists read. */
export const TURBO_CONFIG_FILES: readonly string[] = ['turbo.json', 'turbo.jsonc'];

/** The keys of a turbo.json that declare tasks: `tasks` (turbo 2), `pipeline` (turbo 1). */
export const TURBO_TASK_KEYS: readonly string[] = ['tasks', 'pipeline'];

/** The name of the root package in task identifiers and filters (`//#format`, `--filter=//`). */
export const TURBO_ROOT = '//';
