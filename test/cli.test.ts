/**
 * The CLI end to end, in process: `run(argv, io)` against small repositories in temporary
 * directories, with stdout, stderr, the environment and the terminal captured. One test at the end
 * spawns the built binary (when dist/ exists) to prove that no stack trace reaches the user.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { SUBCOMMANDS } from '../src/cli/commands/index.js';
import { runCli, tempRepo, type CliResult } from './cli-harness.js';
import { DATA_DATE } from '../src/model/data/data-age.js';

const ROOT = path.resolve(import.meta.dirname, '..');
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
/** A stack frame line as Node prints it. */
const STACK_LINE = /^\s+at .+[(:]\d+/m;

const CI = [
  'name: CI',
  'on:',
  '  push:',
  '    branches: [main]',
  '  pull_request:',
  'permissions:',
  '  contents: read',
  'jobs:',
  '  test:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v5',
  '      - run: npm test',
  '',
].join('\n');
const BROKEN = 'on: [push\n';
/** A stale blanket suppression: the one warning that does not depend on the other rules. */
const WARNING = CI.replace('npm test', 'npm test # tp-doctor-disable-line');


/** A temporary repository; keys are repository-relative paths. */
const repo = (files: Record<string, string>): string => tempRepo(files, 'tp-doctor-cli-');

type Result = CliResult;

function cli(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; isTTY?: boolean; today?: string }): Promise<Result> {
  const { today } = options;
  return runCli(argv, options.cwd, { env: options.env ?? {}, isTTY: options.isTTY ?? false, ...(today === undefined ? {} : { today: () => today }) });
}

const clean = (): string => repo({ '.github/workflows/ci.yml': CI });
const broken = (): string => repo({ '.github/workflows/ci.yml': BROKEN });
const warning = (): string => repo({ '.github/workflows/ci.yml': WARNING });

