/**
 * Heap tuning for large repositories (issue 17, memory). With thousands of workflow files a run
 * allocates mostly short-lived documents (the workflows it checks and drops one at a time) beside a
 * slowly growing set it keeps. Two V8 settings, both read by V8 each time it sizes a space, so they
 * can be set while the process runs:
 *
 * - **Old generation**: with V8's default growth factor (up to 4x what the last full collection
 *   kept) the heap fills with dead documents: 20,000 workflows peaked at 558 MiB with about 200 MiB
 *   live. Letting it grow by at most 10 % brought that to 313 MiB, in less time (fewer pages
 *   touched).
 * - **Young generation**: a run of 20,000 files grew the two semi-spaces to V8's maximum of
 *   16 MiB each before the first workflow was read (the listings of 20,000 names survive their
 *   scavenges). Held at 8 MiB each (`YOUNG_GENERATION_CAP_MIB`), the run's peak RSS went from
 *   about 213 to 186 MiB for about 5 to 10 % more time; at 4 MiB each it took 26 % more.
 *   `--max-semi-space-size` would say it directly, but V8 reads it only when the heap is made, so
 *   the young generation is held with a growth factor of 1 while the listings are read (the first
 *   one only when the directory's size says it is large), grows from the first workflow read, and
 *   is held again once it reaches the cap.
 *
 * Below the threshold the defaults stay: there the extra collections cost more than they save
 * (about 5 % of the instructions of the 846 bench workflows), and `node:v8` is not even loaded
 * (about 2 ms of a small repository's start-up). A user's own `--semi-space-…` or
 * `--max-semi-space-size` Node option is left alone. bench/README.md has the figures.
 */
import { DiskFs } from '../fs/source.js';
import type { SourceFs } from '../fs/source.js';
import { MAX_WORKFLOW_FILES } from '../model/core/limits.js';
import { WORKFLOW_DIR, workflowFilesOf } from '../model/project.js';

/**
 * Workflow files from which the heap is tuned: the number of workflows the loader keeps at most
 * (`MAX_WORKFLOW_FILES`), beyond which a run is mostly workflows read, checked and dropped.
 */
export const SLOW_HEAP_GROWTH_FROM = MAX_WORKFLOW_FILES;

/** V8's flag: the heap grows by at most this percentage over what the last full collection kept. */
const HEAP_GROWING_PERCENT = 10;

/** The young generation is held once its two semi-spaces together reach this size. */
export const YOUNG_GENERATION_CAP_MIB = 16;

/** V8's own semi-space growth factor (unchanged since Node 12), restored when the hold is not needed. */
const DEFAULT_SEMI_SPACE_GROWTH = 2;

/**
 * A workflow directory at least this large (as the file system sizes it) may hold thousands of
 * files: its listing is read with the young generation held. About 650 files on ext4 and 1,600 on
 * tmpfs; a smaller directory is listed as usual, and a large one the hint misses only loses the
 * early hold.
 */
export const LARGE_DIR_BYTES = 32 * 1024;

/** What the tuning uses of `node:v8` (a parameter for the tests). */
export interface V8Flags {
  setFlagsFromString(flags: string): void;
  getHeapSpaceStatistics(): readonly { space_name: string; space_size: number }[];
}

export interface TuneOptions {
  /** Workflow files from which the heap is tuned. */
  from?: number;
  /** `node:v8`, loaded only when needed. */
  v8?: () => V8Flags;
  /** Node options the user gave (`process.execArgv` and `NODE_OPTIONS`). */
  nodeOptions?: string;
}

let set = false;

/**
 * Tunes the heap when the repository has `from` workflow files or more; true when it did. On a
 * `DiskFs`, the young generation is watched through `beforeRead` until it reaches its cap.
 */
export function tuneHeapFor(fs: SourceFs, options: TuneOptions = {}): boolean {
  if (set) return true;
  const { from = SLOW_HEAP_GROWTH_FROM, v8: load = builtinV8 } = options;
  const young = fs instanceof DiskFs && !/--(?:max[-_]|min[-_])?semi[-_]space/.test(options.nodeOptions ?? nodeOptions());
  let v8: V8Flags | undefined;
  const dirBytes = young ? fs.dirBytes(WORKFLOW_DIR) : undefined;
  if (dirBytes !== undefined && dirBytes >= LARGE_DIR_BYTES) {
    v8 = load();
    v8.setFlagsFromString('--semi-space-growth-factor=1');
  }
  if (workflowFilesOf(fs.readDir(WORKFLOW_DIR)).length < from) {
    v8?.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_SEMI_SPACE_GROWTH}`);
    return false;
  }
  v8 ??= load();
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  if (young) fs.beforeRead = youngGenerationCap(v8, () => (fs.beforeRead = undefined));
  set = true;
  return true;
}

/**
 * A check to run before each file is read. The young generation stays held (growth factor 1)
 * through the rest of the set-up, the second listing of the workflow folder included; from the
 * first workflow file read it grows by V8's default factor until its semi-spaces reach
 * `YOUNG_GENERATION_CAP_MIB` together, and is held there (then `done` is called).
 */
export function youngGenerationCap(v8: V8Flags, done: () => void): (file: string) => void {
  const cap = YOUNG_GENERATION_CAP_MIB * 1024 * 1024;
  const size = (): number => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? cap;
  let growing = false;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  return (file) => {
    if (!growing && !file.startsWith(`${WORKFLOW_DIR}/`)) return;
    if (size() >= cap) {
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      done();
    } else if (!growing) {
      v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_SEMI_SPACE_GROWTH}`);
      growing = true;
    }
  };
}

function nodeOptions(): string {
  return `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
}

// `process.getBuiltinModule` (Node >= 20.16): a dynamic `import()` has no callback in the bundle
// loaded with the code cache (src/cli/code-cache.ts), and a static import would load it always.
function builtinV8(): V8Flags {
  return process.getBuiltinModule('node:v8');
}
