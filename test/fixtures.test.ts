/**
 * Fixture repositories under fixtures/repos/<scenario>/ carry their expectations as comments on
 * the offending lines: `# expect: rule-id` (several ids separated by commas). This test lints each
 * repository from disk, exactly as the CLI does, and checks that markers and diagnostics agree in
 * both directions. Scenarios named `ok-*` must produce no diagnostics at all. Files that cannot
 * carry comments (package.json) get their expectations from an `expect.txt` at the scenario's root:
 * one `file:line rule-id` per line (`#` starts a comment line).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/api.js';
import { DiskFs } from '../src/fs/source.js';

const ROOT = path.resolve(import.meta.dirname, '../fixtures/repos');
const EXPECT_FILE = 'expect.txt';
const MARKER = /#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

function walk(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, child));
    else if (entry.isFile()) out.push(child);
  }
  return out;
}

function expectations(repo: string): string[] {
  const out: string[] = [];
  for (const file of walk(repo)) {
    if (!/\.(ya?ml)$|(^|\/)\.npmrc$|(^|\/)\.nvmrc$/.test(file)) continue;
    readFileSync(path.join(repo, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = MARKER.exec(line);
        if (!m) return;
        for (const id of (m[1] ?? '').split(',')) out.push(`${file}:${i + 1} ${id.trim()}`);
      });
  }
  out.push(...expectFile(repo));
  return out.sort();
}

/** Expectations listed in `expect.txt` (for files without comments, such as package.json). */
function expectFile(repo: string): string[] {
  let text: string;
  try {
    text = readFileSync(path.join(repo, EXPECT_FILE), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      if (!/^\S+:\d+ [a-z0-9-]+$/.test(line)) throw new Error(`${EXPECT_FILE}: expected "file:line rule-id", got "${line}"`);
      return line;
    });
}

const scenarios = readdirSync(ROOT).filter((name) => statSync(path.join(ROOT, name)).isDirectory());

describe('fixture repositories', () => {
  it('exist', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  for (const scenario of scenarios) {
    it(scenario, async () => {
      const repo = path.join(ROOT, scenario);
      const outcome = await lint({ fs: new DiskFs(repo), rules });
      if (!outcome.ok) throw new Error(outcome.configErrors.map((e) => e.message).join('; '));
      expect(outcome.internalErrors).toEqual([]);
      const got = outcome.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`).sort();
      if (scenario.startsWith('ok-')) {
        expect(got).toEqual([]);
      } else {
        const want = expectations(repo);
        expect(want.length, 'a failing scenario needs at least one # expect: marker').toBeGreaterThan(0);
        expect(got).toEqual(want);
      }
    });
  }
});
