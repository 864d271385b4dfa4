import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../index.js';
import { lint } from '../../src/api.js';
import { DiskFs, MemoryFs } from '../../src/fs/source.js';
import { lintRule, ruleTester, type ExpectedFinding } from '../../test/rule-tester.js';

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
    name: 'duplicateOtherKey: a repeated "prettier" (liquibase) is a field the publish does not read: info',
    files: { 'package.json': '{\n  "name": "widget",\n  "prettier": {},\n  "prettier": {"semi": false}\n}\n' },
    want: ['duplicateOtherKey@4:3-4:13 info'],
    data: { file: 'package.json', key: 'prettier', under: '', field: '`prettier`' },
  },
  {
    name: 'duplicateOtherKey: a key repeated under "resolutions" (groq) names its top-level field',
    files: { 'package.json': '{"name": "w", "resolutions": {"a": "1", "a": "2"}}' },
    want: ['duplicateOtherKey@1:41-1:44 info'],
    data: { key: 'a', under: ' (under "resolutions")', field: '`resolutions`' },
  },
  {
    name: 'duplicateKey control: a repeated "repository" (dopry/svelte-oidc) matters to the publish: warning',
    files: { 'package.json': '{"name": "w", "repository": "a/b", "repository": "c/d"}' },
    want: ['duplicateKey@1:36-1:48 warning'],
  },
  {
    name: 'duplicateKey control: a key repeated under "devDependencies" (the publish tool\'s version) is a warning',
    files: { 'package.json': '{"name": "w", "devDependencies": {"semantic-release": "19", "semantic-release": "25"}}' },
    want: ['duplicateKey@1:61-1:79 warning'],
  },
  {
    name: 'duplicateKey control: a repeated key inside a top-level array has no field: warning',
    files: { 'package.json': '[{"a": 1, "a": 2}]' },
    want: ['notAnObject@1:1-1:19 error', 'duplicateKey@1:11-1:14 warning'],
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

/** A row's `messageId@range severity` strings as findings in `c.file` (default package.json), the row's data on the first. */
const errorsOf = (c: Case): ExpectedFinding[] =>
  c.want.map((w, i) => {
    const [brief = '', severity] = w.split(' ');
    const [messageId = '', at = ''] = brief.split('@');
    return { messageId, at, severity: severity as ExpectedFinding['severity'], file: c.file ?? 'package.json', data: i === 0 ? c.data : undefined };
  });

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
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-invalid-package-json-'));
  made.push(dir);
  return dir;
};

/** A repository on disk whose package.json is a symbolic link to one outside it. */
function linkedPackageJson(): DiskFs {
  const outside = tempDir();
  writeFileSync(path.join(outside, 'package.json'), '{"name": "elsewhere"}');
  const dir = tempDir();
  symlinkSync(path.join(outside, 'package.json'), path.join(dir, 'package.json'));
  return new DiskFs(dir);
}

/** A repository on disk whose publishing working directory `pkg` is a symbolic link to a folder outside it. */
function linkedWorkingDirectory(): DiskFs {
  const outside = tempDir();
  writeFileSync(path.join(outside, 'package.json'), '{"name": "elsewhere"}');
  const dir = tempDir();
  mkdirSync(path.join(dir, W), { recursive: true });
  writeFileSync(
    path.join(dir, W, 'release.yml'),
    'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        working-directory: pkg\n',
  );
  symlinkSync(outside, path.join(dir, 'pkg'));
  return new DiskFs(dir);
}

describe(RULE, () => {
  ruleTester.run(RULE, {
    valid: cases.filter((c) => c.want.length === 0).map((c) => ({ name: c.name, files: c.files })),
    invalid: [
      ...cases.filter((c) => c.want.length > 0).map((c) => ({ name: c.name, files: c.files, errors: errorsOf(c) })),
      {
        name: 'renders the syntax message, why and fix',
        files: { 'package.json': '{"name": "widget",}' },
        errors: [
          {
            messageId: 'syntax',
            at: '1:18-1:19',
            severity: 'error',
            message: '"package.json" is not valid JSON: a trailing `,` before `}`: JSON allows no comma after the last entry',
            why: expect.stringMatching(/EJSONPARSE/),
          },
        ],
      },
      {
        name: 'unreadable: a package.json the operating system refuses (MemoryFs)',
        files: { 'package.json': '{}' },
        fs: (files) => new MemoryFs(files, { unreadable: ['package.json'] }),
        errors: [{ messageId: 'unreadable', at: '1:1-1:1', data: { detail: 'the file cannot be read (EACCES)' } }],
      },
      {
        name: 'outsideRoot (on disk): package.json a symbolic link out of the repository',
        files: {},
        fs: linkedPackageJson,
        errors: [
          {
            messageId: 'outsideRoot',
            at: '1:1-1:1',
            severity: 'warning',
            data: { detail: 'it is a symbolic link that points outside the repository; tp-doctor does not follow it' },
          },
        ],
      },
      {
        name: 'outsideRoot (on disk): a working directory that is a linked folder out of the repository',
        files: {},
        fs: linkedWorkingDirectory,
        errors: [
          {
            messageId: 'outsideRoot',
            at: '1:1-1:1',
            severity: 'warning',
            data: { detail: 'the folder "pkg" is a symbolic link that points outside the repository; tp-doctor does not follow it' },
          },
        ],
      },
    ],
  });

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

  it.skipIf(process.getuid?.() === 0)('unreadable on disk: chmod 000 (skipped as root, who reads anyway)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'package.json'), '{"name": "widget"}');
    chmodSync(path.join(dir, 'package.json'), 0o000);
    const found = await lintRule(RULE, {}, { fs: () => new DiskFs(dir) });
    expect(found.map((d) => `${d.messageId}@${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${String(d.data.detail)}`)).toEqual([
      'unreadable@1:1-1:1 warning the file cannot be read (EACCES)',
    ]);
  });
});
