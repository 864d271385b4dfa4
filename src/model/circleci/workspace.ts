/**
 * CircleCI workspaces [doc: "Using workspaces to share data between jobs", configuration
 * reference]: `persist_to_workspace` saves the files below its `root` (absolute, or read from the
 * job's `working_directory`) that its `paths` name (Go `filepath.Glob` patterns read from the root,
 * whose `*` matches a leading dot too; a directory matched brings everything below it), and a job
 * downstream of that job in the same workflow (through `requires:`, approvals included) gets them
 * below the `at:` of its `attach_workspace`. So an npm token file an upstream job writes before it
 * persists (`echo "//registry.npmjs.org/:_authToken=$T" > ~/atlantis/.npmrc`, GetJobber/atlantis)
 * is there for the steps after the attach, and a publish there authenticates with it.
 *
 * `carriedTokenWrites` follows each token write of an upstream job (its file:
 * ../npm/token-write-targets.ts) through a later `persist_to_workspace` of that job and an
 * `attach_workspace` of the publishing job before its publish, paths worked out the way
 * ./checkout-dir.ts does (`~`, `$HOME`, `/home/circleci` on CircleCI's images). It lands where the
 * publish reads npm or Yarn configuration when it is the home `.npmrc` (`.yarnrc.yml`, `.yarnrc`)
 * or one in the checkout at the root or a directory above a publish's. When a link cannot be
 * decided (a file, root, path or `at:` tp-doctor cannot read, a `**` glob, a step under a `when:`
 * condition) the token is *possibly* there: `certainty: 'possible'` with the reason, which must
 * never let a rule say the publish certainly has no token.
 */
import type { Location } from '../../yaml/span.js';
import { globMatchesAll, globTokens, GO_GLOB } from '../core/glob-match.js';
import { directoryAt } from '../npm/shell-scope-walk.js';
import { splitCommands } from '../npm/shell.js';
import { TOKEN_CONFIG_FILES, tokenWriteTargets, type TokenWriteTarget } from '../npm/token-write-targets.js';
import type { TokenWrite } from '../npm/tokens.js';
import { below, canonicalPath, circleCheckoutDir, resolveFrom, type CircleCheckoutDir } from './checkout-dir.js';
import { locate } from './run.js';
import type { CircleConfig, CircleJob, CircleStep, CircleWorkflowJob } from './types.js';

/** A token write of an upstream job that reaches a publishing job through the workspace. */
export interface CarriedTokenWrite {
  /** The upstream job instance and its `run` step that writes the token. */
  job: CircleJob;
  step: CircleStep;
  write: TokenWrite;
  /** The write, in the configuration. */
  location: Location;
  /** The file as the upstream job's steps see it (`~/atlantis/.npmrc`), when known. */
  file?: string;
  persist: CircleStep;
  attach: CircleStep;
  /** `certain`: it lands where the publish reads its configuration; `possible`: tp-doctor cannot tell (`reason`). */
  certainty: 'certain' | 'possible';
  reason?: string;
}

/** A link of the chain: decided (`ok`), ruled out (`no`), or undecided with the reason. */
type Link<T> = { ok: T; reason?: string } | 'no';

/** The workflow jobs upstream of `wj` in its workflow, through `requires:` (approvals and matrices included). */
function upstreamOf(config: CircleConfig, wj: CircleWorkflowJob): CircleWorkflowJob[] {
  const workflow = config.workflows.find((w) => w.jobs.includes(wj));
  if (!workflow) return [];
  const byName = new Map<string, CircleWorkflowJob[]>();
  for (const j of workflow.jobs) byName.set(j.name, [...(byName.get(j.name) ?? []), j]);
  const seen = new Set<CircleWorkflowJob>();
  const queue = [wj];
  for (let cur = queue.pop(); cur !== undefined; cur = queue.pop()) {
    for (const r of cur.requires) {
      for (const up of byName.get(r.text.trim()) ?? []) {
        if (up === wj || seen.has(up)) continue;
        seen.add(up);
        queue.push(up);
      }
    }
  }
  return [...seen];
}

/** Where a `run` step starts (canonical), or undefined. */
function stepStart(dir: CircleCheckoutDir, step: CircleStep): string | undefined {
  const own = step.run?.workingDirectory;
  if (!own) return dir.start;
  return own.unknown.length > 0 ? undefined : resolveFrom(dir.start, own.text, dir.circleciHome);
}

