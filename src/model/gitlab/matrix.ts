/**
 * `parallel: matrix:` of a GitLab job: GitLab runs one job per combination of the values, named
 * `publish: [22]` (or `publish: [22, alpine]`: the values in the order written), each with the
 * combination's values as job variables. `assemble.ts` assembles one `GitlabJob` per combination,
 * so the variables expand in `image:`, `id_tokens`, tags and the script values like any job
 * variable (as GitHub's `strategy.matrix`, github/matrix.ts, is read per combination).
 */
import type { EffectiveValue, GitlabMatrixCombination, GitlabVariable } from './types.js';
import { flattenLeaves, leafText } from './values.js';

/** GitLab's limit on the jobs one `parallel: matrix:` may create; a larger matrix is refused (and not expanded here). */
export const MAX_MATRIX_JOBS = 200;

/**
 * Matrix jobs expanded in one pipeline at most: each is read as a job of its own (publish detection,
 * sites), so a file of many large matrices would cost its jobs times their combinations. The jobs
 * past it are read once, as a job without its matrix.
 */
export const MAX_PIPELINE_MATRIX_JOBS = 400;

/** Text of every scalar under a value (bounded depth): what `rules:` conditions say. */
function textsUnder(v: EffectiveValue | undefined, depth = 0): string[] {
  if (!v || depth > 16) return [];
  if (v.kind === 'map') return [...v.entries.values()].flatMap((e) => textsUnder(e, depth + 1));
  if (v.items) return v.items.flatMap((i) => textsUnder(i, depth + 1));
  const text = leafText(v);
  return text === undefined ? [] : [text];
}

/**
 * True when the job's `rules:` (or `only:`/`except:` variables) name one of the combination's
 * variables (`$V`, `${V}`): GitLab may create the job for some combinations and not others, which
 * tp-doctor does not decide (a combination `rules: - if: $V == "20"` / `when: never` drops).
 */
export function rulesReadMatrix(combination: GitlabMatrixCombination, keywords: ReadonlyMap<string, EffectiveValue>): boolean {
  const texts = ['rules', 'only', 'except'].flatMap((k) => textsUnder(keywords.get(k)));
  if (texts.length === 0) return false;
  return combination.variables.some((v) => texts.some((t) => t.includes(`$${v.name}`) || t.includes(`\${${v.name}}`)));
}

type Choices = { name: string; entry: EffectiveValue; values: EffectiveValue[] }[];

/**
 * The combinations of the job's `parallel: matrix:` (the union over its items of the product of
 * each item's variables), undefined when it has none, when its shape is not one GitLab accepts
 * (an item that is not a map, a value that is not a string or a list of them) or when it makes
 * more than `MAX_MATRIX_JOBS` jobs: then the job is read once, its variables unknown.
 */
export function matrixCombinations(job: string, parallel: EffectiveValue | undefined): GitlabMatrixCombination[] | undefined {
  const matrix = parallel?.kind === 'map' ? parallel.entries.get('matrix') : undefined;
  if (matrix?.kind !== 'leaf' || !matrix.items || matrix.items.length === 0) return undefined;
  const items: Choices[] = [];
  let total = 0;
  for (const item of matrix.items) {
    const choices = readItem(item);
    if (!choices) return undefined;
    let product = 1;
    for (const c of choices) product *= c.values.length;
    total += product;
    if (total > MAX_MATRIX_JOBS) return undefined;
    items.push(choices);
  }
  return items.flatMap((choices) => product(choices).map((picked) => combination(job, choices, picked)));
}

/** One item of `matrix:`: each variable with its values; undefined when its shape is not GitLab's. */
function readItem(item: EffectiveValue): Choices | undefined {
  if (item.kind !== 'map' || item.entries.size === 0) return undefined;
  const out: Choices = [];
  for (const [name, entry] of item.entries) {
    const values = entry.kind === 'leaf' && entry.items ? flattenLeaves(entry) : leafText(entry) !== undefined ? [entry] : [];
    if (values.length === 0 || (entry.kind === 'leaf' && entry.items && values.length !== entry.items.length)) return undefined;
    out.push({ name, entry, values });
  }
  return out;
}

/** Every pick of one value per variable (indices), the last variable varying fastest. */
function product(choices: Choices): number[][] {
  let out: number[][] = [[]];
  for (const c of choices) out = out.flatMap((prefix) => c.values.map((_, i) => [...prefix, i]));
  return out;
}

function combination(job: string, choices: Choices, picked: number[]): GitlabMatrixCombination {
  const variables = choices.map((c, i): GitlabVariable => {
    const value = c.values[picked[i]!]!;
    return { name: c.name, value: leafText(value), origin: c.entry.origin, valueNode: value.origin.node, expand: true, level: 'matrix' };
  });
  return { label: `${job}: [${variables.map((v) => v.value ?? '').join(', ')}]`, variables };
}
