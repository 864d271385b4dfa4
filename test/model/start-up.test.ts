/**
 * The bundle's top level does only what every run needs (issue 17, bench/README.md "twenty-seventh
 * stop"): a regular expression with a Unicode property escape (`\p{ID_Continue}`, `\p{Mn}`) builds
 * an ICU set when it is created, 1 to 3 M instructions each, so one at a module's top level costs
 * every run that loads the module. They are made on first use (`src/model/core/lazy.ts`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectSourceFiles } from '../source-files.js';
import { NODE_RELEASES } from '../../src/model/data/node-releases.js';
import { resolveNodeSpec } from '../../src/model/npm/node-version.js';

const ROOT = PROJECT_ROOT;

/** Regular expression literals with `\p{…}`/`\P{…}` evaluated when the module loads (outside every function). */
function moduleLevelPropertyEscapes(file: string, text: string): string[] {
  if (!/\\[pP]\{/.test(text)) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral && /\\[pP]\{/.test(node.getText(source))) {
      found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${node.getText(source)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('start-up: the top level does only what every run needs', () => {
  it('finds a module-level property escape, and none inside a function', () => {
    const text = 'const A = /[\\p{L}]/u;\nconst B = lazy(() => /\\p{Mn}/u);\nfunction f() { return /\\P{L}/u; }\n';
    expect(moduleLevelPropertyEscapes('x.ts', text)).toEqual(['x.ts:1 /[\\p{L}]/u']);
  });

  it('no module of src/ or rules/ creates a Unicode property regular expression when it loads', () => {
    const found = projectSourceFiles().flatMap((file) => moduleLevelPropertyEscapes(file, readFileSync(path.join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('only src/model/core/semver.ts imports the semver package (the others go through it, so a run that compares no range never loads it)', () => {
    const direct = (text: string): boolean => /^import\s+(?!type\b)[^;]*from\s+'semver'/m.test(text);
    expect(direct("import semver from 'semver';\n")).toBe(true);
    expect(direct("import type { SemVer } from 'semver';\n")).toBe(false);
    const found = projectSourceFiles().filter((file) => file !== 'src/model/core/semver.ts' && direct(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the Node release table node-version.ts reads without sorting is in semver order', () => {
    // node-version.ts takes NODE_RELEASES as sorted; the newest of a line and an LTS alias rely on it.
    expect(resolveNodeSpec('24')).toEqual({ spec: '24', version: NODE_RELEASES.filter((r) => r.version.startsWith('24.')).at(-1)?.version });
    expect(resolveNodeSpec('node')).toEqual({ spec: 'node', version: NODE_RELEASES.at(-1)?.version });
  });
});
