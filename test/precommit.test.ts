/**
 * The pre-commit hook, end to end with the real `pre-commit`: a temporary git repository with a
 * broken workflow installs the hook from a copy of this checkout, `git commit` is refused with the
 * diagnostic, then accepted once the workflow is fixed.
 *
 * The hook repository is a copy of the working tree (tracked and untracked files, not ignored ones)
 * committed into a fresh git repository, so the test checks what is on disk, not the last commit,
 * and starts like a fresh clone: no node_modules, no dist. The first hook run installs the
 * dependencies and builds (see scripts/run-from-source.mjs), so this takes about half a minute.
 *
 * Skipped, with the reason printed, when `pre-commit` (or git, or npm) is not on PATH.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function missingTool(): string | undefined {
  for (const [tool, args] of [
    ['pre-commit', ['--version']],
    ['git', ['--version']],
    ['npm', ['--version']],
  ] as const) {
    const r = spawnSync(tool, args, { encoding: 'utf8' });
    if (r.error || r.status !== 0) return `\`${tool}\` is not on PATH (Debian: apt-get install -y pre-commit)`;
  }
  return undefined;
}

const skipReason = missingTool();
if (skipReason) console.log(`test/precommit.test.ts: skipping the pre-commit end-to-end test: ${skipReason}`);

interface HookDefinition {
  id: string;
  entry: string;
  language: string;
  pass_filenames: boolean;
  files: string;
}

const hooks = parseDocument(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')).toJS() as HookDefinition[];
const hook = hooks.find((h) => h.id === 'tp-doctor')!;

describe('.pre-commit-hooks.yaml', () => {
  it('defines the tp-doctor hook, linting the whole repository once', () => {
    expect(hooks.map((h) => h.id)).toEqual(['tp-doctor']);
    expect(hook.pass_filenames).toBe(false);
    expect(hook.language).toBe('script');
    const entry = path.join(ROOT, hook.entry);
    expect(existsSync(entry)).toBe(true);
    // pre-commit runs a `script` entry directly: it must be executable and have a shebang.
    expect(statSync(entry).mode & 0o111).not.toBe(0);
    expect(readFileSync(entry, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  // pre-commit matches `files` with Python's re.search; this pattern means the same in JavaScript.
  const files = new RegExp(hook?.files ?? '^$');
  it.each([
    '.github/workflows/release.yml',
    '.github/workflows/ci.yaml',
    '.github/actions/publish/action.yml',
    'action.yaml',
    '.gitlab-ci.yml',
    '.gitlab/ci/release.yml',
    'package.json',
    'packages/web/package.json',
    '.npmrc',
    'packages/web/.npmrc',
    '.yarnrc.yml',
    '.nvmrc',
    '.node-version',
    '.tool-versions',
    'tp-doctor.yml',
    'tp-doctor.yaml',
    'tp-doctor.json',
    '.tp-doctor.yml',
    '.tp-doctor.json',
    'package-lock.json',
    'mise.toml',
    'packages/web/yarn.lock',
    'lerna.json',
    'pnpm-workspace.yaml',
    'tools/publish/action.yml',
  ])('runs when %s changes', (file) => {
    expect(files.test(file)).toBe(true);
  });
  it.each([
    'README.md',
    'src/index.ts',
    '.github/workflows/README.md',
    '.github/workflows/sub/x.yml',
    '.github/dependabot.yml',
    'docs/package.json.md',
    'my-tp-doctor.yml',
    'tp-doctor.yml.bak',
    '.gitlab-ci.yml.orig',
  ])('does not run when only %s changes', (file) => {
    expect(files.test(file)).toBe(false);
  });
});

const temps: string[] = [];
// Removing the hook's clone with its node_modules can take a while on a busy machine.
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}, 120_000);

function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tp-doctor-${name}-`));
  temps.push(dir);
  return dir;
}

/** The environment of a developer's shell: no vitest variables, a throwaway git identity. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VITEST|NODE_ENV$|NODE_OPTIONS$|GIT_|PRE_COMMIT)/.test(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    ...extra,
  };
}

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 170_000 });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  expect(r.error, what).toBeUndefined();
  expect(r.status, `${what}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Copies the working tree (tracked and untracked, not ignored, existing files) and commits it. */
