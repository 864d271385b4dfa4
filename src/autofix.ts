/**
 * `tp-doctor --fix` without the disk: lints, applies the certain fixes (`Diagnostic.autofix`) to
 * in-memory copies of the files, lints again, and repeats while fixes remain (conflicting edits in
 * one file wait for the next round), up to `maxPasses` rounds. Nothing is written here: the CLI
 * writes the files this returns (src/cli/fix.ts), the tests compare them.
 *
 * A file is edited only when it parsed before and parses after (YAML and JSON files); a fix whose
 * result would not parse is skipped and reported. A fix that does not make its finding go away is
 * not applied a second time.
 */
import { lintSync, type LintOutcome, type LintRequest } from './api.js';
import type { Diagnostic, Fix } from './diagnostics/diagnostic.js';
import { applyEdits, editsOverlap, isRepositoryPath, type TextEdit } from './fix/edits.js';
import type { ReadResult, SourceFs } from './fs/source.js';
import { parseYaml } from './yaml/parse.js';

export interface FixRequest extends LintRequest {
  /** Apply only the fixes of these rules (`--fix-type`); every rule's when undefined. */
  ruleIds?: ReadonlySet<string>;
  /** Lint-and-fix rounds at most (default 10, as ESLint). */
  maxPasses?: number;
}

/** A fix that was applied, with the finding it resolves (positions as found before the fix). */
export interface AppliedFix {
  ruleId: string;
  messageId: string;
  file: string;
  line: number;
  description: string;
}

/** A fix that was not applied, and why. */
export interface SkippedFix extends AppliedFix {
  reason: string;
}

export interface FixedFile {
  file: string;
  before: string;
  after: string;
}

type Linted = Extract<LintOutcome, { ok: true }>;

export type FixOutcome =
  | Extract<LintOutcome, { ok: false }>
  | {
      ok: true;
      /** Files whose text changed, in path order. */
      files: FixedFile[];
      applied: AppliedFix[];
      skipped: SkippedFix[];
      /** Rounds that changed something. */
      passes: number;
      /** The lint before any fix, and the lint of the fixed files. */
      initial: Linted;
      final: Linted;
    };

export const DEFAULT_MAX_PASSES = 10;

/** The repository with some files replaced by their fixed text. */
export class EditedFs implements SourceFs {
  private readonly edited = new Map<string, string>();

  constructor(private readonly base: SourceFs) {}

  get rootLabel(): string {
    return this.base.rootLabel;
  }

  set(file: string, text: string): void {
    this.edited.set(file, text);
  }

