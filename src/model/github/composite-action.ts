/**
 * A local composite action a job's step uses (`uses: ./.github/actions/x`): where it is in the
 * repository, and its steps with the inputs its caller passes. One reading for the walkers that
 * follow local actions (publishes, `uses:` steps, `$GITHUB_ENV` writes), so that the depth bound
 * and what "readable" means are the same for all of them.
 */
import { repoPath } from '../../fs/paths.js';
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import { MAX_ACTION_DEPTH, MAX_ACTION_STEPS } from '../core/limits.js';
import { repositoryPath } from './checkout.js';
import type { Job } from './types.js';
import { isLocalAction } from './workflow.js';

/** The repository directory of a local action a job's step uses (`./x`, `$/x`, through checkout paths). */
export function localActionDir(job: Job, uses: string): string | undefined {
  if (uses.startsWith('$/')) return repositoryPath([], uses.slice(2));
  return repositoryPath(job.mounts, uses.slice(2));
}

/**
 * Steps that use an action of the repository itself by its full name (`acme/pkg/.github/actions/x@main`,
 * `selfRepository` being `acme/pkg`, `Project.selfRepository`, compared case-insensitively as GitHub does)
 * are read like `uses: $/.github/actions/x`: `name` becomes that, `selfName` keeps what is written.
 * The ref may differ from the checked-out commit, so what is read from the action is a guess
 * (`readFromRef`). An action the working tree does not hold (`readable`) is left as written.
 * Reusable workflows named this way are resolved by `call-graph.ts`.
 */
export function resolveSelfActions(job: Job, selfRepository: string, readable: (dir: string) => boolean): void {
  const prefix = `${selfRepository.toLowerCase()}/`;
  for (const step of job.steps) {
    const uses = step.uses;
    if (uses === undefined || uses.ref === undefined || uses.selfName !== undefined) continue;
    if (!uses.name.toLowerCase().startsWith(prefix)) continue;
    const path = uses.name.slice(prefix.length);
    // Only an action the working tree holds: one it lacks stays a remote action (what it runs is unread).
    const dir = path === '' ? undefined : repositoryPath([], path);
    if (dir === undefined || !readable(dir)) continue;
    step.uses = { ...uses, name: `$/${path}`, selfName: uses.name };
  }
}

/**
 * The `uses:` of a step as written, for messages: an action of the repository itself named in full
 * keeps its written name and ref (`acme/pkg/.github/actions/x@main`), not the `$/.github/actions/x`
 * it is read as (`resolveSelfActions`); any other action its `name`. Lookups keep reading `name`.
 */
export function writtenUses(uses: { name: string; selfName?: string; ref?: string }): string {
  return uses.selfName === undefined ? uses.name : `${uses.selfName}@${uses.ref ?? ''}`;
}

/**
 * Why what tp-doctor reads from the action a step uses is a guess: the action is of the repository
 * itself but named in full with a ref (`resolveSelfActions`), read from the working tree, which
 * that ref may not match. Undefined for any other step.
 */
export function readFromRef(step: { uses?: { selfName?: string; ref?: string } }): string | undefined {
  const uses = step.uses;
  if (uses?.selfName === undefined) return undefined;
  return `"${uses.selfName}@${uses.ref ?? ''}" is read from the working tree, and its ref "${uses.ref ?? ''}" may hold another version of it`;
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

/**
 * True for a local action whose path leaves the repository (`uses: ./../self-actions/x`, `$/../x`):
 * valid at run time when an earlier step puts the action beside the workspace, but never read.
 */
export function leavesRepository(job: Job, uses: string): boolean {
  return localActionDir(job, uses) === undefined && !repoPath(uses.slice(2)).ok;
}

/** A `uses:` of a local action outside the repository: the path as written and its value node. */
export interface ActionOutside {
  uses: string;
  node: YNode;
}

/**
 * The local actions outside the repository a job runs: its own steps' and those of the readable
 * local composite actions it uses (nested ones too, `MAX_ACTION_DEPTH` deep, `MAX_ACTION_STEPS`
 * steps in all), each at the `uses:` that names it, in the workflow or the action file.
 */
export function actionsOutside(readAction: (dir: string) => YamlDocument | undefined, job: Job): ActionOutside[] {
  const out: ActionOutside[] = [];
  const budget = { left: MAX_ACTION_STEPS };
  const visit = (uses: string, node: YNode, depth: number): void => {
    if (!isLocalAction(uses)) return;
    if (leavesRepository(job, uses)) {
      out.push({ uses, node });
      return;
    }
    // Only where the action is, not what its caller passes, matters here.
    const action = compositeAction(readAction, job, uses, () => undefined, depth);
    for (const inner of action?.steps ?? []) {
      if (budget.left-- <= 0) return;
      const innerUses = inner.get('uses');
      if (innerUses?.text !== undefined) visit(innerUses.text, innerUses, depth + 1);
    }
  };
  for (const step of job.steps) if (step.uses) visit(step.uses.name, step.uses.node, 1);
  return out;
}
