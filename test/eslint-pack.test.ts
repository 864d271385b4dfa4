/**
 * The ESLint plugin as a user gets it: `npm pack` this project, then in a fresh folder only
 * `npm i -D eslint <tarball>`, the `eslint.config.js` lines of the plugin README (the same as the
 * README's "In your editor" section), a broken workflow, and `npx eslint .` must report what
 * `npx tp-doctor` reports (rule, line, column, message) and fail the same way.
 *
 * Needs a build (dist/) and the npm registry; skipped, with the reason printed, without dist/ or
 * npm, or when the registry cannot be reached. Takes about half a minute.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const PLUGIN_README = path.join(ROOT, 'src/eslint-plugin/README.md');

/** The first ```js block of the plugin README's "Setup" section: the lines a user copies. */
export function setupLines(readme: string): string {
  const setup = readme.slice(readme.indexOf('## Setup'));
  const m = /```js\n([\s\S]*?)```/.exec(setup);
  if (!m) throw new Error('src/eslint-plugin/README.md: no ```js block under "## Setup"');
  return m[1]!;
}

function skipReason(): string | undefined {
  if (!existsSync(path.join(ROOT, 'dist/src/eslint-plugin/index.js'))) return 'dist/ has no ESLint plugin: run `npm run build` first';
  const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' });
  if (npm.error || npm.status !== 0) return '`npm` is not on PATH';
  return undefined;
}

const reason = skipReason();
if (reason) console.log(`test/eslint-pack.test.ts: skipping the packed-plugin test: ${reason}`);

const BROKEN_WORKFLOW = `name: Release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: read
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: npm publish
`;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

describe('README setup lines', () => {
  it('are the same in the plugin README and in the README section "In your editor"', () => {
    const lines = setupLines(readFileSync(PLUGIN_README, 'utf8'));
    expect(lines).toContain("from 'tp-doctor/eslint-plugin'");
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const at = readme.indexOf('## In your editor');
    if (at === -1) return; // the section is not merged yet
    const m = /```js\n([\s\S]*?)```/.exec(readme.slice(at));
    expect(m?.[1]).toBe(lines);
  });
});

describe.skipIf(reason !== undefined)('packed plugin in a fresh project', () => {
  it('npx eslint . reports what npx tp-doctor reports', { timeout: 300_000 }, (ctx) => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-pack-'));
    temps.push(tmp);
    const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], ROOT);
    expect(pack.status, pack.stderr).toBe(0);
    const [{ filename }] = JSON.parse(pack.stdout) as [{ filename: string }];
    const tarball = path.join(tmp, path.basename(filename));

    const app = path.join(tmp, 'app');
    mkdirSync(path.join(app, '.github/workflows'), { recursive: true });
    const install = run('npm', ['i', '-D', '--no-audit', '--no-fund', 'eslint', tarball], app);
    if (install.status !== 0 && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/.test(install.stderr)) {
      console.log(`test/eslint-pack.test.ts: skipping: the npm registry cannot be reached (${install.stderr.trim().split('\n').pop()})`);
      ctx.skip();
      return;
    }
    expect(install.status, install.stderr).toBe(0);
    writeFileSync(path.join(app, 'eslint.config.js'), setupLines(readFileSync(PLUGIN_README, 'utf8')));
    writeFileSync(path.join(app, '.github/workflows/release.yml'), BROKEN_WORKFLOW);

    const eslint = run('npx', ['--no-install', 'eslint', '.', '--format', 'json'], app);
    expect(eslint.status, eslint.stderr).toBe(1);
    const cli = run('npx', ['--no-install', 'tp-doctor', '--format', 'json'], app);
    expect(cli.status, cli.stderr).toBe(1);

    const results = JSON.parse(eslint.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    const fromEslint = results
      .flatMap((r) => r.messages.map((m) => `${path.relative(app, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`))
      .sort();
    const report = JSON.parse(cli.stdout) as { diagnostics: { file: string; line: number; column: number; ruleId: string; message: string }[] };
    const fromCli = report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} tp-doctor/${d.ruleId} ${d.message}`).sort();
    expect(fromEslint).toContain(
      '.github/workflows/release.yml:10:17 tp-doctor/require-id-token-write `id-token: read` is not a valid access level; expected `write` or `none`',
    );
    expect(fromEslint).toEqual(fromCli);
  });
});
