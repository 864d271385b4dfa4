/**
 * `tp-doctor --fix`, `--fix-dry-run` and `--fix-type` on real directories: files are written in
 * place (permissions and byte order mark kept, atomically, no temporary file left), the report is
 * the lint of what is left, a second run changes nothing, the dry run prints a diff that `git apply`
 * reads and changes nothing, and no file is written through a symbolic link or outside the
 * repository.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printableDiff, writeFixedFile } from '../src/cli/fix.js';
import { runCli, tempRepo, type CliResult } from './cli-harness.js';


const repo = (files: Record<string, string>): string => tempRepo(files, 'tp-doctor-fix-');

const cli = (argv: string[], cwd: string): Promise<CliResult> => runCli(argv, cwd);

const WORKFLOW = `name: Release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read # checkout
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 20 # the build needs it
      - run: npm publish
`;
const FILES = {
  '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n',
  'package.json': '{\n  "name": "widget",\n  "version": "1.0.0",\n  "repository": { "type": "git", "url": "git+https://github.com/acme/widget.git" }\n}\n',
  '.github/workflows/release.yml': WORKFLOW,
};
const FILE = '.github/workflows/release.yml';

describe('tp-doctor --fix', () => {
  it('fixes in place, keeps comments, reports what is left, and a second run is a no-op', async () => {
    const dir = repo(FILES);
    chmodSync(path.join(dir, FILE), 0o640);
    const first = await cli(['--fix'], dir);
    const after = readFileSync(path.join(dir, FILE), 'utf8');
    expect(after).toBe(WORKFLOW.replace('contents: read # checkout\n', 'contents: read # checkout\n      id-token: write\n').replace('node-version: 20 #', 'node-version: 24 #'));
    expect(first.stderr).toMatch(/fixed 2 problems in 1 file \((?:require-id-token-write, npm-supports-oidc|npm-supports-oidc, require-id-token-write)\)/);
    // What is left is reported; the fixed findings are gone.
    expect(first.stdout).not.toMatch(/require-id-token-write|npm-supports-oidc/);
    expect(first.code).toBe(0);
    expect(statSync(path.join(dir, FILE)).mode & 0o777).toBe(0o640);
    // No temporary file is left beside it.
    expect(readdirSync(path.join(dir, '.github/workflows'))).toEqual(['release.yml']);

    const second = await cli(['--fix'], dir);
    expect(second.stderr).toContain('nothing to fix automatically');
    expect(readFileSync(path.join(dir, FILE), 'utf8')).toBe(after);
  });

  it('keeps a byte order mark and CRLF line ends', async () => {
    const dir = repo({ ...FILES, [FILE]: `\ufeff${WORKFLOW.replace(/\n/g, '\r\n')}` });
    await cli(['--fix', '--fix-type', 'require-id-token-write'], dir);
    const bytes = readFileSync(path.join(dir, FILE));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toContain('contents: read # checkout\r\n      id-token: write\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('--fix-type limits the rules that fix', async () => {
    const dir = repo(FILES);
    const r = await cli(['--fix', '--fix-type', 'npm-supports-oidc'], dir);
    const after = readFileSync(path.join(dir, FILE), 'utf8');
    expect(after).toContain('node-version: 24');
    expect(after).not.toContain('id-token');
    expect(r.stdout).toContain('require-id-token-write');
    expect(r.code).toBe(1);
  });

  it('rejects unknown and unfixable --fix-type rules, and the flags without --fix', async () => {
    const dir = repo(FILES);
    expect((await cli(['--fix', '--fix-type', 'nope'], dir)).stderr).toContain('unknown rule "nope"');
    expect((await cli(['--fix', '--fix-type', 'invalid-yaml'], dir)).stderr).toContain('has no automatic fixes');
    const alone = await cli(['--fix-type', 'npm-supports-oidc'], dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--fix-type is used only with --fix or --fix-dry-run');
    expect((await cli(['--fix', '--fix-dry-run'], dir)).code).toBe(2);
    expect(readFileSync(path.join(dir, FILE), 'utf8')).toBe(WORKFLOW);
  });

  it('--fix-dry-run prints a diff that git apply accepts and changes nothing', async () => {
    const dir = repo(FILES);
    const r = await cli(['--fix-dry-run'], dir);
    expect(readFileSync(path.join(dir, FILE), 'utf8')).toBe(WORKFLOW);
    expect(r.stdout).toMatch(/^--- a\/\.github\/workflows\/release\.yml\n\+\+\+ b\/\.github\/workflows\/release\.yml\n@@/);
    expect(r.stdout).toContain('+      id-token: write\n');
    expect(r.stderr).toContain('would fix 2 problems');
    const git = spawnSync('git', ['apply', '--check', '-'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    if (git.error === undefined) expect(git.stderr).toBe('');
    const applied = spawnSync('git', ['apply', '-'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    if (applied.error === undefined) {
      const fixed = repo(FILES);
      await cli(['--fix'], fixed);
      expect(readFileSync(path.join(dir, FILE), 'utf8')).toBe(readFileSync(path.join(fixed, FILE), 'utf8'));
    }
  });

  it('--fix-dry-run shows no secret and still applies: context lines with a token are left out', async () => {
    const token = 'npm_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const workflow = WORKFLOW.replace('    steps:\n', `    env:\n      DEPLOY_KEY: ${token}\n    steps:\n`);
    const dir = repo({ ...FILES, [FILE]: workflow, '.npmrc': `//registry.npmjs.org/:_authToken=${token}\n` });
    const r = await cli(['--fix-dry-run', '--fix-type', 'require-id-token-write'], dir);
    expect(r.stdout).toContain('+      id-token: write\n');
    expect(r.stdout).not.toContain('DEPLOY_KEY');
    expect(`${r.stdout}${r.stderr}`).not.toContain(token);
    expect(r.stderr).not.toContain('git apply');
    const git = spawnSync('git', ['apply', '--check', '-'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    if (git.error === undefined) expect(git.stderr).toBe('');
    // A changed line that holds the token cannot be shown: the diff is masked, and says so.
    const npmrc = await cli(['--fix-dry-run', '--fix-type', 'no-long-lived-token'], dir);
    expect(npmrc.stdout).toContain('-//registry.npmjs.org/:_authToken=npm_****\n');
    expect(`${npmrc.stdout}${npmrc.stderr}`).not.toContain(token);
    expect(npmrc.stderr).toContain('tp-doctor: the diff of .npmrc shows a secret masked (a line it changes holds one), so `git apply` cannot apply it; run --fix to apply it\n');
  });

  it('--fix-dry-run says why a diff is masked: a token on the line next to a change, which even one line of context shows', async () => {
    const token = 'npm_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const workflow = WORKFLOW.replace('        with:\n', `        with:\n          always-auth: ${token}\n`);
    const dir = repo({ ...FILES, [FILE]: workflow });
    const r = await cli(['--fix-dry-run', '--fix-type', 'npm-supports-oidc'], dir);
    expect(r.stdout).toContain('-          node-version: 20 # the build needs it\n+          node-version: 24 # the build needs it\n');
    expect(r.stdout).toContain('           always-auth: npm_****\n');
    expect(`${r.stdout}${r.stderr}`).not.toContain(token);
    expect(r.stderr).toContain(`tp-doctor: the diff of ${FILE} shows a secret masked (a line next to a change holds one, and no smaller context leaves it out), so \`git apply\` cannot apply it; run --fix to apply it\n`);
    expect(r.stderr).not.toContain('a line it changes holds one');
    expect(printableDiff(FILE, workflow, workflow.replace('node-version: 20', 'node-version: 24')).masked).toBe('context');
    expect(printableDiff('.npmrc', `//registry.npmjs.org/:_authToken=${token}\n`, '').masked).toBe('changed');
    expect(printableDiff(FILE, WORKFLOW, WORKFLOW.replace('node-version: 20', 'node-version: 24')).masked).toBe(false);
  });

  it('never leaves a file that does not parse: an unparsable file is not fixed', async () => {
    const broken = `${WORKFLOW}  other: [oops\n`;
    const dir = repo({ ...FILES, [FILE]: broken });
    await cli(['--fix'], dir);
    expect(readFileSync(path.join(dir, FILE), 'utf8')).toBe(broken);
  });
});

describe('writeFixedFile', () => {
  const before = 'a: 1\n';

  it('writes a regular file inside the repository', async () => {
    const dir = repo({ 'x.yml': before });
    expect(await writeFixedFile(dir, 'x.yml', before, 'a: 2\n')).toBeUndefined();
    expect(readFileSync(path.join(dir, 'x.yml'), 'utf8')).toBe('a: 2\n');
  });

  it('refuses a symbolic link, even to a file inside the repository', async () => {
    const dir = repo({ 'real.yml': before });
    symlinkSync(path.join(dir, 'real.yml'), path.join(dir, 'link.yml'));
    expect(await writeFixedFile(dir, 'link.yml', before, 'a: 2\n')).toBe('it is a symbolic link');
    expect(readFileSync(path.join(dir, 'real.yml'), 'utf8')).toBe(before);
  });

  it('refuses a path through a symbolic link to a directory outside the repository', async () => {
    const outside = repo({ 'x.yml': before });
    const dir = repo({});
    symlinkSync(outside, path.join(dir, 'sub'));
    expect(await writeFixedFile(dir, 'sub/x.yml', before, 'a: 2\n')).toBe('a directory on its path is a symbolic link');
    expect(readFileSync(path.join(outside, 'x.yml'), 'utf8')).toBe(before);
  });

  it('refuses paths that leave the repository and files that changed meanwhile', async () => {
    const dir = repo({ 'x.yml': before });
    expect(await writeFixedFile(dir, '../x.yml', before, 'a: 2\n')).toBe('not a path inside the repository');
    expect(await writeFixedFile(dir, '/etc/passwd', before, 'a: 2\n')).toBe('not a path inside the repository');
    expect(await writeFixedFile(dir, 'x.yml', 'a: 0\n', 'a: 2\n')).toBe('it changed while tp-doctor was fixing it');
    expect(readFileSync(path.join(dir, 'x.yml'), 'utf8')).toBe(before);
  });
});
