import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** test/golden: the expected formatter outputs. */
export const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');

const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The text of `test/golden/<name>`. */
export function readGolden(name: string): string {
  return readFileSync(path.join(GOLDEN_DIR, name), 'utf8');
}

/**
 * Compares `actual` with `test/golden/<name>` byte for byte. Goldens are written only when
 * UPDATE_GOLDEN=1; otherwise a missing golden fails the test instead of being created silently.
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    expect.fail(`golden file test/golden/${name} is missing; run with UPDATE_GOLDEN=1 to create it`);
  }
  expect(actual).toBe(readGolden(name));
}
