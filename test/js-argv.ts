/**
 * Shared by the argv reader's tests (src/model/npm/js-argv-dispatch, js-argv-flow, js-argv-cli): the
 * commands of a script a run with given arguments reaches, and two command lines to put in branches.
 */
import '../src/model/npm/publish-commands.js'; // loads node-scripts.ts in its order (an import cycle)
import { argvReach } from '../src/model/npm/js-argv-dispatch.js';
import { jsCommands } from '../src/model/npm/node-scripts.js';
import { tokenize } from '../src/model/npm/js-tokens.js';

/** The commands of `text` a run with `args` reaches; `undecided` when nothing is decided. */
export function reachedCommands(text: string, args: string[]): string[] | 'undecided' {
  const reach = argvReach(tokenize(text)!, args);
  if (reach === undefined) return 'undecided';
  return jsCommands(text).filter((c) => reach.reached(c.start)).map((c) => c.command);
}

export const PUB = "execSync('npm publish');";
export const BUILD = "execSync('npm run build');";
