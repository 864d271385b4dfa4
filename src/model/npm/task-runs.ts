/**
 * The monorepo task runners whose runs tp-doctor follows into the packages' scripts: Nx
 * (`./nx-runs.ts`) and Turborepo (`./turbo-runs.ts`); and the runners of several scripts of the
 * package (`run-s`, `npm-run-all`, `concurrently`: `./script-chains.ts`). `publish-commands.ts` hands
 * them a command that is no script run.
 */
import { runNx } from './nx-runs.js';
import { runTurbo } from './turbo-runs.js';
import { runScriptChain } from './script-chains.js';
import type { Frame, Outcome, Recognize } from './publish-match.js';
import type { ScriptRun } from './script-runs.js';

/** The bins of the task runners (also text a script reaching a publish through them contains). */
export const TASK_RUN_BINS: readonly string[] = ['nx', 'turbo'];

/**
 * What a task runner's command runs (`nx run-many -t publish`, `turbo run publish`); undefined
 * when it is no task run the runner's reader follows (the caller reads it as before).
 */
export function runTasks(bin: string, words: readonly string[], frameOf: () => Frame, resolve: (run: ScriptRun, scripts: Record<string, string>, frame: Frame) => Outcome, recognize: Recognize): Outcome | undefined {
  if (bin === 'nx') return runNx(words, frameOf(), resolve, recognize);
  return bin === 'turbo' ? runTurbo(words, frameOf(), resolve) : runScriptChain(bin, words, frameOf, recognize);
}
