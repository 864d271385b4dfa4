/**
 * The containment point (src/fs/paths.ts) and every SourceFs that relies on it: DiskFs,
 * MemoryFs, and the ESLint plugin's SnapshotFs/OverlayFs. Plus the file kinds DiskFs must never
 * open (a named pipe blocks whoever opens it for reading).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OverlayFs, SnapshotFs } from '../../src/eslint-plugin/overlay-fs.js';
import { joinRepoPath, repoPath } from '../../src/fs/paths.js';
import { DiskFs, MemoryFs, type SourceFs } from '../../src/fs/source.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-fs-'));
  made.push(dir);
  return dir;
}

describe('repoPath', () => {
  const cases: [string, string][] = [
    ['a/b.yml', 'a/b.yml'],
    ['./a/./b.yml', 'a/b.yml'],
    ['a//b/', 'a/b'],
    ['a/../b', 'b'],
    ['', ''],
    ['.', ''],
    ['./', ''],
    ['..\\..\\x.yml', '..\\..\\x.yml'],
    ['a\\b', 'a\\b'],
    ['../x', 'outside-root'],
    ['a/../../x', 'outside-root'],
    ['./../x', 'outside-root'],
    ['/etc/passwd', 'outside-root'],
    ['a\0b', 'invalid-path'],
    // Linux opens no path of 4,096 bytes or more; a hostile one costs the square of its length in the parent walks.
    ['a/'.repeat(2047) + 'b', 'a/'.repeat(2047) + 'b'],
    ['a/'.repeat(2048) + 'b', 'invalid-path'],
  ];
  it.each(cases)('%j → %j', (input, want) => {
    const r = repoPath(input);
    expect(r.ok ? r.path : r.reason).toBe(want);
  });

  it('joins from a directory and refuses a climb out of the root', () => {
    expect(joinRepoPath('a/b', '../c')).toEqual({ ok: true, path: 'a/c' });
    expect(joinRepoPath('', 'x')).toEqual({ ok: true, path: 'x' });
    expect(joinRepoPath('a', '../../c').ok).toBe(false);
    expect(joinRepoPath('a', '/c').ok).toBe(false);
  });
});

/** A repository beside an `outside` folder holding `secret.yml`. */
function layout(): { repo: string; outside: string } {
  const base = temp();
  const repo = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  mkdirSync(path.join(repo, 'a'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.yml'), 'secret: 1\n');
  writeFileSync(path.join(repo, 'a', 'in.yml'), 'x: 1\n');
  writeFileSync(path.join(repo, '..\\outside\\secret.yml'), 'mine: 1\n');
  return { repo, outside };
}

describe('DiskFs', () => {
  it('refuses `..` and absolute paths, whatever exists there', () => {
    const { repo, outside } = layout();
    const fs = new DiskFs(repo);
    expect(fs.read('../outside/secret.yml')).toMatchObject({ ok: false, reason: 'outside-root', link: false });
    expect(fs.read('a/../../outside/secret.yml')).toMatchObject({ ok: false, reason: 'outside-root' });
    expect(fs.read(path.join(outside, 'secret.yml'))).toMatchObject({ ok: false, reason: 'outside-root' });
    expect(fs.readDir('..')).toMatchObject({ ok: false, reason: 'outside-root' });
    expect(fs.list('../outside')).toBeUndefined();
    expect(fs.exists('../outside/secret.yml')).toBe(false);
  });

  it('reads a name with backslashes as that name, inside the repository', () => {
    const { repo } = layout();
    expect(new DiskFs(repo).read('..\\outside\\secret.yml')).toEqual({ ok: true, text: 'mine: 1\n' });
  });

  it('does not read, list or probe through a folder linked out of the root', () => {
    const { repo, outside } = layout();
    symlinkSync(outside, path.join(repo, 'linked'));
    const fs = new DiskFs(repo);
    expect(fs.read('linked/secret.yml')).toMatchObject({ ok: false, reason: 'outside-root', link: true, dir: 'linked' });
    expect(fs.readDir('linked')).toMatchObject({ ok: false, reason: 'outside-root', dir: 'linked' });
    expect(fs.list('linked')).toBeUndefined();
    expect(fs.exists('linked/secret.yml')).toBe(false);
    // The link itself is an entry of its folder, not a folder to descend into.
    expect(fs.list('')?.find((e) => e.name === 'linked')).toEqual({ name: 'linked', isDir: false });
  });

  it('a path of 2,000 directories is missing, not a stack overflow (review400 C1); one of 40,000 is refused', () => {
    const { repo } = layout();
    const deep = Array(2_000).fill('a').join('/');
    const fs = new DiskFs(repo);
    expect(fs.read(`${deep}/package.json`)).toEqual({ ok: false, reason: 'missing' });
    expect(fs.list(deep)).toBeUndefined();
    expect(fs.read(`${Array(40_000).fill('a').join('/')}/package.json`)).toMatchObject({ ok: false, reason: 'invalid-path' });
    // Control: the same walk still resolves what exists, its parents first.
    expect(fs.read('a/in.yml')).toEqual({ ok: true, text: 'x: 1\n' });
  });

  it('follows a folder linked inside the root', () => {
    const { repo } = layout();
    symlinkSync(path.join(repo, 'a'), path.join(repo, 'alias'));
    const fs = new DiskFs(repo);
    expect(fs.read('alias/in.yml')).toEqual({ ok: true, text: 'x: 1\n' });
    expect(fs.list('alias')).toEqual([{ name: 'in.yml', isDir: false }]);
  });

  it.skipIf(process.platform === 'win32')('never opens a named pipe (a FIFO blocks its reader)', () => {
    const { repo } = layout();
    mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
    expect(spawnSync('mkfifo', [path.join(repo, '.github/workflows/x.yml')]).status).toBe(0);
    symlinkSync('x.yml', path.join(repo, '.github/workflows/link.yml'));
    // lstat decides before any open: these return at once (a regression would block this worker).
    const fs = new DiskFs(repo);
    expect(fs.read('.github/workflows/x.yml')).toEqual({ ok: false, reason: 'not-a-file' });
    expect(fs.read('.github/workflows/link.yml')).toEqual({ ok: false, reason: 'not-a-file' });
    expect(fs.list('.github/workflows')).toEqual([
      { name: 'link.yml', isDir: false },
      { name: 'x.yml', isDir: false },
    ]);
  });

  it.skipIf(process.platform === 'win32')('a file listed as regular and swapped before the read is checked again', () => {
    // A listed regular file is opened without a separate lstat: O_NOFOLLOW and fstat still decide.
    const { repo, outside } = layout();
    const dir = path.join(repo, '.github/workflows');
    mkdirSync(dir, { recursive: true });
    for (const name of ['fifo.yml', 'out.yml', 'in.yml', 'gone.yml', 'ok.yml']) writeFileSync(path.join(dir, name), 'on: push\n');
    const fs = new DiskFs(repo);
    expect(fs.list('.github/workflows')?.map((e) => e.name)).toEqual(['fifo.yml', 'gone.yml', 'in.yml', 'ok.yml', 'out.yml']);
    rmSync(path.join(dir, 'fifo.yml'));
    expect(spawnSync('mkfifo', [path.join(dir, 'fifo.yml')]).status).toBe(0);
    rmSync(path.join(dir, 'out.yml'));
    symlinkSync(path.join(outside, 'secret.yml'), path.join(dir, 'out.yml'));
    rmSync(path.join(dir, 'in.yml'));
    symlinkSync('ok.yml', path.join(dir, 'in.yml'));
    rmSync(path.join(dir, 'gone.yml'));
    expect(fs.read('.github/workflows/fifo.yml')).toEqual({ ok: false, reason: 'not-a-file' });
    expect(fs.read('.github/workflows/out.yml')).toMatchObject({ ok: false, reason: 'outside-root', link: true });
    expect(fs.read('.github/workflows/in.yml')).toEqual({ ok: true, text: 'on: push\n' });
    expect(fs.read('.github/workflows/gone.yml')).toEqual({ ok: false, reason: 'missing' });
    expect(fs.read('.github/workflows/ok.yml')).toEqual({ ok: true, text: 'on: push\n' });
  });

  it('keeps the names a listing showed per folder, not a joined path per file; a folder listed again still reads', () => {
    // The 20,000-file run lists .github/workflows again after reading it (a missing-call check):
    // an absolute path per file held to the end of the run was 12 MB of its peak (bench/README.md).
    const { repo } = layout();
    const dir = path.join(repo, '.github/workflows');
    mkdirSync(dir, { recursive: true });
    for (const name of ['a.yml', 'b.yml']) writeFileSync(path.join(dir, name), 'on: push\n');
    const fs = new DiskFs(repo);
    const held = (fs as unknown as { listedFiles: Map<string, Set<string>> }).listedFiles;
    for (let round = 0; round < 2; round++) {
      const listing = fs.list('.github/workflows') ?? [];
      expect(listing.map((e) => e.name)).toEqual(['a.yml', 'b.yml']);
      const names = [...held.values()].flatMap((s) => [...s]);
      // Bare names per folder, not a joined absolute path per file (what held 12 MB in the 20,000-file run).
      expect(names).toEqual(['a.yml', 'b.yml']);
      expect(fs.read('.github/workflows/a.yml')).toEqual({ ok: true, text: 'on: push\n' });
      expect(fs.read('.github/workflows/a.yml')).toEqual({ ok: true, text: 'on: push\n' });
      expect([...held.values()].flatMap((s) => [...s])).toEqual(['b.yml']);
      expect(fs.read('.github/workflows/b.yml')).toEqual({ ok: true, text: 'on: push\n' });
    }
  });
});

describe('MemoryFs follows the same rules', () => {
  const fs = new MemoryFs({ 'a/in.yml': 'x: 1\n', '..\\outside\\secret.yml': 'mine: 1\n' }, { unreadable: ['locked'] });
  it('refuses `..` and absolute paths; backslashes are name characters', () => {
    expect(fs.read('../outside/secret.yml')).toMatchObject({ ok: false, reason: 'outside-root' });
    expect(fs.read('/a/in.yml')).toMatchObject({ ok: false, reason: 'outside-root' });
    expect(fs.read('..\\outside\\secret.yml')).toEqual({ ok: true, text: 'mine: 1\n' });
    expect(fs.read('./a/../a/in.yml')).toEqual({ ok: true, text: 'x: 1\n' });
    expect(fs.readDir('../a')).toMatchObject({ ok: false, reason: 'outside-root' });
  });
  it('models an unreadable entry', () => {
    expect(fs.readDir('locked')).toEqual({ ok: false, reason: 'unreadable', detail: 'EACCES', folder: true });
    expect(fs.read('locked/x.yml')).toEqual({ ok: false, reason: 'unreadable', detail: 'EACCES' });
    expect(fs.exists('locked')).toBe(true);
  });
  it('refuses to be built with a path outside', () => {
    expect(() => new MemoryFs({ '../x.yml': '' })).toThrow(/not a repository-relative file path/);
  });
});

describe('the ESLint views (SnapshotFs, OverlayFs) follow the same rules', () => {
  it('refuse `..`, never remember or stamp such a path, and keep backslash names', () => {
    const { repo } = layout();
    const snapshot = new SnapshotFs(repo);
    const views: SourceFs[] = [snapshot, new OverlayFs(snapshot, 'a/in.yml', 'x: 2\n')];
    for (const fs of views) {
      expect(fs.read('../outside/secret.yml')).toMatchObject({ ok: false, reason: 'outside-root' });
      expect(fs.readDir('../outside')).toMatchObject({ ok: false, reason: 'outside-root' });
      expect(fs.exists('../outside/secret.yml')).toBe(false);
      expect(fs.read('..\\outside\\secret.yml')).toEqual({ ok: true, text: 'mine: 1\n' });
    }
    expect(views[1]!.read('./a/in.yml')).toEqual({ ok: true, text: 'x: 2\n' });
    expect(snapshot.isFresh()).toBe(true);
  });
  it('an overlay for a path outside the repository is refused', () => {
    const { repo } = layout();
    expect(() => new OverlayFs(new SnapshotFs(repo), '../x.yml', '')).toThrow(/not a repository-relative file path/);
  });
});

const BUILT = existsSync(path.join(ROOT, 'dist/cli/main.cjs')) && existsSync(path.join(ROOT, 'dist/src/eslint-plugin/index.js'));

/**
 * The built CLI and the ESLint plugin beside a FIFO, in child processes with a deadline (a read
 * that blocks cannot fail a test in process). Needs `npm run build`.
 */
describe.skipIf(process.platform === 'win32' || !BUILT)('a named pipe in .github/workflows (built CLI and ESLint plugin)', () => {
  /** A repository with a publishing workflow and a FIFO named like a workflow beside it. */
  function fifoRepo(): string {
    const repo = temp();
    mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(repo, '.github/workflows/ok.yml'), 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n');
    expect(spawnSync('mkfifo', [path.join(repo, '.github/workflows/x.yml')]).status).toBe(0);
    return repo;
  }

  it('the CLI reports it as not a regular file and finishes', () => {
    const repo = fifoRepo();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/tp-doctor.js'), '.', '--format', 'json'], { cwd: repo, encoding: 'utf8', timeout: 30_000 });
    expect(r.signal, 'the run blocked on the FIFO').toBeNull();
    const out = JSON.parse(r.stdout) as { diagnostics: { file: string; messageId: string; data: { detail?: string } }[] };
    expect(out.diagnostics.filter((d) => d.file === '.github/workflows/x.yml').map((d) => `${d.messageId} ${d.data.detail}`)).toEqual([
      'unreadable it is not a regular file',
    ]);
  });

  it('the ESLint plugin lints the workflow beside it without opening the FIFO', () => {
    const repo = fifoRepo();
    // ESLint itself reads every file it lints (a FIFO matched by a linted pattern blocks ESLint
    // before any plugin runs; see the plugin README). The plugin, linting ok.yml, reads the whole
    // repository through DiskFs: it must not open x.yml.
    const script = `
      const { ESLint } = await import(${JSON.stringify(path.join(ROOT, 'node_modules/eslint/lib/api.js'))});
      const { default: plugin } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/eslint-plugin/index.js'))});
      const eslint = new ESLint({ cwd: ${JSON.stringify(repo)}, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
      const [result] = await eslint.lintFiles(['.github/workflows/ok.yml']);
      console.log(JSON.stringify(result.messages.map((m) => m.ruleId)));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.signal, 'ESLint blocked on the FIFO').toBeNull();
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toContain('tp-doctor/require-id-token-write');
  });
});
