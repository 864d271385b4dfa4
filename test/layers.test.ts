/**
 * The layers of docs/ARCHITECTURE.md, enforced on the import statements of every source file:
 * each unit imports only from units below it (type-only imports included: a type that must be
 * imported upwards is in the wrong layer), there is no cycle between units, and a rule folder imports
 * no other rule folder. The import graph is read from the source text (static `import`/`export ...
 * from` and dynamic `import('...')` with a relative path); bare package imports are not layers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectSourceFiles } from './source-files.js';

const ROOT = PROJECT_ROOT;

/**
 * Bottom to top. Units on the same line are independent of each other: neither may import the other.
 * `src/model` is one unit here (its subfolders are checked below).
 */
const LAYERS: string[][] = [
  ['src/fs'],
  ['src/yaml'],
  ['src/model', 'src/diagnostics'],
  ['src/config'],
  ['src/facts', 'src/fix'],
  ['src/engine'],
  ['rules', 'src/api.ts'],
  ['src/registry', 'src/formatters', 'src/autofix.ts'],
  ['src/init', 'src/runtime'],
  ['src/cli', 'src/eslint-plugin', 'src/index.ts'],
  ['src/action'],
];
const RANK = new Map(LAYERS.flatMap((units, rank) => units.map((unit) => [unit, rank] as const)));

/**
 * The sub-layers of `src/model`, bottom to top (docs/ARCHITECTURE.md, "Inside the model"): the dated
 * data tables; the neutral base (`core/`: problems, text, git, inputs, limits, publisher types); npm
 * knowledge that holds for every provider (`npm/`: shell, publish commands, registry, Node and npm
 * versions, the provider-neutral publish site); the three providers, independent of each other; and
 * the files directly in `src/model/` (`model/*`): loading (`project.ts`), `ProjectFacts` and the
 * provider union types, which may import everything below.
 */
const MODEL_LAYERS: string[][] = [
  ['model/data'],
  ['model/core'],
  ['model/npm'],
  ['model/github', 'model/gitlab', 'model/circleci'],
  ['model/*'],
];
const MODEL_RANK = new Map(MODEL_LAYERS.flatMap((units, rank) => units.map((unit) => [unit, rank] as const)));

/** The model sub-layer of a file under src/model: its subfolder (`model/npm`), or `model/*` for a file directly in src/model. */
function modelUnitOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 3 ? `model/${parts[2]}` : 'model/*';
}

/** The edges between two different model sub-layers that do not go strictly downwards. */
function modelUpward(edges: readonly ImportEdge[]): ImportEdge[] {
  return edges.filter((e) => {
    if (!e.from.startsWith('src/model/') || !e.to.startsWith('src/model/')) return false;
    const a = modelUnitOf(e.from);
    const b = modelUnitOf(e.to);
    return a !== b && (MODEL_RANK.get(b) ?? Infinity) >= (MODEL_RANK.get(a) ?? -Infinity);
  });
}

/** The cycles between model sub-layers of an import graph. */
function modelCycles(edges: readonly ImportEdge[]): string[][] {
  const inModel = edges.filter((e) => e.from.startsWith('src/model/') && e.to.startsWith('src/model/'));
  const units = [...new Set(inModel.flatMap((e) => [modelUnitOf(e.from), modelUnitOf(e.to)]))];
  const next = (u: string): Set<string> =>
    new Set(inModel.filter((e) => modelUnitOf(e.from) === u && modelUnitOf(e.to) !== u).map((e) => modelUnitOf(e.to)));
  return cycles(units, next);
}

interface ImportEdge {
  from: string;
  to: string;
  line: number;
  spec: string;
}

const IMPORT = /^\s*(?:import|export)\s[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'|\bimport\('(\.{1,2}\/[^']+)'\)/gm;

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const edges: ImportEdge[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2])!;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts');
    edges.push({ from: file, to: target, spec, line: text.slice(0, m.index).split('\n').length });
  }
  return edges;
}

/** The unit a file belongs to: the first two path segments (`src/model`, `src/api.ts`), or `rules`. */
function unitOf(file: string): string {
  const parts = file.split('/');
  return parts[0] === 'rules' ? 'rules' : parts.slice(0, 2).join('/');
}

const FILES = projectSourceFiles();
const EDGES = FILES.flatMap(importsOf);
const where = (e: ImportEdge): string => `${e.from}:${e.line} imports ${e.spec}`;

