/**
 * A publish run by an environment manager (`nix develop --command bash -c '… npm publish'`,
 * `devbox run`, `direnv exec`, `flox activate`: src/model/data/environment-runs.ts): the Node and
 * npm are the environment's, which tp-doctor does not read, so the unknown npm is said at `info`,
 * naming the manager, and the fix is in the environment, not the job's `setup-node` or image.
 */
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
} as const;

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
  const data = { command, job, required, runtime: shim.path, minNode: firstNodeBundling(required) ?? '24' };
  ctx.report({ messageId: 'unknownNpmEnvironment', data, at: descriptor.at, ...(descriptor.atValue !== undefined ? { atValue: descriptor.atValue } : {}), related: descriptor.related ?? [], certainty: leastCertain([descriptor.certainty ?? 'certain', 'possible']) });
}
