/**
 * The project's TypeScript sources under src/ and rules/, as repository-relative paths: the one
 * walk that test/layers.test.ts, test/size.test.ts and test/model/start-up.test.ts read.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A source file, not a test or a declaration file. */
export const isSource = (rel: string): boolean => rel.endsWith('.ts') && !rel.endsWith('.test.ts') && !rel.endsWith('.d.ts');

function walk(dir: string, keep: (rel: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(PROJECT_ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(PROJECT_ROOT, rel)).isDirectory()) out.push(...walk(rel, keep));
    else if (keep(rel)) out.push(rel);
  }
  return out;
}

/** The files under src/ and rules/ that `keep` accepts (by default the sources: `isSource`). */
export function projectSourceFiles(keep: (rel: string) => boolean = isSource): string[] {
  return [...walk('src', keep), ...walk('rules', keep)];
}