describe('exit codes', () => {
  it('0 on a clean repository, with nothing printed', async () => {
    expect(await cli([], { cwd: clean() })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('1 with an error, reported on stdout in stylish format', async () => {
    const r = await cli(['.'], { cwd: broken() });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('.github/workflows/ci.yml\n  2:1  ✖ error  YAML syntax error: ');
    expect(r.stdout).toContain('invalid-yaml');
    expect(r.stdout).toContain('✖ 1 problem (1 error, 0 warnings, 0 infos)');
  });

  it('0 with only a warning', async () => {
    const r = await cli([], { cwd: warning() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('⚠ warning');
    expect(r.stdout).toContain('unused-disable-directive');
  });

  it('names the directory relative to the working directory', async () => {
    const parent = repo({ 'sub/.github/workflows/ci.yml': BROKEN });
    const r = await cli(['sub'], { cwd: parent });
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('sub/.github/workflows/ci.yml\n')).toBe(true);
  });

  const usage: { name: string; argv: string[]; stderr: string | RegExp; setup?: (dir: string) => void }[] = [
    { name: 'an unknown option', argv: ['--frobnicate'], stderr: /^tp-doctor: unknown option "--frobnicate"; a directory or file whose name starts with "-" goes after "--" \(-- --frobnicate\)\n/ },
    { name: 'an option without its value', argv: ['--format'], stderr: 'tp-doctor: option --format needs a value\n' },
    { name: 'a value for a flag', argv: ['--quiet=yes'], stderr: 'tp-doctor: option --quiet takes no value\n' },
    {
      name: 'an unknown format',
      argv: ['--format', 'xml'],
      stderr: /^tp-doctor: unknown format "xml"; expected one of: .*stylish.*json/,
    },
    { name: 'two directories', argv: ['a', 'b'], stderr: 'tp-doctor: expected one directory, got 2: a b\n' },
    { name: 'a missing directory', argv: ['nowhere'], stderr: 'tp-doctor: "nowhere" does not exist\n' },
    {
      name: 'a file instead of a directory',
      argv: ['package.json'],
      stderr: 'tp-doctor: "package.json" is not a directory; pass the repository root\n',
      setup: (dir) => writeFileSync(path.join(dir, 'package.json'), '{}'),
    },
    // --max-warnings: -1 or a decimal whole number, exactly; anything else is quoted back.
    ...['many', '1.5', '', ' ', ' 1', '1 ', '0x10', '1e3', '+1', '-2', '01', '-0', '１'].map((value) => ({
      name: `--max-warnings "${value}"`,
      argv: [`--max-warnings=${value}`],
      stderr: `tp-doctor: --max-warnings expects a whole number (0, 1, 2, ...) or -1 for no limit, got "${value}"\n`,
    })),
    {
      name: 'a --rule without a severity',
      argv: ['--rule', 'invalid-yaml'],
      stderr: 'tp-doctor: --rule expects <rule-id>:<error|warning|info|off>, got "invalid-yaml"\n',
    },
    {
      name: 'a --rule with an unknown severity',
      argv: ['--rule', 'invalid-yaml:loud'],
      stderr: 'tp-doctor: --rule expects <rule-id>:<error|warning|info|off>, got "invalid-yaml:loud"\n',
    },
    {
      name: 'a --rule naming an unknown rule',
      argv: ['--rule', 'no-such-rule:off'],
      stderr: 'tp-doctor: --rule names an unknown rule "no-such-rule" (see --list-rules)\n',
    },
  ];
  for (const u of usage) {
    it(`2 for ${u.name}, with a one-line reason and a pointer to --help`, async () => {
      const dir = clean();
      u.setup?.(dir);
      const r = await cli(u.argv, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      if (typeof u.stderr === 'string') expect(r.stderr).toBe(`${u.stderr}Run "tp-doctor --help" for usage.\n`);
      else expect(r.stderr).toMatch(u.stderr);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(2);
      expect(r.stderr).not.toMatch(STACK_LINE);
    });
  }

  it('2 for a config file with a schema error, naming the key and file:line:col', async () => {
    const dir = repo({ '.github/workflows/ci.yml': BROKEN, 'tp-doctor.yml': 'rules:\n  invalid-yaml: loud\n' });
    const r = await cli([], { cwd: dir });
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'tp-doctor: config error: tp-doctor.yml:2:17: `rules.invalid-yaml` must be one of "error", "warning", "info", "off" (got "loud")\n',
    });
  });

  it('2 for a config file that is not valid YAML, even though the workflows have errors too', async () => {
    const dir = repo({ '.github/workflows/ci.yml': BROKEN, 'tp-doctor.yml': 'rules: [\n' });
    const r = await cli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tp-doctor: config error: tp-doctor\.yml:\d+:\d+: `tp-doctor\.yml` is not valid YAML: /);
  });

  it('2 for a --config file that does not exist', async () => {
    const r = await cli(['--config', 'nope.yml'], { cwd: clean() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tp-doctor: config error: cannot read the config file `nope\.yml` given with --config/);
  });

  it('2 for an --output path that cannot be written, and the report is not printed instead', async () => {
    const dir = broken();
    const r = await cli(['--output', 'no-such-dir/report.json'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'tp-doctor: cannot write "no-such-dir/report.json": ENOENT\n' });
  });
});

describe('output options', () => {
  it('--format json follows the version 1 contract', async () => {
    const r = await cli(['--format', 'json'], { cwd: broken() });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['version', 'tool', 'diagnostics', 'summary', 'notes', 'publishes', 'errors', 'maxWarnings']);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'tp-doctor', version: pkg.version });
    expect(report.summary).toEqual({ errors: 1, warnings: 0, infos: 0 });
    expect(report.notes).toEqual([]);
    expect(report.publishes).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.maxWarnings).toBeNull();
    const [d] = report.diagnostics as Record<string, unknown>[];
    expect(d).toMatchObject({
      ruleId: 'invalid-yaml',
      messageId: 'syntax',
      severity: 'error',
      file: '.github/workflows/ci.yml',
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 1,
      related: [],
    });
    expect(Object.keys(d ?? {})).toEqual([
      'ruleId', 'messageId', 'severity', 'message', 'why', 'fix', 'file', 'line', 'column',
      'endLine', 'endColumn', 'related', 'docsUrl', 'data', 'autofix', 'suggestions',
    ]);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  it('--format json on a clean repository is still a full document', async () => {
    const r = await cli(['-f', 'json'], { cwd: clean() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 1, diagnostics: [], summary: { errors: 0, warnings: 0, infos: 0 } });
  });

  it('--format json lists every publish under `publishes`, a possible one too, with quoted secrets redacted', async () => {
    const token = `npm_${'a1'.repeat(18)}`;
    const release = [
      'on: { push: { tags: ["v*"] } }',
      'permissions: { contents: read, id-token: write }',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v5',
      '      - uses: actions/setup-node@v6',
      '        with: { node-version: 24, registry-url: "https://registry.npmjs.org" }',
      `      - run: TOKEN=${token} ./scripts/release.sh`,
      '  publish-b:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v5',
      '      - run: npm publish --workspace packages/b',
      '',
    ].join('\n');
    const dir = repo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/b/package.json': JSON.stringify({ name: '@acme/b', version: '1.0.0' }),
      '.github/workflows/release.yml': release,
    });
    const r = await cli(['-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { publishes: Record<string, unknown>[] };
    expect(report.publishes).toEqual([
      expect.objectContaining({ provider: 'github', ciFile: '.github/workflows/release.yml', job: 'release', certainty: 'possible', line: 10, registry: 'npmjs' }),
      expect.objectContaining({ job: 'publish-b', command: 'npm publish', certainty: 'certain', line: 15, targets: 'single', packages: ['@acme/b'], directory: '' }),
    ]);
    expect(r.stdout).not.toContain(token);
  });

  it('--output writes the report to the file and prints nothing on stdout', async () => {
    const dir = broken();
    const r = await cli(['--format', 'json', '--output', 'report.json'], { cwd: dir });
    expect(r).toEqual({ code: 1, stdout: '', stderr: '' });
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { summary: unknown };
    expect(report.summary).toEqual({ errors: 1, warnings: 0, infos: 0 });
  });

  it('--quiet drops warnings (and the exit code still counts them only for --max-warnings)', async () => {
    const dir = repo({ '.github/workflows/ci.yml': WARNING, '.github/workflows/bad.yml': BROKEN });
    const loud = await cli([], { cwd: dir });
    expect(loud.stdout).toContain('⚠ warning');
    const quiet = await cli(['--quiet'], { cwd: dir });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).not.toContain('warning  ');
    expect(quiet.stdout).not.toContain('unused-disable-directive');
    expect(quiet.stdout).toContain('invalid-yaml');
    expect((await cli(['--quiet'], { cwd: warning() })).stdout).toBe('');
  });

  it('--max-warnings 0 with a warning exits 1; a limit not exceeded exits 0', async () => {
    const dir = warning();
    expect((await cli(['--max-warnings', '0'], { cwd: dir })).code).toBe(1);
    expect((await cli(['--max-warnings', '1'], { cwd: dir })).code).toBe(0);
    expect((await cli(['--max-warnings=-1'], { cwd: dir })).code).toBe(0); // -1: no limit, as in ESLint
  });

  it('--rule invalid-yaml:off turns the error off; :warning demotes it', async () => {
    const dir = broken();
    expect(await cli(['--rule', 'invalid-yaml:off'], { cwd: dir })).toEqual({ code: 0, stdout: '', stderr: '' });
    const demoted = await cli(['--rule', 'invalid-yaml=warning'], { cwd: dir });
    expect(demoted.code).toBe(0);
    expect(demoted.stdout).toContain('⚠ warning');
  });

  it('--rule overrides the config file', async () => {
    const dir = repo({ '.github/workflows/ci.yml': BROKEN, 'tp-doctor.yml': 'rules:\n  invalid-yaml: "off"\n' });
    expect((await cli([], { cwd: dir })).code).toBe(0);
    expect((await cli(['--rule', 'invalid-yaml:error'], { cwd: dir })).code).toBe(1);
  });
});