  read(file: string): ReadResult {
    const text = this.edited.get(file.replace(/^\.\//, ''));
    return text !== undefined ? { ok: true, text } : this.base.read(file);
  }

  list(dir: string): { name: string; isDir: boolean }[] | undefined {
    return this.base.list(dir);
  }

  readDir(dir: string): ReturnType<SourceFs['readDir']> {
    return this.base.readDir(dir);
  }

  exists(file: string): boolean {
    return this.edited.has(file) || this.base.exists(file);
  }

  /** The edited texts. */
  changes(): Map<string, string> {
    return new Map(this.edited);
  }

  /** Back to an earlier `changes()`. */
  restore(changes: ReadonlyMap<string, string>): void {
    this.edited.clear();
    for (const [file, text] of changes) this.edited.set(file, text);
  }
}

/**
 * Whether a file's text is well-formed for its kind: JSON files parse as JSON, YAML files without
 * any problem (syntax, duplicate keys, several documents); other files (`.nvmrc`, `.npmrc`) are
 * plain text. What `--fix` checks before and after every edit.
 */
export function wellFormed(file: string, text: string): boolean {
  if (/\.json$/i.test(file)) {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }
  if (/\.ya?ml$/i.test(file)) return parseYaml(file, text, { gitlabTags: true, gitlabSpecHeader: true }).problems.length === 0;
  return true;
}

function signature(d: Diagnostic, fix: Fix): string {
  return JSON.stringify([d.ruleId, d.messageId, fix.file, fix.description, fix.edits.map((e) => e.text)]);
}

function describe(d: Diagnostic, fix: Fix): AppliedFix {
  return { ruleId: d.ruleId, messageId: d.messageId, file: fix.file, line: d.line, description: fix.description };
}

/** What the passes of fixSync share: fixes applied (by signature), fixes given up on, and why. */
interface FixState {
  done: Set<string>;
  blocked: Set<string>;
  skipped: SkippedFix[];
}

type Chosen = Map<string, { d: Diagnostic; fix: Fix }[]>;

/** The fixes of one pass, by file: not given up on, and not overlapping an edit chosen before them (those wait for the next pass). */
function chooseFixes(outcome: Linted, request: FixRequest, state: FixState): Chosen {
  const chosen: Chosen = new Map();
  for (const d of outcome.diagnostics) {
    const fix = d.autofix;
    if (!fix || (request.ruleIds && !request.ruleIds.has(d.ruleId)) || !isRepositoryPath(fix.file)) continue;
    const key = signature(d, fix);
    if (state.blocked.has(key)) continue;
    if (state.done.has(key)) {
      state.blocked.add(key);
      state.skipped.push({ ...describe(d, fix), reason: 'applying it did not resolve the finding' });
      continue;
    }
    const list = chosen.get(fix.file) ?? [];
    const taken = list.flatMap((c) => c.fix.edits);
    if (fix.edits.some((e) => taken.some((t) => editsOverlap(e, t)))) continue; // next round
    list.push({ d, fix });
    chosen.set(fix.file, list);
  }
  return chosen;
}

/** Applies the chosen fixes file by file, each file well-formed before and after; returns the fixes whose files changed. */
function applyChosen(fs: EditedFs, chosen: Chosen, state: FixState): { d: Diagnostic; fix: Fix }[] {
  const round: { d: Diagnostic; fix: Fix }[] = [];
  for (const [file, list] of chosen) {
    const read = fs.read(file);
    const skip = (reason: string): void => {
      for (const { d, fix } of list) {
        state.blocked.add(signature(d, fix));
        state.skipped.push({ ...describe(d, fix), reason });
      }
    };
    if (!read.ok) {
      skip('the file cannot be read');
      continue;
    }
    if (!wellFormed(file, read.text)) {
      skip('the file does not parse');
      continue;
    }
    const edits: TextEdit[] = list.flatMap((c) => c.fix.edits);
    let after: string;
    try {
      after = applyEdits(read.text, edits);
    } catch {
      skip('its edits do not fit the file');
      continue;
    }
    if (!wellFormed(file, after)) {
      skip('the fixed file would not parse');
      continue;
    }
    if (after === read.text) continue;
    fs.set(file, after);
    round.push(...list);
  }
  return round;
}

/** Lints, fixes, lints again (see the file comment). Synchronous, like `lintSync`. */
export function fixSync(request: FixRequest): FixOutcome {
  const fs = new EditedFs(request.fs);
  const lint = (): LintOutcome => lintSync({ ...request, fs });
  const first = lint();
  if (!first.ok) return first;
  const maxPasses = request.maxPasses ?? DEFAULT_MAX_PASSES;
  const applied: AppliedFix[] = [];
  const skipped: SkippedFix[] = [];
  const state: FixState = { done: new Set(), blocked: new Set(), skipped };
  let outcome: Linted = first;
  let passes = 0;
  while (passes < maxPasses) {
    const chosen = chooseFixes(outcome, request, state);
    const before = fs.changes();
    const round = applyChosen(fs, chosen, state);
    if (round.length === 0) break;
    const next = lint();
    // A fix that breaks the configuration (it can edit tp-doctor.yml) is not kept: back to the
    // last state that linted, and stop.
    if (!next.ok) {
      fs.restore(before);
      for (const { d, fix } of round) skipped.push({ ...describe(d, fix), reason: 'the configuration would no longer load' });
      break;
    }
    passes++;
    for (const { d, fix } of round) {
      state.done.add(signature(d, fix));
      applied.push(describe(d, fix));
    }
    outcome = next;
  }
  return finish(outcome);

  function finish(final: LintOutcome): FixOutcome {
    if (!final.ok) return final;
    const files: FixedFile[] = [];
    for (const [file, after] of [...fs.changes()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const before = request.fs.read(file);
      if (before.ok && before.text !== after) files.push({ file, before: before.text, after });
    }
    return { ok: true, files, applied, skipped, passes, initial: first as Linted, final };
  }
}
