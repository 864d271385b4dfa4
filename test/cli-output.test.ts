/**
 * Where the report goes, and what happens when it cannot go there. `--output` writes a regular
 * file atomically, writes through a symbolic link, a character device or a FIFO without ever
 * replacing it, and refuses a directory; every write error is one line and exit code 2. Standard
 * output that fails (`> /dev/full`) is one line and exit code 2 too (the built binary).
 *
 * Devices: as root, the tests use private device nodes made with mknod in a temporary folder
 * (the same major/minor numbers as /dev/null and /dev/full), so that a regression that replaces
 * the target can never replace the machine's /dev/full. As another user they use /dev/null and
 * /dev/full themselves: such a user cannot replace anything in /dev.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempRepo, type CliResult } from './cli-harness.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/tp-doctor.js');
const BUILT = existsSync(path.join(ROOT, 'dist/cli/main.cjs'));
const STACK_LINE = /^\s+at .+[(:]\d+/m;
const BROKEN = { '.github/workflows/ci.yml': 'on: [push\n' };
const IS_ROOT = process.getuid?.() === 0;


const repo = (files: Record<string, string> = BROKEN): string => tempRepo(files, 'tp-doctor-output-');

const cli = (argv: string[], cwd: string): Promise<CliResult> => runCli(argv, cwd);

/** A character device like /dev/<name> that the test may safely write to (see the header). */
function device(dir: string, name: 'null' | 'full'): string | undefined {
  if (!IS_ROOT) return `/dev/${name}`;
  const file = path.join(dir, `dev-${name}`);
  const r = spawnSync('mknod', [file, 'c', '1', name === 'null' ? '3' : '7']);
  return r.status === 0 ? file : undefined;
}

function kind(file: string): string {
  const st = lstatSync(file);
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice()) return 'character device';
  return 'other';
}

const oneLine = (stderr: string, file: string, code: string): void => {
  expect(stderr).toBe(`tp-doctor: cannot write "${file}": ${code}\n`);
};

