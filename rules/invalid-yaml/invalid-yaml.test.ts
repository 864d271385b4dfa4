import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../index.js';
import { lint } from '../../src/api.js';
import { DiskFs, MemoryFs } from '../../src/fs/source.js';
import { brief, lintFiles } from '../../test/helpers.js';

const W = '.github/workflows/';
const GL = '.gitlab-ci.yml';
const GITLAB_CLEAN = 'test:\n  image: node:24\n  script: npm test\n';
const CLEAN = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';

/** The "billion laughs" document: 9 levels, each a list of 9 aliases to the level before. */
function aliasBomb(): string {
  const names = 'abcdefghi';
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

interface Case {
  name: string;
  files: Record<string, string | Uint8Array>;
  /** `messageId@line:col-endLine:endCol`, in report order. */
  want: string[];
  /** The file each diagnostic is in (default: the workflow `a.yml`). */
  file?: string;
  /** `data` of the first diagnostic. */
  data?: Record<string, string | number>;
  severity?: string;
}

const cases: Case[] = [
  // syntax
  {
    name: 'an unclosed flow sequence is reported where the parser gives up (end of file)',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n  a: [\n' },
    want: ['syntax@4:1-4:1'],
    data: { detail: 'Flow sequence in block collection must be sufficiently indented and end with a ]' },
  },
  {
    name: 'an unclosed double quote',
    files: { [`${W}a.yml`]: 'name: "release\non: push\njobs: {}\n' },
    want: ['syntax@4:1-4:1'],
    data: { detail: 'Missing closing "quote' },
  },
  {
    name: 'a tab used as indentation points at the tab',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n\tbuild:\n    runs-on: ubuntu-latest\n' },
    want: ['syntax@3:1-3:2'],
    data: { detail: 'Tabs are not allowed as indentation' },
  },
  {
    name: 'a mapping entry indented one space short',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n   steps: []\n' },
    want: ['syntax@5:1-5:2'],
    data: { detail: 'All mapping items must start at the same column' },
  },
  {
    name: 'a .yaml workflow is checked like a .yml one',
    files: { [`${W}b.yaml`]: 'on: [push\n' },
    file: `${W}b.yaml`,
    want: ['syntax@2:1-2:1'],
  },
  {
    name: 'a local composite action used by a workflow is checked too',
    files: {
      [`${W}a.yml`]: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/pub\n',
      '.github/actions/pub/action.yml': 'runs:\n  using: composite\n  steps: [\n',
    },
    file: '.github/actions/pub/action.yml',
    want: ['syntax@4:1-4:1'],
  },
  // duplicateKey
  {
    name: 'a repeated key in a job covers the second key',
    files: {
      [`${W}a.yml`]: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    runs-on: windows-latest\n    steps: []\n',
    },
    want: ['duplicateKey@5:5-5:12'],
    data: { detail: '"runs-on" is repeated in the same mapping; keys must be unique' },
  },
  {
    name: 'a quoted repeat of a plain key is the same key',
    files: { [`${W}a.yml`]: 'on: push\n"on": pull_request\njobs: {}\n' },
    want: ['duplicateKey@2:1-2:5'],
    data: { detail: '"on" is repeated in the same mapping; keys must be unique' },
  },
  // multipleDocuments
  {
    name: 'a second document points at its `---` line',
    files: { [`${W}a.yml`]: 'on: push\njobs: {}\n---\non: pull_request\n' },
    want: ['multipleDocuments@3:1-3:4'],
    data: {},
  },
  // aliasBomb
  {
    name: 'an alias bomb points at the alias that crosses the limit, without expanding it',
    files: { [`${W}a.yml`]: aliasBomb() },
    want: ['aliasBomb@6:17-6:19'],
    data: { detail: 'aliases expand the document to more than 200,000 nodes' },
  },
  // tooDeep
  {
    name: 'nesting past 128 levels points at the first bracket beyond it',
    files: { [`${W}a.yml`]: `on: push\njobs: ${'['.repeat(200)}${']'.repeat(200)}\n` },
    want: ['tooDeep@2:134-2:135'],
    data: { detail: 'collections nest more than 128 levels deep' },
  },
  {
    name: 'nesting of exactly 128 levels is accepted',
    files: { [`${W}a.yml`]: `on: push\njobs: ${'['.repeat(127)}${']'.repeat(127)}\n` },
    want: [],
  },
  // tooManyValues
  {
    name: 'more than 200,000 keys and values in one file: not parsed, said so',
    files: { [`${W}a.yml`]: `on: push\nenv: [${'a,'.repeat(200_000)}a]\njobs: {}\n` },
    want: ['tooManyValues@1:1-1:1'],
    data: { detail: 'the file holds more than 200,000 YAML keys and values, where tp-doctor reads at most that many; the file was not checked' },
  },
  {
    name: 'a large file of exactly 200,000 values is read as usual',
    files: { [`${W}a.yml`]: `on: push\nenv: [${'a,'.repeat(199_995)}a]\njobs: {}\n` },
    want: [],
  },
  // empty
  {
    name: 'an empty file',
    files: { [`${W}a.yml`]: '' },
    want: ['empty@1:1-1:1'],
    data: {},
  },
  {
    name: 'a file with only a comment is empty',
    files: { [`${W}a.yml`]: '# TODO: release workflow\n' },
    want: ['empty@1:1-1:1'],
  },
  {
    name: 'a lone `---` is empty, reported at the start of the file',
    files: { [`${W}a.yml`]: '---\n' },
    want: ['empty@1:1-1:1'],
  },
  // notAMapping
  {
    name: 'a workflow that is a list covers the list',
    files: { [`${W}a.yml`]: '- on: push\n- jobs: {}\n' },
    want: ['notAMapping@1:1-3:1'],
    data: {},
  },
  {
    name: 'a workflow that is a single string',
    files: { [`${W}a.yml`]: 'just some text\n' },
    want: ['notAMapping@1:1-1:15'],
  },
  // unreadable (in memory: the byte checks are shared with the disk)
  {
    name: 'Latin-1 bytes name the offset of the first invalid byte',
    files: { [`${W}a.yml`]: Buffer.from('name: caf\xe9\non: push\njobs: {}\n', 'latin1') },
    want: ['unreadable@1:1-1:1'],
    data: { file: `${W}a.yml`, detail: 'the file is not valid UTF-8 (first bad byte at offset 9)' },
  },
  {
    name: 'a PNG named like a workflow is binary',
    files: { [`${W}a.yml`]: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
    want: ['unreadable@1:1-1:1'],
    data: { file: `${W}a.yml`, detail: 'the file contains NUL bytes (binary data), not YAML text' },
  },
  {
    name: 'a file just over 2 MiB gives both sizes in bytes',
    files: { [`${W}a.yml`]: `on: push\n#${'x'.repeat(2 * 1024 * 1024)}\n` },
    want: ['unreadable@1:1-1:1'],
    data: {
      file: `${W}a.yml`,
      detail: 'the file is 2,097,163 bytes; tp-doctor reads files up to 2,097,152 bytes',
    },
  },
  // GitLab CI files
  {
    name: 'gitlab: a syntax error in .gitlab-ci.yml',
    files: { [GL]: 'publish:\n  script: [npm publish\n' },
    file: GL,
    want: ['syntax@3:1-3:1'],
  },
  {
    name: 'gitlab: a duplicate job name says what GitLab does with it',
    files: { [GL]: 'publish:\n  script: npm test\npublish:\n  script: npm publish\n' },
    file: GL,
    want: ['ciFileDuplicateKey@3:1-3:8'],
    data: { detail: '"publish" is repeated in the same mapping; keys must be unique' },
  },
  {
    name: 'gitlab: an empty .gitlab-ci.yml',
    files: { [GL]: '# nothing yet\n' },
    file: GL,
    want: ['ciFileEmpty@1:1-1:1'],
    data: {},
  },
  {
    name: 'gitlab: a .gitlab-ci.yml that is a list',
    files: { [GL]: '- publish\n- test\n' },
    file: GL,
    want: ['ciFileNotAMapping@1:1-3:1'],
    data: {},
  },
  {
    name: 'gitlab: a broken local include is reported in the included file',
    files: { [GL]: `include: ci/release.yml\n${GITLAB_CLEAN}`, 'ci/release.yml': 'release:\n  script: [\n' },
    file: 'ci/release.yml',
    want: ['syntax@3:1-3:1'],
  },
  {
    name: 'gitlab: an empty local include',
    files: { [GL]: `include:\n  - local: ci/empty.yml\n${GITLAB_CLEAN}`, 'ci/empty.yml': '' },
    file: 'ci/empty.yml',
    want: ['ciFileEmpty@1:1-1:1'],
  },
  {
    name: 'gitlab: a declared ciFile is the file read',
    files: { 'ci/main.yml': 'publish: [\n', 'tp-doctor.yml': 'publishers:\n  - provider: gitlab\n    project: acme/widget\n    ciFile: ci/main.yml\n' },
    file: 'ci/main.yml',
    want: ['syntax@2:1-2:1'],
  },
  { name: 'gitlab: a valid .gitlab-ci.yml', files: { [GL]: GITLAB_CLEAN }, want: [] },
  // tags
  {
    name: 'unsupportedTag: a JavaScript function tag in a workflow',
    files: { [`${W}a.yml`]: 'on: push\njobs:\n  a:\n    runs-on: !!js/function "function () {}"\n' },
    want: ['unsupportedTag@4:14-4:44'],
    data: { detail: 'the tag `!!js/function` is not a standard YAML tag (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are)' },
    severity: 'warning',
  },
  {
    name: "unsupportedTag: GitLab's !reference in a GitHub workflow",
    files: { [`${W}a.yml`]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: !reference [.x, steps]\n' },
    want: ['unsupportedTag@5:12-5:34'],
  },
  {
    name: 'unsupportedTag: a custom tag in a local composite action',
    files: {
      [`${W}a.yml`]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/x\n',
      '.github/actions/x/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: !shell echo hi\n',
    },
    file: '.github/actions/x/action.yml',
    want: ['unsupportedTag@4:12-4:26'],
  },
  {
    name: 'standard tags are fine',
    files: { [`${W}a.yml`]: 'on: push\nenv:\n  A: !!str 1\n  B: !!int "2"\njobs: !!map\n  a:\n    runs-on: ubuntu-latest\n    steps: !!seq\n      - run: echo\n' },
    want: [],
  },
  { name: 'gitlab: !reference is GitLab syntax', files: { [GL]: `.x:\n  script: [a]\ntest:\n  script: !reference [.x, script]\n` }, want: [] },
  // limits
  {
    name: 'limit: more steps in one job than tp-doctor reads (2,000)',
    files: { [`${W}a.yml`]: `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${'      - run: echo\n'.repeat(2001)}` },
    want: ['limit@5:5-5:10'],
    data: { what: 'Too many steps in one job of this workflow', count: '2,001', max: '2,000', skipped: 'the workflow was not checked' },
    severity: 'warning',
  },
  {
    name: 'limit: more jobs than tp-doctor reads (1,000)',
    files: { [`${W}a.yml`]: `on: push\njobs:\n${Array.from({ length: 1001 }, (_, i) => `  j${i}:\n    runs-on: ubuntu-latest\n`).join('')}` },
    want: ['limit@2:1-2:5'],
    data: { what: 'Too many jobs in this workflow', count: '1,001', max: '1,000', skipped: 'the workflow was not checked' },
  },
  // silent
  { name: 'a valid workflow', files: { [`${W}a.yml`]: CLEAN }, want: [] },
  {
    name: 'files in the workflow folder that are not .yml/.yaml are not read',
    files: { [`${W}a.yml`]: CLEAN, [`${W}README.md`]: 'on: [push\n' },
    want: [],
  },
  {
    name: 'a broken composite action that no workflow uses is not read',
    files: { [`${W}a.yml`]: CLEAN, '.github/actions/old/action.yml': 'runs: [\n' },
    want: [],
  },
  {
    name: 'a file listed under `ignore:` is not read',
    files: {
      [`${W}a.yml`]: CLEAN,
      [`${W}broken.yml`]: 'on: [push\n',
      'tp-doctor.yml': 'ignore:\n  - .github/workflows/broken.yml\n',
    },
    want: [],
  },
  {
    name: 'a configured severity applies to every message',
    files: { [`${W}a.yml`]: 'on: [push\n', 'tp-doctor.yml': 'rules:\n  invalid-yaml: warning\n' },
    want: ['syntax@2:1-2:1'],
    severity: 'warning',
  },
];

describe('invalid-yaml', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const found = await lintFiles(c.files, { rule: 'invalid-yaml' });
      expect(found.map(brief)).toEqual(c.want);
      for (const d of found) expect(d.file).toBe(c.file ?? `${W}a.yml`);
      if (c.data) expect(found[0]?.data).toEqual(c.data);
      if (c.severity) expect(found[0]?.severity).toBe(c.severity);
    });
  }

  it('renders the full message, why and fix', async () => {
    const [d] = await lintFiles(
      { [`${W}a.yml`]: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    runs-on: windows-latest\n' },
      { rule: 'invalid-yaml' },
    );
    expect(d?.message).toBe('Duplicate key: "runs-on" is repeated in the same mapping; keys must be unique');
    expect(d?.why).toMatch(/^GitHub rejects a workflow with a repeated key/);
    expect(d?.fix).toBe('Remove or rename one of the repeated keys');
    expect(d?.severity).toBe('error');
  });

  it('reports one problem per file and keeps checking the other files', async () => {
    const found = await lintFiles(
      {
        [`${W}a.yml`]: 'on: [push\n',
        [`${W}b.yml`]: '',
        [`${W}c.yml`]: CLEAN,
      },
      { rule: 'invalid-yaml' },
    );
    expect(found.map((d) => `${d.file} ${brief(d)}`)).toEqual([`${W}a.yml syntax@2:1-2:1`, `${W}b.yml empty@1:1-1:1`]);
  });

  it('limit: more than 2,000 workflow files: the first 2,000 in name order are read, the rest reported', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2003; i++) files[`${W}w${String(i).padStart(5, '0')}.yml`] = i === 2001 ? 'on: [push\n' : CLEAN;
    const outcome = await lint({ fs: new MemoryFs(files), rules });
    if (!outcome.ok) throw new Error('config error');
    const found = outcome.diagnostics.filter((d) => d.ruleId === 'invalid-yaml');
    // The broken file is number 2,002: beyond the limit, so not read (and not reported as broken).
    expect(found.map((d) => `${d.file} ${brief(d)} ${d.severity}`)).toEqual(['.github/workflows limit@1:1-1:1 warning']);
    expect(found[0]?.message).toBe(
      'Too many workflow files in `.github/workflows`: 2,003 where tp-doctor reads at most 2,000; the files after the first in name order were not checked',
    );
    expect(outcome.project.workflows).toHaveLength(2000);
  });

  it('unreadable: a .github/workflows folder that cannot be listed is a finding, not an empty folder', async () => {
    const outcome = await lint({ fs: new MemoryFs({ [`${W}a.yml`]: CLEAN }, { unreadable: ['.github/workflows'] }), rules });
    if (!outcome.ok) throw new Error('config error');
    const found = outcome.diagnostics.filter((d) => d.ruleId === 'invalid-yaml');
    expect(found.map((d) => `${d.file} ${brief(d)} ${d.severity} ${String(d.data.detail)}`)).toEqual([
      '.github/workflows unreadable@1:1-1:1 error the folder cannot be read (EACCES)',
    ]);
  });

  it('outsideRoot: a local action written with `..` out of the repository is never read', async () => {
    const found = await lintFiles(
      { [`${W}a.yml`]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./../../outside/act\n' },
      { rule: 'invalid-yaml' },
    );
    expect(found.map((d) => `${d.file} ${brief(d)} ${d.severity} ${String(d.data.detail)}`)).toEqual([
      './../../outside/act outsideRoot@1:1-1:1 warning the path leaves the repository (an absolute path or `..` above the root); tp-doctor reads only files inside it',
    ]);
  });

  it('leaves a broken config file to the config loader (exit 2), not to this rule', async () => {
    const outcome = await lint({
      fs: new MemoryFs({ [`${W}a.yml`]: CLEAN, 'tp-doctor.yml': 'rules: [\n' }),
      rules,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.configErrors[0]?.message).toMatch(/^`tp-doctor.yml` is not valid YAML: /);
    expect(outcome.configErrors[0]?.location?.file).toBe('tp-doctor.yml');
  });
});

describe('invalid-yaml on disk', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  const repo = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-invalid-yaml-'));
    made.push(dir);
    mkdirSync(path.join(dir, W), { recursive: true });
    return dir;
  };
  const run = async (dir: string): Promise<{ brief: string; file: string; severity: string; detail: unknown }[]> => {
    const outcome = await lint({ fs: new DiskFs(dir), rules });
    if (!outcome.ok) throw new Error('config error');
    return outcome.diagnostics
      .filter((d) => d.ruleId === 'invalid-yaml')
      .map((d) => ({ brief: brief(d), file: d.file, severity: d.severity, detail: d.data.detail }));
  };

  it('outsideRoot: a symbolic link out of the repository is not followed (warning)', async () => {
    const outside = repo();
    writeFileSync(path.join(outside, 'secret.yml'), CLEAN);
    const dir = repo();
    symlinkSync(path.join(outside, 'secret.yml'), path.join(dir, W, 'release.yml'));
    expect(await run(dir)).toEqual([
      {
        brief: 'outsideRoot@1:1-1:1',
        file: `${W}release.yml`,
        severity: 'warning',
        detail: 'it is a symbolic link that points outside the repository; tp-doctor does not follow it',
      },
    ]);
  });

  it('outsideRoot: a .github/workflows folder that is a link out of the repository is not listed', async () => {
    const outside = repo();
    writeFileSync(path.join(outside, 'leak.yml'), CLEAN);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-invalid-yaml-'));
    made.push(dir);
    mkdirSync(path.join(dir, '.github'));
    symlinkSync(path.join(outside, W), path.join(dir, '.github/workflows'));
    expect(await run(dir)).toEqual([
      {
        brief: 'outsideRoot@1:1-1:1',
        file: '.github/workflows',
        severity: 'warning',
        detail: 'the folder ".github/workflows" is a symbolic link that points outside the repository; tp-doctor does not follow it',
      },
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('unreadable: a .github/workflows folder without permissions (chmod 000; skipped as root)', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, W, 'a.yml'), CLEAN);
    chmodSync(path.join(dir, W), 0o000);
    try {
      expect(await run(dir)).toEqual([
        { brief: 'unreadable@1:1-1:1', file: '.github/workflows', severity: 'error', detail: 'the folder cannot be read (EACCES)' },
      ]);
    } finally {
      chmodSync(path.join(dir, W), 0o755);
    }
  });

  it('a symbolic link inside the repository is followed', async () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'shared.yml'), CLEAN);
    symlinkSync('../../shared.yml', path.join(dir, W, 'release.yml'));
    expect(await run(dir)).toEqual([]);
  });

  it('unreadable: a loop of symbolic links says so instead of "does not exist"', async () => {
    const dir = repo();
    symlinkSync('b.yml', path.join(dir, W, 'a.yml'));
    symlinkSync('a.yml', path.join(dir, W, 'b.yml'));
    const detail = 'the file cannot be read (a loop of symbolic links, ELOOP)';
    expect(await run(dir)).toEqual([
      { brief: 'unreadable@1:1-1:1', file: `${W}a.yml`, severity: 'error', detail },
      { brief: 'unreadable@1:1-1:1', file: `${W}b.yml`, severity: 'error', detail },
    ]);
  });

  it('unreadable: a dangling symbolic link', async () => {
    const dir = repo();
    symlinkSync('gone.yml', path.join(dir, W, 'a.yml'));
    expect(await run(dir)).toEqual([
      {
        brief: 'unreadable@1:1-1:1',
        file: `${W}a.yml`,
        severity: 'error',
        detail: 'the file cannot be read (a symbolic link to a file that does not exist)',
      },
    ]);
  });
});

describe('invalid-yaml on GitLab CI files', () => {
  it('renders the GitLab wording for an empty CI file', async () => {
    const [d] = await lintFiles({ '.gitlab-ci.yml': '' }, { rule: 'invalid-yaml' });
    expect(d?.message).toBe('The GitLab CI file is empty; expected a mapping of jobs and keywords such as `stages:`');
    expect(d?.why).toMatch(/^GitLab refuses an empty CI file/);
    expect(d?.severity).toBe('error');
  });

  it('a workflow file keeps the GitHub wording next to a GitLab file', async () => {
    const found = await lintFiles({ [`${W}a.yml`]: '', '.gitlab-ci.yml': '' }, { rule: 'invalid-yaml' });
    expect(found.map((d) => `${d.file} ${brief(d)}`)).toEqual([`${W}a.yml empty@1:1-1:1`, '.gitlab-ci.yml ciFileEmpty@1:1-1:1']);
  });
});