describe('information', () => {
  it('--help prints the usage on stdout', async () => {
    const r = await cli(['--help'], { cwd: clean() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tp-doctor \[directory\] \[options\]/);
    for (const option of ['--format', '--config', '--output', '--max-warnings', '--quiet', '--rule', '--no-color', '--list-rules']) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stderr).toBe('');
  });

  it('--version prints the version of package.json and the date of the release data', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const line = `${pkg.version} (data ${DATA_DATE})\n`;
    expect(DATA_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await cli(['--version'], { cwd: clean() })).toEqual({ code: 0, stdout: line, stderr: '' });
    expect((await cli(['-v'], { cwd: clean() })).stdout).toBe(line);
  });

  it('--list-rules lists every rule of the registry with its severity, one per line', async () => {
    const r = await cli(['--list-rules'], { cwd: clean() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(rules.map((rule) => rule.id));
    for (const rule of rules) {
      expect(lines.find((l) => l.startsWith(`${rule.id} `))).toMatch(new RegExp(`\\s${rule.meta.severity}\\s`));
    }
  });

  it('notes the inferred publisher on stderr when no config exists, not in the report', async () => {
    const files = {
      '.github/workflows/ci.yml': CI,
      'package.json': JSON.stringify({ name: 'widget', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } }),
    };
    const r = await cli([], { cwd: repo(files) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tp-doctor: no trusted publisher declared; inferred a GitHub publisher: repository acme\/widget/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);

    const declared = await cli([], {
      cwd: repo({
        ...files,
        'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: ci.yml\n',
      }),
    });
    expect(declared.stderr).not.toContain('inferred');
  });
});

describe('colour', () => {
  const cases: { name: string; argv?: string[]; env?: NodeJS.ProcessEnv; isTTY: boolean; color: boolean }[] = [
    { name: 'on for a terminal', isTTY: true, color: true },
    { name: 'off for a pipe', isTTY: false, color: false },
    { name: 'NO_COLOR turns it off on a terminal', env: { NO_COLOR: '1' }, isTTY: true, color: false },
    { name: 'an empty NO_COLOR is ignored', env: { NO_COLOR: '' }, isTTY: true, color: true },
    { name: 'FORCE_COLOR turns it on for a pipe', env: { FORCE_COLOR: '1' }, isTTY: false, color: true },
    { name: 'FORCE_COLOR=0 turns it off on a terminal', env: { FORCE_COLOR: '0' }, isTTY: true, color: false },
    { name: 'FORCE_COLOR wins over NO_COLOR', env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false, color: true },
    { name: '--no-color wins over FORCE_COLOR', argv: ['--no-color'], env: { FORCE_COLOR: '1' }, isTTY: true, color: false },
    { name: '--color wins over NO_COLOR and a pipe', argv: ['--color'], env: { NO_COLOR: '1' }, isTTY: false, color: true },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await cli(c.argv ?? [], { cwd: broken(), env: c.env, isTTY: c.isTTY });
      expect(r.code).toBe(1);
      expect(ANSI.test(r.stdout)).toBe(c.color);
    });
  }

  it('never in a file written with --output, even on a terminal with FORCE_COLOR', async () => {
    const dir = broken();
    await cli(['--output', 'report.txt'], { cwd: dir, env: { FORCE_COLOR: '1' }, isTTY: true });
    const text = readFileSync(path.join(dir, 'report.txt'), 'utf8');
    expect(text).toContain('invalid-yaml');
    expect(ANSI.test(text)).toBe(false);
  });

  it('never in JSON', async () => {
    const r = await cli(['--format', 'json'], { cwd: broken(), env: { FORCE_COLOR: '1' }, isTTY: true });
    expect(ANSI.test(r.stdout)).toBe(false);
  });
});

