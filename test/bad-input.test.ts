/**
 * Hostile and broken input (docs/domain.md: every one becomes a diagnostic or a clear one-line error,
 * never a stack trace, never a hang). Each case is a repository on disk, linted through `lint()`
 * with DiskFs (exact rule, message id and location) and through the CLI (exit code, no stack
 * trace on stderr).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/api.js';
import { run } from '../src/cli/main.js';
import { DiskFs } from '../src/fs/source.js';

const W = '.github/workflows';
const STACK_LINE = /^\s+at .+[(:]\d+/m;
const CI = 'on: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).error === undefined;

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-bad-input-'));
  made.push(dir);
  mkdirSync(path.join(dir, W), { recursive: true });
  return dir;
}

function write(dir: string, file: string, content: string | Uint8Array): string {
  const abs = path.join(dir, file);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}

/** Nine levels, each a list of nine aliases to the level before: 9^9 strings once expanded. */
function billionLaughs(): string {
  const names = 'abcdefghi';
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

function manyJobs(count: number): string {
  const out = ['on: push', 'permissions:', '  contents: read', 'jobs:'];
  for (let i = 0; i < count; i++) {
    out.push(`  job-${i}:`, '    runs-on: ubuntu-latest', '    steps:', `      - run: echo ${i}`);
  }
  return `${out.join('\n')}\n`;
}

interface Case {
  name: string;
  setup: (dir: string) => void;
  /** `ruleId/messageId@file:line:col-endLine:endCol` of every diagnostic. */
  want: string[];
  /** `data.detail` of the first diagnostic, when it matters. */
  detail?: string;
  exit: 0 | 1 | 2;
  /** For exit 2: the one line on stderr. */
  stderr?: RegExp;
  skip?: string;
}

const cases: Case[] = [
  {
    name: 'malformed YAML',
    setup: (dir) => write(dir, `${W}/release.yml`, 'on:\n  push:\n    tags: ["v*"\njobs: {}\n'),
    want: ['invalid-yaml/syntax@.github/workflows/release.yml:4:1-4:2'],
    exit: 1,
  },
  {
    name: 'duplicate keys',
    setup: (dir) => write(dir, `${W}/release.yml`, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n  a:\n    runs-on: ubuntu-latest\n'),
    want: ['invalid-yaml/duplicateKey@.github/workflows/release.yml:5:3-5:4'],
    detail: '"a" is repeated in the same mapping; keys must be unique',
    exit: 1,
  },
  {
    name: 'an alias bomb (billion laughs, 9 levels x 9 references)',
    setup: (dir) => write(dir, `${W}/release.yml`, billionLaughs()),
    want: ['invalid-yaml/aliasBomb@.github/workflows/release.yml:6:17-6:19'],
    detail: 'aliases expand the document to more than 200,000 nodes',
    exit: 1,
  },
  // A file tp-doctor could not read is a warning (exit 0): it did not see the content, so it cannot
  // know that a publish fails (docs/domain.md A.55).
  {
    name: 'a 5 MB workflow',
    setup: (dir) => write(dir, `${W}/release.yml`, `${CI}#${'x'.repeat(5 * 1024 * 1024 - CI.length - 2)}\n`),
    want: ['invalid-yaml/unreadable@.github/workflows/release.yml:1:1-1:1'],
    detail: 'the file is 5 MiB; tp-doctor reads files up to 2 MiB',
    exit: 0,
  },
  {
    name: 'a binary file (PNG header) named release.yml',
    setup: (dir) =>
      write(dir, `${W}/release.yml`, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])),
    want: ['invalid-yaml/unreadable@.github/workflows/release.yml:1:1-1:1'],
    detail: 'the file contains NUL bytes (binary data), not YAML text',
    exit: 0,
  },
  {
    name: 'a UTF-16 file (as some Windows editors save) is binary too',
    setup: (dir) => write(dir, `${W}/release.yml`, Buffer.from(`\ufeff${CI}`, 'utf16le')),
    want: ['invalid-yaml/unreadable@.github/workflows/release.yml:1:1-1:1'],
    detail: 'the file contains NUL bytes (binary data), not YAML text',
    exit: 0,
  },
  {
    name: 'a non-UTF-8 (Latin-1) file',
    setup: (dir) => write(dir, `${W}/release.yml`, Buffer.from('name: Publicación\non: push\njobs: {}\n', 'latin1')),
    want: ['invalid-yaml/unreadable@.github/workflows/release.yml:1:1-1:1'],
    detail: 'the file is not valid UTF-8 (first bad byte at offset 15)',
    exit: 0,
  },
  {
    name: 'a UTF-8 byte order mark and CRLF line endings are fine',
    setup: (dir) => write(dir, `${W}/release.yml`, `\ufeff${CI.replace(/\n/g, '\r\n')}`),
    want: [],
    exit: 0,
  },
  {
    // An info (exit 0): an empty workflow no declared publisher names hides no publish, so it cannot make one fail (emptyWorkflow).
    name: 'an empty workflow',
    setup: (dir) => write(dir, `${W}/release.yml`, ''),
    want: ['invalid-yaml/emptyWorkflow@.github/workflows/release.yml:1:1-1:1'],
    exit: 0,
  },
  {
    name: 'a workflow that is a YAML list',
    setup: (dir) => write(dir, `${W}/release.yml`, '- on: push\n- jobs:\n    a:\n      runs-on: ubuntu-latest\n'),
    want: ['invalid-yaml/notAMapping@.github/workflows/release.yml:1:1-5:1'],
    exit: 1,
  },
  isRoot
    ? {
        // chmod 000 does not stop root from reading: the file is read and checked like any other.
        name: 'an unreadable file (chmod 000; running as root, which reads it anyway)',
        setup: (dir) => chmodSync(write(dir, `${W}/release.yml`, CI), 0o000),
        want: [],
        exit: 0,
      }
    : {
        name: 'an unreadable file (chmod 000)',
        setup: (dir) => chmodSync(write(dir, `${W}/release.yml`, CI), 0o000),
        want: ['invalid-yaml/unreadable@.github/workflows/release.yml:1:1-1:1'],
        detail: 'the file cannot be read (EACCES)',
        exit: 0,
      },
  {
    name: 'a directory named x.yml is not a workflow file and is skipped (GitHub reads files only)',
    setup: (dir) => write(dir, `${W}/x.yml/inner.yml`, 'on: [push\n'),
    want: [],
    exit: 0,
  },
  {
    name: 'a symbolic link named x.yml that points to a directory is not a file',
    setup: (dir) => {
      mkdirSync(path.join(dir, 'docs'));
      symlinkSync('../../docs', path.join(dir, `${W}/x.yml`));
    },
    want: ['invalid-yaml/unreadable@.github/workflows/x.yml:1:1-1:1'],
    detail: 'it is not a regular file',
    exit: 0,
  },
  {
    name: 'a named pipe (FIFO) named release.yml is not read, so nothing waits on it',
    setup: (dir) => {
      const r = spawnSync('mkfifo', [path.join(dir, `${W}/release.yml`)]);
      if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr.toString()}`);
    },
    want: ['invalid-yaml/unreadable@.github/workflows/release.yml:1:1-1:1'],
    detail: 'it is not a regular file',
    exit: 0,
    skip: hasMkfifo ? undefined : 'mkfifo is not available',
  },
  {
    name: 'a symlink pointing outside the repository (a warning: the file is skipped, not broken)',
    setup: (dir) => {
      const outside = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-outside-'));
      made.push(outside);
      writeFileSync(path.join(outside, 'release.yml'), CI);
      symlinkSync(path.join(outside, 'release.yml'), path.join(dir, `${W}/release.yml`));
    },
    want: ['invalid-yaml/outsideRoot@.github/workflows/release.yml:1:1-1:1'],
    detail: 'it is a symbolic link that points outside the repository; tp-doctor does not follow it',
    exit: 0,
  },
  {
    name: 'a symlink loop',
    setup: (dir) => {
      symlinkSync('b.yml', path.join(dir, `${W}/a.yml`));
      symlinkSync('a.yml', path.join(dir, `${W}/b.yml`));
    },
    want: ['invalid-yaml/unreadable@.github/workflows/a.yml:1:1-1:1', 'invalid-yaml/unreadable@.github/workflows/b.yml:1:1-1:1'],
    detail: 'the file cannot be read (a loop of symbolic links, ELOOP)',
    exit: 0,
  },
  {
    name: 'a workflow with 10,000 jobs is over the 1,000-job limit: a warning that says so, quickly',
    setup: (dir) => write(dir, `${W}/ci.yml`, manyJobs(10_000)),
    want: ['invalid-yaml/limit@.github/workflows/ci.yml:4:1-4:5'],
    exit: 0,
  },
  {
    name: 'a workflow with 1,000 jobs (the limit) is checked',
    setup: (dir) => write(dir, `${W}/ci.yml`, manyJobs(1_000)),
    want: [],
    exit: 0,
  },
  {
    name: 'deeply nested YAML (5,000 levels of `[`) stops at 128 levels instead of exhausting the stack',
    setup: (dir) => write(dir, `${W}/release.yml`, `on: push\njobs: ${'['.repeat(5000)}${']'.repeat(5000)}\n`),
    want: ['invalid-yaml/tooDeep@.github/workflows/release.yml:2:134-2:135'],
    detail: 'collections nest more than 128 levels deep',
    exit: 1,
  },
  {
    name: 'deeply nested, unclosed YAML (5,000 `[` and no `]`)',
    setup: (dir) => write(dir, `${W}/release.yml`, `on: push\njobs: ${'['.repeat(5000)}\n`),
    want: ['invalid-yaml/tooDeep@.github/workflows/release.yml:2:134-2:135'],
    exit: 1,
  },
  {
    name: 'deeply nested block sequences (`- - - …`, 5,000 levels)',
    setup: (dir) => write(dir, `${W}/release.yml`, `on: push\njobs:\n  a:\n    steps:\n      ${'- '.repeat(5000)}x\n`),
    want: ['invalid-yaml/tooDeep@.github/workflows/release.yml:5:257-5:258'],
    exit: 1,
  },
  {
    name: 'a broken package.json is an invalid-package-json error (npm fails with EJSONPARSE), not silence',
    setup: (dir) => {
      write(dir, 'package.json', '{"name": "widget", ');
      write(dir, `${W}/ci.yml`, CI);
    },
    want: ['invalid-package-json/syntax@package.json:1:20-1:20'],
    detail: 'expected a key in double quotes, found the end of the file',
    exit: 1,
  },
  {
    name: 'a binary config file is a one-line config error',
    setup: (dir) => {
      write(dir, 'tp-doctor.yml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
      write(dir, `${W}/ci.yml`, CI);
    },
    want: [],
    exit: 2,
    stderr: /^tp-doctor: config error: tp-doctor\.yml:1:1: cannot read the config file `tp-doctor\.yml`: the file contains NUL bytes/,
  },
  {
    name: 'a config file nested 5,000 levels deep is a one-line config error',
    setup: (dir) => {
      write(dir, 'tp-doctor.yml', `rules: ${'['.repeat(5000)}\n`);
      write(dir, `${W}/ci.yml`, CI);
    },
    want: [],
    exit: 2,
    stderr: /^tp-doctor: config error: tp-doctor\.yml:1:135: `tp-doctor\.yml` is not valid YAML: collections nest more than 128 levels deep\n$/,
  },
];

describe('bad input', () => {
  for (const c of cases) {
    it.skipIf(c.skip !== undefined)(c.skip ? `${c.name} (skipped: ${c.skip})` : c.name, { timeout: 60_000 }, async () => {
      const dir = tempDir();
      c.setup(dir);

      const outcome = await lint({ fs: new DiskFs(dir), rules });
      if (c.exit === 2) {
        expect(outcome.ok).toBe(false);
      } else {
        if (!outcome.ok) throw new Error(outcome.configErrors.map((e) => e.message).join('; '));
        expect(outcome.internalErrors).toEqual([]);
        const got = outcome.diagnostics.map(
          (d) => `${d.ruleId}/${d.messageId}@${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`,
        );
        expect(got).toEqual(c.want);
        if (c.detail !== undefined) expect(outcome.diagnostics[0]?.data.detail).toBe(c.detail);
      }

      let stdout = '';
      let stderr = '';
      const code = await run(['.'], {
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        env: {},
        isTTY: false,
        cwd: dir,
      });
      expect(code).toBe(c.exit);
      expect(stderr).not.toMatch(STACK_LINE);
      if (c.stderr) {
        expect(stderr).toMatch(c.stderr);
        expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      }
      if (c.exit === 1) expect(stdout).toContain(c.want[0]?.split('/')[0] ?? 'invalid-yaml');
    });
  }

  it('a file that is read is the one on disk, not a cached copy', () => {
    // Guards the 5 MB case above: the size limit is checked before the bytes are read.
    const dir = tempDir();
    const file = write(dir, `${W}/release.yml`, CI);
    expect(new DiskFs(dir).read(`${W}/release.yml`)).toEqual({ ok: true, text: readFileSync(file, 'utf8') });
  });
});
