import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskFs, MemoryFs } from '../src/fs/source.js';
import { LARGE_DIR_BYTES, SLOW_HEAP_GROWTH_FROM, tuneHeapFor, YOUNG_GENERATION_CAP_MIB, youngGenerationCap, type V8Flags } from '../src/cli/heap.js';
import { MAX_WORKFLOW_FILES } from '../src/model/core/limits.js';

const MIB = 1024 * 1024;

/** A stand-in for `node:v8`: records the flags set, reports the young generation's size. */
function fakeV8(newSpaceMib: number[]): V8Flags & { flags: string[]; loads: number } {
  const v8 = {
    flags: [] as string[],
    loads: 0,
    setFlagsFromString(flags: string) {
      v8.flags.push(flags);
    },
    getHeapSpaceStatistics() {
      const size = newSpaceMib.length > 1 ? newSpaceMib.shift()! : newSpaceMib[0]!;
      return [
        { space_name: 'old_space', space_size: 100 * MIB },
        { space_name: 'new_space', space_size: size * MIB },
      ];
    },
  };
  return v8;
}

describe('heap tuning for large repositories (src/cli/heap.ts)', () => {
  const repo = (n: number, other = 0): MemoryFs => {
    const files: Record<string, string> = { 'package.json': '{}' };
    for (let i = 0; i < n; i++) files[`.github/workflows/w${i}.yml`] = 'on: push\n';
    for (let i = 0; i < other; i++) files[`.github/workflows/notes${i}.md`] = 'x';
    return new MemoryFs(files);
  };
  const dirs: string[] = [];
  const diskRepo = (n: number): DiskFs => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tpd-heap-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
    // Long names, so that the directory's size crosses LARGE_DIR_BYTES on every file system.
    for (let i = 0; i < n; i++) writeFileSync(path.join(dir, '.github', 'workflows', `${'w'.repeat(200)}-${i}.yml`), 'on: push\n');
    return new DiskFs(dir);
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('starts where the loader stops keeping every workflow', () => {
    expect(SLOW_HEAP_GROWTH_FROM).toBe(MAX_WORKFLOW_FILES);
  });

  // Every case gives its own V8 stand-in; the real flags are never set here.
  it('counts only workflow files, and leaves smaller repositories alone without loading node:v8', () => {
    const v8 = fakeV8([4]);
    const load = () => (v8.loads++, v8);
    expect(tuneHeapFor(repo(0), { from: 3, v8: load })).toBe(false);
    expect(tuneHeapFor(repo(2, 5), { from: 3, v8: load })).toBe(false);
    expect(tuneHeapFor(new MemoryFs({ 'package.json': '{}' }), { from: 3, v8: load })).toBe(false);
    expect(tuneHeapFor(diskRepo(2), { from: 3, v8: load, nodeOptions: '' })).toBe(false);
    expect(v8.loads).toBe(0);
  });

  it('holds the young generation while a large folder is listed, and lets go when it holds too few workflows', () => {
    const fs = diskRepo(300);
    expect(fs.dirBytes('.github/workflows')).toBeGreaterThanOrEqual(LARGE_DIR_BYTES);
    const v8 = fakeV8([4]);
    expect(tuneHeapFor(fs, { from: 1000, v8: () => v8, nodeOptions: '' })).toBe(false);
    expect(v8.flags).toEqual(['--semi-space-growth-factor=1', '--semi-space-growth-factor=2']);
    expect(fs.beforeRead).toBeUndefined();
  });

  it.each(['--max-semi-space-size=4', '--semi-space-growth-factor=3', '--min_semi_space_size=2'])('leaves the young generation to a user who set %s', (option) => {
    const v8 = fakeV8([4]);
    expect(tuneHeapFor(diskRepo(300), { from: 1000, v8: () => v8, nodeOptions: `--enable-source-maps ${option}` })).toBe(false);
    expect(v8.flags).toEqual([]);
  });

  it('from the threshold on: slow old-generation growth, and the young generation capped as files are read', () => {
    const fs = diskRepo(300);
    const v8 = fakeV8([4, 8, YOUNG_GENERATION_CAP_MIB, 2]);
    expect(tuneHeapFor(fs, { from: 300, v8: () => v8, nodeOptions: '' })).toBe(true);
    expect(v8.flags).toEqual(['--semi-space-growth-factor=1', '--heap-growing-percent=10', '--semi-space-growth-factor=1']);
    expect(fs.beforeRead).toBeTypeOf('function');
    // Once tuned, the process stays tuned (the flags are the process's).
    expect(tuneHeapFor(repo(0), { from: 300, v8: () => v8 })).toBe(true);
    fs.read('package.json'); // set-up reads do not start the growth
    expect(v8.flags).toHaveLength(3);
    const workflows = fs.readDir('.github/workflows');
    if (!workflows.ok) throw new Error('listing failed');
    const names = workflows.entries.map((e) => `.github/workflows/${e.name}`);
    expect(fs.read(names[0]!).ok).toBe(true); // 4 MiB: grows from here
    expect(v8.flags.at(-1)).toBe('--semi-space-growth-factor=2');
    fs.read(names[1]!); // 8 MiB: still growing
    expect(v8.flags).toHaveLength(4);
    fs.read(names[2]!); // the cap: held, and no more checks
    expect(v8.flags.at(-1)).toBe('--semi-space-growth-factor=1');
    expect(fs.beforeRead).toBeUndefined();
    expect(fs.read(names[3]!).ok).toBe(true);
    expect(v8.flags).toHaveLength(5);
  });
});

describe('youngGenerationCap', () => {
  it('holds at once when the young generation is already at its cap', () => {
    const v8 = fakeV8([32]);
    let done = 0;
    const check = youngGenerationCap(v8, () => done++);
    check('.github/workflows/a.yml');
    expect(v8.flags).toEqual(['--semi-space-growth-factor=1', '--semi-space-growth-factor=1']);
    expect(done).toBe(1);
  });
});
