/**
 * Decides, for one runner choice of a publishing job, which label (or group, or expression) makes
 * it unacceptable for trusted publishing, and where in the workflow that value was written.
 */
import { classifyRunnerLabel } from '../../src/model/data/runners.js';
import type { Job, RunnerChoice, RunnerLabel } from '../../src/model/github/types.js';
import type { YNode } from '../../src/yaml/parse.js';

const EXPRESSION = /\$\{\{/;

export type Kind = 'group' | 'self-hosted' | 'third-party' | 'retired' | 'unknown' | 'expression';

/**
 * Most decisive first: one diagnostic per runner choice, at the label that decides it (a group is a
 * warning, so a `self-hosted` or third-party label beside it decides first).
 */
const RANK: readonly Kind[] = ['self-hosted', 'third-party', 'group', 'retired', 'unknown', 'expression'];

export interface Finding {
  kind: Kind;
  value: string;
  node: YNode;
  label?: RunnerLabel;
  /** For a group: the caller's input it was read from (as `RunnerLabel.fromInput`). */
  fromInput?: RunnerLabel['fromInput'];
  /** Provider name or retirement date. */
  detail: string;
}

export function decide(choice: RunnerChoice, hosted: readonly string[]): Finding | undefined {
  const found: Finding[] = [];
  let groupHosted = false;
  if (choice.group) {
    const { value, node, fromInput } = choice.group;
    if (EXPRESSION.test(value)) found.push({ kind: 'expression', value, node, detail: '' });
    else if (hosted.some((h) => h.toLowerCase() === value.trim().toLowerCase())) groupHosted = true;
    else found.push({ kind: 'group', value, node, detail: '', ...(fromInput ? { fromInput } : {}) });
  }
  for (const label of choice.labels) {
    const base = { value: label.value, node: label.node, label };
    // A matrix value may itself be an expression (`${{ cond && 'a' || 'b' }}`).
    if (EXPRESSION.test(label.value)) {
      found.push({ ...base, kind: 'expression', detail: '' });
      continue;
    }
    const kind = classifyRunnerLabel(label.value, hosted);
    if (kind.kind === 'self-hosted') found.push({ ...base, kind: 'self-hosted', detail: '' });
    else if (kind.kind === 'third-party') found.push({ ...base, kind: 'third-party', detail: kind.provider });
    else if (kind.kind === 'retired') found.push({ ...base, kind: 'retired', detail: kind.retiredOn });
    // Inside a group declared as hosted, labels pick among that group's (hosted) larger runners.
    else if (kind.kind === 'unknown' && !groupHosted) found.push({ ...base, kind: 'unknown', detail: '' });
  }
  if (choice.unresolved) found.push({ kind: 'expression', value: choice.unresolved.value, node: choice.unresolved.node, detail: '' });
  let best: Finding | undefined;
  // Among self-hosted labels (`[linux, x64, self-hosted]`) the literal `self-hosted` is the one to show.
  const score = (f: Finding) => RANK.indexOf(f.kind) * 2 + (f.value.toLowerCase() === 'self-hosted' ? 0 : 1);
  for (const f of found) if (!best || score(f) < score(best)) best = f;
  return best;
}

export interface Place {
  at: YNode;
  origin: string;
  path: string;
  related: { at: YNode; label: string }[];
}

/**
 * Where to point for a label (or group): the matrix value it came from, the caller's `with:` value
 * (or the input's `default:`) a called workflow's `${{ inputs.x }}` was read from, or the `runs-on`
 * value itself.
 */
export function place(job: Job, label: Pick<RunnerLabel, 'node' | 'fromMatrix' | 'valueNode' | 'fromInput'>): Place {
  const input = label.fromInput;
  if (input?.read) {
    const origin = ` from \`${input.expression}\`, ${input.read.label}`;
    return { at: input.read.at, origin, path: input.read.path, related: [{ at: label.node, label: `runs-on of job "${job.id}" in ${job.workflow.fileName}` }] };
  }
  if (input) return { at: label.node, origin: ` from \`${input.expression}\``, path: `jobs.${job.id}.runs-on`, related: [] };
  const ref = label.fromMatrix;
  if (!ref) return { at: label.node, origin: '', path: `jobs.${job.id}.runs-on`, related: [] };
  const keys = /matrix((?:\.[A-Za-z0-9_-]+)+)/.exec(ref)?.[1] ?? '';
  const path = `jobs.${job.id}.strategy.matrix${keys}`;
  const origin = ` from \`${ref}\``;
  if (label.valueNode) return { at: label.valueNode, origin, path, related: [{ at: label.node, label: `runs-on ${ref}` }] };
  return { at: label.node, origin, path, related: [] };
}
