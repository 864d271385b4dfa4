/**
 * npm reads its configuration from environment variables named `npm_config_<key>` (any case), and
 * pnpm reads the same ones: `NPM_CONFIG_DRY_RUN: true` in the `env:` of a step, its job or its
 * workflow makes every `npm publish` and `pnpm publish` the step runs a dry run, which publishes
 * nothing. A value tp-doctor cannot read (`${{ inputs.dry-run }}`) may or may not: the publish is a
 * guess. An option on the command itself (`--dry-run=false`, `--no-dry-run`) wins over the
 * variable. Other tools are left alone: they reach the registry their own way.
 */
import type { PublishMatch } from '../npm/publish-match.js';
import { envFor } from './steps.js';
import type { Step } from './types.js';

/** The match as the step's environment leaves it: undefined when it is certainly a dry run, a guess when it may be. */
export function dryRunByEnv(step: Step, match: PublishMatch): PublishMatch | undefined {
  if (match.tool !== 'npm' && match.tool !== 'pnpm') return match;
  if (match.args.some((a) => /^--(?:no-)?dry-run(?:=|$)/.test(a))) return match;
  // Its own `env:` first, then the job's, then the workflow's (`envFor`, any case; npm reads `-` as `_`).
  const entry = envFor(step, 'npm_config_dry_run') ?? envFor(step, 'npm_config_dry-run');
  const value = entry?.value?.trim();
  if (entry === undefined || value === undefined) return match;
  if (value.includes('${{')) return { ...match, confidence: 'heuristic' };
  if (/^true$/i.test(value)) return undefined;
  return /^(?:false|0|)$/i.test(value) ? match : { ...match, confidence: 'heuristic' };
}
