/**
 * Findings at a place several calling jobs share: a line of a local composite action (or of any
 * other file than the job's own workflow) that a job's hook reports for that job. Such a finding
 * is computed and capped per calling job (the token cap of `oidcOnly` rules sees the job whose hook
 * reported it, ./token-fallback-cap.ts), so two callers can disagree at one line: one still gives
 * the publish an npm token (a warning), the other none (an error). Deduplication keeps them apart:
 *
 * - each calling job keeps its own finding (of identical findings of one job, the most severe);
 * - callers whose findings agree (severity, message, why, fix and fixes) share one report;
 * - when the file is reached by several calling jobs, every report names its callers as related
 *   locations, and a report that holds for only some of them names them in its message too
 *   ("… (in job "release" of .github/workflows/release.yml)"), so that no report at a shared line
 *   claims more than its own callers justify. A file one job reaches keeps its findings as they are.
 */
import { SEVERITY_RANK, type Diagnostic, type RelatedLocation } from '../diagnostics/diagnostic.js';
import { localActionDir } from '../model/github/composite-action.js';
import type { Job } from '../model/github/types.js';
import { isLocalAction } from '../model/github/workflow.js';
import type { Project } from '../model/project.js';
import type { FallbackJob } from '../model/token-fallback.js';
import type { Location } from '../yaml/span.js';

/** The job whose hook reported a finding located outside its own workflow file. */
export interface Caller {
  /** Tells callers apart: the workflow file and the job id. */
  key: string;
  job: string;
  workflow: string;
  /** The step that uses the file's action, else the job's key. */
  at: Location;
}

/** The directory of a local action file (`.github/actions/x/action.yml` → `.github/actions/x`), else undefined. */
function actionDirOf(file: string): string | undefined {
  const match = /^(?:(.*)\/)?action\.ya?ml$/.exec(file);
  return match ? (match[1] ?? '') : undefined;
}

function callerAt(job: Job, dir: string | undefined): Location {
  const step = dir === undefined ? undefined : job.steps.find((s) => s.uses !== undefined && isLocalAction(s.uses.name) && localActionDir(job, s.uses.name) === dir);
  const span = step?.uses ? step.uses.node.span : job.node.anchorSpan;
  return { file: job.workflow.file, start: span.start, end: span.end };
}

function callerOfJob(job: Job, dir: string | undefined): Caller {
  return { key: `${job.workflow.file}\0${job.id}`, job: job.id, workflow: job.workflow.file, at: callerAt(job, dir) };
}

/** The calling job of a report at `file` made in a GitHub job's hook, when the file is not the job's workflow. */
export function callerOf(current: { job?: FallbackJob }, file: string): Caller | undefined {
  const running = current.job;
  if (running?.kind !== 'github' || running.job.workflow.file === file) return undefined;
  return callerOfJob(running.job, actionDirOf(file));
}

/**
 * The GitHub jobs that use the local action whose file is `file` in one of their own steps (a
 * nested action's callers are known only from the findings), memoized per file. Empty for another
 * file, or when the project is a streamed workflow's view (no project-wide parts).
 */
export function actionUsers(project: Project): (file: string) => readonly Caller[] {
  const memo = new Map<string, readonly Caller[]>();
  return (file) => {
    const dir = actionDirOf(file);
    if (dir === undefined) return [];
    let users = memo.get(dir);
    if (users === undefined) {
      try {
        users = project.workflows.flatMap((w) => w.jobs).filter((job) => job.steps.some((s) => s.uses !== undefined && isLocalAction(s.uses.name) && localActionDir(job, s.uses.name) === dir)).map((job) => callerOfJob(job, dir));
      } catch {
        users = [];
      }
      memo.set(dir, users);
    }
    return users;
  };
}

interface Entry {
  d: Diagnostic;
  caller: Caller | undefined;
}

/** `job "a" of X`, `job "a" of X and job "b" of Y`, `…, … and …`. */
export function callersText(callers: readonly Caller[]): string {
  // Three named, then a count (a composite action a hundred jobs use; the related locations list them).
  const each = callers.slice(0, callers.length > 3 ? 2 : 3).map((c) => `job "${c.job}" of ${c.workflow}`);
  if (callers.length > 3) each.push(`${callers.length - 2} more jobs`);
  return each.length <= 1 ? (each[0] ?? '') : `${each.slice(0, -1).join(', ')} and ${each[each.length - 1]}`;
}

