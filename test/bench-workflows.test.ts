/**
 * Robustness over the 846 real workflows in ../shared/bench/workflows (most don't publish): each
 * lints with every rule without an exception or an internal error, in batches (so a failure names
 * a small set of files) and all together in one repository (as `npm run bench` lints them).
 * No timing here: speed is measured by bench/bench.mjs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/api.js';
import { MemoryFs } from '../src/fs/source.js';
import { requireShared } from './shared.js';

const benchWorkflows = requireShared('bench/workflows', 'test/bench-workflows.test.ts');
const names = benchWorkflows
  ? readdirSync(benchWorkflows)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort()
  : [];
const contents = new Map(names.map((n) => [n, readFileSync(path.join(benchWorkflows!, n), 'utf8')]));

const BATCH = 50;

async function lintWorkflows(batch: readonly string[]): Promise<void> {
  const files: Record<string, string> = {};
  for (const name of batch) files[`.github/workflows/${name}`] = contents.get(name) ?? '';
  const outcome = await lint({ fs: new MemoryFs(files), rules });
  if (!outcome.ok) throw new Error(`config errors: ${outcome.configErrors.map((e) => e.message).join('; ')}`);
  expect(outcome.internalErrors).toEqual([]);
  // Every file became a workflow (kept, or checked while loading and dropped) or a recorded
  // problem: nothing was dropped silently.
  const seen = new Set([...outcome.project.workflows.map((w) => w.file), ...(outcome.project.streamed ?? []), ...outcome.project.problems.map((p) => p.file)]);
  expect(Object.keys(files).filter((f) => !seen.has(f))).toEqual([]);
}

describe.skipIf(!benchWorkflows)('bench workflows', () => {
  it('has all 846 files', () => {
    expect(names).toHaveLength(846);
  });

  for (let start = 0; start < names.length; start += BATCH) {
    const batch = names.slice(start, start + BATCH);
    it(`lint ${batch[0]} … ${batch[batch.length - 1]}`, async () => {
      await lintWorkflows(batch);
    });
  }

  it('lint all of them in one repository', async () => {
    await lintWorkflows(names);
  });
});