/** Strongly connected components with more than one member (Tarjan), as sorted name lists. */
function cycles(nodes: string[], next: (n: string) => Iterable<string>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

describe('layers', () => {
  it('reads a plausible import graph', () => {
    // Guards the regular expression: a broken one would make every other check pass vacuously.
    expect(FILES.length).toBeGreaterThan(100);
    expect(EDGES.length).toBeGreaterThan(FILES.length);
    expect(EDGES.some((e) => e.from === 'src/api.ts' && e.to === 'src/engine/run.ts')).toBe(true);
  });

  it('knows every unit', () => {
    const unknown = [...new Set(FILES.map(unitOf))].filter((u) => !RANK.has(u));
    expect(unknown, 'a new top-level folder or file: give it a place in LAYERS and in docs/ARCHITECTURE.md').toEqual([]);
  });

  it('imports only downwards', () => {
    const upward = EDGES.filter((e) => {
      const a = unitOf(e.from);
      const b = unitOf(e.to);
      return a !== b && (RANK.get(b) ?? Infinity) >= (RANK.get(a) ?? -Infinity);
    }).map((e) => `${where(e)} (${unitOf(e.from)} may not import ${unitOf(e.to)})`);
    expect(upward).toEqual([]);
  });

  it('has no cycle between units', () => {
    const units = [...RANK.keys()];
    const next = (u: string): Set<string> =>
      new Set(EDGES.filter((e) => unitOf(e.from) === u && unitOf(e.to) !== u).map((e) => unitOf(e.to)));
    expect(cycles(units, next)).toEqual([]);
  });

  it('keeps each rule folder to itself', () => {
    const crossing = EDGES.filter((e) => {
      const [top, folder] = e.from.split('/');
      const [ttop, tfolder] = e.to.split('/');
      return top === 'rules' && ttop === 'rules' && folder !== 'index.ts' && tfolder !== folder;
    }).map(where);
    expect(crossing, 'shared rule code belongs in src/model (a fact) or src/engine (a helper)').toEqual([]);
  });

  it('keeps the dated data tables a leaf of the model', () => {
    const outward = EDGES.filter((e) => e.from.startsWith('src/model/data/') && !e.to.startsWith('src/model/data/')).map(where);
    expect(outward).toEqual([]);
  });

  it('knows every model sub-layer', () => {
    const unknown = [...new Set(FILES.filter((f) => f.startsWith('src/model/')).map(modelUnitOf))].filter((u) => !MODEL_RANK.has(u));
    expect(unknown, 'a new folder in src/model: give it a place in MODEL_LAYERS and in docs/ARCHITECTURE.md').toEqual([]);
  });

  it('imports only downwards inside the model', () => {
    const upward = modelUpward(EDGES).map((e) => `${where(e)} (${modelUnitOf(e.from)} may not import ${modelUnitOf(e.to)})`);
    expect(upward).toEqual([]);
  });

  it('has no cycle between model sub-layers', () => {
    expect(modelCycles(EDGES)).toEqual([]);
  });

  it('finds the model violations it is written to find', () => {
    // A made-up graph: npm imports github (upward), github imports gitlab (same layer, which must
    // stay independent), gitlab imports github back (a cycle), the top imports npm (allowed).
    const edge = (from: string, to: string): ImportEdge => ({ from, to, spec: to, line: 1 });
    const fake = [
      edge('src/model/npm/a.ts', 'src/model/github/b.ts'),
      edge('src/model/github/b.ts', 'src/model/gitlab/c.ts'),
      edge('src/model/gitlab/c.ts', 'src/model/github/b.ts'),
      edge('src/model/facts.ts', 'src/model/npm/a.ts'),
      edge('src/model/core/d.ts', 'src/model/data/e.ts'),
    ];
    expect(modelUpward(fake).map((e) => `${e.from} -> ${e.to}`)).toEqual([
      'src/model/npm/a.ts -> src/model/github/b.ts',
      'src/model/github/b.ts -> src/model/gitlab/c.ts',
      'src/model/gitlab/c.ts -> src/model/github/b.ts',
    ]);
    expect(modelCycles(fake)).toEqual([['model/github', 'model/gitlab']]);
    expect(modelUnitOf('src/model/project.ts')).toBe('model/*');
    expect(modelUnitOf('src/model/npm/shell.ts')).toBe('model/npm');
  });

  it('finds the violations it is written to find', () => {
    // The checks above applied to a made-up graph: an upward import and a two-unit cycle.
    const fake: ImportEdge[] = [
      { from: 'src/model/x.ts', to: 'src/engine/run.ts', spec: '../engine/run.js', line: 1 },
      { from: 'src/engine/run.ts', to: 'src/model/x.ts', spec: '../model/x.js', line: 1 },
    ];
    const up = fake.filter((e) => (RANK.get(unitOf(e.to)) ?? 0) >= (RANK.get(unitOf(e.from)) ?? 0));
    expect(up.map((e) => e.from)).toEqual(['src/model/x.ts']);
    const next = (u: string): string[] => fake.filter((e) => unitOf(e.from) === u).map((e) => unitOf(e.to));
    expect(cycles(['src/model', 'src/engine'], next)).toEqual([['src/engine', 'src/model']]);
  });
});
