/**
 * Finding the repository: run inside a subfolder, tp-doctor walks up to the nearest folder with a
 * `.git` entry (a directory, or a file in worktrees and submodules) or CI configuration of its own
 * (`.github/workflows`, `.gitlab-ci.yml`, `.circleci/config.yml`), lints the whole repository,
 * and shows paths relative to where it started, like git. Machine formats stay
 * repository-relative. `--no-root-search` and "no .git anywhere" lint the directory itself. Nothing
 * above the root is read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempRepo, type CliResult } from './cli-harness.js';
import { findRepositoryRoot } from '../src/cli/repository-root.js';

const BROKEN = 'on: [push\n';
/** The stylish note when the linted root is above the starting folder. */
const ROOT_NOTE = (at: string, from = 'this one'): string =>
  `tp-doctor: linted the repository at ${at} (the top of the git repository that holds ${from}); --no-root-search lints only the folder itself\n`;


const tree = (files: Record<string, string>, dirs: string[] = []): string => tempRepo(files, 'tp-doctor-root-', dirs);

const cli = (argv: string[], cwd: string): Promise<CliResult> => runCli(argv, cwd);

/** A repository with a broken root workflow and a package folder two levels down. */
function monorepo(gitEntry: 'dir' | 'file' = 'dir'): string {
  const files: Record<string, string> = {
    '.github/workflows/release.yml': BROKEN,
    'packages/app/package.json': '{ "name": "app", "version": "1.0.0" }\n',
  };
  if (gitEntry === 'file') files['.git'] = 'gitdir: /elsewhere/.git/worktrees/x\n';
  return tree(files, gitEntry === 'dir' ? ['.git', 'packages/app/src'] : ['packages/app/src']);
}

describe('findRepositoryRoot', () => {
  it('finds the nearest .git directory or file, starting at the directory itself', () => {
    const repo = monorepo();
    expect(findRepositoryRoot(path.join(repo, 'packages/app/src'))).toBe(repo);
    expect(findRepositoryRoot(repo)).toBe(repo);
    const worktree = monorepo('file');
    expect(findRepositoryRoot(path.join(worktree, 'packages/app'))).toBe(worktree);
    const nested = tree({ 'outer/inner/x.txt': '' }, ['outer/.git', 'outer/inner/.git']);
    expect(findRepositoryRoot(path.join(nested, 'outer/inner'))).toBe(path.join(nested, 'outer/inner'));
  });

  it('inside a git repository, a nested folder with CI configuration is no root unless tp-doctor starts there: the git root wins', () => {
    // An example repository checked into another one, without .git of its own; a monorepo package with a stray workflows folder.
    const outer = tree(
      {
        '.github/workflows/outer.yml': BROKEN,
        'examples/ex/.github/workflows/release.yml': BROKEN,
        'examples/ex/package.json': '{ "name": "ex", "version": "1.0.0" }\n',
        'examples/gl/.gitlab-ci.yml': 'test:\n  script: npm test\n',
        'examples/cc/.circleci/config.yml': 'version: 2.1\n',
        'examples/bare/.github/dependabot.yml': 'version: 2\n',
        'examples/bare/package.json': '{ "name": "bare", "version": "1.0.0" }\n',
        'packages/foo/.github/workflows/ci.yml': BROKEN,
      },
      ['.git', 'examples/ex/src/lib', 'examples/gl/src', 'examples/cc/src', 'packages/foo/src', 'packages/bar/src'],
    );
    // Started in the example's own folder: it lints itself (the start folder's CI configuration).
    expect(findRepositoryRoot(path.join(outer, 'examples/ex'))).toBe(path.join(outer, 'examples/ex'));
    expect(findRepositoryRoot(path.join(outer, 'examples/gl'))).toBe(path.join(outer, 'examples/gl'));
    // Started below it, inside the outer git repository: GitHub runs only the top-level workflows, the git root wins.
    expect(findRepositoryRoot(path.join(outer, 'examples/ex/src/lib'))).toBe(outer);
    expect(findRepositoryRoot(path.join(outer, 'examples/gl/src'))).toBe(outer);
    expect(findRepositoryRoot(path.join(outer, 'examples/cc/src'))).toBe(outer);
    // r1/packages/foo/src with r1/packages/foo/.github/workflows and r1/.git: r1.
    expect(findRepositoryRoot(path.join(outer, 'packages/foo/src'))).toBe(outer);
    // A package.json or a `.github/` without workflows is no repository root.
    expect(findRepositoryRoot(path.join(outer, 'examples/bare'))).toBe(outer);
    expect(findRepositoryRoot(path.join(outer, 'packages/bar/src'))).toBe(outer);
  });

  it('with no .git anywhere above, the nearest folder with CI configuration, never the home directory', () => {
    const plain = tree({ 'export/.github/workflows/release.yml': BROKEN, 'home/.github/workflows/x.yml': BROKEN }, ['export/src/lib', 'home/proj/src']);
    if (findRepositoryRoot(os.tmpdir(), '/nonexistent') !== undefined) return void console.log(`skipped: ${os.tmpdir()} is inside a git repository`);
    // An exported tree (a downloaded archive): its top.
    expect(findRepositoryRoot(path.join(plain, 'export/src/lib'), '/nonexistent')).toBe(path.join(plain, 'export'));
    // A home folder's .github/workflows above a project without git is not its repository.
    expect(findRepositoryRoot(path.join(plain, 'home/proj/src'), path.join(plain, 'home'))).toBeUndefined();
    expect(findRepositoryRoot(path.join(plain, 'home/proj/src'), '/nonexistent')).toBe(path.join(plain, 'home'));
  });

  it('is undefined without a .git above', () => {
    const plain = tree({ 'a/b/c.txt': '' });
    // The temporary folder itself must not be inside a repository for this test to mean anything.
    if (findRepositoryRoot(os.tmpdir()) !== undefined) return void console.log(`skipped: ${os.tmpdir()} is inside a git repository`);
    expect(findRepositoryRoot(path.join(plain, 'a/b'))).toBeUndefined();
  });
});

