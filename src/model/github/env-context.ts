/**
 * What `${{ env.NAME }}` in a step's `run:` can be: GitHub puts the `env` context's value into the
 * text before the shell runs (lerna-lite/lerna-lite's release.yml writes
 * `LERNA_PUBLISH_QUERY=pnpm run local-lerna publish from-package --yes` to `$GITHUB_ENV` in one
 * step and runs `pnpm exec ${{ env.LERNA_PUBLISH_QUERY }}` in the next). The `$NAME` of the
 * shell is ./command-variables.ts.
 *
 * The values a name can hold at a step, read conservatively (plain texts only: no `$`, backtick,
 * `${{` or line break; a `${{ 'literal' }}` is its literal):
 *
 * 1. the step's own `env:` entry of that name, which wins over everything else;
 * 2. else each `NAME=value` line an earlier `run:` step of the job writes to `$GITHUB_ENV`
 *    (./env-file.ts), with the job's (else the workflow's) `env:` entry as one more candidate
 *    unless a write is sure to happen: actions/runner keeps the job's `env:` and the `$GITHUB_ENV`
 *    values in one table, which a later write replaces (`JobExtension`, `FileCommandManager`;
 *    ./steps.ts `receivesEnvWrite`, ./user-config.ts);
 * 3. else the job's, then the workflow's `env:` entry.
 *
 * A name an earlier step may set in a way tp-doctor cannot read (a value with `$(...)` or
 * `${{ steps.x.outputs.y }}`, a multi-line `NAME<<EOF` write, a local action that may write it)
 * is unknown: nothing is put in. The value is certain only when every candidate is the same text
 * and one of them is sure to be set (an `env:` entry, or a write of a step with no `if:` by a
 * command that always runs); otherwise each value is a candidate (`likely` at most).
 */
import { githubEnvWrites } from './env-file.js';
import { envReference } from './tokens.js';
import { localActionMaySet } from './action-env.js';
import type { ReadAction } from './uses-steps.js';
import type { EnvEntry, Step } from './types.js';
import { writtenUses } from './composite-action.js';
import { isLocalAction } from './workflow.js';
import { receivesEnvWrite } from './steps.js';
import { mayChangeVariable } from '../npm/script-index.js';
import { ACTIONS_SETTING_NO_CHOSEN_ENV } from '../data/env-exports.js';
import { mayWriteGithubEnv } from './env-write.js';

/** At most this many texts are read for one `run:` (every combination of the values of its references). */
const MAX_VARIANTS = 8;

/** `${{ env.NAME }}`, nothing else in the expression. */
const ENV_REFERENCE = /\$\{\{\s*env\.([A-Za-z_]\w*)\s*\}\}/g;

/** A GitHub expression that is one string literal (`${{ 'npm publish' }}`): its text. */
const STRING_EXPRESSION = /^\$\{\{\s*'([^']*)'\s*\}\}$/;

export interface EnvValues {
  values: string[];
  /** True when the name holds the one value for sure. */
  certain: boolean;
}