/** The file a token write lands in, as the upstream job's steps see it (canonical). */
function writtenFile(dir: CircleCheckoutDir, step: CircleStep, target: TokenWriteTarget): Link<string> {
  if (target.path === undefined) return { ok: '', reason: target.unknown ?? 'tp-doctor cannot tell which file it writes' };
  const anchored = canonicalPath(target.path, dir.circleciHome);
  if (anchored !== undefined) return { ok: anchored };
  const start = stepStart(dir, step);
  const text = step.run!.command.text;
  // The split is cached by text (../npm/shell.ts): the commands tokenWriteTargets read.
  const before = splitCommands(text).filter((c) => c.offset < target.command.offset);
  const join = (from: string, to: string): string | undefined => resolveFrom(from, to, dir.circleciHome);
  const cwd = start === undefined ? undefined : directoryAt(start, before, target.command, join);
  const file = cwd === undefined ? undefined : resolveFrom(cwd, target.path, dir.circleciHome);
  return file === undefined ? { ok: '', reason: `tp-doctor cannot tell the directory \`${target.path}\` is written in` } : { ok: file };
}

/**
 * Go's `filepath.Match` for one path segment (no `/` in either), in linear time (../core/glob-match.ts:
 * both the pattern and the name come from the repository). Undefined for a bad pattern.
 */
function segmentMatches(pattern: string, name: string): boolean | undefined {
  const tokens = globTokens(pattern, GO_GLOB);
  return tokens === undefined ? undefined : globMatchesAll(tokens, name);
}

/** Whether one `paths:` entry (read from the root) saves `rel`, the file below the root. */
function pathSaves(pattern: string, rel: string): boolean | 'unknown' {
  const parts = pattern.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0) return true;
  if (parts.includes('..')) return 'unknown';
  if (parts.some((p) => p.includes('**'))) return 'unknown';
  const names = rel.split('/');
  if (parts.length > names.length) return false;
  // A directory it matches brings everything below it.
  let all = true;
  for (let i = 0; i < parts.length; i++) {
    const m = segmentMatches(parts[i]!, names[i]!);
    if (m === undefined) return 'unknown';
    all &&= m;
  }
  return all;
}

/** Whether `persist` saves `file` (canonical), and its path in the workspace. */
function persisted(dir: CircleCheckoutDir, persist: CircleStep, file: string): Link<string> {
  const root = persist.persist?.root;
  if (!root || root.unknown.length > 0) return { ok: '', reason: 'tp-doctor cannot read the `root:` of its `persist_to_workspace`' };
  const rootPath = resolveFrom(dir.start, root.text, dir.circleciHome);
  if (rootPath === undefined) return { ok: '', reason: `tp-doctor cannot tell where \`root: ${root.raw}\` is` };
  const rel = below(rootPath, file);
  if (rel === undefined || rel === '') return 'no';
  let unknown: string | undefined = persist.persist!.unreadPaths ? 'a `paths:` entry is no path' : undefined;
  for (const p of persist.persist!.paths) {
    const anchored = canonicalPath(p.text, dir.circleciHome);
    const pattern = anchored === undefined ? p.text.trim() : below(rootPath, anchored);
    const saves = p.unknown.length > 0 || pattern === undefined ? 'unknown' : pathSaves(pattern, rel);
    if (saves === true) return { ok: rel };
    if (saves === 'unknown') unknown ??= `tp-doctor cannot tell whether \`paths: ${p.raw}\` includes it`;
  }
  return unknown === undefined ? 'no' : { ok: rel, reason: unknown };
}

/** Whether the file, attached by `attach` at its workspace path `rel`, is configuration the publish reads. */
function landed(dir: CircleCheckoutDir | undefined, attach: CircleStep, rel: string, publishDirs: readonly (string | undefined)[]): Link<string> {
  const at = attach.attachAt;
  if (!dir || !at || at.unknown.length > 0) return { ok: '', reason: 'tp-doctor cannot read the `at:` of its `attach_workspace`' };
  const base = resolveFrom(dir.start, at.text, dir.circleciHome);
  if (base === undefined) return { ok: '', reason: `tp-doctor cannot tell where \`at: ${at.raw}\` is` };
  const path = `${base === '/' ? '' : base}/${rel}`;
  const slash = path.lastIndexOf('/');
  const parent = slash <= 0 ? '/' : path.slice(0, slash);
  if (!TOKEN_CONFIG_FILES.has(path.slice(slash + 1))) return 'no';
  if (parent === '~') return { ok: path };
  if (dir.root === undefined) return { ok: path, reason: 'tp-doctor cannot tell where the job\'s checkout is' };
  const inRepo = below(dir.root, parent);
  if (inRepo === undefined) return 'no';
  // npm reads the `.npmrc` of its local prefix, at or above where it runs.
  if (inRepo === '' || publishDirs.some((d) => d !== undefined && (d === inRepo || d.startsWith(`${inRepo}/`)))) return { ok: path };
  return publishDirs.includes(undefined) ? { ok: path, reason: 'tp-doctor cannot tell the directory the publish runs in' } : 'no';
}

