/**
 * `tp-doctor init` and `tp-doctor --online` end to end: the built binary (`node bin/tp-doctor.js`,
 * after `npm run build`) against temporary repositories and a registry on 127.0.0.1 started by the
 * test (test/registry-server.ts). The spawned processes get a clean environment (their own HOME,
 * no npm_config_* from the npm that runs the tests), so the user's npm configuration never leaks in.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { githubRecord, startRegistry, TEST_TOKEN, type FakeRegistry } from './registry-server.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/tp-doctor.js');
const built = existsSync(path.join(ROOT, 'dist/cli/main.cjs'));
if (!built) console.log('skipping the init/--online end-to-end tests: dist/ does not exist (run `npm run build`; .ci/run builds first)');
const STACK_LINE = /^\s+at .+[(:]\d+/m;
const run = promisify(execFile);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
let registry: FakeRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

function tmp(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function repo(files: Record<string, string>): string {
  const dir = tmp('tp-doctor-init-');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking this process (the registry answers from the same event loop). */
async function exec(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Result> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A clean environment: a home of its own, optionally with an .npmrc, and `extra` variables. */
function environment(npmrc?: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = tmp('tp-doctor-home-');
  if (npmrc !== undefined) writeFileSync(path.join(home, '.npmrc'), npmrc);
  return { PATH: process.env.PATH, HOME: home, NO_COLOR: '1', ...extra };
}

const tpDoctor = (args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Result> => exec(process.execPath, [BIN, ...args], cwd, env);

interface JsonDiagnostic {
  ruleId: string;
  messageId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  data: Record<string, string>;
}

function diagnostics(r: Result): JsonDiagnostic[] {
  return (JSON.parse(r.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

const PUBLISHER_CONFIG_RULES = ['publisher-config-valid', 'trusted-workflow-exists', 'publish-from-trusted-workflow'];

const RELEASE = `name: Release
on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: npm
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - run: npm ci
      - run: npm publish --workspaces
`;

/** A monorepo with two public packages, published by `release.yml`, and a git remote on GitHub. */
function monorepo(): string {
  return repo({
    '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/mono.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
    'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }, null, 2),
    'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0', repository: { url: 'git+https://github.com/acme/mono.git' } }, null, 2),
    'packages/b/package.json': JSON.stringify({ name: '@acme/b', version: '1.0.0', repository: { url: 'git+https://github.com/acme/mono.git' } }, null, 2),
    '.github/workflows/release.yml': RELEASE,
  });
}

const TRUST_LINES = [
  'npm trust github @acme/a --file release.yml --repository acme/mono --environment npm --allow-publish',
  'npm trust github @acme/b --file release.yml --repository acme/mono --environment npm --allow-publish',
];

function trustLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.trimStart().startsWith('npm trust '))
    .map((l) => l.trim());
}

function lineOf(file: string, needle: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes(needle));
  if (at < 0) throw new Error(`"${needle}" not in ${file}`);
  return at + 1;
}

