/**
 * npm reads its configuration from environment variables named `npm_config_<key>` (any case), and
 * pnpm reads the same ones: `NPM_CONFIG_DRY_RUN: true` in the `env:` of a step, its job or its
 * workflow makes every `npm publish` and `pnpm publish` the step runs a dry run, which publishes
 * nothing. A value tp-doctor cannot read (`${{ inputs.dry-run }}`) may or may not: the publish is a
 * guess. An option on the command itself (`--dry-run=false`, `--no-dry-run`) wins over the
 * variable. Other tools are left alone: they reach the registry their own way.
 */
import type { PublishMatch } from '../npm/publish-match.js';
import type { EnvEntry, Step } from './types.js';

const DRY_RUN_VARIABLE = /^npm_config_dry[-_]run$/i;

/** The match as the step's environment leaves it: undefined when it is certainly a dry run, a guess when it may be. */
export function dryRunByEnv(step: Step, match: PublishMatch): PublishMatch | undefined {
  if (match.tool !== 'npm' && match.tool !== 'pnpm') return match;
  if (match.args.some((a) => /^--(?:no-)?dry-run(?:=|$)/.test(a))) return match;
  const entry = dryRunEntry(step);
  const value = entry?.value?.trim();
  if (entry === undefined || value === undefined) return match;
  if (value.includes('${{')) return { ...match, confidence: 'heuristic' };
  if (/^true$/i.test(value)) return undefined;
  return /^(?:false|0|)$/i.test(value) ? match : { ...match, confidence: 'heuristic' };
}

/** The `npm_config_dry_run` entry that reaches the step: its own `env:` first, then the job's, then the workflow's. */
function dryRunEntry(step: Step): EnvEntry | undefined {
  for (const env of [step.env, step.job.env, step.job.workflow.env]) {
    const found = env.find((e) => DRY_RUN_VARIABLE.test(e.name));
    if (found) return found;
  }
  return undefined;
}