/** The plain text of a value, undefined when it is not one. */
function plainValue(value: string | undefined): string | undefined {
  const text = value?.trim().replace(STRING_EXPRESSION, '$1');
  return text === undefined || text === '' || /[$`\n]/.test(text) ? undefined : text;
}

function entryNamed(list: readonly EnvEntry[], name: string): EnvEntry | undefined {
  return list.find((e) => e.name === name);
}

/** The values `${{ env.<name> }}` can hold at `step` (see the file comment); undefined when unknown or unset. */
export function envValues(step: Step, name: string, readAction?: ReadAction): EnvValues | undefined {
  const own = entryNamed(step.env, name);
  if (own) {
    const value = plainValue(own.value);
    return value === undefined ? undefined : { values: [value], certain: true };
  }
  const candidates: { value: string; sure: boolean }[] = [];
  // A remote action (other than those that set no chosen name) may export the name: then no value is sure.
  let remote = false;
  for (const setter of mayBeSetBefore(step, name, readAction)) {
    if (setter.kind === 'local') return undefined;
    if (setter.kind === 'remote') {
      remote = true;
      continue;
    }
    const text = setter.step.run!.text;
    const writes = githubEnvWrites(text).filter((w) => w.name === name);
    // `NAME<<EOF` (a multi-line value) or a write the reader does not see: unknown.
    if (text.includes(`${name}<<`) || (writes.length === 0 && mayChangeVariable(text, name))) return undefined;
    const sureStep = setter.step.node.get('if') === undefined;
    for (const w of writes) {
      const value = plainValue(w.value);
      if (value === undefined) return undefined;
      candidates.push({ value, sure: sureStep && w.conditional !== true });
    }
  }
  const outer = entryNamed(step.job.env, name) ?? entryNamed(step.job.workflow.env, name);
  // A write sure to happen replaces the job's or workflow's entry for every later step.
  if (outer && !candidates.some((c) => c.sure)) {
    const value = plainValue(outer.value);
    if (value === undefined) return undefined;
    candidates.push({ value, sure: true });
  }
  if (candidates.length === 0) return undefined;
  const values = [...new Set(candidates.map((c) => c.value))];
  return { values, certain: !remote && values.length === 1 && candidates.some((c) => c.sure) };
}

/**
 * For a value that is one `${{ env.NAME }}` which no `env:` of the step's job or workflow sets: the
 * earlier step that may set NAME at run time, named for a message (a remote action, which may
 * export anything: aws-actions/aws-secretsmanager-get-secrets puts a secret in as a variable; a
 * local action that may write it; a `run:` that writes it to `$GITHUB_ENV`), the last one before
 * `step`; undefined when none may.
 */
export function runtimeEnvSetter(value: string | undefined, step: Step, readAction: ReadAction): { name: string; by: string } | undefined {
  const name = envReference(value);
  if (name === undefined || entryNamed(step.job.env, name) || entryNamed(step.job.workflow.env, name)) return undefined;
  const last = mayBeSetBefore(step, name, readAction).at(-1);
  if (last === undefined) return undefined;
  return { name, by: last.kind === 'write' ? 'a `$GITHUB_ENV` write' : `\`uses: ${writtenUses(last.step.uses!)}\`` };
}

/**
 * For `${{ env.NAME }}` in a step's `with:` (a setup-node `node-version`, survey1207b F1): the last
 * earlier step of the job that writes NAME to `$GITHUB_ENV` (a `run:`, or a local action that may),
 * when that value reaches `step` (`receivesEnvWrite`: its own `env:` does not set the name); undefined
 * when no step writes it. GitHub puts such a write into the `env` context of every later step of the
 * job (actions/runner `SetEnvFileCommand`), so the expression is that value, not the declared `env:`
 * entry and not empty. Remote actions are left out: a name only they may set keeps what the
 * workflow declares, as before. `value`: the one plain text every run gives the name (`envValues`
 * certain), else undefined (a `$(...)` value, a conditional write, a remote action that may also set it).
 */
export function envWrittenBefore(step: Step, name: string, readAction: ReadAction): { by: string; at: Step['node']; value?: string } | undefined {
  if (!receivesEnvWrite(step, name)) return undefined;
  const writers = writerIndexes(step.job, name, readAction);
  // The last writer before the step (binary search: a job of many such steps stays n log n).
  let lo = 0;
  let hi = writers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (writers[mid]! < step.index) lo = mid + 1;
    else hi = mid;
  }
  const last = lo > 0 ? step.job.steps[writers[lo - 1]!] : undefined;
  if (last === undefined) return undefined;
  const values = envValues(step, name, readAction);
  const value = values?.certain === true && values.values.length === 1 ? values.values[0] : undefined;
  const by = last.uses === undefined ? 'a `$GITHUB_ENV` write of an earlier step' : `the local action \`${writtenUses(last.uses)}\``;
  return { by, at: last.node, ...(value === undefined ? {} : { value }) };
}

/** Per job and name: the indexes of the steps that may write the name to `$GITHUB_ENV` (`mayBeSetBefore` without remote actions), read once. */
const WRITERS = new WeakMap<Step['job'], Map<string, number[]>>();

function writerIndexes(job: Step['job'], name: string, readAction: ReadAction): number[] {
  let byName = WRITERS.get(job);
  if (byName === undefined) WRITERS.set(job, (byName = new Map()));
  let found = byName.get(name);
  if (found === undefined) {
    found = [];
    for (const s of job.steps) {
      const uses = s.uses?.name;
      if (uses !== undefined) {
        if (isLocalAction(uses) && localActionMaySet(s, name, readAction)) found.push(s.index);
      } else if (s.run !== undefined && mayWriteGithubEnv(s.run.text, name)) found.push(s.index);
    }
    byName.set(name, found);
  }
  return found;
}

/**
 * True when a step before `step` may set `name` for it at run time (a remote action, a local action
 * that may write it, a `run:` that may write it to `$GITHUB_ENV`) and `step`'s own `env:` does not
 * set the name to something else (./steps.ts `receivesEnvWrite`).
 */
