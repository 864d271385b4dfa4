import type { Subcommand } from '../io.js';

/**
 * Subcommands, loaded on demand so that a plain lint run never pays for them. Each module under
 * `src/cli/commands/` exports `run(argv, io)` (the `Subcommand` shape). Add one line per command.
 */
export const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  init: () => import('./init.js'),
  probe: () => import('./probe.js'),
  diagnose: () => import('./diagnose.js'),
};
