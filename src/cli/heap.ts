/**
 * Heap growth for large repositories. With thousands of workflow files a run allocates mostly
 * short-lived documents (the workflows it checks and drops one at a time) beside a slowly growing
 * set it keeps, and with V8's default growth factor (up to 4x what the last full collection kept)
 * the heap fills with dead documents: 20,000 workflows peaked at 558 MiB with about 200 MiB live.
 * Letting the heap grow by at most 10 % brought that to 313 MiB, in less time (fewer pages
 * touched). Below the threshold the default stays: there the extra full collections cost more
 * than they save (about 5 % of the instructions of the 846 bench workflows). bench/README.md has
 * the figures.
 */
import type { SourceFs } from '../fs/source.js';
import { MAX_WORKFLOW_FILES } from '../model/core/limits.js';
import { WORKFLOW_DIR, workflowFilesOf } from '../model/project.js';

/**
 * Workflow files from which the heap grows slowly: the number of workflows the loader keeps at most
 * (`MAX_WORKFLOW_FILES`), beyond which a run is mostly workflows read, checked and dropped.
 */
export const SLOW_HEAP_GROWTH_FROM = MAX_WORKFLOW_FILES;

/** V8's flag: the heap grows by at most this percentage over what the last full collection kept. */
const HEAP_GROWING_PERCENT = 10;

let set = false;

/**
 * Sets the slow heap growth when the repository has `SLOW_HEAP_GROWTH_FROM` workflow files or more;
 * true when it is set. `node:v8` is loaded only then: a small repository's start-up does not pay for it.
 */
export function tuneHeapFor(fs: SourceFs, from = SLOW_HEAP_GROWTH_FROM): boolean {
  if (set) return true;
  if (workflowFilesOf(fs.readDir(WORKFLOW_DIR)).length < from) return false;
  // `process.getBuiltinModule` (Node >= 20.16): a dynamic `import()` has no callback in the bundle
  // loaded with the code cache (src/cli/code-cache.ts), and a static import would load it always.
  const { setFlagsFromString } = process.getBuiltinModule('node:v8');
  // A flag of the running V8 (every Node from 12 on has it), read each time a collection sizes the heap.
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  set = true;
  return true;
}
