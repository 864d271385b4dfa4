/**
 * The shells of GitHub `run` steps, for reading `$name` in a command as an environment variable
 * (docs/domain.md §3, "Reusable workflows"). Source: GitHub's workflow syntax reference
 * (`jobs.<job_id>.steps[*].shell`, `defaults.run.shell`).
 *
 * - Without `shell:` (step, job `defaults.run`, workflow `defaults.run`) a step runs in `bash`
 *   (`sh` when bash is missing) on Linux and macOS runners, and in `pwsh` on Windows runners.
 * - `bash` and `sh` (also written with arguments: `bash -e {0}`) read `$name` and `${name}` from
 *   the environment the `env:` maps set; `pwsh`, `powershell`, `cmd` and `python` do not (PowerShell
 *   reads `$env:name`, `cmd` `%name%`).
 */
export const ENV_EXPANDING_SHELLS: readonly string[] = ['bash', 'sh'];

/** A `runs-on` label that runs the job on Windows (where the default shell is `pwsh`). */
export const WINDOWS_RUNNER_LABEL = /windows/i;

/** Shells of a `run` step that have arrays (`args=(a b)`, `"${args[@]}"`): bash, the default on Linux and macOS runners; `sh` has none. */
export const ARRAY_SHELLS: readonly string[] = ['bash'];
