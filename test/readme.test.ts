/**
 * The README's rule table is generated from the registry, so it cannot drift: this test fails when
 * they differ, and rewrites the table when run with UPDATE_README=1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { run } from '../src/cli/main.js';

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

  it('shows the real output of its first example (UPDATE_README=1 rewrites it)', async () => {
    const text = readFileSync(README, 'utf8');
    const command = /node bin\/tp-doctor\.js (fixtures\/repos\/[a-z0-9-]+)/.exec(text);
    expect(command).not.toBeNull();
    const block = /\n```text\n([\s\S]*?)\n```\n/.exec(text);
    expect(block).not.toBeNull();
    let stdout = '';
    const code = await run([command![1]!], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: () => undefined,
      env: {},
      isTTY: false,
      cwd: path.resolve(import.meta.dirname, '..'),
    });
    expect(code).toBe(1);
    const actual = stdout.trimEnd();
    if (actual !== block![1] && process.env.UPDATE_README === '1') {
      writeFileSync(README, text.replace(block![0], `\n\`\`\`text\n${actual}\n\`\`\`\n`));
      return;
    }
    expect(block![1], 'README sample output is stale: run UPDATE_README=1 npx vitest run test/readme.test.ts').toBe(actual);
  });

  it('first screen says the package is not published yet and points at the install instructions', () => {
    const firstScreen = readFileSync(README, 'utf8').split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toContain('not\npublished yet');
    expect(firstScreen).toContain('[Install](#install)');
  });

  it('gives install commands that work today: from a clone, a tarball, a pre-commit repo path', () => {
    const text = readFileSync(README, 'utf8');
    const version = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }).version;
    expect(text).toContain('npm ci && npm run build && npm pack');
    expect(text).toContain(`npm install --save-dev /path/to/tp-doctor/tp-doctor-${version}.tgz`);
    expect(text).toMatch(/- repo: \/path\/to\/tp-doctor +# a clone; any git URL works too\n +rev: [0-9a-f]{40} +#/);
  });

  it('marks every command that needs the published package or tags "after the first release"', () => {
    const lines = readFileSync(README, 'utf8').split('\n');
    // Headings outside code blocks (a `# comment` in a YAML block is not one).
    let fenced = false;
    const heading = lines.map((line) => {
      if (/^\s*```/.test(line)) fenced = !fenced;
      return !fenced && /^#{1,6} /.test(line);
    });
    const published = /npx (?:--yes )?tp-doctor@|npm i(?:nstall)? (?:-D|--save-dev) (?:eslint )?tp-doctor(?![-\w/])|rev: v\d|tp-doctor\/tp-doctor@/;
    const unmarked: string[] = [];
    lines.forEach((line, i) => {
      if (!published.test(line)) return;
      // The section (between headings) that holds the line must say when it works.
      let start = i;
      while (start > 0 && !heading[start]) start--;
      let end = i + 1;
      while (end < lines.length && !heading[end]) end++;
      if (!/first release/i.test(lines.slice(start, end).join('\n'))) unmarked.push(`README.md:${i + 1}: ${line.trim()}`);
    });
    expect(unmarked).toEqual([]);
  });

  it('recommends the `yaml` language id in VS Code and says why not the GitHub Actions one', () => {
    const text = readFileSync(README, 'utf8');
    expect(text).toContain('{ "eslint.validate": ["yaml"] }');
    expect(text).not.toContain('"eslint.validate": ["yaml", "github-actions-workflow"]');
    expect(text).toMatch(/falls back to `\/\/` and the quick fix breaks the YAML/);
  });

  it('names a fixture that exists and fails', async () => {
    const m = /bin\/tp-doctor\.js (fixtures\/repos\/[a-z0-9-]+)/.exec(readFileSync(README, 'utf8'));
    const { existsSync } = await import('node:fs');
    expect(m && existsSync(path.resolve(import.meta.dirname, '..', m[1]!))).toBe(true);
  });
});