describe('--output', () => {
  it('replaces a regular file atomically, keeps its permissions and leaves no temporary file', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'report.json'), 'old report');
    chmodSync(path.join(dir, 'report.json'), 0o640);
    const r = await cli(['--format', 'json', '--output', 'report.json'], dir);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))).toMatchObject({ version: 1 });
    expect(statSync(path.join(dir, 'report.json')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((f) => f.includes('tmp'))).toEqual([]);
  });

  it('writes through a symbolic link to another file: the link stays a link', async () => {
    const dir = repo();
    mkdirSync(path.join(dir, 'reports'));
    writeFileSync(path.join(dir, 'reports/real.sarif'), 'old');
    symlinkSync('reports/real.sarif', path.join(dir, 'link.sarif'));
    const r = await cli(['--format', 'sarif', '--output', 'link.sarif'], dir);
    expect(r.code).toBe(1);
    expect(kind(path.join(dir, 'link.sarif'))).toBe('symlink');
    expect(readlinkSync(path.join(dir, 'link.sarif'))).toBe('reports/real.sarif');
    expect(JSON.parse(readFileSync(path.join(dir, 'reports/real.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(readdirSync(dir).filter((f) => f.includes('tmp'))).toEqual([]);
  });

  it('refuses a dangling symbolic link and creates nothing', async () => {
    const dir = repo();
    symlinkSync('nowhere/report.json', path.join(dir, 'dangling.json'));
    const r = await cli(['--output', 'dangling.json'], dir);
    expect(r.code).toBe(2);
    oneLine(r.stderr, 'dangling.json', 'ENOENT');
    expect(kind(path.join(dir, 'dangling.json'))).toBe('symlink');
    expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });

  it('writes into a FIFO that a reader holds open, and it stays a FIFO', async () => {
    const dir = repo();
    const fifo = path.join(dir, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    const closed = new Promise<number | null>((resolve) => reader.on('close', resolve));
    const r = await cli(['--format', 'json', '--output', fifo], dir);
    expect(r).toMatchObject({ code: 1, stderr: '' });
    expect(await closed).toBe(0);
    expect(JSON.parse(received)).toMatchObject({ version: 1, summary: { errors: 1 } });
    expect(kind(fifo)).toBe('fifo');
  }, 30_000);

  it('writes into /dev/null and leaves the device alone', async () => {
    const dir = repo();
    const dev = device(dir, 'null');
    if (!dev) return void console.log('skipped: cannot make a device node here');
    const r = await cli(['--output', dev], dir);
    expect(r).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(kind(dev)).toBe('character device');
  });

  it('reports ENOSPC from /dev/full in one line, exit 2, and leaves the device alone', async () => {
    const dir = repo();
    const dev = device(dir, 'full');
    if (!dev) return void console.log('skipped: cannot make a device node here');
    const r = await cli(['--format', 'sarif', '--output', dev], dir);
    expect(r.code).toBe(2);
    oneLine(r.stderr, dev, 'ENOSPC');
    expect(r.stdout).toBe('');
    expect(kind(dev)).toBe('character device');
  });

  it('refuses a directory with EISDIR and leaves it alone', async () => {
    const dir = repo();
    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'out/keep.txt'), 'keep');
    const r = await cli(['--output', 'out'], dir);
    expect(r.code).toBe(2);
    oneLine(r.stderr, 'out', 'EISDIR');
    expect(readFileSync(path.join(dir, 'out/keep.txt'), 'utf8')).toBe('keep');
  });

  it('refuses a symbolic link to a directory', async () => {
    const dir = repo();
    mkdirSync(path.join(dir, 'out'));
    symlinkSync('out', path.join(dir, 'out-link'));
    const r = await cli(['--output', 'out-link'], dir);
    expect(r.code).toBe(2);
    oneLine(r.stderr, 'out-link', 'EISDIR');
    expect(kind(path.join(dir, 'out-link'))).toBe('symlink');
  });

  it.skipIf(IS_ROOT)('reports EACCES for a folder it may not write to', async () => {
    const dir = repo();
    mkdirSync(path.join(dir, 'locked'));
    chmodSync(path.join(dir, 'locked'), 0o500);
    const r = await cli(['--output', 'locked/report.txt'], dir);
    chmodSync(path.join(dir, 'locked'), 0o700);
    expect(r.code).toBe(2);
    oneLine(r.stderr, 'locked/report.txt', 'EACCES');
  });
});

describe('standard output (the built binary)', () => {
  if (!BUILT) console.log('skipping the built-binary output tests: dist/ does not exist (run `npm run build`)');

  it.skipIf(!BUILT)('a full standard output (> /dev/full) is one line on stderr and exit 2, in every format', () => {
    const dir = repo();
    for (const format of ['json', 'stylish', 'sarif']) {
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [BIN, '--format', format], {
          cwd: dir,
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', TP_DOCTOR_DEBUG: undefined },
          timeout: 60_000,
        });
        expect(r.status, format).toBe(2);
        expect(r.stderr).toBe('tp-doctor: cannot write to standard output: ENOSPC\n');
        expect(r.stderr).not.toMatch(STACK_LINE);
      } finally {
        closeSync(full);
      }
    }
  });

  it.skipIf(!BUILT)('a full standard error (2> /dev/full) is guarded too, though created only on first use: exit 2, no crash', () => {
    // bin/tp-doctor.js guards standard error when something first uses it (not at start-up); without
    // the guard, the failed write is an uncaught exception (exit 1).
    const dir = repo();
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'no-such-directory'], {
        cwd: dir,
        stdio: ['ignore', 'pipe', full],
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', TP_DOCTOR_DEBUG: undefined },
        timeout: 60_000,
      });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    } finally {
      closeSync(full);
    }
  });

  it.skipIf(!BUILT)('--output /dev/stdout writes through to the pipe', () => {
    const dir = repo();
    const r = spawnSync(process.execPath, [BIN, '--format', 'json', '--output', '/dev/stdout'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 1 });
  });

  it.skipIf(!BUILT)('--output /dev/stdout into a file appends after what the shell wrote, and keeps the file', () => {
    const dir = repo();
    const r = spawnSync('bash', ['-c', `{ echo first; node ${JSON.stringify(BIN)} --format json --output /dev/stdout; } > out.txt`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    const text = readFileSync(path.join(dir, 'out.txt'), 'utf8');
    expect(text.startsWith('first\n{')).toBe(true);
    expect(JSON.parse(text.slice('first\n'.length))).toMatchObject({ version: 1 });
  });
});
