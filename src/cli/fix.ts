/**
 * `tp-doctor --fix` and `--fix-dry-run`: runs the fixes in memory (src/autofix.ts), then writes the
 * changed files (`--fix`) or prints their unified diff (`--fix-dry-run`), and returns the lint of
 * what is left for the usual report. Loaded only when one of the flags is given.
 *
 * Writing never loses a file: each one is replaced atomically (a temporary file beside it, then a
 * rename; its permissions kept), only when it still holds the text that was fixed, only inside the
 * repository and never through a symbolic link (the file or a directory on its path), a byte order
 * mark kept.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { LintOutcome } from '../api.js';
import { fixSync, type FixRequest } from '../autofix.js';
import { redact } from '../diagnostics/redact.js';
import { isRepositoryPath } from '../fix/edits.js';
import { unifiedDiff } from '../fix/diff.js';
import { decodeText, DiskFs } from '../fs/source.js';
import type { Io } from './io.js';
import { OutputError, writeAtomically } from './output-file.js';

export interface FixRun {
  /** The lint to report: of the files as written (`--fix`) or as they would be (`--fix-dry-run`). */
  outcome: LintOutcome;
  /** Files that could not be written: the CLI exits 2. */
  failures: number;
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

/** Writes a fixed file; a short reason when it is not written. */
export async function writeFixedFile(root: string, file: string, before: string, after: string): Promise<string | undefined> {
  if (!isRepositoryPath(file)) return 'not a path inside the repository';
  const abs = path.join(root, file);
  let target: string;
  try {
    // Never through a symbolic link: the file itself, or any directory between it and the root.
    if (lstatSync(abs).isSymbolicLink()) return 'it is a symbolic link';
    const realRoot = realpathSync(root);
    target = path.join(realpathSync(path.dirname(abs)), path.basename(abs));
    if (target !== path.join(realRoot, file)) return 'a directory on its path is a symbolic link';
    const rel = path.relative(realRoot, target);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return 'it leads outside the repository';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
  let mode: number;
  let bom: boolean;
  try {
    const st = lstatSync(target);
    if (!st.isFile()) return 'not a regular file';
    mode = st.mode & 0o7777;
    const bytes = readFileSync(target);
    const read = decodeText(bytes);
    if (!read.ok || read.text !== before) return 'it changed while tp-doctor was fixing it';
    bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
  try {
    await writeAtomically(target, bom ? `\ufeff${after}` : after, mode);
  } catch (error) {
    return error instanceof OutputError ? error.code : (error as Error).message;
  }
  return undefined;
}

/**
 * The diff `--fix-dry-run` prints: never a secret's value, and one `git apply` accepts. A context
 * line that holds a secret would be printed masked, and then not match the file: the context
 * shrinks (3, 2, then 1 line) until no shown line holds one. When none does, the diff is printed
 * masked, and `masked` says why it cannot apply: `changed`, a line it changes holds a secret (a
 * token line deleted from `.npmrc`); `context`, only a line next to a change does (a token on the
 * line beside a changed one, which even one line of context shows).
 */
export function printableDiff(file: string, before: string, after: string): { text: string; masked: false | 'changed' | 'context' } {
  for (const context of [3, 2, 1]) {
    const diff = unifiedDiff(file, before, after, context);
    if (redact(diff) === diff) return { text: diff, masked: false };
  }
  // Without context, only the changed lines (and the hunk headers) are left: does one of them hold the secret?
  const changes = unifiedDiff(file, before, after, 0);
  return { text: redact(unifiedDiff(file, before, after)), masked: redact(changes) === changes ? 'context' : 'changed' };
}

/** Why a masked diff shows a secret, as the `--fix-dry-run` note says it. */
const MASKED_BECAUSE = {
  changed: 'a line it changes holds one',
  context: 'a line next to a change holds one, and no smaller context leaves it out',
} as const;

/** Runs `--fix` (`dryRun` false) or `--fix-dry-run`. */
export async function fixRepository(options: {
  root: string;
  request: FixRequest;
  dryRun: boolean;
  io: Io;
  /** Prefix that turns a repository path into one relative to where tp-doctor was started. */
  displayPrefix: string;
}): Promise<FixRun> {
  const { root, request, dryRun, io, displayPrefix } = options;
  const stderr = (text: string): void => io.stderr(redact(text));
  const result = fixSync(request);
  if (!result.ok) return { outcome: result, failures: 0 };
  const verb = dryRun ? 'would fix' : 'fixed';
  let failures = 0;
  if (dryRun) {
    for (const f of result.files) {
      const diff = printableDiff(f.file, f.before, f.after);
      io.stdout(diff.text);
      if (diff.masked) stderr(`tp-doctor: the diff of ${displayPrefix}${f.file} shows a secret masked (${MASKED_BECAUSE[diff.masked]}), so \`git apply\` cannot apply it; run --fix to apply it\n`);
    }
  } else {
    for (const f of result.files) {
      const reason = await writeFixedFile(root, f.file, f.before, f.after);
      if (reason !== undefined) {
        failures++;
        stderr(`tp-doctor: cannot write the fixes of ${displayPrefix}${f.file}: ${reason}\n`);
      }
    }
  }
  for (const s of result.skipped) stderr(`tp-doctor: not fixed: ${displayPrefix}${s.file}:${s.line} ${s.ruleId} (${s.description}): ${s.reason}\n`);
  const files = result.files.length - failures;
  if (result.applied.length > 0) {
    const byRule = new Map<string, number>();
    for (const a of result.applied) byRule.set(a.ruleId, (byRule.get(a.ruleId) ?? 0) + 1);
    const rules = [...byRule].map(([id, n]) => (n > 1 ? `${id} ×${n}` : id)).join(', ');
    stderr(`tp-doctor: ${verb} ${plural(result.applied.length, 'problem')} in ${plural(files, 'file')} (${rules})\n`);
  } else {
    stderr(`tp-doctor: nothing to fix automatically\n`);
  }
  // After writing, the report is of the disk as it now is; a dry run reports the fixed texts.
  if (dryRun || result.files.length === 0) return { outcome: result.final, failures };
  const { lint } = await import('../api.js');
  return { outcome: await lint({ ...request, fs: new DiskFs(root) }), failures };
}