describe('run inside a subfolder', () => {
  it('lints the whole repository and shows paths relative to where it started (stylish)', async () => {
    const repo = monorepo();
    const r = await cli([], path.join(repo, 'packages/app'));
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('../../.github/workflows/release.yml\n')).toBe(true);
  });

  it('says on stderr which folder it linted when that is above the one it started in (stylish only)', async () => {
    const repo = monorepo();
    const r = await cli([], path.join(repo, 'packages/app'));
    expect(r.stderr).toBe(ROOT_NOTE('../..'));
    expect((await cli(['--format', 'json'], path.join(repo, 'packages/app'))).stderr).toBe('');
    expect((await cli(['packages/app'], repo)).stderr).toBe(ROOT_NOTE('.', '"packages/app"'));
    expect((await cli([], repo)).stderr).toBe('');
  });

  it('also when the subfolder is given as the argument', async () => {
    const repo = monorepo();
    const fromRoot = await cli(['packages/app'], repo);
    expect(fromRoot.code).toBe(1);
    expect(fromRoot.stdout.startsWith('.github/workflows/release.yml\n')).toBe(true);
    const fromSibling = await cli(['../app/src'], path.join(repo, 'packages/app'));
    expect(fromSibling.stdout.startsWith('../../.github/workflows/release.yml\n')).toBe(true);
  });

  it('works in a worktree or submodule, where .git is a file', async () => {
    const repo = monorepo('file');
    const r = await cli([], path.join(repo, 'packages/app'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('../../.github/workflows/release.yml');
  });

  it('keeps machine formats repository-relative', async () => {
    const repo = monorepo();
    const cwd = path.join(repo, 'packages/app');
    const json = JSON.parse((await cli(['-f', 'json'], cwd)).stdout) as { diagnostics: { file: string }[] };
    expect(json.diagnostics.map((d) => d.file)).toEqual(['.github/workflows/release.yml']);
    const sarif = JSON.parse((await cli(['-f', 'sarif'], cwd)).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual([
      '.github/workflows/release.yml',
    ]);
    const gitlab = JSON.parse((await cli(['-f', 'gitlab'], cwd)).stdout) as { location: { path: string } }[];
    expect(gitlab.map((i) => i.location.path)).toEqual(['.github/workflows/release.yml']);
    expect((await cli(['-f', 'github'], cwd)).stdout).toMatch(/^::error file=\.github\/workflows\/release\.yml,/);
  });

  it('a subfolder with CI configuration of its own is a root already (a fixture inside a repository)', async () => {
    const repo = monorepo();
    writeFileSync(
      path.join(repo, 'packages/app/package.json'),
      '{ "name": "app", "version": "1.0.0" }\n',
    );
    const inner = path.join(repo, 'fixtures', 'inner');
    mkdirSync(path.join(inner, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(inner, '.github', 'workflows', 'release.yml'), 'on: push\njobs:\n  publish:\n    runs-on: self-hosted\n    steps:\n      - run: npm publish\n');
    const r = await cli(['fixtures/inner', '--format', 'json'], repo);
    const files = (JSON.parse(r.stdout) as { diagnostics: { file: string }[] }).diagnostics.map((d) => d.file);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.startsWith('.github/workflows/release.yml'))).toBe(true);
  });

  it('--no-root-search lints the directory itself', async () => {
    const repo = monorepo();
    const r = await cli(['--no-root-search'], path.join(repo, 'packages/app'));
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('without .git anywhere above, lints the given directory as before', async () => {
    const plain = tree({ 'sub/.github/workflows/ci.yml': BROKEN, '.github/workflows/outer.yml': BROKEN });
    if (findRepositoryRoot(plain) !== undefined) return void console.log(`skipped: ${os.tmpdir()} is inside a git repository`);
    const r = await cli(['sub'], plain);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('sub/.github/workflows/ci.yml');
    expect(r.stdout).not.toContain('outer.yml');
  });

  it('never reads above the root it settles on', async () => {
    // A broken workflow and a config with errors above the repository: neither may be seen.
    const outer = tree(
      {
        '.github/workflows/outer.yml': BROKEN,
        'tp-doctor.yml': 'rules: [\n',
        'package.json': '{ "name": "outer", "tpDoctor": 7 }\n',
        'repo/.github/workflows/release.yml': BROKEN,
        'repo/packages/app/x.txt': '',
      },
      ['repo/.git'],
    );
    const r = await cli([], path.join(outer, 'repo/packages/app'));
    expect(r.code).toBe(1);
    // No config error from above: only the note that names the root.
    expect(r.stderr).toBe(ROOT_NOTE('../..'));
    expect(r.stdout).toContain('../../.github/workflows/release.yml');
    expect(r.stdout).not.toContain('outer');
  });
});