function mostSevere(entries: readonly Entry[]): Diagnostic {
  return entries.reduce((a, b) => (SEVERITY_RANK[b.d.severity] > SEVERITY_RANK[a.d.severity] ? b : a)).d;
}

function relatedKey(r: RelatedLocation): string {
  return `${r.file}:${r.start.line}:${r.start.column}:${r.label}`;
}

/** One report for callers whose findings agree: every finding's related locations, then each caller's; `partial` names them in the message. */
function merged(entries: readonly Entry[], partial: boolean): Diagnostic {
  const callers = entries.map((e) => e.caller!);
  const related = new Map<string, RelatedLocation>();
  for (const e of entries) for (const r of e.d.related) related.set(relatedKey(r), r);
  for (const c of callers) {
    const r = { ...c.at, label: `calling job "${c.job}" of ${c.workflow}` };
    related.set(relatedKey(r), r);
  }
  const first = entries[0]!.d;
  // A message that names its job already ("Job "release" publishes …") needs only the workflow.
  const named = callers.length === 1 && first.data['job'] === callers[0]!.job;
  const message = !partial ? first.message : named ? `${first.message} (in ${callers[0]!.workflow})` : `${first.message} (in ${callersText(callers)})`;
  return { ...first, message, related: [...related.values()] };
}

/** The findings of a place by calling job, merged where they agree (see the file comment). */
function settleGroup(entries: readonly Entry[], users: readonly Caller[]): Diagnostic[] {
  const called = entries.filter((e) => e.caller !== undefined);
  const reach = new Set([...called.map((e) => e.caller!.key), ...users.map((u) => u.key)]);
  if (called.length === 0 || reach.size < 2) return [mostSevere(entries)];
  const out: Diagnostic[] = [];
  const uncalled = entries.filter((e) => e.caller === undefined);
  if (uncalled.length > 0) out.push(mostSevere(uncalled));
  const agreeing = new Map<string, Entry[]>();
  for (const e of called) {
    const key = JSON.stringify([e.d.severity, e.d.why, e.d.fix, e.d.autofix ?? null, e.d.suggestions ?? null]);
    const list = agreeing.get(key);
    if (list) list.push(e);
    else agreeing.set(key, [e]);
  }
  for (const list of agreeing.values()) out.push(merged(list, list.length < reach.size));
  return out;
}

/**
 * Two hooks can reach the same finding (e.g. a job reached through two callers), or two publishes
 * at one command (a publish and one its lifecycle script runs): for one calling job, keep one, in
 * the first one's place, with the highest severity any of them has (a certain publish's error is
 * not lowered by a guessed publish at the same command). Findings several calling jobs report at a
 * shared place stay apart by caller (see the file comment); `callerOf` gives a finding's calling
 * job, `usersOf` the jobs that use a file's local action.
 */
export function dedupe(list: readonly Diagnostic[], callerOf: (d: Diagnostic) => Caller | undefined, usersOf: (file: string) => readonly Caller[]): Diagnostic[] {
  const groups = new Map<string, Map<string, Entry[]>>();
  for (const d of list) {
    const key = [d.ruleId, d.messageId, d.file, d.line, d.column, d.endLine, d.endColumn, d.message].join('\0');
    const caller = callerOf(d);
    let byCaller = groups.get(key);
    if (!byCaller) groups.set(key, (byCaller = new Map()));
    const entries = byCaller.get(caller?.key ?? '');
    if (entries) entries.push({ d, caller });
    else byCaller.set(caller?.key ?? '', [{ d, caller }]);
  }
  const out: Diagnostic[] = [];
  for (const byCaller of groups.values()) {
    const entries = [...byCaller.values()].map((same) => ({ d: mostSevere(same), caller: same[0]!.caller }));
    out.push(...settleGroup(entries, usersOf(entries[0]!.d.file)));
  }
  return out;
}
