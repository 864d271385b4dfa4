/**
 * What the provider checks of claims-check.ts share: the context they read, comparing a declared
 * value with a claim (case-only differences named), the environment and runner checks, and picking
 * the declared publisher closest to the token.
 */
import type { RelatedLocation } from '../diagnostics/diagnostic.js';
import type { Location } from '../yaml/span.js';
import type { ProbeFinding } from './finding.js';
import type { Claims } from './jwt.js';
import { PROVIDER_NAMES, type CiProvider } from './provider.js';

export interface ClaimsContext {
  provider: CiProvider;
  claims: Claims;
  /** `npm:<registry host>`. */
  audience: string;
  /** Where the token came from, for the advice (a GitHub token from NPM_ID_TOKEN is user-made). */
  tokenSource: 'NPM_ID_TOKEN' | 'github-runner';
  /** Milliseconds since the epoch. */
  now: number;
  /** The declared (not inferred) publishers of the config, any provider. */
  publishers: readonly unknown[];
  /** The config file, for messages ("in tp-doctor.yml"). */
  configFile?: string;
  /** Entries of `.github/workflows` in the checkout; undefined when the directory is absent. */
  workflowFiles?: readonly string[];
  /** Where findings without a config location point: the running workflow / CI file. */
  anchor: Location;
}

export function q(value: string): string {
  return `"${value}"`;
}

export function caseOnly(a: string, b: string): boolean {
  return a !== b && a.toLowerCase() === b.toLowerCase();
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

export function isProvider(value: unknown, provider: string): boolean {
  return asRecord(value)?.provider === provider;
}

/** The publisher whose declared values agree with the most actual values (first on a tie). */
export function closest<P>(candidates: readonly P[], pairs: (p: P) => [string | undefined, string | undefined][]): P | undefined {
  let best: P | undefined;
  let bestScore = -1;
  for (const p of candidates) {
    const score = pairs(p).filter(([declared, actual]) => declared !== undefined && declared === actual).length;
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Shared comparisons

interface Compared {
  check: 'repository' | 'workflow' | 'circleci-ids';
  what: string;
  declared: string;
  actual: string | undefined;
  key: string;
  at: Location;
  why: string;
  fix: string;
  extra?: string;
}

export function mismatch(ctx: ClaimsContext, c: Compared): ProbeFinding | undefined {
  if (c.actual === c.declared) return undefined;
  const related: RelatedLocation[] = [{ ...ctx.anchor, label: 'the running workflow' }];
  if (c.actual === undefined) {
    return {
      check: c.check,
      messageId: 'missingClaim',
      severity: 'error',
      message: `The token has no ${c.what} claim; the trusted publisher is declared for "${c.declared}"`,
      why: c.why,
      fix: `Get the token from ${PROVIDER_NAMES[ctx.provider]} for this job the way npm does (a hand-made NPM_ID_TOKEN may come from elsewhere)`,
      data: { declared: c.declared, claim: c.key },
      at: c.at,
      related,
    };
  }
  const hint = caseOnly(c.actual, c.declared) ? ' (they differ only in letter case, and the registry compares case-sensitively)' : '';
  return {
    check: c.check,
    messageId: caseOnly(c.actual, c.declared) ? 'caseMismatch' : 'mismatch',
    severity: 'error',
    message: `The token's ${c.what} is "${c.actual}" but the trusted publisher is declared for "${c.declared}"${hint}${c.extra ?? ''}`,
    why: c.why,
    fix: c.fix.replaceAll('{actual}', c.actual),
    data: { actual: c.actual, declared: c.declared, claim: c.key },
    at: c.at,
    related,
  };
}

export function configName(ctx: ClaimsContext): string {
  return ctx.configFile ? `\`${ctx.configFile}\`` : 'the tp-doctor config';
}

export const EXCHANGE_FAILS = 'the token exchange fails and npm publish ends in E404 or ENEEDAUTH (the reason is only logged at verbose level)';

export function environmentCheck(
  ctx: ClaimsContext,
  declared: string | undefined,
  actual: string | undefined,
  at: Location,
  jobWord: string,
): ProbeFinding | undefined {
  if (declared === actual) return undefined;
  const related: RelatedLocation[] = [{ ...ctx.anchor, label: 'the running workflow' }];
  if (declared !== undefined && actual === undefined) {
    return {
      check: 'environment',
      messageId: 'missing',
      severity: 'error',
      message: `The ${jobWord} runs without a deployment environment but the trusted publisher requires environment "${declared}"`,
      why: `The registry compares the token's \`environment\` claim with the trusted publisher; without it ${EXCHANGE_FAILS}`,
      fix: `Add \`environment: ${declared}\` to the publishing ${jobWord}`,
      data: { declared },
      at,
      related,
    };
  }
  if (declared !== undefined && actual !== undefined) {
    const hint = caseOnly(actual, declared) ? ' (they differ only in letter case)' : '';
    return {
      check: 'environment',
      messageId: 'mismatch',
      severity: 'error',
      message: `The token's environment is "${actual}" but the trusted publisher requires "${declared}"${hint}`,
      why: `The registry compares the environment case-sensitively; ${EXCHANGE_FAILS}`,
      fix: `Use \`environment: ${declared}\` in the publishing ${jobWord}, or register "${actual}" on npmjs.com and in ${configName(ctx)}`,
      data: { actual, declared },
      at,
      related,
    };
  }
  return {
    check: 'environment',
    messageId: 'unexpected',
    severity: 'warning',
    message: `The ${jobWord} runs in environment "${actual}" but the trusted publisher declares no environment`,
    why: 'A token with an environment exchanged against a trusted publisher without one has been reported to fail (not confirmed in the registry)',
    fix: `Add environment "${actual}" to the trusted publisher on npmjs.com and \`environment: ${actual}\` in ${configName(ctx)}, or run the publish without an environment`,
    data: { actual: actual ?? '' },
    at,
    related,
  };
}

export function selfHosted(ctx: ClaimsContext, value: string | undefined, hosted: string, fix: string): ProbeFinding | undefined {
  if (value === undefined || value === hosted) return undefined;
  return {
    check: 'runner',
    messageId: 'selfHosted',
    severity: value === 'self-hosted' ? 'error' : 'warning',
    message: `The job runs with \`runner_environment: ${value}\`; trusted publishing needs "${hosted}"`,
    why: `npm's registry accepts tokens only from runners hosted by ${PROVIDER_NAMES[ctx.provider]}; self-hosted and third-party hosted runners are rejected`,
    fix,
    data: { actual: value, expected: hosted },
    at: ctx.anchor,
  };
}
