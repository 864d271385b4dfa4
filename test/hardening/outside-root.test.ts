/**
 * Never a byte from outside the repository (issue 12). Each hostile repository of
 * scripts/gen-hostile.mjs (PATH_CASES) sits three folders deep in a temporary directory, beside
 * and below files holding a random canary string: backslash file names, `..` in includes, config
 * paths, `uses:`, `workspaces`, `node-version-file` and `working-directory`, and symbolic links to
 * folders outside. tp-doctor runs on each in every output format, in process and (after
 * `npm run build`) as the built binary, and the canary must never appear; where a path was
 * refused, the output says why.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { PATH_CASES, buildPathCase } from '../../scripts/gen-hostile.mjs';

interface PathCase {
  id: string;
  what: string;
  build: (repo: string, canary: string) => void;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'tp-doctor.js');
const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const;

/** What each run must say about the path it refused (in the stylish output or on stderr), and its exit code. */
const EXPECT: Record<string, { exit: number; says: RegExp[] }> = {
  // A name with backslashes is that name, inside the repository: read as itself, nothing refused.
  'workflow-name-with-backslashes': { exit: 0, says: [/\.\.\\\.\.\\\.\.\\outside\\leak\.yml/] },
  'gitlab-glob-backslash-name': { exit: 1, says: [] },
  // The job's token may come from the include tp-doctor refused to read: a warning, not an error.
  'gitlab-include-outside': {
    exit: 0,
    says: [/"\.\.\/\.\.\/outside\/ci\.yml" lies outside the repository/, /"\/\.\.\/\.\.\/outside\/ci2\.yml" lies outside/, /"a\/\.\.\/\.\.\/\.\.\/outside\/ci3\.yml" lies outside/],
  },
  'config-cifile-outside': { exit: 2, says: [/`publishers\[0\]\.ciFile` is "\.\.\/\.\.\/\.\.\/outside\/ci\.yml", which leaves the repository/] },
  'config-cifile-passwd': { exit: 2, says: [/`publishers\[0\]\.ciFile` is "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd", which leaves the repository/] },
  // A leading `/` is the repository root (as in GitLab): the path is looked up inside, not found.
  'config-cifile-absolute': { exit: 1, says: [] },
  'config-workflow-outside': { exit: 2, says: [/`publishers\[0\]\.workflow` is "\.\.\/\.\.\/\.\.\/outside\/p\.yml", which leaves the repository/] },
  // Not read; in a job that publishes, an info at each `uses:` says so.
  'uses-local-action-outside': {
    exit: 0,
    says: [/Local action "\.\/\.\.\/\.\.\/\.\.\/outside\/act" is outside the repository checkout and was not read/, /Local action "\.\/\.github\/\.\.\/\.\.\/\.\.\/\.\.\/outside\/act" is outside the repository checkout/],
  },
  'symlinked-git-dir': { exit: 0, says: [/`\.git\/config` was not read: the folder "\.git" is a symbolic link that points outside the repository/] },
  'symlinked-action-dir': { exit: 0, says: [/"\.github\/actions\/pub\/action\.yml" was not checked: the folder "\.github\/actions\/pub" is a symbolic link/] },
  // A linked folder in a listing is not a folder to tp-doctor: the workspace is simply not one.
  'symlinked-workspace-dir': { exit: 0, says: [] },
  'symlinked-workflows-dir': { exit: 0, says: [/"\.github\/workflows" was not checked: the folder "\.github\/workflows" is a symbolic link/] },
  'symlinked-gitlab-include-dir': { exit: 0, says: [/"ci\/\*\.yml" was not checked: the folder "ci" is a symbolic link/, /"ci\/leak\.yml" was not checked: the folder "ci"/] },
  'backslash-workspaces': { exit: 0, says: [] },
  'node-version-file-outside': {
    exit: 0,
    says: [/"\.\.\\\.\.\\\.\.\\outside\\\.nvmrc" is not in the repository/, /"\.\.\/\.\.\/\.\.\/outside\/package\.json" is outside the repository, and tp-doctor reads only files inside it/],
  },
  'working-directory-outside': { exit: 0, says: [] },
  'config-circleci-configfile-outside': { exit: 2, says: [/`publishers\[0\]\.configFile` is "\.\.\/\.\.\/\.\.\/outside\/config\.yml", which leaves the repository/] },
  'config-circleci-configfile-backslash': { exit: 2, says: [/`publishers\[0\]\.configFile` is "(?:\.\.\\\\){3}outside\\\\config\.yml", which leaves the repository/] },
  'symlinked-circleci-dir': { exit: 0, says: [/"\.circleci\/config\.yml" was not checked: the folder "\.circleci" is a symbolic link/] },
  // Every git worktree points outside its root this way: skipped without a word.
  'gitdir-pointer-outside': { exit: 0, says: [] },
};

const cases = PATH_CASES as PathCase[];
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function build(kase: PathCase): { repo: string; canary: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-outside-'));
  made.push(base);
  // Random and unique: it cannot appear by chance, and never looks like a token.
  const canary = `canary${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`;
  return { repo: buildPathCase(kase, base, canary), canary };
}

async function runInProcess(repo: string, format: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await run(['.', '--format', format], {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      out += t;
    },
    env: {},
    isTTY: false,
    cwd: repo,
  });
  return { code, out };
}

function runBuilt(repo: string, format: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '.', '--format', format, '--no-color'], { cwd: repo, env: { PATH: process.env.PATH ?? '' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('nothing outside the repository is read (canary never printed)', () => {
  it('every path case has an expectation', () => {
    expect(cases.map((c) => c.id).sort()).toEqual(Object.keys(EXPECT).sort());
  });

  for (const kase of cases) {
    it(`${kase.id}: ${kase.what}`, { timeout: 60_000 }, async () => {
      const { repo, canary } = build(kase);
      const want = EXPECT[kase.id]!;
      for (const format of FORMATS) {
        const { code, out } = await runInProcess(repo, format);
        expect(out, `${format} output`).not.toContain(canary);
        expect(code, `${format} exit code`).toBe(want.exit);
        expect(out).not.toMatch(/internal error/);
        if (format === 'stylish') for (const says of want.says) expect(out).toMatch(says);
      }
    });
  }

  const built = existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'));
  it.skipIf(!built)('the built binary, every case in every format (run `npm run build` first)', { timeout: 180_000 }, async () => {
    const jobs: (() => Promise<void>)[] = [];
    for (const kase of cases) {
      const { repo, canary } = build(kase);
      for (const format of FORMATS) {
        jobs.push(async () => {
          const { code, out } = await runBuilt(repo, format);
          expect(out, `${kase.id} ${format}`).not.toContain(canary);
          expect(code, `${kase.id} ${format} exit code`).toBe(EXPECT[kase.id]!.exit);
        });
      }
    }
    // Four at a time: a process each.
    const queue = [...jobs];
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    }));
  });
});
