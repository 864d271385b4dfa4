/**
 * A local composite action a job's step uses (`uses: ./.github/actions/x`): where it is in the
 * repository, and its steps with the inputs its caller passes. One reading for the walkers that
 * follow local actions (publishes, `uses:` steps, `$GITHUB_ENV` writes), so that the depth bound
 * and what "readable" means are the same for all of them.
 */
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import { MAX_ACTION_DEPTH } from '../core/limits.js';
import { repositoryPath } from './checkout.js';
import type { Job } from './types.js';

/** The repository directory of a local action a job's step uses (`./x`, `$/x`, through checkout paths). */
export function localActionDir(job: Job, uses: string): string | undefined {
  if (uses.startsWith('$/')) return repositoryPath([], uses.slice(2));
  return repositoryPath(job.mounts, uses.slice(2));
}

/** A readable local composite action: its steps, and an input's value (the caller's, else the declared default). */
export interface CompositeAction {
  steps: readonly YNode[];
  input(name: string): string | undefined;
}

/**
 * The composite action `uses` at nesting `depth` (1 for a job's own step), `given` being what its
 * caller passes; undefined when it cannot be read: outside the workspace, missing, not a composite
 * action (JavaScript, Docker), or nested deeper than `MAX_ACTION_DEPTH`.
 */
export function compositeAction(
  readAction: (dir: string) => YamlDocument | undefined,
  job: Job,
  uses: string,
  given: (name: string) => string | undefined,
  depth: number,
): CompositeAction | undefined {
  const dir = localActionDir(job, uses);
  if (dir === undefined || depth > MAX_ACTION_DEPTH) return undefined;
  const root = readAction(dir)?.root;
  const items = root?.at('runs', 'steps');
  if (!root || root.at('runs', 'using')?.text !== 'composite' || !items?.isSeq) return undefined;
  const declared = root.get('inputs');
  return { steps: items.items(), input: (name) => given(name) ?? declared?.at(name, 'default')?.text };
}