export function mayBeSetAtRunTime(step: Step, name: string, readAction: ReadAction): boolean {
  return receivesEnvWrite(step, name) && mayBeSetBefore(step, name, readAction).length > 0;
}

/** An earlier step that may set an environment variable for the steps after it. */
interface Setter {
  step: Step;
  /** A remote action (which may export any name), a local action that may write it, a `run:` that may write it to `$GITHUB_ENV`. */
  kind: 'remote' | 'local' | 'write';
}

/**
 * The steps before `step` in its job that may set `name` at run time, in order (the one walk that
 * `envValues` and `runtimeEnvSetter` share): remote actions other than those that set no name a
 * workflow chooses (`ACTIONS_SETTING_NO_CHOSEN_ENV`), local actions that may write it (read with
 * `readAction`; without it, none is read), and `run:` texts that name it and `GITHUB_ENV`.
 */
function mayBeSetBefore(step: Step, name: string, readAction: ReadAction | undefined): Setter[] {
  const out: Setter[] = [];
  for (const earlier of step.job.steps.slice(0, step.index)) {
    const uses = earlier.uses?.name;
    if (uses !== undefined && isLocalAction(uses)) {
      if (readAction && localActionMaySet(earlier, name, readAction)) out.push({ step: earlier, kind: 'local' });
    } else if (uses !== undefined && !ACTIONS_SETTING_NO_CHOSEN_ENV.has(uses.toLowerCase())) {
      out.push({ step: earlier, kind: 'remote' });
    } else {
      const text = earlier.run?.text;
      if (text !== undefined && mayWriteGithubEnv(text, name)) out.push({ step: earlier, kind: 'write' });
    }
  }
  return out;
}

/** A `${{ env.NAME }}` put in: `from`-`to` in the original text, `at`-`at + length` in the new one. */
interface Replaced {
  from: number;
  to: number;
  at: number;
  length: number;
}

/** A text of a `run:` with its `${{ env.NAME }}` references put in, and how to find its offsets in the original. */
export interface EnvVariant {
  text: string;
  certain: boolean;
  /** The range in the original text of a range of `text`: a range touching a value covers its whole reference. */
  source(offset: number, end: number): { offset: number; end: number };
}

/**
 * The texts a `run:` text becomes with each `${{ env.NAME }}` whose values are known put in, one
 * per combination of values; undefined when it has no such reference, or more combinations than
 * `MAX_VARIANTS`.
 */
export function envVariants(step: Step, text: string, readAction?: ReadAction): EnvVariant[] | undefined {
  if (!text.includes('env.')) return undefined;
  const refs: { from: number; to: number; values: EnvValues }[] = [];
  const known = new Map<string, EnvValues | undefined>();
  for (const m of text.matchAll(ENV_REFERENCE)) {
    const name = m[1]!;
    if (!known.has(name)) known.set(name, envValues(step, name, readAction));
    const values = known.get(name);
    if (values) refs.push({ from: m.index, to: m.index + m[0].length, values });
  }
  if (refs.length === 0) return undefined;
  let combos: string[][] = [[]];
  for (const ref of refs) {
    if (combos.length * ref.values.values.length > MAX_VARIANTS) return undefined;
    combos = combos.flatMap((c) => ref.values.values.map((v) => [...c, v]));
  }
  const certain = refs.every((r) => r.values.certain);
  return combos.map((values) => textVariant(text, refs, values, certain));
}

/** `text` with each of `refs` (in order, not overlapping) replaced by its value, its offsets placed back in `text` (also ./make-matrix.ts). */
export function textVariant(text: string, refs: readonly { from: number; to: number }[], values: readonly string[], certain: boolean): EnvVariant {
  const replaced: Replaced[] = [];
  let out = '';
  let last = 0;
  refs.forEach((ref, i) => {
    out += text.slice(last, ref.from);
    replaced.push({ from: ref.from, to: ref.to, at: out.length, length: values[i]!.length });
    out += values[i]!;
    last = ref.to;
  });
  out += text.slice(last);
  return { text: out, certain, source: (offset, end) => ({ offset: toSource(replaced, offset, false), end: toSource(replaced, end, true) }) };
}

/** An offset of the new text in the original: inside a value, its reference's start (or end, for an `end`). */
function toSource(replaced: readonly Replaced[], offset: number, isEnd: boolean): number {
  let delta = 0;
  for (const r of replaced) {
    if (offset < r.at || (isEnd && offset === r.at)) break;
    if (offset < r.at + r.length || (isEnd && offset === r.at + r.length)) return isEnd ? r.to : r.from;
    delta = r.to - r.from - r.length + delta;
  }
  return offset + delta;
}
