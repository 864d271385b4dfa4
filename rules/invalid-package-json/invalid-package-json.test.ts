import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../index.js';
import { lint } from '../../src/api.js';
import { DiskFs, MemoryFs } from '../../src/fs/source.js';
import { brief, lintFiles } from '../../test/helpers.js';

const RULE = 'invalid-package-json';
const W = '.github/workflows/';
const CI = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';

interface Case {
  name: string;
  files: Record<string, string | Uint8Array>;
  /** `messageId@line:col-endLine:endCol severity`. */
  want: string[];
  file?: string;
  data?: Record<string, string>;
}

const cases: Case[] = [
  { name: 'valid JSON', files: { 'package.json': '{"name": "widget", "version": "1.0.0"}' }, want: [] },
  { name: 'no package.json at all', files: { [`${W}ci.yml`]: CI }, want: [] },
  {
    name: 'syntax: a trailing comma',
    files: { 'package.json': '{\n  "name": "widget",\n}\n' },
    want: ['syntax@2:19-2:20 error'],
    data: { file: 'package.json', detail: 'a trailing `,` before `}`: JSON allows no comma after the last entry' },
  },
  {
    name: 'syntax: a YAML package.json is not JSON (npm rejects it)',
    files: { 'package.json': 'name: widget\nversion: 1.0.0\n' },
    want: ['syntax@1:1-1:2 error'],
    data: { detail: 'expected a value, found `n` (JSON keys and strings are written in double quotes)' },
  },
  {
    name: 'syntax: comments are not JSON',
    files: { 'package.json': '{\n  // the name\n  "name": "widget"\n}\n' },
    want: ['syntax@2:3-2:4 error'],
  },
  {
    name: 'syntax: single quotes',
    files: { 'package.json': "{'name': 'widget'}" },
    want: ['syntax@1:2-1:3 error'],
    data: { detail: "expected a key in double quotes, found `'` (JSON uses double quotes)" },
  },
  {
    name: 'syntax: an empty file',
    files: { 'package.json': '' },
    want: ['syntax@1:1-1:1 error'],
    data: { detail: 'unexpected end of the file: a value is missing' },
  },
  {
    name: 'syntax: two JSON values',
    files: { 'package.json': '{}\n{}\n' },
    want: ['syntax@2:1-2:2 error'],
  },
  { name: 'notAnObject: a list', files: { 'package.json': '[1, 2]' }, want: ['notAnObject@1:1-1:7 error'] },
  {
    name: 'duplicateKey: the last value wins and the second key is reported',
    files: { 'package.json': '{\n  "name": "widget",\n  "private": false,\n  "private": true\n}\n' },
    want: ['duplicateKey@4:3-4:12 warning'],
    data: { file: 'package.json', key: 'private' },
  },
  {
    name: 'duplicateKey: nested objects each keep their own keys',
    files: { 'package.json': '{"scripts": {"a": "x"}, "x": {"a": 1}, "scripts": {"b": "y", "b": "z"}}' },
    want: ['duplicateKey@1:40-1:49 warning', 'duplicateKey@1:62-1:65 warning'],
  },
  {
    name: 'unreadable: binary content',
    files: { 'package.json': new Uint8Array([0x7b, 0, 0x7d]) },
    want: ['unreadable@1:1-1:1 warning'],
    data: { detail: 'the file contains NUL bytes (binary data), not YAML text' },
  },
  {
    name: 'a working-directory package.json is read too',
    files: {
      'package.json': '{"name": "root", "private": true}',
      'packages/a/package.json': '{"name": "a",,}',
      [`${W}release.yml`]: 'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        working-directory: packages/a\n',
    },
    file: 'packages/a/package.json',
    want: ['syntax@1:14-1:15 error'],
  },
  {
    name: 'outsideRoot: a working-directory that leaves the repository is never read',
    files: {
      [`${W}release.yml`]: 'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        working-directory: ../elsewhere\n',
    },
    want: [],
  },
];