describe.skipIf(!built)('tp-doctor init and --online (built binary)', () => {
  it('init writes a declaration the lint accepts and one npm trust line per package; --online reports a different registered workflow file on its line', async () => {
    const dir = monorepo();
    const env = environment();
    const init = await tpDoctor(['init'], dir, env);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Wrote tp-doctor.yml: 1 trusted publisher, 2 packages.');
    expect(trustLines(init.stdout)).toEqual(TRUST_LINES);

    const lint = await tpDoctor(['--format', 'json'], dir, env);
    expect(lint.stderr).toBe('');
    const found = diagnostics(lint);
    expect(found.filter((d) => PUBLISHER_CONFIG_RULES.includes(d.ruleId))).toEqual([]);
    // The declaration was read: no publisher is inferred, so nothing is said about inference.
    expect(JSON.parse(lint.stdout).notes).toEqual([]);

    registry = await startRegistry();
    registry.packages.set('@acme/a', [githubRecord({ repository: 'acme/mono', file: 'release.yml', environment: 'npm', permissions: ['createPackage'] })]);
    registry.packages.set('@acme/b', [githubRecord({ repository: 'acme/mono', file: 'publish.yml', environment: 'npm', permissions: ['createPackage'] })]);
    // The token comes through ${VAR} expansion from a user config named by NPM_CONFIG_USERCONFIG.
    const npmrc = path.join(tmp('tp-doctor-npmrc-'), 'npmrc');
    writeFileSync(npmrc, `//127.0.0.1:${registry.port}/:_authToken=\${TP_TEST_NPM_TOKEN}\n`);
    const onlineEnv = { ...env, NPM_CONFIG_USERCONFIG: npmrc, TP_TEST_NPM_TOKEN: TEST_TOKEN };
    const online = await tpDoctor(['--online', '--registry', registry.url, '--format', 'json'], dir, onlineEnv);
    expect(online.stderr).toBe(`tp-doctor: online: checked 2 packages on ${registry.url} (registry from --registry; credentials from ${npmrc})\n`);
    const registered = diagnostics(online).filter((d) => d.ruleId === 'registered-publisher-matches');
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({
      messageId: 'fieldDiffers',
      severity: 'error',
      file: 'tp-doctor.yml',
      line: lineOf(path.join(dir, 'tp-doctor.yml'), 'workflow: release.yml'),
      message: `The trusted publisher of "@acme/b" on ${registry.url} has workflow file "publish.yml", but the config says "release.yml"`,
      data: { registered: '"publish.yml"', expected: '"release.yml"' },
    });
    expect(online.code).toBe(1);
    // Two packages, two requests each, all with the token in the header only.
    expect(registry.requests.map((q) => `${q.method} ${q.path}`).sort()).toEqual([
      'GET /-/package/@acme%2fa/trust',
      'GET /-/package/@acme%2fb/trust',
      'GET /@acme%2fa',
      'GET /@acme%2fb',
    ]);
    expect(registry.requests.every((q) => q.authorization === `Bearer ${TEST_TOKEN}`)).toBe(true);
    expect(online.stdout + online.stderr).not.toContain(TEST_TOKEN);

    // The same finding in the default format names both values and the file and line.
    const stylish = await tpDoctor(['--online', '--registry', registry.url], dir, onlineEnv);
    expect(stylish.stdout).toMatch(new RegExp(`tp-doctor\\.yml\\n\\s+${lineOf(path.join(dir, 'tp-doctor.yml'), 'workflow: release.yml')}:\\d+ +✖ error +The trusted publisher of "@acme/b"`));
    expect(stylish.stdout).not.toContain(TEST_TOKEN);
  });

  it('the printed npm trust command, run by npm against the registry, registers a publisher --online then accepts', async (ctx) => {
    const npmTrust = spawnSync('npm', ['trust', 'github', '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tmp('tp-doctor-home-') } });
    if (npmTrust.status !== 0 || !/--allow-publish/.test(npmTrust.stdout)) {
      console.log('skipping: this npm has no `npm trust github --allow-publish` (npm >= 11.15.0 needed)');
      return ctx.skip();
    }
    const dir = monorepo();
    registry = await startRegistry();
    registry.packages.set('@acme/a', []);
    registry.packages.set('@acme/b', []);
    const env = environment(`//127.0.0.1:${registry.port}/:_authToken=${TEST_TOKEN}\n`, { npm_config_update_notifier: 'false' });

    // Without a declaration the registry is compared with the workflows (the inferred publisher).
    const before = await tpDoctor(['--online', '--registry', registry.url, '--format', 'json'], dir, env);
    expect(before.code).toBe(1);
    expect(diagnostics(before).filter((d) => d.ruleId === 'registered-publisher-matches').map((d) => `${d.messageId} ${d.file}`)).toEqual([
      'notRegistered .github/workflows/release.yml',
      'notRegistered .github/workflows/release.yml',
    ]);

    const init = await tpDoctor(['init'], dir, env);
    const lines = trustLines(init.stdout);
    expect(lines).toEqual(TRUST_LINES);
    const notYet = await tpDoctor(['--online', '--registry', registry.url, '--format', 'json'], dir, env);
    expect(diagnostics(notYet).filter((d) => d.ruleId === 'registered-publisher-matches').map((d) => `${d.messageId} ${d.data['pkg']}`)).toEqual([
      'notRegistered @acme/a',
      'notRegistered @acme/b',
    ]);

    for (const line of lines) {
      const r = await exec('sh', ['-c', `${line} --registry ${registry.url} -y`], dir, env);
      expect(r.code, r.stderr).toBe(0);
    }
    expect([...registry.packages.values()].map((records) => records.map((x) => ({ type: x.type, claims: x.claims, permissions: x.permissions })))).toEqual(
      ['@acme/a', '@acme/b'].map(() => [{ type: 'github', claims: { repository: 'acme/mono', workflow_ref: { file: 'release.yml' }, environment: 'npm' }, permissions: ['createPackage'] }]),
    );
    const after = await tpDoctor(['--online', '--registry', registry.url, '--format', 'json'], dir, env);
    expect(diagnostics(after).filter((d) => d.ruleId === 'registered-publisher-matches')).toEqual([]);
  });

  it('without credentials: says which check it could not do, and still checks that the packages exist', async () => {
    const dir = monorepo();
    const env = environment();
    await tpDoctor(['init'], dir, env);
    registry = await startRegistry();
    registry.packages.set('@acme/a', [githubRecord({ repository: 'acme/mono', file: 'other.yml' })]);
    const r = await tpDoctor(['--online', '--registry', registry.url, '--format', 'json'], dir, env);
    expect(r.stderr).toContain('no credentials: only public facts were checked');
    const found = diagnostics(r).filter((d) => d.ruleId === 'registered-publisher-matches');
    expect(found.map((d) => `${d.messageId} ${d.severity} ${d.data['pkg'] ?? d.data['packages']}`)).toEqual([
      // @acme/b is scoped and was not found without credentials: it may be private.
      'packageMaybeMissing warning @acme/b',
      'checkUnavailable info "@acme/a"',
    ]);
    expect(registry.requests.some((q) => q.path.includes('/trust'))).toBe(false);
  });

  it('a refused token and a failing registry become notes of what could not be checked, never the token', async () => {
    const dir = monorepo();
    await tpDoctor(['init'], dir, environment());
    registry = await startRegistry();
    registry.packages.set('@acme/a', []);
    registry.packages.set('@acme/b', []);
    registry.fault('/-/package/@acme%2fb/trust', { status: 503 }, { status: 503 }, { status: 503 });
    const wrong = 'npm_wrongtoken000000000000000000000000000';
    const env = environment(`//127.0.0.1:${registry.port}/:_authToken=${wrong}\n`);
    const r = await tpDoctor(['--online', '--registry', registry.url, '--format', 'json'], dir, env);
    const found = diagnostics(r).filter((d) => d.ruleId === 'registered-publisher-matches');
    expect(found.map((d) => `${d.messageId} ${d.data['packages']}: ${d.data['detail']}`)).toEqual([
      'checkUnavailable "@acme/a": GET /-/package/@acme%2fa/trust: the registry refused the credentials from ~/.npmrc (401)',
      'checkUnavailable "@acme/b": GET /-/package/@acme%2fb/trust: server error (503) (3 attempts)',
    ]);
    expect(r.stdout + r.stderr).not.toContain(wrong);
  });

  it('--registry needs --online; a bad registry URL is a usage error', async () => {
    const dir = monorepo();
    const env = environment();
    const a = await tpDoctor(['--registry', 'http://127.0.0.1:9/'], dir, env);
    expect(a).toMatchObject({ code: 2, stderr: expect.stringContaining('--registry is used only with --online') });
    const b = await tpDoctor(['--online', '--registry', 'ftp://example.com/'], dir, env);
    expect(b).toMatchObject({ code: 2, stderr: expect.stringContaining('is not an http(s) URL') });
    expect(a.stderr + b.stderr).not.toMatch(STACK_LINE);
  });

  it('an unreachable registry: the run completes with notes, no crash', async () => {
    const dir = monorepo();
    // A port that was free a moment ago: nothing listens there now.
    const closed = await startRegistry();
    const port = closed.port;
    await closed.close();
    const env = environment(`//127.0.0.1:${port}/:_authToken=${TEST_TOKEN}\n`);
    await tpDoctor(['init'], dir, env);
    const r = await tpDoctor(['--online', '--registry', `http://127.0.0.1:${port}/`, '--format', 'json'], dir, env);
    const found = diagnostics(r).filter((d) => d.ruleId === 'registered-publisher-matches');
    expect(new Set(found.map((d) => d.messageId))).toEqual(new Set(['checkUnavailable', 'existenceUnknown']));
    expect(found.every((d) => d.severity === 'info' && d.data['detail']!.includes('ECONNREFUSED'))).toBe(true);
    expect(r.stderr).not.toMatch(STACK_LINE);
  }, 120_000);

  describe('init', () => {
    it('refuses to overwrite, --force keeps comments and other keys, --print writes to stdout', async () => {
      const dir = monorepo();
      const env = environment();
      expect((await tpDoctor(['init'], dir, env)).code).toBe(0);
      const file = path.join(dir, 'tp-doctor.yml');
      const edited = `# Maintained by the release team.\n${readFileSync(file, 'utf8')}rules:\n  no-long-lived-token: info # one token left\n`;
      writeFileSync(file, edited);

      const again = await tpDoctor(['init'], dir, env);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('tp-doctor.yml already exists; run with --force');
      expect(readFileSync(file, 'utf8')).toBe(edited);

      const forced = await tpDoctor(['init', '--force'], dir, env);
      expect(forced.code).toBe(0);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('# Maintained by the release team.');
      expect(text).toContain('no-long-lived-token: info # one token left');
      expect(trustLines(forced.stdout)).toEqual(TRUST_LINES);

      const printed = await tpDoctor(['init', '--print'], dir, env);
      expect(printed.code).toBe(0);
      expect(printed.stdout).toMatch(/^# tp-doctor configuration/);
      expect(trustLines(printed.stdout)).toEqual([]);
      expect(trustLines(printed.stderr)).toEqual(TRUST_LINES);
      expect(readFileSync(file, 'utf8')).toBe(text);
    });

    it('--online warns about packages that do not exist yet; offline it says it did not check', async () => {
      const dir = monorepo();
      const env = environment();
      const offline = await tpDoctor(['init', '--print'], dir, env);
      expect(offline.stderr).toContain('run with --online to check');
      registry = await startRegistry();
      registry.packages.set('@acme/a', []);
      const r = await tpDoctor(['init', '--online', '--registry', registry.url], dir, env);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(
        `tp-doctor init: warning: "@acme/b" does not exist on ${registry.url} yet: a trusted publisher can be registered only for an existing package, so publish its first version another way (from your machine, or with a short-lived token) first\n`,
      );
      expect(registry.requests.map((q) => q.path).sort()).toEqual(['/@acme%2fa', '/@acme%2fb']);
    });

    it('warns about a package two workflows publish and declares it once', async () => {
      const dir = monorepo();
      writeFileSync(path.join(dir, '.github/workflows/hotfix.yml'), RELEASE.replace('name: Release', 'name: Hotfix'));
      const r = await tpDoctor(['init'], dir, environment());
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('"@acme/a" is published by .github/workflows/hotfix.yml and .github/workflows/release.yml');
      expect(trustLines(r.stdout)).toEqual(TRUST_LINES.map((l) => l.replace('release.yml', 'hotfix.yml')));
      const lint = await tpDoctor(['--format', 'json'], dir, environment());
      // The declaration is valid; the second workflow's publish is reported: npm will refuse it.
      const found = diagnostics(lint);
      expect(found.filter((d) => ['publisher-config-valid', 'trusted-workflow-exists'].includes(d.ruleId))).toEqual([]);
      expect(found.filter((d) => d.ruleId === 'publish-from-trusted-workflow').map((d) => `${d.messageId} ${d.file}`)).toEqual([
        'wrongWorkflow .github/workflows/release.yml',
      ]);
    });

    it('nothing to declare: exit 1, nothing written', async () => {
      const dir = repo({ 'package.json': '{"name":"x"}', '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' });
      const r = await tpDoctor(['init'], dir, environment());
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('recognised no publish to npm in the GitHub workflows, the GitLab CI file or the CircleCI configuration');
      expect(r.stderr).toContain('nothing written');
      expect(existsSync(path.join(dir, 'tp-doctor.yml'))).toBe(false);
    });

    it('refuses a JSON config, and usage errors exit 2', async () => {
      const dir = monorepo();
      writeFileSync(path.join(dir, 'tp-doctor.json'), '{}\n');
      const r = await tpDoctor(['init', '--force'], dir, environment());
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('init writes YAML only');
      const bad = await tpDoctor(['init', '--registry', 'http://x'], dir, environment());
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--registry is used only with --online');
      const help = await tpDoctor(['init', '--help'], dir, environment());
      expect(help.stdout).toContain('Usage: tp-doctor init [directory] [options]');
    });
  });
});
