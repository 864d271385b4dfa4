/**
 * The bins the publish recogniser answers at once (`plainBins`): computed from the command tables
 * (`../data/publish-tools.ts`) and the runners that peel commands (`./command-runners.ts`).
 */
import { BIN_SUBCOMMANDS, COMMAND_PREFIXES, COMMAND_RUNNERS, NEVER_PUBLISHES, SCRIPT_RUNNERS } from '../data/publish-tools.js';
import { PUBLISH_TOOL_BINS } from './command-words.js';
import { EXEC_RUNNER } from './command-runners.js';

/** Shell words of NEVER_PUBLISHES that change what later commands see (the directory, variables, arguments). */
const FRAME_WORDS = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'unset', 'shift', 'local', 'declare', 'typeset', 'readonly', 'source', '.']);
let plain: ReadonlySet<string> | undefined;

/**
 * Bins of NEVER_PUBLISHES that no table also takes as a tool, runner, script runner, prefix or bin
 * with subcommands of the repository's (nor `find`, whose `-exec` runs a command: `matchRunner`), and that change nothing later commands see (`echo`,
 * `mkdir`, `git`): however they are written after them, their command publishes nothing and reads
 * nothing, so the recogniser answers them before peeling runners or looking for scripts (each went
 * through every stage before reaching `knownUse`, on most commands of every script). Computed from
 * the tables, so a bin a table takes over later leaves this set by itself.
 */
export function plainBins(): ReadonlySet<string> {
  if (plain) return plain;
  const taken = new Set<string>([
    EXEC_RUNNER,
    ...PUBLISH_TOOL_BINS,
    ...COMMAND_RUNNERS.flatMap((r) => [r.bin, r.trigger ?? r.bin]),
    ...SCRIPT_RUNNERS.map((r) => r.bin),
    ...COMMAND_PREFIXES.flatMap((p) => p.names),
    ...Object.keys(BIN_SUBCOMMANDS),
    ...FRAME_WORDS,
  ]);
  plain = new Set(NEVER_PUBLISHES.filter((bin) => !taken.has(bin)));
  return plain;
}
