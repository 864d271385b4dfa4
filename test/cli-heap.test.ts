import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../src/fs/source.js';
import { SLOW_HEAP_GROWTH_FROM, tuneHeapFor } from '../src/cli/heap.js';
import { MAX_WORKFLOW_FILES } from '../src/model/core/limits.js';

describe('slow heap growth for large repositories (src/cli/heap.ts)', () => {
  const repo = (n: number, other = 0): MemoryFs => {
    const files: Record<string, string> = { 'package.json': '{}' };
    for (let i = 0; i < n; i++) files[`.github/workflows/w${i}.yml`] = 'on: push\n';
    for (let i = 0; i < other; i++) files[`.github/workflows/notes${i}.md`] = 'x';
    return new MemoryFs(files);
  };

  it('starts where the loader stops keeping every workflow', () => {
    expect(SLOW_HEAP_GROWTH_FROM).toBe(MAX_WORKFLOW_FILES);
  });

  // The flag, once set, stays for the process: the below-threshold cases run first.
  it('counts only workflow files, and leaves smaller repositories alone', () => {
    expect(tuneHeapFor(repo(0), 3)).toBe(false);
    expect(tuneHeapFor(repo(2, 5), 3)).toBe(false);
    expect(tuneHeapFor(new MemoryFs({ 'package.json': '{}' }), 3)).toBe(false);
  });

  it('sets it from the threshold on', () => {
    expect(tuneHeapFor(repo(3), 3)).toBe(true);
  });
});
