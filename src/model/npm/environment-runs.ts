/**
 * The command an environment manager runs (../data/environment-runs.ts): `nix develop .#ci --command
 * bash -c '…'`, `nix-shell --run '…'`, `devbox run -- npm publish`, `direnv exec . npm publish`,
 * `flox activate -- npm publish`. The environment's packages come first on `PATH`, so the Node and
 * npm that run it are not the job's: the manager's words up to the command are the hit's `runtime`
 * (../npm/npm-version.ts `npmAfter` then says the npm is unknown, naming them). A manager that
 * clears the environment (`nix develop -i`, `nix-shell --pure`) without keeping the runner's
 * `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN` gives npm no OIDC token
 * (`keptEnv`, `clearedOidcGap`), nor a token the job sets in the environment (`NODE_AUTH_TOKEN`).
 */
import { CONTAINER_OIDC_VARIABLES } from '../data/container-runs.js';
import type { EnvironmentFlags } from '../data/environment-runs.js';
import { splitOption } from './shell.js';

export interface EnvironmentCommand {
  /** The command and its arguments, as words; empty when `command` holds it. */
  rest: string[];
  /** A shell command string (`nix-shell --run '…'`). */
  command?: string;
  /** The manager's words up to the command (`nix develop --command`), for messages. */
  runtime: string;
  /** It clears the environment (`EnvironmentFlags.clearFlags`): the variables it keeps (`--keep VAR`). */
  keptEnv?: string[];
}

/**
 * The variables npm needs for the OIDC exchange on `provider` (../data/container-runs.ts
 * `CONTAINER_OIDC_VARIABLES`) that a cleared environment keeping only `kept` lacks; empty when it
 * keeps the platform's variable and one full token set.
 */
export function clearedOidcGap(kept: readonly string[], provider: keyof typeof CONTAINER_OIDC_VARIABLES): string[] {
  const needs = CONTAINER_OIDC_VARIABLES[provider];
  const lacking = (names: readonly string[]): string[] => names.filter((n) => !kept.includes(n));
  const token = needs.token.some((set) => lacking(set).length === 0) ? [] : lacking(needs.token[0] ?? []);
  return [...lacking([needs.ci]), ...token];
}

/**
 * The command of an environment manager's words, read from `from` (after its subcommand);
 * undefined when it runs none (`nix develop` alone starts an interactive shell).
 */
export function environmentCommand(flags: EnvironmentFlags, valueFlags: readonly string[], words: readonly string[], from: number): EnvironmentCommand | undefined {
  let operands = 0;
  let cleared = false;
  const kept = new Set<string>();
  const upTo = (end: number): string => words.slice(0, end).join(' ');
  const done = (found: EnvironmentCommand): EnvironmentCommand => (cleared ? { ...found, keptEnv: [...kept] } : found);
  for (let i = from; i < words.length; ) {
    const word = words[i]!;
    if (flags.restFlags?.includes(word)) return done({ rest: words.slice(i + 1), runtime: upTo(i + 1) });
    if (word === '--' && flags.operand) {
      const start = i + 1 + Math.max(0, (flags.positionals ?? 0) - operands);
      return done({ rest: words.slice(start), runtime: upTo(start) });
    }
    if (word.startsWith('-') && word !== '-') {
      const { name, inline } = splitOption(word);
      if (flags.stringFlags?.includes(name)) {
        const command = inline ?? words[i + 1];
        return command === undefined ? undefined : done({ rest: [], command, runtime: [...words.slice(0, i), name].join(' ') });
      }
      if (flags.clearFlags?.includes(name)) cleared = true;
      const keep = flags.keepFlags?.includes(name) === true ? (inline ?? words[i + 1]) : undefined;
      if (keep !== undefined) kept.add(keep);
      i += inline !== undefined ? 1 : flags.pairFlags?.includes(name) ? 3 : valueFlags.includes(name) ? 2 : 1;
      continue;
    }
    if (flags.operand && operands >= (flags.positionals ?? 0)) return done({ rest: words.slice(i), runtime: upTo(i) });
    operands++;
    i++;
  }
  return undefined;
}
