/**
 * A publish run by an environment manager (`nix develop --command bash -c '… npm publish'`,
 * `devbox run`, `direnv exec`, `flox activate`: src/model/data/environment-runs.ts): the Node and
 * npm are the environment's, which tp-doctor does not read, so the unknown npm is said at `info`,
 * naming the manager, and the fix is in the environment, not the job's `setup-node` or image. A
 * manager that clears the environment (`nix develop -i`, `nix-shell --pure`) without keeping the
 * variables npm needs for the OIDC exchange gives the publish no ID token whatever its npm: a
 * warning (the environment's own setup, which tp-doctor does not read, could still set them), and
 * a token the job sets in the environment does not reach npm there either (`tokenFrom: null`).
 */
import { clearedOidcGap } from '../../src/model/npm/environment-runs.js';
import type { PublishMatch } from '../../src/model/npm/publish-match.js';
import { leastCertain } from '../../src/model/publish.js';
import { firstNodeBundling } from './npm-fix.js';
import type { Ctx } from './npm-supports-oidc.js';
import type { ReportDescriptor, RuleContext } from '../../src/engine/define-rule.js';

/** The messages of this check, spread into npm-supports-oidc's `messages`. */
export const ENVIRONMENT_MESSAGES = {
  unknownNpmEnvironment: {
    text: 'Cannot tell which npm runs `{command}` in job "{job}": it runs in the environment `{runtime}` sets up, whose Node and npm tp-doctor does not read',
    why: "Trusted publishing needs npm {required} or later. The environment manager puts the packages of the repository's environment (a Nix flake or shell.nix, devbox.json, .envrc, a Flox manifest) first on `PATH`, so the Node and npm that publish are the environment's, or the job's when it provides none; with an older npm the publish fails with ENEEDAUTH or E404",
    fix: 'Make sure the environment provides Node {minNode} or later (or npm {required} or later)',
    severity: 'info',
  },
  environmentClearsOidc: {
    text: '`{runtime}` clears the environment `{command}` runs in, in job "{job}": npm gets no ID token for trusted publishing without {missing}',
    why: "npm exchanges an ID token only when it sees the CI platform's variables and the token's ({missing} here); `nix develop -i`, `nix shell -i` and `nix-shell --pure` clear the environment but for the variables they are told to keep, so the publish falls back to a long-lived token, or fails with ENEEDAUTH. A token the job sets in the environment (`NODE_AUTH_TOKEN`) does not reach npm either",
    fix: 'Keep the variables ({keep}), or drop the option that clears the environment',
    severity: 'warning',
  },
} as const;

/** The platform whose OIDC variables an unknown-npm finding's job needs. */
const PROVIDER = { unknownNpm: 'github', unknownNpmGitlab: 'gitlab', unknownNpmCircleci: 'circleci' } as const;

type Messages = Ctx extends RuleContext<infer M> ? M : never;

/**
 * Reports `descriptor` (an unknown-npm finding), or, when the publish runs under an environment
 * manager (`PathShim.environment`), the environment's finding instead: its message at `info`,
 * without a suggestion about the job's Node or image.
 */
export function reportUnknownNpm<K extends 'unknownNpm' | 'unknownNpmGitlab' | 'unknownNpmCircleci'>(ctx: Ctx, match: PublishMatch, descriptor: ReportDescriptor<Messages, K>): void {
  const shim = match.pathShim;
  if (shim?.environment !== true) return ctx.report(descriptor);
  const { command, job, required } = descriptor.data as { command: string; job: string; required: string };
  const missing = shim.keptEnv === undefined ? [] : clearedOidcGap(shim.keptEnv, PROVIDER[descriptor.messageId]);
  if (missing.length > 0) {
    const keepFlag = shim.path.startsWith('nix-shell') ? '--keep' : '-k';
    const cleared = { command, job, runtime: shim.path, missing: missing.map((n) => `\`${n}\``).join(', ').replace(/, (?=[^,]*$)/, ' and '), keep: missing.map((n) => `\`${keepFlag} ${n}\``).join(' ') };
    ctx.report({ messageId: 'environmentClearsOidc', data: cleared, at: descriptor.at, ...(descriptor.atValue !== undefined ? { atValue: descriptor.atValue } : {}), certainty: descriptor.certainty ?? 'certain', tokenFrom: null });
    return;
  }
  const data = { command, job, required, runtime: shim.path, minNode: firstNodeBundling(required) ?? '24' };
  ctx.report({ messageId: 'unknownNpmEnvironment', data, at: descriptor.at, ...(descriptor.atValue !== undefined ? { atValue: descriptor.atValue } : {}), related: descriptor.related ?? [], certainty: leastCertain([descriptor.certainty ?? 'certain', 'possible']) });
}