describe(RULE, () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await lintFiles(c.files, { rule: RULE });
      expect(found.map((d) => `${brief(d)} ${d.severity}`)).toEqual(c.want);
      for (const d of found) expect(d.file).toBe(c.file ?? 'package.json');
      if (c.data) expect(found[0]?.data).toMatchObject(c.data);
    });
  }

  it('the last of two equal keys is the value every rule sees', async () => {
    const outcome = await lint({
      fs: new MemoryFs({ 'package.json': '{"name": "widget", "private": false, "private": true}' }),
      rules,
    });
    if (!outcome.ok) throw new Error('config error');
    expect(outcome.project.packageJson?.private).toBe(true);
    const d = outcome.diagnostics.find((x) => x.ruleId === RULE);
    expect(d?.message).toBe('Duplicate key "private" in "package.json"; npm uses the last value');
    expect(d?.related[0]?.label).toBe('first "private", ignored by npm');
  });

  it('renders the syntax message, why and fix', async () => {
    const [d] = await lintFiles({ 'package.json': '{"name": "widget",}' }, { rule: RULE });
    expect(d?.message).toBe('"package.json" is not valid JSON: a trailing `,` before `}`: JSON allows no comma after the last entry');
    expect(d?.why).toMatch(/EJSONPARSE/);
    expect(d?.severity).toBe('error');
  });

  it('unreadable: a package.json the operating system refuses (MemoryFs)', async () => {
    const outcome = await lint({ fs: new MemoryFs({ 'package.json': '{}' }, { unreadable: ['package.json'] }), rules });
    if (!outcome.ok) throw new Error('config error');
    const found = outcome.diagnostics.filter((d) => d.ruleId === RULE);
    expect(found.map((d) => `${brief(d)} ${d.data.detail}`)).toEqual(['unreadable@1:1-1:1 the file cannot be read (EACCES)']);
  });
});

describe(`${RULE} on disk`, () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) {
      try {
        chmodSync(path.join(dir, 'package.json'), 0o644);
      } catch {
        // not every temporary directory has one
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
  const repo = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-invalid-package-json-'));
    made.push(dir);
    return dir;
  };
  const run = async (dir: string): Promise<string[]> => {
    const outcome = await lint({ fs: new DiskFs(dir), rules });
    if (!outcome.ok) throw new Error('config error');
    return outcome.diagnostics.filter((d) => d.ruleId === RULE).map((d) => `${brief(d)} ${d.severity} ${String(d.data.detail)}`);
  };

  it.skipIf(process.getuid?.() === 0)('unreadable: chmod 000 (skipped as root, who reads anyway)', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'package.json'), '{"name": "widget"}');
    chmodSync(path.join(dir, 'package.json'), 0o000);
    expect(await run(dir)).toEqual(['unreadable@1:1-1:1 warning the file cannot be read (EACCES)']);
  });

  it('outsideRoot: package.json a symbolic link out of the repository', async () => {
    const outside = repo();
    writeFileSync(path.join(outside, 'package.json'), '{"name": "elsewhere"}');
    const dir = repo();
    symlinkSync(path.join(outside, 'package.json'), path.join(dir, 'package.json'));
    expect(await run(dir)).toEqual([
      'outsideRoot@1:1-1:1 warning it is a symbolic link that points outside the repository; tp-doctor does not follow it',
    ]);
  });

  it('outsideRoot: a working directory that is a linked folder out of the repository', async () => {
    const outside = repo();
    writeFileSync(path.join(outside, 'package.json'), '{"name": "elsewhere"}');
    const dir = repo();
    mkdirSync(path.join(dir, W), { recursive: true });
    writeFileSync(
      path.join(dir, W, 'release.yml'),
      'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        working-directory: pkg\n',
    );
    symlinkSync(outside, path.join(dir, 'pkg'));
    expect(await run(dir)).toEqual([
      'outsideRoot@1:1-1:1 warning the folder "pkg" is a symbolic link that points outside the repository; tp-doctor does not follow it',
    ]);
  });
});
