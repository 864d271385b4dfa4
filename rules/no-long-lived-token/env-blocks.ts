/**
 * One `envToken` per secret of an `env:` block (a step's, a job's, the workflow's): a secret given
 * as several variables of one block (`NPM_TOKEN` and `NODE_AUTH_TOKEN` from one `secrets.NPM_TOKEN`,
 * survey904b D2) is one long-lived token in one place, reported once naming each variable.
 * Different secrets, or the same secret in another block, stay findings of their own.
 */
import type { EnvEntry } from '../../src/model/github/types.js';
import type { Change } from './fixes.js';
import type { npmPublish } from './github-steps.js';

/** An `env:` entry's report before it is made. */
export interface EnvReport {
  entry: EnvEntry;
  messageId: 'envToken' | 'setupNodeToken';
  source: string;
  path: string;
  hit: NonNullable<ReturnType<typeof npmPublish>>;
  change: Change;
}

/** The reports of one block grouped by secret (and the job and certainty they reach), in order; `setupNodeToken` alone. */
export function bySecret(reports: readonly (EnvReport | undefined)[]): EnvReport[][] {
  const groups = new Map<string, EnvReport[]>();
  for (const r of reports) {
    if (r === undefined) continue;
    const group = r.messageId === 'envToken' ? `${r.source}\0${r.hit.job.id}\0${r.hit.certainty}` : `\0${groups.size}`;
    groups.set(group, [...(groups.get(group) ?? []), r]);
  }
  return [...groups.values()];
}

/** `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``. */
export function codeList(items: readonly string[]): string {
  const quoted = items.map((i) => `\`${i}\``);
  return quoted.length < 2 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}`;
}
