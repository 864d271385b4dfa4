import { describe, expect, it, vi } from 'vitest';
import { missingCall, type CallListing } from './missing-calls.js';
import type { Job } from './types.js';

const job = (localPath: string): Job => ({ uses: { localPath } }) as unknown as Job;

describe('missingCall', () => {
  it('sorts the workflow names of a listing once, however many jobs call a missing workflow', () => {
    // The 20,000-file run: each job's call made its own sorted copy of 20,000 names (bench/README.md).
    const entries = [
      { name: 'release.yml', isDir: false },
      { name: 'Build.yml', isDir: false },
      { name: 'notes.md', isDir: false },
    ];
    const filter = vi.spyOn(entries, 'filter');
    const repo: CallListing = { list: (dir) => (dir === '.github/workflows' ? entries : undefined), exists: () => false };
    expect(missingCall(job('.github/workflows/release.yaml'), repo)).toEqual({
      path: '.github/workflows/release.yaml',
      near: { kind: 'otherExtension', path: '.github/workflows/release.yml' },
    });
    expect(missingCall(job('.github/workflows/build.yml'), repo)).toEqual({
      path: '.github/workflows/build.yml',
      near: { kind: 'caseMismatch', path: '.github/workflows/Build.yml' },
    });
    expect(missingCall(job('.github/workflows/other.yml'), repo)).toBeUndefined();
    expect(missingCall(job('.github/workflows/release.yml'), repo)).toBeUndefined();
    expect(filter).toHaveBeenCalledTimes(1);
  });
});
