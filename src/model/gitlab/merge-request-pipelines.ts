/**
 * Whether a GitLab job runs only in merge-request pipelines (where `CI_MERGE_REQUEST_ID` is set and
 * `CI_PIPELINE_SOURCE` is `merge_request_event`; GitLab docs, "Predefined CI/CD variables"), where
 * semantic-release publishes nothing (../data/pull-request-skips.ts, docs/domain.md A.36):
 *
 * - its own `rules:` (effective: `extends:`, `!reference` resolved): every rule that may add it
 *   (not `when: never`) has an `if:` that holds only in a merge-request pipeline; GitLab adds a job
 *   with `rules:` only when a rule matches;
 * - `only: merge_requests` (a list, or `only: refs:`, naming nothing else);
 * - the pipeline's `workflow:rules` (the first file read that has them, the top-level one first):
 *   every rule that may start a pipeline is such an `if:`, so every pipeline is one.
 *
 * An `if:` holds only in a merge-request pipeline when it is a conjunction (`&&`, no `||`) one of
 * whose terms is `$CI_PIPELINE_SOURCE == "merge_request_event"`, `$CI_MERGE_REQUEST_ID` or
 * `$CI_MERGE_REQUEST_IID` alone, or a `$CI_MERGE_REQUEST_*` variable compared with `==` to a
 * non-empty string. Anything else (a rule without `if:`, a `!reference` not resolved, a job that
 * sets `CI_MERGE_REQUEST_ID` itself) is read as a job that may run in other pipelines.
 */
import type { YNode } from '../../yaml/parse.js';
import type { EffectiveValue, GitlabJob, GitlabPipeline } from './types.js';
import { leafText } from './values.js';

/** Nested `!reference` lists deeper than this are not read. */
const MAX_DEPTH = 16;

const SOURCE_IS_MR = /^\$\{?CI_PIPELINE_SOURCE\}?\s*==\s*(["'])merge_request_event\1$|^(["'])merge_request_event\2\s*==\s*\$\{?CI_PIPELINE_SOURCE\}?$/;
const MR_ID_SET = /^\$\{?CI_MERGE_REQUEST_I?ID\}?$/;
const MR_VARIABLE_IS = /^\$\{?CI_MERGE_REQUEST_\w+\}?\s*==\s*(["'])[^"']+\1$|^(["'])[^"']+\2\s*==\s*\$\{?CI_MERGE_REQUEST_\w+\}?$/;

/** True when a rules `if:` expression holds only in a merge-request pipeline. */
export function requiresMergeRequest(condition: string | undefined): boolean {
  if (condition === undefined || condition.includes('||')) return false;
  return condition.split('&&').some((term) => {
    const t = unwrapped(term);
    return SOURCE_IS_MR.test(t) || MR_ID_SET.test(t) || MR_VARIABLE_IS.test(t);
  });
}

/** A term without the parentheses around it (`($X == "a"` of `($X == "a" && $Y)`). */
function unwrapped(term: string): string {
  let t = term.trim();
  while (t.startsWith('(')) t = t.slice(1).trim();
  while (t.endsWith(')')) t = t.slice(0, -1).trim();
  return t;
}

/** True when the job runs only in merge-request pipelines (see the module comment). */
export function onlyInMergeRequests(pipeline: GitlabPipeline, job: GitlabJob): boolean {
  if (job.variables.has('CI_MERGE_REQUEST_ID')) return false;
  if (workflowOnlyMergeRequests(pipeline)) return true;
  const rules = job.keywords.get('rules');
  if (rules !== undefined) return rules.kind === 'leaf' && rules.items !== undefined && rulesOnlyMergeRequests(rules.items, 0);
  const only = job.keywords.get('only');
  if (only === undefined) return false;
  const refs = only.kind === 'map' ? only.entries.get('refs') : only;
  const names = refs?.kind === 'leaf' ? (refs.items ?? [refs]).map(leafText) : [];
  return names.length > 0 && names.every((n) => n?.trim() === 'merge_requests');
}

/** Every rule that may add the job (not `when: never`) needs a merge-request pipeline; one at least. */
function rulesOnlyMergeRequests(items: readonly EffectiveValue[], depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const adding = items.filter((item) => item.kind !== 'map' || leafText(item.entries.get('when'))?.trim() !== 'never');
  if (adding.length === 0) return false;
  return adding.every((item) =>
    item.kind === 'map' ? requiresMergeRequest(leafText(item.entries.get('if'))) : item.items !== undefined && rulesOnlyMergeRequests(item.items, depth + 1),
  );
}

/**
 * The pipeline's `workflow:rules` start only merge-request pipelines. Read from the first file
 * that has them (the top-level file first); when that is not the top-level file and an include
 * cannot be read, another file may have them first: not read.
 */
function workflowOnlyMergeRequests(pipeline: GitlabPipeline): boolean {
  for (const [i, doc] of pipeline.documents.entries()) {
    const rules = doc.root?.at('workflow', 'rules');
    if (!rules) continue;
    if (i > 0 && pipeline.hasUnreadableIncludes) return false;
    if (!rules.isSeq) return false;
    const adding = rules.items().filter((rule: YNode) => !rule.isMap || rule.get('when')?.text?.trim() !== 'never');
    return adding.length > 0 && adding.every((rule) => rule.isMap && requiresMergeRequest(rule.get('if')?.text));
  }
  return false;
}
