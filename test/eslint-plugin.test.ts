/**
 * The ESLint plugin's adapter: ESLint's RuleTester over the generated rules (with the editor's
 * buffer differing from the disk), ESLint's own directive comments and the severity processor
 * through the real ESLint class, and the pieces underneath (root discovery, the overlay and
 * snapshot file views, the per-run cache, the tolerant parser).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, RuleTester } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { rules as registry } from '../rules/index.js';
import { docsUrl } from '../src/diagnostics/docs-url.js';
import type { MessageSpec } from '../src/engine/define-rule.js';
import { MemoryFs } from '../src/fs/source.js';
import { eslintInterpolate, eslintTemplate, RAW_MESSAGE_ID } from '../src/eslint-plugin/adapt-rule.js';
import { findRoot, ProjectCache } from '../src/eslint-plugin/context.js';
import plugin, { loudestDefault, parser, RECOMMENDED_FILES } from '../src/eslint-plugin/index.js';
import { OverlayFs, SnapshotFs } from '../src/eslint-plugin/overlay-fs.js';
import { yamlComments } from '../src/eslint-plugin/parser.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const GOOD = `name: Release
on:
  push:
    tags: ['v*']
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: npm publish
    environment: npm
`;
const ID_TOKEN_READ = GOOD.replace('id-token: write', 'id-token: read');
const NO_ID_TOKEN = GOOD.replace('      id-token: write\n', '');
const PACKAGE_JSON = `${JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } }, null, 2)}\n`;
const CONFIG = 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n    environment: npm\n';

const READ_MESSAGE = '`id-token: read` is not a valid access level; expected `write` or `none`';
const JOB_BLOCK_MESSAGE = 'The `permissions` of job "publish", which publishes to npm, do not list `id-token`; expected `id-token: write`';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A repository on disk in a temporary folder; returns its root. */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-eslint-'));
  temps.push(root);
  write(root, files);
  return root;
}

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

const base = { 'package.json': PACKAGE_JSON, 'tp-doctor.yml': CONFIG };
const goodRepo = repo({ ...base, '.github/workflows/release.yml': GOOD });
const badRepo = repo({ ...base, '.github/workflows/release.yml': NO_ID_TOKEN });
const emptyRepo = repo(base);
const workflow = (root: string, name = 'release.yml'): string => path.join(root, '.github/workflows', name);