function snapshotCheckout(dest: string, env: NodeJS.ProcessEnv): string {
  const listed = ok(sh('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT, env), 'git ls-files');
  const seen = new Set<string>();
  for (const file of listed.split('\0')) {
    if (!file || seen.has(file)) continue;
    seen.add(file);
    const from = path.join(ROOT, file);
    if (!existsSync(from) || !statSync(from).isFile()) continue; // deleted but still tracked
    const to = path.join(dest, file);
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
    chmodSync(to, statSync(from).mode & 0o777);
  }
  ok(sh('git', ['init', '-q', '-b', 'main'], dest, env), 'git init (hook repository)');
  ok(sh('git', ['add', '-A'], dest, env), 'git add (hook repository)');
  ok(sh('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'snapshot'], dest, env), 'git commit (hook repository)');
  return ok(sh('git', ['rev-parse', 'HEAD'], dest, env), 'git rev-parse').trim();
}

const BROKEN = `name: release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps: [
      - run: npm publish
`;

const FIXED = `name: ci
on: push
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - run: npm test
`;

describe('pre-commit end to end', () => {
  it.skipIf(skipReason !== undefined)(
    'refuses a commit with a broken workflow, accepts it after the fix',
    () => {
      const home = tempDir('precommit-home');
      const env = cleanEnv({ PRE_COMMIT_HOME: path.join(home, 'cache'), HOME: process.env.HOME ?? home });
      const hookRepo = tempDir('hook-repo');
      const rev = snapshotCheckout(hookRepo, env);

      const repo = tempDir('user-repo');
      ok(sh('git', ['init', '-q', '-b', 'main'], repo, env), 'git init (user repository)');
      mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
      writeFileSync(path.join(repo, 'package.json'), '{\n  "name": "widget",\n  "version": "1.0.0",\n  "private": true\n}\n');
      writeFileSync(path.join(repo, '.github', 'workflows', 'release.yml'), BROKEN);
      writeFileSync(
        path.join(repo, '.pre-commit-config.yaml'),
        `repos:\n  - repo: ${JSON.stringify(hookRepo)}\n    rev: ${rev}\n    hooks:\n      - id: tp-doctor\n`,
      );
      ok(sh('pre-commit', ['install'], repo, env), 'pre-commit install');
      ok(sh('git', ['add', '-A'], repo, env), 'git add');

      const refused = sh('git', ['-c', 'commit.gpgsign=false', 'commit', '-m', 'add release workflow'], repo, env);
      const refusedOutput = `${refused.stdout}\n${refused.stderr}`;
      expect(refused.status, refusedOutput).not.toBe(0);
      expect(refusedOutput).toMatch(/tp-doctor \(npm trusted publishing\)\.+Failed/);
      expect(refusedOutput, refusedOutput).toContain('.github/workflows/release.yml');
      expect(refusedOutput, refusedOutput).toMatch(/\d+:\d+\s+✖ error\s+YAML syntax error/);
      expect(refusedOutput, refusedOutput).toContain('invalid-yaml');
      expect(sh('git', ['rev-parse', '--verify', '-q', 'HEAD'], repo, env).status).not.toBe(0); // nothing committed

      writeFileSync(path.join(repo, '.github', 'workflows', 'release.yml'), FIXED);
      ok(sh('git', ['add', '-A'], repo, env), 'git add (fixed)');
      const accepted = sh('git', ['-c', 'commit.gpgsign=false', 'commit', '-m', 'add CI workflow'], repo, env);
      const acceptedOutput = `${accepted.stdout}\n${accepted.stderr}`;
      expect(accepted.status, acceptedOutput).toBe(0);
      expect(acceptedOutput).toMatch(/tp-doctor \(npm trusted publishing\)\.+Passed/);

      // A commit that touches none of the watched files does not run the hook.
      writeFileSync(path.join(repo, 'README.md'), '# widget\n');
      ok(sh('git', ['add', '-A'], repo, env), 'git add (readme)');
      const unrelated = sh('git', ['-c', 'commit.gpgsign=false', 'commit', '-m', 'readme'], repo, env);
      const unrelatedOutput = `${unrelated.stdout}\n${unrelated.stderr}`;
      expect(unrelated.status, unrelatedOutput).toBe(0);
      // git passes the hook's output on to stderr.
      expect(unrelatedOutput).toMatch(/tp-doctor \(npm trusted publishing\)\.+\(no files to check\)Skipped/);
    },
    180_000,
  );
});