/** A token write of a job that a later `persist_to_workspace` of the same job may save. */
export interface PersistedTokenWrite {
  step: CircleStep;
  target: TokenWriteTarget;
  /** The job's `persist_to_workspace` steps after the write. */
  persists: CircleStep[];
}

/** The token writes of `job` followed by a `persist_to_workspace` (what `carriedTokenWrites` follows; `CircleJobFacts` keeps it per job). */
export function persistedTokenWrites(job: CircleJob): PersistedTokenWrite[] {
  const persists = job.steps.filter((s) => s.kind === 'persist_to_workspace');
  if (persists.length === 0) return [];
  const out: PersistedTokenWrite[] = [];
  for (const step of job.steps) {
    const after = step.run ? persists.filter((p) => p.index > step.index) : [];
    if (after.length === 0) continue;
    for (const target of tokenWriteTargets(step.run!.command.text)) out.push({ step, target, persists: after });
  }
  return out;
}

/**
 * The token writes of jobs upstream of `job` (in its workflow) that reach it through the workspace
 * before the step `beforeStep` (its last publish step), with how sure that is (see the file
 * comment). `publishDirs`: the repository directories its publishes run in (undefined: unknown);
 * `writesOf`: each upstream job's `persistedTokenWrites` (memoised by the caller).
 */
export function carriedTokenWrites(
  config: CircleConfig,
  job: CircleJob,
  beforeStep: number,
  publishDirs: readonly (string | undefined)[],
  writesOf: (job: CircleJob) => readonly PersistedTokenWrite[] = persistedTokenWrites,
): CarriedTokenWrite[] {
  const attaches = job.steps.filter((s) => s.kind === 'attach_workspace' && s.index < beforeStep);
  if (attaches.length === 0 || !job.invocation) return [];
  const here = circleCheckoutDir(job);
  const out: CarriedTokenWrite[] = [];
  for (const upstream of upstreamOf(config, job.invocation).flatMap((wj) => wj.instances)) {
    const writes = writesOf(upstream);
    const dir = writes.length === 0 ? undefined : circleCheckoutDir(upstream);
    if (!dir) continue;
    for (const { step, target, persists } of writes) {
      const best = follow(dir, here, step, target, persists, attaches, publishDirs);
      if (best) out.push({ job: upstream, step, write: target.write, location: locate(step.run!.command, target.write.offset, target.write.end), ...best });
    }
  }
  return out;
}

/** The most certain way one write reaches the job: a persist after it, an attach before the publish. */
function follow(
  dir: CircleCheckoutDir,
  here: CircleCheckoutDir | undefined,
  step: CircleStep,
  target: TokenWriteTarget,
  persists: readonly CircleStep[],
  attaches: readonly CircleStep[],
  publishDirs: readonly (string | undefined)[],
): Omit<CarriedTokenWrite, 'job' | 'step' | 'write' | 'location'> | undefined {
  const file = writtenFile(dir, step, target);
  if (file === 'no') return undefined;
  let best: Omit<CarriedTokenWrite, 'job' | 'step' | 'write' | 'location'> | undefined;
  for (const persist of persists) {
    // An unknown file may be anywhere below the root: its workspace path is unknown too.
    const saved: Link<string> = file.reason !== undefined ? { ok: '', reason: file.reason } : persisted(dir, persist, file.ok);
    if (saved === 'no') continue;
    for (const attach of attaches) {
      const land: Link<string> = saved.ok === '' ? { ok: '', reason: saved.reason! } : landed(here, attach, saved.ok, publishDirs);
      if (land === 'no') continue;
      const conditional = [step, persist, attach].some((s) => s.conditional) ? 'a step on the way runs only under a `when:` condition' : undefined;
      const reason = file.reason ?? saved.reason ?? land.reason ?? conditional;
      const found = { ...(file.reason === undefined ? { file: file.ok } : {}), persist, attach, certainty: reason === undefined ? ('certain' as const) : ('possible' as const), ...(reason === undefined ? {} : { reason }) };
      if (reason === undefined) return found;
      best ??= found;
    }
  }
  return best;
}