describe('the built binary', () => {
  const bin = path.join(ROOT, 'bin/tp-doctor.js');
  const built = existsSync(path.join(ROOT, 'dist/cli/main.cjs'));
  if (!built) {
    console.log('skipping the built-binary test: dist/ does not exist (run `npm run build`; .ci/run builds first)');
  }
  const spawn = (args: string[], cwd: string): Result => {
    const r = spawnSync(process.execPath, [bin, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, TP_DOCTOR_DEBUG: undefined },
      timeout: 60_000,
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };

  it.skipIf(!built)('prints no stack trace on a broken repository, bad options or a bad config', () => {
    const deep = repo({
      '.github/workflows/ci.yml': BROKEN,
      '.github/workflows/deep.yml': `on: push\njobs: ${'['.repeat(5000)}\n`,
      '.github/workflows/empty.yml': '',
      '.github/workflows/bin.yml': '\u0000\u0001PNG',
    });
    const r = spawn(['.'], deep);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('invalid-yaml');
    expect(r.stderr).not.toMatch(STACK_LINE);

    const usage = spawn(['--frobnicate'], deep);
    expect(usage.code).toBe(2);
    expect(usage.stderr).not.toMatch(STACK_LINE);

    const config = repo({ '.github/workflows/ci.yml': CI, 'tp-doctor.yml': 'publishers: 7\n' });
    const c = spawn([], config);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/^tp-doctor: config error: /);
    expect(c.stderr).not.toMatch(STACK_LINE);
  });

  it.skipIf(!built)('stays quiet when the reader closes the pipe early (`tp-doctor | head -1`)', () => {
    const dir = repo({ '.github/workflows/ci.yml': BROKEN });
    const r = spawnSync('bash', ['-c', `node ${JSON.stringify(bin)} . --format sarif | head -1 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|node:events/);
    expect(r.stderr).toMatch(/exit=[01]\n$/);
  });
});

describe('output that explains itself', () => {
  /** Two warnings: two stale blanket suppressions. */
  const twoWarnings = (): string =>
    repo({ '.github/workflows/ci.yml': WARNING, '.github/workflows/other.yml': WARNING.replace('name: CI', 'name: Other') });

  it('says when --max-warnings is exceeded, after the summary', async () => {
    const r = await cli(['--max-warnings', '1'], { cwd: twoWarnings() });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-2)).toBe('⚠ 2 problems (0 errors, 2 warnings, 0 infos)');
    expect(lines.at(-1)).toBe('⚠ 2 warnings exceed --max-warnings 1');
  });

  it('says nothing about the limit when it is not exceeded', async () => {
    const r = await cli(['--max-warnings', '2'], { cwd: twoWarnings() });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('--max-warnings');
  });

  it('--quiet --max-warnings 0 with one warning says why it exits 1', async () => {
    const r = await cli(['--quiet', '--max-warnings', '0'], { cwd: warning() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('⚠ 1 warning exceeds --max-warnings 0 (--quiet hides warnings from the report)\n');
  });

  it('puts the limit in JSON as a field, also when it holds', async () => {
    const over = JSON.parse((await cli(['-f', 'json', '--max-warnings', '0'], { cwd: warning() })).stdout) as Record<string, unknown>;
    expect(over.maxWarnings).toEqual({ limit: 0, warnings: 1, exceeded: true, message: '1 warning exceeds --max-warnings 0' });
    const within = JSON.parse((await cli(['-f', 'json', '--max-warnings', '5'], { cwd: warning() })).stdout) as Record<string, unknown>;
    expect(within.maxWarnings).toEqual({ limit: 5, warnings: 1, exceeded: false, message: null });
  });

  it('puts the limit in SARIF as a notification and in GitHub annotations as an error', async () => {
    const dir = warning();
    const sarif = JSON.parse((await cli(['-f', 'sarif', '--max-warnings', '0'], { cwd: dir })).stdout) as {
      runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[] }[];
    };
    expect(sarif.runs[0]!.invocations[0]).toEqual({
      executionSuccessful: true,
      toolExecutionNotifications: [
        { level: 'warning', message: { text: '1 warning exceeds --max-warnings 0' }, descriptor: { id: 'max-warnings' } },
      ],
    });
    const gh = await cli(['-f', 'github', '--max-warnings', '0', '--quiet'], { cwd: dir });
    expect(gh.code).toBe(1);
    expect(gh.stdout).toBe('::error title=tp-doctor::1 warning exceeds --max-warnings 0 (--quiet hides warnings from the report)\n');
  });

  it('prints the inference note once: on stderr, not again after the stylish summary', async () => {
    const dir = repo({
      '.github/workflows/ci.yml': BROKEN,
      'package.json': JSON.stringify({ name: 'widget', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } }),
    });
    const r = await cli([], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tp-doctor: no trusted publisher declared; inferred a GitHub publisher/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).not.toContain('inferred');
    // In a file the note is part of the report (stderr still has it once).
    const file = await cli(['--output', 'report.txt'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).toContain('note: no trusted publisher declared');
    expect(file.stderr.match(/inferred/g)).toHaveLength(1);
  });

  const PUBLISH = [
    'on:',
    '  push:',
    '    tags: ["v*"]',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      contents: read',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    '      - run: npm publish',
    '',
  ].join('\n');
  const GITLAB_PUBLISH = [
    'publish:',
    '  image: node:24',
    '  id_tokens:',
    '    NPM_ID_TOKEN:',
    '      aud: "npm:registry.npmjs.org"',
    '  script:',
    '    - npm publish',
    '',
  ].join('\n');

  it('a clean run on a terminal says what it checked, in one line', async () => {
    expect(await cli([], { cwd: clean(), isTTY: true })).toEqual({
      code: 0,
      stdout: 'checked 1 file, 0 publishing jobs: no problems\n',
      stderr: '',
    });
    const publishing = repo({
      '.github/workflows/ci.yml': CI,
      '.github/workflows/release.yml': PUBLISH,
      '.gitlab-ci.yml': GITLAB_PUBLISH,
      'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget' }),
    });
    const r = await cli(['--rule', 'repository-matches-publisher:off', '--rule', 'publish-from-trusted-workflow:off', ...OFF_ALL], {
      cwd: publishing,
      isTTY: true,
    });
    expect(r.stdout).toBe('checked 3 files, 2 publishing jobs: no problems\n');
  });

  it('says nothing for a clean run on a pipe, in machine formats, or into a file', async () => {
    const dir = clean();
    expect((await cli([], { cwd: dir, isTTY: false })).stdout).toBe('');
    expect((await cli(['-f', 'github'], { cwd: dir, isTTY: true })).stdout).toBe('');
    expect((await cli(['-f', 'gitlab'], { cwd: dir, isTTY: true })).stdout).toBe('[]\n');
    expect((await cli(['--output', 'r.txt'], { cwd: dir, isTTY: true })).stdout).toBe('');
    expect(readFileSync(path.join(dir, 'r.txt'), 'utf8')).toBe('');
  });

  it('on a terminal with --quiet hiding warnings, says there are no errors rather than no problems', async () => {
    const r = await cli(['--quiet'], { cwd: warning(), isTTY: true });
    expect(r).toEqual({ code: 0, stdout: 'checked 1 file, 0 publishing jobs: no errors (--quiet hides 1 finding)\n', stderr: '' });
  });
});

/** Every rule off: a run whose only output is the clean-run line. */
const OFF_ALL = rules.flatMap((r) => ['--rule', `${r.id}:off`]);

describe('--help', () => {
  it('covers GitHub, GitLab and CircleCI files, the subcommands and --no-root-search', async () => {
    const { stdout } = await cli(['--help'], { cwd: clean() });
    for (const text of [
      '.github/workflows/*.yml',
      '.gitlab-ci.yml',
      '.circleci/config.yml',
      '--no-root-search',
      'see tp-doctor <command> --help',
      './init',
    ]) {
      expect(stdout).toContain(text);
    }
    for (const command of ['init', 'probe', 'diagnose']) expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    // Every line fits an 100-column terminal.
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('subcommands and directories', () => {
  it('a directory named like a subcommand is linted when written as ./name', async () => {
    const parent = repo({ 'init/.github/workflows/ci.yml': BROKEN });
    const original = Object.getOwnPropertyDescriptor(SUBCOMMANDS, 'init');
    // A stand-in for the real command, restored afterwards: `init` runs it, `./init` lints.
    SUBCOMMANDS.init = async () => ({ run: async (argv) => (argv[0] === '--probe-arg' ? 42 : 43) });
    try {
      expect((await cli(['init', '--probe-arg'], { cwd: parent })).code).toBe(42);
      const r = await cli(['./init', '--no-root-search'], { cwd: parent });
      expect(r.code).toBe(1);
      expect(r.stdout.startsWith('init/.github/workflows/ci.yml\n')).toBe(true);
    } finally {
      if (original) Object.defineProperty(SUBCOMMANDS, 'init', original);
      else delete SUBCOMMANDS.init;
    }
  });
});

describe('redaction at the CLI boundary', () => {
  // Built at run time: this file holds no token-shaped literal.
  const TOKEN = `npm_${'Zx9'.repeat(12)}`;

  it('masks a token quoted by a config error, on stderr and in every machine format', async () => {
    const dir = repo({ '.github/workflows/ci.yml': CI, 'tp-doctor.yml': `publishers:\n  - provider: ${TOKEN}\n` });
    for (const format of ['stylish', 'json', 'sarif', 'github', 'gitlab']) {
      const r = await cli(['--format', format], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('(got "npm_****")');
      expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
      if (format !== 'stylish') expect(r.stdout).toContain('npm_****');
    }
  });

  it('masks a token in a usage error', async () => {
    const r = await cli(['--format', TOKEN], { cwd: clean() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown format "npm_****"');
    expect(r.stderr).not.toContain(TOKEN);
  });
});

describe('stale release data', () => {
  const later = (days: number): string => new Date(Date.parse(`${DATA_DATE}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it('says once, in the human format, when the tables are over 90 days old', async () => {
    const result = await cli([], { cwd: clean(), today: later(120) });
    expect(result.code).toBe(0);
    expect(result.stderr.match(/release data is from/g)).toHaveLength(1);
    expect(result.stderr).toContain(`from ${DATA_DATE} (120 days old)`);
    expect(result.stdout).toBe('');
  });

  it('is silent while the data is fresh, and in machine formats', async () => {
    expect((await cli([], { cwd: clean(), today: later(90) })).stderr).toBe('');
    const json = await cli(['--format', 'json'], { cwd: clean(), today: later(400) });
    expect(json.stderr).toBe('');
    expect(json.stdout).not.toContain('release data');
  });
});

describe('TP_DOCTOR_THREADS', () => {
  const files = { '.github/workflows/release.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' };
  for (const value of ['many', '0', '17', '2.5', '-1']) {
    it(`"${value}" is said on stderr and the run goes on, on one thread`, async () => {
      const r = await runCli(['.', '--format', 'json'], tempRepo(files), { env: { TP_DOCTOR_THREADS: value } });
      expect(r.stderr).toBe(`tp-doctor: TP_DOCTOR_THREADS expects a whole number from 1 to 16, got "${value}"; linting on one thread\n`);
      expect(r.code).toBe(0);
    });
  }
  for (const value of ['1', '2', '16', '']) {
    it(`"${value}" is accepted silently`, async () => {
      const r = await runCli(['.', '--format', 'json'], tempRepo(files), { env: { TP_DOCTOR_THREADS: value } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
  }
});
