import type { YNode } from '../../yaml/parse.js';
import type { MatrixCombination, RunnerChoice, RunnerLabel, RunsOn } from './types.js';

/** GitHub caps a matrix at 256 jobs; so do we, which also bounds the work on odd input. */
const MAX_COMBINATIONS = 256;
const EXPRESSION = /\$\{\{/;

export interface MatrixResult {
  combinations?: MatrixCombination[];
  unresolved: boolean;
}

/**
 * Expands `strategy.matrix` the way GitHub does: the cartesian product of the list-valued keys,
 * minus `exclude` entries, then each `include` entry is added to every combination it does not
 * conflict with on an original key, or appended as a combination of its own.
 */
export function expandMatrix(matrix: YNode | undefined): MatrixResult {
  if (!matrix) return { unresolved: false };
  if (!matrix.isMap) return { unresolved: true };
  let unresolved = false;
  let combos: MatrixCombination[] = [new Map()];
  const originalKeys = new Set<string>();
  for (const entry of matrix.entries()) {
    const key = entry.key;
    if (key === undefined || key === 'include' || key === 'exclude') continue;
    originalKeys.add(key);
    if (!entry.isSeq) {
      // `os: ${{ fromJSON(...) }}`: the values are not knowable statically.
      unresolved = true;
      continue;
    }
    const values = entry.items();
    const next: MatrixCombination[] = [];
    for (const combo of combos) {
      for (const value of values) {
        if (next.length >= MAX_COMBINATIONS) break;
        const copy = new Map(combo);
        copy.set(key, { value: value.text ?? '', node: value });
        next.push(copy);
      }
    }
    combos = next;
  }
  const exclude = matrix.get('exclude');
  if (exclude?.isSeq) {
    for (const rule of exclude.items()) {
      if (!rule.isMap) continue;
      combos = combos.filter(
        (combo) => !rule.entries().every((e) => e.key !== undefined && partialMatch(combo.get(e.key)?.node, e)),
      );
    }
  }
  const include = matrix.get('include');
  if (include?.isSeq) {
    const base = combos.filter((c) => c.size > 0);
    const added: MatrixCombination[] = [];
    for (const extra of include.items()) {
      if (!extra.isMap) {
        unresolved = true;
        continue;
      }
      const pairs = extra.entries().filter((e) => e.key !== undefined);
      let matched = false;
      for (const combo of base) {
        const conflicts = pairs.some(
          (e) => originalKeys.has(e.key!) && combo.has(e.key!) && combo.get(e.key!)?.value !== (e.text ?? ''),
        );
        if (conflicts) continue;
        matched = true;
        for (const e of pairs) {
          if (!originalKeys.has(e.key!) || !combo.has(e.key!)) combo.set(e.key!, { value: e.text ?? '', node: e });
        }
      }
      if (!matched && added.length + base.length < MAX_COMBINATIONS) {
        added.push(new Map(pairs.map((e) => [e.key!, { value: e.text ?? '', node: e }])));
      }
    }
    combos = [...base, ...added];
  } else if (include && !include.isSeq) {
    unresolved = true;
  }
  combos = combos.filter((c) => c.size > 0);
  if (combos.length === 0) return { unresolved: true };
  return { combinations: combos, unresolved };
}

/**
 * GitHub's `exclude`/`include` matching: scalars compare equal as text; a map in the rule matches a
 * map value when every key it names matches (a partial match).
 */
function partialMatch(value: YNode | undefined, rule: YNode): boolean {
  if (!value) return false;
  if (rule.isMap) {
    if (!value.isMap) return false;
    return rule.entries().every((e) => e.key !== undefined && partialMatch(value.get(e.key), e));
  }
  return value.text === rule.text;
}

const MATRIX_REF = /^\$\{\{\s*(?:matrix|MATRIX|Matrix)((?:\.[A-Za-z0-9_-]+)+)\s*\}\}$/;

/** Resolves a `${{ matrix.a.b }}` expression against one combination, or undefined. */
export function resolveMatrixRef(text: string, combo: MatrixCombination | undefined): YNode | undefined | null {
  const m = MATRIX_REF.exec(text.trim());
  if (!m) return null; // not a (pure) matrix reference
  if (!combo) return undefined;
  const path = (m[1] ?? '').slice(1).split('.');
  // Expression property access is case-insensitive in GitHub Actions.
  const headKey = [...combo.keys()].find((k) => k.toLowerCase() === (path[0] ?? '').toLowerCase());
  const head = headKey === undefined ? undefined : combo.get(headKey);
  if (!head) return undefined;
  let node: YNode | undefined = head.node;
  for (const key of path.slice(1)) {
    const actual: string | undefined = node?.keys().find((k) => k.toLowerCase() === key.toLowerCase());
    node = actual === undefined ? undefined : node?.get(actual);
  }
  return node;
}

function labelsOf(node: YNode, combo: MatrixCombination | undefined, choice: RunnerChoice): void {
  for (const item of node.list()) {
    const text = item.text;
    if (text === undefined) continue;
    if (!EXPRESSION.test(text)) {
      choice.labels.push({ value: text, node: item });
      continue;
    }
    const resolved = resolveMatrixRef(text, combo);
    if (resolved) {
      for (const v of resolved.list()) {
        if (v.text !== undefined) {
          const label: RunnerLabel = { value: v.text, node: item, valueNode: v, fromMatrix: text.trim() };
          choice.labels.push(label);
        }
      }
    } else {
      choice.unresolved ??= { value: text, node: item };
    }
  }
}

/** `runs-on` as label sets: string, list, `{group, labels}`, matrix references resolved. */
export function readRunsOn(node: YNode | undefined, matrix: MatrixCombination[] | undefined): RunsOn | undefined {
  if (!node) return undefined;
  const combos: (MatrixCombination | undefined)[] = matrix && matrix.length > 0 ? matrix : [undefined];
  const usesMatrix = /matrix\./.test(node.doc.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0));
  const choices: RunnerChoice[] = [];
  const seen = new Set<string>();
  for (const combo of usesMatrix ? combos : [undefined]) {
    const choice: RunnerChoice = { labels: [] };
    if (node.isMap) {
      const group = node.get('group');
      if (group?.text !== undefined) choice.group = { value: group.text, node: group };
      const labels = node.get('labels');
      if (labels) labelsOf(labels, combo, choice);
    } else {
      labelsOf(node, combo, choice);
    }
    const key = JSON.stringify([choice.group?.value, choice.labels.map((l) => l.value), choice.unresolved?.value]);
    if (seen.has(key)) continue;
    seen.add(key);
    choices.push(choice);
  }
  return { node, choices };
}
