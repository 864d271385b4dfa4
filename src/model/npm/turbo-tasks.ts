/**
 * The workspace packages of a Turborepo and the tasks its turbo.json files declare for each (the
 * facts are in `../data/turbo.ts`; `./turbo-runs.ts` follows what a run runs): the packages of the
 * package manager's workspace list (`pnpm-workspace.yaml` for pnpm, the root package.json's
 * `workspaces` otherwise), and the root package as `//`. A package's tasks are the root
 * turbo.json's `task` and `<its name>#task` entries and its own turbo.json's; the root's are the
 * root file's `//#task` entries. A turbo.json tp-doctor cannot read (none at the root, one it cannot
 * parse) leaves the declarations incomplete (`TurboDeclared.complete`).
 */
import { inDir } from '../../fs/paths.js';
import type { Location } from '../../yaml/span.js';
import { parseYaml, type YNode } from '../../yaml/parse.js';
import { TURBO_CONFIG_FILES, TURBO_ROOT, TURBO_TASK_KEYS } from '../data/turbo.js';

/** One task entry of a turbo.json. */
export interface TurboTask {
  /** `dependsOn` as written (`build`, `^build`, `pkg#build`). */
  dependsOn: string[];
  at: Location;
}

/** What the turbo.json files declare for one package (`WorkspaceScripts.turbo`), by task name. */
export interface TurboDeclared {
  tasks: Record<string, TurboTask>;
  /** False when a turbo.json that may declare more for it could not be read. */
  complete: boolean;
}

/** What the reader needs of the repository. */
export interface TurboFiles {
  exists(file: string): boolean;
  /** A file's text. */
  text(file: string): string | undefined;
}

/** A turbo.json's entries by their keys as written; `none` without one, `unread` when it cannot be read. */
export type TurboEntries = Record<string, TurboTask> | 'none' | 'unread';

/** A table without a prototype: a task named `__proto__` or `constructor` is a name like any other. */
function table(): Record<string, TurboTask> {
  return Object.create(null) as Record<string, TurboTask>;
}

/** The entries of the turbo.json in `dir` (the first of `TURBO_CONFIG_FILES` that exists). */
export function turboEntries(files: TurboFiles, dir: string): TurboEntries {
  const file = TURBO_CONFIG_FILES.map((name) => inDir(dir, name)).find((f) => files.exists(f));
  if (file === undefined) return 'none';
  const root = jsoncRoot(file, files.text(file));
  if (!root?.isMap) return 'unread';
  const out = table();
  for (const key of TURBO_TASK_KEYS) {
    const node = root.get(key);
    if (!node?.isMap) continue;
    for (const entry of node.entries()) {
      if (entry.key === undefined) continue;
      const deps = entry.get('dependsOn');
      const dependsOn = deps?.isSeq ? deps.texts() : [];
      out[entry.key] = { dependsOn, at: { file: entry.file, ...entry.span } };
    }
  }
  return out;
}

/** A turbo.json's root node: turbo reads JSON with comments (`turbo.jsonc`, and `turbo.json` alike), so they are blanked (offsets kept) first. */
function jsoncRoot(file: string, text: string | undefined): YNode | undefined {
  if (text === undefined) return undefined;
  const doc = parseYaml(file, withoutComments(text));
  return doc.problems.length === 0 ? doc.root : undefined;
}

/** `text` with its `//` and `/* … *\/` comments outside strings replaced by spaces (line breaks kept). */
export function withoutComments(text: string): string {
  const out = text.split('');
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2) + 2;
      const stop = end < 0 || end === 1 ? text.length : end;
      for (let j = i; j < stop; j++) if (out[j] !== '\n' && out[j] !== '\r') out[j] = ' ';
      i = stop - 1;
    }
  }
  return out.join('');
}

/**
 * The tasks declared for the package in `dir` named `name` (the root: `dir` ''), given the root
 * turbo.json's entries.
 */
export function turboDeclared(files: TurboFiles, rootEntries: TurboEntries, dir: string, name: string | undefined): TurboDeclared {
  const tasks = table();
  const rootRead = typeof rootEntries === 'object';
  if (rootRead) {
    for (const [key, task] of Object.entries(rootEntries)) {
      const hash = key.indexOf('#');
      const owner = hash < 0 ? undefined : key.slice(0, hash);
      const own = dir === '' ? owner === TURBO_ROOT : owner === undefined || (name !== undefined && owner === name);
      // `task` and `<name>#task` both declare it; the package's own entry is the more specific.
      if (own && (owner !== undefined || tasks[key] === undefined)) tasks[hash < 0 ? key : key.slice(hash + 1)] = task;
    }
  }
  if (dir === '') return { tasks, complete: rootRead };
  const local = turboEntries(files, dir);
  if (typeof local === 'object') for (const [key, task] of Object.entries(local)) if (!key.includes('#')) tasks[key] = task;
  return { tasks, complete: rootRead && local !== 'unread' };
}
