/**
 * GitHub actions that run a shell script given in an input, in the step's own environment and the
 * workspace (a retry wrapper around a command): tp-doctor reads that input as the step's `run:`
 * (src/model/github/workflow.ts), so a publish in it is recognised, its npm and Node are the
 * job's, and the rules that read a `run:` read it, positions pointing into the input's value.
 *
 * Checked against each action's `action.yml`, README and source on 2026-12-05:
 *
 * - `nick-fields/retry` (v3, `action.yml`, `src/index.ts`): `command` runs with
 *   `spawn(command, { shell })` in the step's working directory (the workspace) and environment;
 *   the `shell` input (bash, sh, python, pwsh, cmd, powershell) chooses the shell, else `bash`, and
 *   `powershell` on Windows. `new_command_on_retry` replaces `command` from the second attempt on;
 *   `on_retry_command` runs between attempts (`execSync`, the platform's default shell). No
 *   working-directory input. `nick-invision/retry` is the same action under its former owner (its
 *   README: ownership moved to `nick-fields` on 2022-02-15).
 * - `Wandalen/wretry.action` (v3, `action.yml`, README, `src/Retry.js` of the `js_action` branch):
 *   `command` (multi-line) is written to a script file and run with
 *   `bash --noprofile --norc -eo pipefail`, or `pwsh` on Windows (GitHub's defaults); no shell
 *   input; `current_path` is the working directory, relative to the workspace;
 *   `pre_retry_command` runs between attempts. Its `main`, `pre` and `post` folders
 *   (`Wandalen/wretry.action/main@...`) are the same action without some stages, with the same inputs.
 *
 * Not here: actions that run each line as a program without a shell (`coactions/setup-xvfb`'s
 * `run`, through `@actions/exec`: no `&&`, no variables), and actions that run a command in a
 * container or a virtual machine (another Node, another environment).
 */
export interface CommandAction {
  /** Stable id, for the tests. */
  id: string;
  /** The `uses:` names (`owner/repo` or `owner/repo/path`), lower case. */
  names: readonly string[];
  /** The input whose value is the script the step runs: read as its `run:`. */
  command: string;
  /** The input naming the shell (`shell:` of a `run:` step), when the action has one. */
  shell?: string;
  /** The input naming the working directory (relative to the workspace), when the action has one. */
  directory?: string;
  /**
   * Other inputs that are scripts the action runs (on a retry): no-script-injection-in-publish-job
   * reads them; publishes in them are not read (the step's `run:` is `command`).
   */
  otherScripts: readonly string[];
}

export const COMMAND_ACTIONS: readonly CommandAction[] = [
  {
    id: 'nick-fields-retry',
    names: ['nick-fields/retry', 'nick-invision/retry'],
    command: 'command',
    shell: 'shell',
    otherScripts: ['new_command_on_retry', 'on_retry_command'],
  },
  {
    id: 'wretry-action',
    names: ['wandalen/wretry.action', 'wandalen/wretry.action/main', 'wandalen/wretry.action/pre', 'wandalen/wretry.action/post'],
    command: 'command',
    directory: 'current_path',
    otherScripts: ['pre_retry_command'],
  },
];

const BY_NAME: ReadonlyMap<string, CommandAction> = new Map(COMMAND_ACTIONS.flatMap((a) => a.names.map((n) => [n, a] as const)));

/** The command-running action a `uses:` names (without `@ref`), if it is one of `COMMAND_ACTIONS`. */
export function commandActionOf(name: string): CommandAction | undefined {
  return BY_NAME.get(name.toLowerCase());
}
