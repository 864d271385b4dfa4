/**
 * The command an environment manager runs (../data/environment-runs.ts): `nix develop .#ci --command
 * bash -c '…'`, `nix-shell --run '…'`, `devbox run -- npm publish`, `direnv exec . npm publish`,
 * `flox activate -- npm publish`. The environment's packages come first on `PATH`, so the Node and
 * npm that run it are not the job's: the manager's words up to the command are the hit's `runtime`
 * (../npm/npm-version.ts `npmAfter` then says the npm is unknown, naming them).
 */
import type { EnvironmentFlags } from '../data/environment-runs.js';
import { splitOption } from './shell.js';

export interface EnvironmentCommand {
  /** The command and its arguments, as words; empty when `command` holds it. */
  rest: string[];
  /** A shell command string (`nix-shell --run '…'`). */
  command?: string;
  /** The manager's words up to the command (`nix develop --command`), for messages. */
  runtime: string;
}

/**
 * The command of an environment manager's words, read from `from` (after its subcommand);
 * undefined when it runs none (`nix develop` alone starts an interactive shell).
 */
export function environmentCommand(flags: EnvironmentFlags, valueFlags: readonly string[], words: readonly string[], from: number): EnvironmentCommand | undefined {
  let operands = 0;
  const upTo = (end: number): string => words.slice(0, end).join(' ');
  for (let i = from; i < words.length; ) {
    const word = words[i]!;
    if (flags.restFlags?.includes(word)) return { rest: words.slice(i + 1), runtime: upTo(i + 1) };
    if (word === '--' && flags.operand) {
      const start = i + 1 + Math.max(0, (flags.positionals ?? 0) - operands);
      return { rest: words.slice(start), runtime: upTo(start) };
    }
    if (word.startsWith('-') && word !== '-') {
      const { name, inline } = splitOption(word);
      if (flags.stringFlags?.includes(name)) {
        const command = inline ?? words[i + 1];
        return command === undefined ? undefined : { rest: [], command, runtime: [...words.slice(0, i), name].join(' ') };
      }
      i += inline !== undefined ? 1 : flags.pairFlags?.includes(name) ? 3 : valueFlags.includes(name) ? 2 : 1;
      continue;
    }
    if (flags.operand && operands >= (flags.positionals ?? 0)) return { rest: words.slice(i), runtime: upTo(i) };
    operands++;
    i++;
  }
  return undefined;
}
