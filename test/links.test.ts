/**
 * Links in the documentation: every relative link in README.md, docs/**, the rule pages, the
 * examples and the other Markdown files resolves to a file (and a heading, for `#anchor` links);
 * and every file a packed document links to is in the package (`npm pack --dry-run --json`), so
 * the README and the shipped pages read the same from node_modules and on npmjs.com.
 * package.json names the repository, the issue tracker and the home page.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_URL } from '../src/diagnostics/docs-url.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function walk(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(path.join(ROOT, dir))) return [];
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? walk(rel, keep) : keep(rel) ? [rel] : [];
  });
}

/** The documents whose links are checked. */
const DOCUMENTS = [
  'README.md',
  'CHANGELOG.md',
  ...walk('docs', (f) => f.endsWith('.md')),
  ...walk('rules', (f) => f.endsWith('.md')),
  ...walk('examples', () => true),
  ...walk('src', (f) => f.endsWith('.md')),
  ...walk('bench', (f) => f.endsWith('.md')),
  ...walk('test', (f) => f.endsWith('.md')),
].sort();

interface Link {
  from: string;
  line: number;
  target: string;
}

/** Markdown links `[text](target)` outside fenced code blocks; external and mail links left out. */
export function relativeLinks(file: string, text: string): Link[] {
  const out: Link[] = [];
  let fenced = false;
  text.split('\n').forEach((line, i) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) return;
    for (const m of line.replace(/`[^`]*`/g, (code) => (code.includes('](') ? code : ' '.repeat(code.length))).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      out.push({ from: file, line: i + 1, target });
    }
  });
  return out;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as `-`. */
export function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const slug = m[1]!
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let unique = slug;
    for (let n = 1; out.has(unique); n++) unique = `${slug}-${n}`;
    out.add(unique);
  }
  return out;
}

/** The repository-relative file (or folder) a link points at, and its anchor. */
function resolve(link: Link): { file: string; anchor?: string } {
  const [pathPart, anchor] = link.target.split('#', 2) as [string, string | undefined];
  const file = pathPart === '' ? link.from : path.posix.normalize(path.posix.join(path.posix.dirname(link.from), decodeURIComponent(pathPart)));
  return { file: file.replace(/\/$/, ''), anchor };
}

const links = DOCUMENTS.flatMap((file) => relativeLinks(file, readFileSync(path.join(ROOT, file), 'utf8')));

describe('relative links', () => {
  it('finds the documents and their links', () => {
    expect(DOCUMENTS).toContain('README.md');
    expect(DOCUMENTS).toContain('src/eslint-plugin/README.md');
    expect(links.length).toBeGreaterThan(30);
  });

  it('resolve to a file or folder inside the repository', () => {
    const broken = links.filter((l) => {
      const { file } = resolve(l);
      return file.startsWith('..') || !existsSync(path.join(ROOT, file));
    });
    expect(broken.map((l) => `${l.from}:${l.line} ${l.target}`)).toEqual([]);
  });

  it('point at headings that exist', () => {
    const broken = links.filter((l) => {
      const { file, anchor } = resolve(l);
      if (!anchor || !file.endsWith('.md') || !existsSync(path.join(ROOT, file))) return false;
      return !anchors(readFileSync(path.join(ROOT, file), 'utf8')).has(anchor);
    });
    expect(broken.map((l) => `${l.from}:${l.line} ${l.target}`)).toEqual([]);
  });

  it('computes anchors the way GitHub does', () => {
    expect([...anchors('# A\n## Use it in CI\n### husky and lint-staged\n## `--format` json!\n## A\n```\n# not\n```\n')]).toEqual([
      'a',
      'use-it-in-ci',
      'husky-and-lint-staged',
      '--format-json',
      'a-1',
    ]);
  });
});

describe('the package', () => {
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  const packed = new Set((JSON.parse(pack.stdout || '[{"files":[]}]') as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));

  it('ships every file its documents link to', () => {
    expect(pack.status, pack.stderr).toBe(0);
    expect(packed.has('README.md')).toBe(true);
    const missing = links
      .filter((l) => packed.has(l.from))
      .map((l) => ({ link: l, file: resolve(l).file }))
      .filter(({ file }) => {
        const isDir = existsSync(path.join(ROOT, file)) && statSync(path.join(ROOT, file)).isDirectory();
        return isDir ? ![...packed].some((p) => p.startsWith(`${file}/`)) : !packed.has(file);
      });
    expect(missing.map(({ link, file }) => `${link.from}:${link.line} ${link.target} -> ${file}`)).toEqual([]);
    // The plugin's own page is linked from the README.
    expect(packed.has('src/eslint-plugin/README.md')).toBe(true);
  });

  it('names its repository, issue tracker and home page', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      repository?: { type?: string; url?: string };
      bugs?: { url?: string };
      homepage?: string;
    };
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY_URL}.git` });
    expect(pkg.bugs?.url).toBe(`${REPOSITORY_URL}/issues`);
    expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`);
  });
});
