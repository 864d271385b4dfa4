/**
 * The README's rule table is generated from the registry, so it cannot drift: this test fails when
 * they differ, and rewrites the table when run with UPDATE_README=1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';

const README = path.resolve(import.meta.dirname, '../README.md');
const START = '<!-- rules-table:start -->';
const END = '<!-- rules-table:end -->';

const PROVIDERS: Record<string, string> = { github: 'GitHub', gitlab: 'GitLab', circleci: 'CircleCI', package: 'package' };

export function rulesTable(): string {
  const rows = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(
      (r) =>
        `| [\`${r.id}\`](rules/${r.id}/${r.id}.md) | ${r.meta.providers.map((p: string) => PROVIDERS[p] ?? p).join(', ')} | \`${r.meta.severity}\` | ${r.meta.summary} |`,
    );
  return ['| rule | provider | default | checks |', '|---|---|---|---|', ...rows].join('\n');
}

describe('README', () => {
  it('lists every rule with its severity and summary', () => {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const current = text.slice(start + START.length, end).trim();
    const wanted = rulesTable();
    if (current !== wanted && process.env.UPDATE_README === '1') {
      writeFileSync(README, `${text.slice(0, start + START.length)}\n${wanted}\n${text.slice(end)}`);
      return;
    }
    expect(current, 'README rule table is stale: run UPDATE_README=1 npx vitest run test/readme.test.ts').toBe(wanted);
  });

  it('first screen gives the install, run and test commands', () => {
    const firstScreen = readFileSync(README, 'utf8').split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toContain('npm ci && npm run build && node bin/tp-doctor.js fixtures/repos/');
    expect(firstScreen).toContain('npm test');
    expect(firstScreen).toMatch(/bin\/tp-doctor\.js fixtures\/repos\/[a-z0-9-]+/);
  });

  it('names a fixture that exists and fails', async () => {
    const m = /bin\/tp-doctor\.js (fixtures\/repos\/[a-z0-9-]+)/.exec(readFileSync(README, 'utf8'));
    const { existsSync } = await import('node:fs');
    expect(m && existsSync(path.resolve(import.meta.dirname, '..', m[1]!))).toBe(true);
  });
});
