/**
 * Where the ESLint rules get their findings: the core `lint` of the linted file's repository, with
 * the file's live text laid over the disk, computed once and shared by every rule.
 *
 * ESLint runs each rule separately on each file, and knows nothing of repositories. So:
 * - the repository root is found from the file's path (`findRoot`);
 * - per root, a `SnapshotFs` remembers the disk (config, package.json, the other workflows) and is
 *   reused for as long as nothing it read has changed on disk;
 * - per root, the lint outcome is cached by (file, hash of its text): when the text equals the disk
 *   the key is the disk itself, so a CLI run lints each repository once, however many files it has;
 * - per ESLint `SourceCode` object (one per file per lint pass, shared by all rules) the findings of
 *   that file are computed once.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { lintSync, type LintOutcome } from '../api.js';
import { CONFIG_FILE_NAMES } from '../config/load.js';
import type { Diagnostic, Fix, Severity } from '../diagnostics/diagnostic.js';
import { redact, redactDiagnostic } from '../diagnostics/redact.js';
import type { AnyRule } from '../engine/define-rule.js';
import { OverlayFs, SnapshotFs } from './overlay-fs.js';

/**
 * One thing to show in the linted file. Positions as in the core: 1-based, end exclusive.
 * `messageId` is undefined for what is not a core diagnostic (config and internal errors).
 */
export interface Finding {
  ruleId: string;
  messageId: string | undefined;
  message: string;
  data: Record<string, string | number>;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The core's fix and suggestions that edit this very file (others cannot be ESLint fixes). */
  autofix?: Fix;
  suggestions?: Fix[];
}

export interface FileFindings {
  /** Repository root and the file's path inside it, or undefined when the file has no path. */
  root?: string;
  file?: string;
  byRule: Map<string, Finding[]>;
}

/** What the adapter needs from ESLint's rule context (a structural subset, for tests). */
export interface LintedFile {
  filename: string;
  physicalFilename?: string;
  sourceCode: { text: string };
}

/** Files that live at a repository root by definition: their folder is the root. */
const ROOT_FILES = new Set([...CONFIG_FILE_NAMES, '.gitlab-ci.yml', '.yarnrc.yml']);
/** Folders whose parent is the repository root: GitHub, GitLab and CircleCI read them only there. */
const ROOT_FOLDERS = new Set(['.github', '.gitlab', '.circleci']);

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The repository root for a linted file (an absolute path), decided by the path itself first:
 * 1. a file under a `.github`, `.gitlab` or `.circleci` folder: the parent of the nearest such folder;
 * 2. a root-level file by name (tp-doctor.yml and the other config names, .gitlab-ci.yml,
 *    .yarnrc.yml): its own folder (package.json is not: a workspace package has one too);
 * 3. otherwise the nearest folder upwards that has `.git` (a folder, or a file in a worktree or
 *    submodule) or a `.github` folder;
 * 4. otherwise the file's own folder.
 */
export function findRoot(file: string): string {
  const start = path.dirname(path.resolve(file));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (ROOT_FOLDERS.has(path.basename(dir))) return path.dirname(dir);
    if (path.dirname(dir) === dir) break;
  }
  if (ROOT_FILES.has(path.basename(file))) return start;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git')) || isDir(path.join(dir, '.github'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return start;
}

interface RootState {
  fs: SnapshotFs;
  /** `disk` or `<file>\0<sha1 of text>` → outcome; the most recently used last. */
  outcomes: Map<string, LintOutcome>;
}

/** Editor buffers are many versions of a few files: keep the last few outcomes per root. */
const MAX_OUTCOMES_PER_ROOT = 16;

export class ProjectCache {
  private readonly roots = new Map<string, RootState>();
  private readonly perSource = new WeakMap<object, FileFindings>();
  /** Rule that carries config errors (they are not any rule's diagnostics). */
  private readonly configRuleId: string | undefined;
  /** Counts core lint runs, for tests of the caching. */
  lintRuns = 0;

  constructor(private readonly rules: readonly AnyRule[]) {
    this.configRuleId = (rules.find((r) => r.id === 'publisher-config-valid') ?? rules[0])?.id;
  }