describe('generated from the registry', () => {
  it('has one ESLint rule per core rule, with the same id, summary and docs page', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(registry.map((r) => r.id).sort());
    for (const rule of registry) {
      const docs = plugin.rules[rule.id]?.meta?.docs;
      expect(docs?.url).toBe(docsUrl(rule.id));
      expect(docs?.description).toBe(rule.meta.summary);
    }
  });

  it('keeps every message id, and every template renders exactly as the core renders it', () => {
    for (const rule of registry) {
      const eslintMessages = plugin.rules[rule.id]?.meta?.messages ?? {};
      const specs = rule.meta.messages as Record<string, MessageSpec>;
      expect(Object.keys(eslintMessages).sort()).toEqual([...Object.keys(specs), RAW_MESSAGE_ID].sort());
      for (const [id, spec] of Object.entries(specs)) {
        const names = [...spec.text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!);
        const data = Object.fromEntries(names.map((n) => [n, `<${n}>`]));
        const core = spec.text.replace(/\{([A-Za-z0-9_]+)\}/g, (_, n: string) => data[n] ?? '');
        expect(eslintInterpolate(eslintMessages[id]!, data), `${rule.id}/${id}`).toBe(core);
      }
    }
  });

  it('loudestDefault: the rule default, or a louder message', () => {
    const rule = (severity: 'error' | 'warning' | 'info', ...messages: ('error' | 'warning' | 'info' | undefined)[]) => ({
      id: 'x',
      hooks: {},
      meta: { severity, providers: [], summary: '', messages: Object.fromEntries(messages.map((s, i) => [`m${i}`, { text: '', why: '', fix: '', severity: s }])) },
    });
    expect(loudestDefault(rule('info', undefined, 'error'))).toBe('error');
    expect(loudestDefault(rule('warning', 'info'))).toBe('warning');
    expect(loudestDefault(rule('error', 'warning', 'info'))).toBe('error');
  });

  it('converts placeholders and leaves GitHub expressions alone', () => {
    expect(eslintTemplate('Job "{job}" uses `${{ secrets.NPM_TOKEN }}`')).toBe('Job "{{job}}" uses `${{ secrets.NPM_TOKEN }}`');
  });

  it('recommended: scoped flat config with the core default severities', () => {
    const [config, ...rest] = plugin.configs.recommended;
    expect(rest).toEqual([]);
    expect(config?.files).toEqual(RECOMMENDED_FILES);
    expect(config?.files).toEqual(expect.arrayContaining(['.github/workflows/*.{yml,yaml}', '.gitlab-ci.yml', 'tp-doctor.{yml,yaml}']));
    expect(config?.languageOptions?.parser).toBe(parser);
    expect(config?.processor).toBe('tp-doctor/severity');
    for (const rule of registry) {
      const messages = Object.values(rule.meta.messages as Record<string, MessageSpec>);
      const canError = rule.meta.severity === 'error' || messages.some((m) => m.severity === 'error');
      expect(config?.rules?.[`tp-doctor/${rule.id}`], rule.id).toBe(canError ? 'error' : 'warn');
    }
    expect(plugin.meta.name).toBe('tp-doctor');
    expect(plugin.meta.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

const ruleTester = new RuleTester({ languageOptions: { parser } });
const rule = (id: string) => plugin.rules[id]!;

ruleTester.run('require-id-token-write', rule('require-id-token-write'), {
  valid: [
    { name: 'a correct workflow', code: GOOD, filename: workflow(goodRepo) },
    { name: 'the buffer wins over a broken file on disk', code: GOOD, filename: workflow(badRepo) },
    {
      name: 'a tp-doctor-disable-next-line comment (applied by the core)',
      code: NO_ID_TOKEN.replace('    permissions:\n', '    # tp-doctor-disable-next-line require-id-token-write\n    permissions:\n'),
      filename: workflow(goodRepo),
    },
    { name: 'a file without a path (stdin without --stdin-filename)', code: NO_ID_TOKEN, filename: '<input>' },
  ],
  invalid: [
    {
      name: 'the buffer wins over a correct file on disk',
      code: ID_TOKEN_READ,
      filename: workflow(goodRepo),
      // An invalid value is not fixed automatically; `write` is offered as a quick fix.
      errors: [{ messageId: 'invalidIdToken', line: 11, column: 17, endLine: 11, endColumn: 21, suggestions: [{ desc: 'Set `id-token: write`', output: GOOD }] }],
    },
    {
      name: 'the disk as it is',
      code: NO_ID_TOKEN,
      filename: workflow(badRepo),
      // The core's fix is ESLint's: `eslint --fix` and the editor's quick fix add the entry.
      output: NO_ID_TOKEN.replace('      contents: read\n', '      contents: read\n      id-token: write\n'),
      errors: [{ messageId: 'jobBlock', line: 9, column: 5, endLine: 9, endColumn: 16 }],
    },
    {
      name: 'a new file that is not on disk yet',
      code: NO_ID_TOKEN,
      filename: workflow(emptyRepo),
      output: GOOD,
      errors: [{ messageId: 'jobBlock', line: 9, column: 5 }],
    },
    {
      name: 'CRLF line ends',
      code: ID_TOKEN_READ.replace(/\n/g, '\r\n'),
      filename: workflow(goodRepo),
      errors: [{ messageId: 'invalidIdToken', line: 11, column: 17, endLine: 11, endColumn: 21, suggestions: [{ desc: 'Set `id-token: write`', output: GOOD.replace(/\n/g, '\r\n') }] }],
    },
  ],
});

ruleTester.run('invalid-yaml', rule('invalid-yaml'), {
  valid: [{ name: 'valid YAML', code: GOOD, filename: workflow(goodRepo) }],
  invalid: [
    {
      name: 'a duplicate key (yaml-eslint-parser refuses the file; the core reports it)',
      code: GOOD.replace('permissions: {}', 'permissions: {}\npermissions: {}'),
      filename: workflow(goodRepo),
      errors: [{ messageId: 'duplicateKey', line: 6, column: 1, endLine: 6, endColumn: 12 }],
    },
    {
      name: 'a syntax error',
      code: GOOD.replace("tags: ['v*']", "tags: ['v*'"),
      filename: workflow(goodRepo),
      errors: [{ messageId: 'syntax', line: 5, column: 1, endLine: 5, endColumn: 2 }],
    },
  ],
});

ruleTester.run('require-hosted-runner', rule('require-hosted-runner'), {
  valid: [{ name: 'ubuntu-latest', code: GOOD, filename: workflow(goodRepo) }],
  invalid: [
    {
      name: 'self-hosted',
      code: GOOD.replace('ubuntu-latest', 'self-hosted'),
      filename: workflow(goodRepo),
      errors: [{ messageId: 'selfHosted', line: 8, column: 14, endLine: 8, endColumn: 25 }],
    },
  ],
});

ruleTester.run('unused-disable-directive', rule('unused-disable-directive'), {
  valid: [{ name: 'no directive', code: GOOD, filename: workflow(goodRepo) }],
  invalid: [
    {
      name: 'a tp-doctor-disable-next-line comment that suppresses nothing',
      code: GOOD.replace('    permissions:\n', '    # tp-doctor-disable-next-line require-id-token-write\n    permissions:\n'),
      filename: workflow(goodRepo),
      errors: [{ messageId: 'unused', line: 9, column: 5, endLine: 9, endColumn: 57 }],
    },
  ],
});

ruleTester.run('publisher-config-valid', rule('publisher-config-valid'), {
  valid: [
    { name: 'its findings are in tp-doctor.yml: a workflow shows none of them', code: GOOD, filename: workflow(goodRepo) },
  ],
  invalid: [
    {
      name: 'a config error in the edited config file, at its place',
      code: CONFIG.replace('provider: github', 'provider: gitlub'),
      filename: path.join(goodRepo, 'tp-doctor.yml'),
      errors: [{ message: 'Config error: `publishers[0].provider` must be one of "github", "gitlab", "circleci" (got "gitlub")', line: 2, column: 15, endLine: 2, endColumn: 21 }],
    },
  ],
});

describe('through the ESLint API with the recommended config', () => {
  const eslintFor = (cwd: string, extra: ESLint.Options = {}) =>
    new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.configs.recommended, ...extra });
  const lintText = async (cwd: string, code: string, file = '.github/workflows/release.yml', extra: ESLint.Options = {}) => {
    const [result] = await eslintFor(cwd, extra).lintText(code, { filePath: path.join(cwd, file) });
    return result!.messages.map((m) => `${m.ruleId}@${m.line}:${m.column} ${m.severity} ${m.message}`);
  };

  it('reports the core finding', async () => {
    expect(await lintText(goodRepo, ID_TOKEN_READ)).toEqual([`tp-doctor/require-id-token-write@11:17 2 ${READ_MESSAGE}`]);
  });

  it('reports the finding of the file as it is on disk', async () => {
    expect(await lintText(badRepo, NO_ID_TOKEN)).toEqual([`tp-doctor/require-id-token-write@9:5 2 ${JOB_BLOCK_MESSAGE}`]);
  });

  it('the README snippet for CI files elsewhere lints them with the same rules', async () => {
    const config = [...plugin.configs.recommended, { ...plugin.configs.recommended[0], name: 'ci templates', files: ['ci/**/*.yml'] }];
    const eslint = eslintFor(goodRepo, { overrideConfig: config });
    const calculated = (await eslint.calculateConfigForFile(path.join(goodRepo, 'ci/templates/publish.yml'))) as { rules?: Record<string, unknown> };
    expect(Object.keys(calculated.rules ?? {})).toContain('tp-doctor/invalid-yaml');
    const [result] = await eslint.lintText('a: 1\na: 2\n', { filePath: path.join(goodRepo, 'ci/templates/publish.yml') });
    expect(result!.messages).toEqual([]); // no finding: the core reads no such file, and there is no crash
  });

  it('honours # eslint-disable-next-line tp-doctor/<id>', async () => {
    const code = ID_TOKEN_READ.replace('      id-token: read', '      # eslint-disable-next-line tp-doctor/require-id-token-write\n      id-token: read');
    expect(await lintText(goodRepo, code, undefined, { overrideConfig: [...plugin.configs.recommended, { linterOptions: { reportUnusedDisableDirectives: 'error' } }] })).toEqual([]);
  });

  it('honours # eslint-disable / # eslint-enable around a block', async () => {
    const code = `# eslint-disable tp-doctor/require-id-token-write\n${ID_TOKEN_READ}# eslint-enable tp-doctor/require-id-token-write\n`;
    expect(await lintText(goodRepo, code)).toEqual([]);
  });

  it('honours ESLint directives in a file yaml-eslint-parser refuses', async () => {
    const code = GOOD.replace('permissions: {}', 'permissions: {}\n# eslint-disable-next-line tp-doctor/invalid-yaml\npermissions: {}');
    expect(await lintText(goodRepo, code)).toEqual([]);
  });

  it('keeps the core severity of each message: warning and info stay below error', async () => {
    expect(await lintText(goodRepo, GOOD.replace('ubuntu-latest', 'my-runner'))).toEqual([
      'tp-doctor/require-hosted-runner@8:14 1 Runner label "my-runner" of job "publish" is not a known GitHub-hosted label',
    ]);
    expect(await lintText(goodRepo, GOOD.replace('id-token: write', 'id-token: ${{ inputs.x }}'))).toEqual([
      'tp-doctor/require-id-token-write@11:17 1 The `id-token` access of job "publish", which publishes to npm, is the expression "${{ inputs.x }}"; tp-doctor cannot tell whether it is `write`',
    ]);
  });

  it('a rule turned down in eslint.config.js stays down', async () => {
    const config = [...plugin.configs.recommended, { rules: { 'tp-doctor/require-id-token-write': 'warn' as const } }];
    expect(await lintText(goodRepo, ID_TOKEN_READ, undefined, { overrideConfig: config })).toEqual([
      `tp-doctor/require-id-token-write@11:17 1 ${READ_MESSAGE}`,
    ]);
  });

  it('a rule turned off in tp-doctor.yml reports nothing', async () => {
    const root = repo({ ...base, 'tp-doctor.yml': `${CONFIG}rules:\n  require-id-token-write: off\n` });
    expect(await lintText(root, ID_TOKEN_READ)).toEqual([]);
  });

  it('a broken config: every linted file says so, the config file at the place', async () => {
    const root = repo({ ...base, 'tp-doctor.yml': CONFIG.replace('provider: github', 'provider: gitlub') });
    const error = 'Config error: `publishers[0].provider` must be one of "github", "gitlab", "circleci" (got "gitlub")';
    expect(await lintText(root, GOOD)).toEqual([`tp-doctor/publisher-config-valid@1:1 2 ${error.replace(': ', ': tp-doctor.yml:2:15: ')}`]);
    expect(await lintText(root, CONFIG.replace('provider: github', 'provider: gitlub'), 'tp-doctor.yml')).toEqual([`tp-doctor/publisher-config-valid@2:15 2 ${error}`]);
  });

  it('the edited config buffer wins over the config on disk', async () => {
    const code = `${CONFIG}rules:\n  require-id-tokn-write: off\n`;
    const [message] = await lintText(goodRepo, code, 'tp-doctor.yml');
    expect(message).toMatch(/^tp-doctor\/publisher-config-valid@7:3 2 Config error: `rules\.require-id-tokn-write` is not a known rule id/);
  });

  it('lints nothing outside the recommended files', async () => {
    const eslint = eslintFor(goodRepo);
    expect(await eslint.calculateConfigForFile(path.join(goodRepo, 'package.json'))).toBeUndefined();
    expect(await eslint.calculateConfigForFile(path.join(goodRepo, 'src/config.yml'))).toBeUndefined();
    for (const file of ['.github/workflows/a.yaml', '.github/actions/pub/action.yml', '.gitlab-ci.yml', '.gitlab/ci/release.yml', 'tp-doctor.yml', '.tp-doctor.yaml']) {
      expect(await eslint.calculateConfigForFile(path.join(goodRepo, file)), file).toBeDefined();
    }
  });
});

describe('findRoot', () => {
  const root = repo({ 'sub/tp-doctor.yml': '', 'deep/a/b.yml': '', 'loose/x.yml': '' });
  mkdirSync(path.join(root, '.git'));
  const loose = repo({ 'a/x.yml': '' });

  it.each([
    ['.github/workflows/release.yml', ''],
    ['.github/actions/publish/action.yml', ''],
    ['.gitlab/ci/release.yml', ''],
    ['nested/.github/workflows/x.yml', 'nested'],
    ['.gitlab-ci.yml', ''],
    ['sub/tp-doctor.yml', 'sub'],
    ['deep/a/b.yml', ''],
  ])('%s → <root>/%s', (file, want) => {
    expect(findRoot(path.join(root, file))).toBe(path.join(root, want));
  });

  it('falls back to the file folder without any marker', () => {
    expect(findRoot(path.join(loose, 'a/x.yml'))).toBe(path.join(loose, 'a'));
  });
});

describe('OverlayFs', () => {
  const disk = new MemoryFs({ '.github/workflows/a.yml': 'disk a', 'package.json': '{}' });

  it('serves the buffer for its file and the disk for the others', () => {
    const fs = new OverlayFs(disk, '.github/workflows/a.yml', 'buffer a');
    expect(fs.read('.github/workflows/a.yml')).toEqual({ ok: true, text: 'buffer a' });
    expect(fs.read('./.github/workflows/a.yml')).toEqual({ ok: true, text: 'buffer a' });
    expect(fs.read('package.json')).toEqual({ ok: true, text: '{}' });
    expect(fs.list('.github/workflows')).toEqual([{ name: 'a.yml', isDir: false }]);
  });

  it('adds a file that is not on disk to its folder listing, and the folders leading to it', () => {
    const fs = new OverlayFs(new MemoryFs({ '.github/FUNDING.yml': '' }), '.github/workflows/new.yml', 'x');
    expect(fs.list('.github')).toEqual([{ name: 'FUNDING.yml', isDir: false }, { name: 'workflows', isDir: true }]);
    expect(fs.list('.github/workflows')).toEqual([{ name: 'new.yml', isDir: false }]);
    expect(new OverlayFs(new MemoryFs(), 'tp-doctor.yml', 'x').list('.')).toEqual([{ name: 'tp-doctor.yml', isDir: false }]);
    expect(fs.exists('.github/workflows/new.yml')).toBe(true);
    expect(fs.exists('.github')).toBe(true);
    expect(fs.exists('.gitlab-ci.yml')).toBe(false);
  });

  it('applies the size limit to the buffer too', () => {
    const fs = new OverlayFs(disk, 'big.yml', 'x'.repeat(2 * 1024 * 1024 + 1));
    expect(fs.read('big.yml')).toMatchObject({ ok: false, reason: 'too-large' });
  });
});

describe('SnapshotFs', () => {
  it('stays fresh until something it read changes on disk', () => {
    const root = repo({ 'package.json': '{}', '.github/workflows/a.yml': 'a: 1\n' });
    const fs = new SnapshotFs(root);
    expect(fs.read('.github/workflows/a.yml')).toEqual({ ok: true, text: 'a: 1\n' });
    expect(fs.list('.github/workflows')?.map((e) => e.name)).toEqual(['a.yml']);
    expect(fs.exists('tp-doctor.yml')).toBe(false);
    expect(fs.isFresh()).toBe(true);
    writeFileSync(path.join(root, 'tp-doctor.yml'), CONFIG);
    expect(fs.isFresh()).toBe(false);
  });

  it('notices a changed file', () => {
    const root = repo({ 'a.yml': 'a: 1\n' });
    const fs = new SnapshotFs(root);
    fs.read('a.yml');
    writeFileSync(path.join(root, 'a.yml'), 'a: 22\n');
    expect(fs.isFresh()).toBe(false);
  });
});

describe('ProjectCache', () => {
  const file = (filename: string, text: string) => ({ filename, sourceCode: { text } });

  it('lints a repository once per text, not once per rule or per file', () => {
    const root = repo({ ...base, '.github/workflows/release.yml': NO_ID_TOKEN, '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    const cache = new ProjectCache(registry);
    const release = file(workflow(root), NO_ID_TOKEN);
    const first = cache.findings(release);
    expect(first.root).toBe(root);
    expect(first.file).toBe('.github/workflows/release.yml');
    expect(first.byRule.get('require-id-token-write')?.map((f) => f.messageId)).toEqual(['jobBlock']);
    expect(cache.findings(release)).toBe(first);
    // Another file of the same repository, as on disk: the same lint.
    expect(cache.findings(file(workflow(root, 'ci.yml'), 'on: push\njobs: {}\n')).byRule.size).toBe(0);
    expect(cache.lintRuns).toBe(1);
    // An edited buffer: one more lint, cached by its text.
    expect(cache.findings(file(workflow(root), GOOD)).byRule.size).toBe(0);
    expect(cache.findings(file(workflow(root), GOOD)).byRule.size).toBe(0);
    expect(cache.lintRuns).toBe(2);
    // The disk changes: the snapshot is dropped and the next file lints again.
    writeFileSync(path.join(root, 'tp-doctor.yml'), `${CONFIG}rules:\n  require-id-token-write: off\n`);
    expect(cache.findings(file(workflow(root), NO_ID_TOKEN)).byRule.size).toBe(0);
    expect(cache.lintRuns).toBe(3);
  });

  it('has nothing for a file without a path', () => {
    const cache = new ProjectCache(registry);
    expect(cache.findings(file('<input>', NO_ID_TOKEN)).byRule.size).toBe(0);
    expect(cache.lintRuns).toBe(0);
  });
});

describe('tolerant parser', () => {
  it('gives yaml-eslint-parser’s AST for valid YAML', () => {
    const { ast } = parser.parseForESLint(GOOD);
    expect(ast.body).toHaveLength(1);
  });

  it('gives an empty program with the comments for YAML it refuses', () => {
    const code = 'a: 1\n# eslint-disable-next-line x\na: 2 # trailing\nb: "# not a comment"\n';
    const { ast } = parser.parseForESLint(code);
    expect(ast.body).toEqual([]);
    expect(ast.comments.map((c) => [c.value, c.loc.start.line, c.loc.start.column, c.range])).toEqual([
      [' eslint-disable-next-line x', 2, 0, [5, 33]],
      [' trailing', 3, 5, [39, 49]],
    ]);
    expect(ast.loc.end).toEqual({ line: 5, column: 0 });
  });

  it('finds no comment inside a block scalar', () => {
    expect(yamlComments('run: |\n  # shell comment\n  echo\n# yaml comment\n').map((c) => c.value)).toEqual([' yaml comment']);
  });
});