  /** Findings for the file ESLint is linting, computed once per `SourceCode`. */
  findings(file: LintedFile): FileFindings {
    const cached = this.perSource.get(file.sourceCode);
    if (cached) return cached;
    const result = this.compute(file);
    this.perSource.set(file.sourceCode, result);
    return result;
  }

  private compute(file: LintedFile): FileFindings {
    const filename = file.physicalFilename ?? file.filename;
    if (!path.isAbsolute(filename)) return { byRule: new Map() };
    const root = findRoot(filename);
    const rel = path.relative(root, filename).split(path.sep).join('/');
    let state = this.roots.get(root);
    if (!state || !state.fs.isFresh()) {
      state = { fs: new SnapshotFs(root), outcomes: new Map() };
      this.roots.set(root, state);
    }
    const text = file.sourceCode.text;
    const disk = state.fs.read(rel);
    const onDisk = disk.ok && disk.text === text;
    const key = onDisk ? 'disk' : `${rel}\0${createHash('sha1').update(text).digest('base64')}`;
    let outcome = state.outcomes.get(key);
    if (outcome) {
      state.outcomes.delete(key);
    } else {
      this.lintRuns++;
      outcome = lintSync({ fs: onDisk ? state.fs : new OverlayFs(state.fs, rel, text), rules: this.rules });
      if (state.outcomes.size >= MAX_OUTCOMES_PER_ROOT) {
        const oldest = state.outcomes.keys().next().value;
        if (oldest !== undefined) state.outcomes.delete(oldest);
      }
    }
    state.outcomes.set(key, outcome);
    return { root, file: rel, byRule: this.select(outcome, rel) };
  }

  /** The outcome's findings located in `rel`, grouped by rule. */
  private select(outcome: LintOutcome, rel: string): Map<string, Finding[]> {
    const byRule = new Map<string, Finding[]>();
    const add = (found: Finding): void => {
      // Secrets never reach ESLint: the message and the data it is rendered from are redacted.
      const f = redactFinding(found);
      const list = byRule.get(f.ruleId);
      if (list) list.push(f);
      else byRule.set(f.ruleId, [f]);
    };
    const top = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    if (!outcome.ok) {
      // The CLI stops on a config error; here every linted file says why it shows nothing else.
      if (!this.configRuleId) return byRule;
      for (const e of outcome.configErrors) {
        const here = e.location?.file === rel;
        const where = e.location && !here ? `${e.location.file}:${e.location.start.line}:${e.location.start.column}: ` : '';
        const at = here && e.location
          ? { line: e.location.start.line, column: e.location.start.column, endLine: e.location.end.line, endColumn: e.location.end.column }
          : top;
        add({ ruleId: this.configRuleId, messageId: undefined, message: `Config error: ${where}${e.message}`, data: {}, severity: 'error', ...at });
      }
      return byRule;
    }
    for (const d of outcome.diagnostics) if (d.file === rel) add(fromDiagnostic(redactDiagnostic(d), rel));
    for (const e of outcome.internalErrors) {
      if (e.file !== undefined && e.file !== rel) continue;
      const message = `Internal error in tp-doctor rule ${e.ruleId}: ${e.message} (please report it)`;
      add({ ruleId: e.ruleId, messageId: undefined, message, data: {}, severity: 'error', ...top });
    }
    return byRule;
  }
}

function redactFinding(f: Finding): Finding {
  const data: Finding['data'] = {};
  for (const [key, value] of Object.entries(f.data)) data[key] = typeof value === 'string' ? redact(value) : value;
  return { ...f, message: redact(f.message), data };
}

function fromDiagnostic(d: Diagnostic, rel: string): Finding {
  const suggestions = (d.suggestions ?? []).filter((f) => f.file === rel);
  return {
    ...(d.autofix?.file === rel ? { autofix: d.autofix } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
    ruleId: d.ruleId,
    messageId: d.messageId,
    message: d.message,
    data: d.data,
    severity: d.severity,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
  };
}
