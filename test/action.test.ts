/**
 * The GitHub Action: action.yml declares a JavaScript action on Node 24 whose `main` is the
 * committed bundle dist/action/index.js; that bundle is what the current sources build (byte for
 * byte), holds every dependency (it imports only Node's own modules), and, started as the runner
 * starts it (`node dist/action/index.js` with `INPUT_*` variables, from a copy of the action
 * without node_modules), lints a repository with annotations, the job summary, the SARIF file and
 * the exit code as the step's result.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { actionArgv, directoryOutsideWorkspace, getInput, readInputs } from '../src/action/run.js';
import { checkAction } from '../scripts/build.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUNDLE = path.join(ROOT, 'dist', 'action', 'index.js');
const FIXTURES = path.join(ROOT, 'fixtures', 'repos');

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tp-doctor-${name}-`));
  temps.push(dir);
  return dir;
}

describe('action.yml', () => {
  const action = parseDocument(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')).toJS() as {
    inputs: Record<string, { default?: string; required?: boolean }>;
    runs: Record<string, unknown>;
  };

  it('is a JavaScript action on Node 24 that starts the committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
    expect(existsSync(BUNDLE)).toBe(true);
  });

  it('has the documented inputs, none required', () => {
    expect(Object.keys(action.inputs)).toEqual(['directory', 'format', 'sarif-file', 'max-warnings', 'config']);
    expect(Object.values(action.inputs).every((i) => i.required === false)).toBe(true);
    expect(action.inputs.directory?.default).toBe('.');
    expect(action.inputs.format?.default).toBe('github');
  });

  it('documents every input in the README table', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const name of Object.keys(action.inputs)) expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });
});

describe('inputs', () => {
  it('are read as the runner passes them: INPUT_ + upper case, dashes kept, trimmed', () => {
    const env = { 'INPUT_SARIF-FILE': ' out.sarif ', 'INPUT_MAX-WARNINGS': '0', INPUT_MAX_WARNINGS: 'wrong' };
    expect(getInput(env, 'sarif-file')).toBe('out.sarif');
    expect(getInput(env, 'max-warnings')).toBe('0');
    expect(getInput(env, 'config')).toBe('');
  });

  it('take a `directory` inside the workspace, and only there', () => {
    for (const inside of ['.', 'packages/app', './a/../b', '/ws/sub', '/ws', '..x', '-x']) expect(directoryOutsideWorkspace(inside, '/ws'), inside).toBe(false);
    for (const outside of ['..', '../x', 'a/../../x', '/', '/other', '/ws2']) expect(directoryOutsideWorkspace(outside, '/ws'), outside).toBe(true);
  });

  it('make one lint run, and a second run for the SARIF file when asked', () => {
    expect(actionArgv(readInputs({}))).toEqual({ lint: ['--format', 'github', '--', '.'] });
    expect(
      actionArgv(
        readInputs({
          INPUT_DIRECTORY: 'packages/a b',
          INPUT_FORMAT: 'stylish',
          'INPUT_SARIF-FILE': 'out $(x).sarif',
          'INPUT_MAX-WARNINGS': '0',
          INPUT_CONFIG: 'ci/tp-doctor.yml',
        }),
      ),
    ).toEqual({
      lint: ['--format', 'stylish', '--config', 'ci/tp-doctor.yml', '--max-warnings', '0', '--', 'packages/a b'],
      sarif: ['--format', 'sarif', '--output', 'out $(x).sarif', '--config', 'ci/tp-doctor.yml', '--', 'packages/a b'],
    });
  });
});

describe('dist/action/index.js', () => {
  it('is what the current sources build, byte for byte (run `npm run build` and commit it)', async () => {
    const result = await checkAction();
    expect(result.message).toMatch(/up to date/);
    expect(result.ok).toBe(true);
  });

  it('imports nothing but Node built-ins, and no network module', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    // Static imports (statements), dynamic imports and requires: a bare name would need node_modules.
    const imports = [...text.matchAll(/(?:^|[;\n])\s*import\s*(?:[\w$*{][^;]*?from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
    const dynamic = [...text.matchAll(/\b(?:import|require)\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
    expect(imports).toContain('node:fs');
    expect([...imports, ...dynamic].filter((m) => !m.startsWith('node:'))).toEqual([]);
    expect(imports.filter((m) => /^node:(https?|http2|net|tls|dgram|dns|child_process)$/.test(m))).toEqual([]);
  });
});

/** A copy of the action as the runner downloads it: the repository without node_modules or a build. */
function actionCheckout(): string {
  const dir = tempDir('action-checkout');
  for (const file of ['action.yml', 'package.json', 'LICENSE', 'dist/action/index.js']) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  cpSync(path.join(ROOT, 'rules'), path.join(dir, 'rules'), { recursive: true, filter: (src) => !/\.ts$/.test(src) });
  return dir;
}

interface StepResult {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  workspace: string;
}

/** Runs the action like the runner: `node <action>/dist/action/index.js`, cwd and GITHUB_WORKSPACE the workspace. */
function runStep(actionDir: string, fixture: string, inputs: Record<string, string>, workspaceSub = '', files: Record<string, string> = {}): StepResult {
  const workspace = tempDir('action-workspace');
  cpSync(path.join(FIXTURES, fixture), path.join(workspace, workspaceSub), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(workspace, file), text);
  const summaryFile = path.join(tempDir('action-runner'), 'step_summary');
  writeFileSync(summaryFile, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const r = spawnSync(process.execPath, [path.join(actionDir, 'dist', 'action', 'index.js')], { cwd: workspace, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(summaryFile, 'utf8'), workspace };
}

describe('the action, end to end', () => {
  const actionDir = actionCheckout();

  it('annotates, writes the job summary and the SARIF file, and fails the step on an error', () => {
    const step = runStep(actionDir, 'require-id-token-write-shadowed', { 'sarif-file': 'tp-doctor.sarif' });
    expect(step.status, step.stderr).toBe(1);
    expect(step.stdout).toMatch(/^::error file=\.github\/workflows\/release\.yml,line=12,endLine=12,col=5,endColumn=\d+,title=tp-doctor\/require-id-token-write::/m);
    expect(step.summary).toContain('## tp-doctor');
    expect(step.summary).toContain('`.github/workflows/release.yml:12:5`');
    const sarif = JSON.parse(readFileSync(path.join(step.workspace, 'tp-doctor.sarif'), 'utf8')) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string; help?: { markdown?: string } }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    expect(run.results.map((r) => `${r.ruleId} ${r.locations[0]?.physicalLocation.artifactLocation.uri}`)).toEqual([
      'require-id-token-write .github/workflows/release.yml',
    ]);
    // The rule pages come from the action's own checkout.
    expect(run.tool.driver.rules.find((r) => r.id === 'require-id-token-write')?.help?.markdown).toMatch(/^# require-id-token-write/);
    // Nothing was written into the action's checkout.
    expect(readdirSync(path.join(actionDir, 'dist', 'action'))).toEqual(['index.js']);
  });

  it('passes the step on a clean repository', () => {
    const step = runStep(actionDir, 'ok-npm-supports-oidc-node24', {});
    expect(step.status, `${step.stdout}\n${step.stderr}`).toBe(0);
    expect(step.stdout).not.toMatch(/^::error/m);
  });

  it('takes a `directory` that looks like an option as a folder name', () => {
    const step = runStep(actionDir, 'require-id-token-write-shadowed', { directory: '--help' }, '--help');
    expect(step.status, step.stderr).toBe(1);
    expect(step.stdout).toMatch(/^::error file=--help\/\.github\/workflows\/release\.yml,line=12,/m);
  });

  it('reports paths from the repository root when `directory` is a subfolder', () => {
    const step = runStep(actionDir, 'require-id-token-write-shadowed', { directory: 'packages/app' }, 'packages/app');
    expect(step.status).toBe(1);
    expect(step.stdout).toMatch(/^::error file=packages\/app\/\.github\/workflows\/release\.yml,line=12,/m);
  });

  it('fails on warnings over `max-warnings`', () => {
    const warn = runStep(actionDir, 'unused-disable-directive-stale', { format: 'json' });
    const warnings = (JSON.parse(warn.stdout) as { summary: { errors: number; warnings: number } }).summary;
    expect(warnings.errors).toBe(0);
    expect(warnings.warnings).toBeGreaterThan(0);
    expect(warn.status).toBe(0);
    expect(runStep(actionDir, 'unused-disable-directive-stale', { 'max-warnings': '0' }).status).toBe(1);
  });

  it('fails with exit code 2 and a message on a bad input, without a stack trace', () => {
    const badFormat = runStep(actionDir, 'ok-npm-supports-oidc-node24', { format: 'xml', 'sarif-file': 'out.sarif' });
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('unknown format "xml"');
    expect(badFormat.stderr).not.toMatch(/\n\s+at /);
    // The bad input is an annotation too, on the run's page; the SARIF run (no `format`) still writes its file.
    expect(badFormat.stdout).toBe('::error title=tp-doctor::unknown format "xml"; expected one of: stylish, json, sarif, github, gitlab\n');
    expect(existsSync(path.join(badFormat.workspace, 'out.sarif'))).toBe(true);
    const missing = runStep(actionDir, 'ok-npm-supports-oidc-node24', { directory: 'nowhere', 'sarif-file': 'out.sarif' });
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('::error title=tp-doctor::"nowhere" does not exist\n');
    expect(missing.stderr.match(/"nowhere" does not exist/g)).toHaveLength(1);
    expect(missing.stderr).toContain('tp-doctor: no SARIF file written to "out.sarif": the run above failed (exit code 2)\n');
    const unwritable = runStep(actionDir, 'ok-npm-supports-oidc-node24', { 'sarif-file': 'no/such/dir/out.sarif' });
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toContain('cannot write "no/such/dir/out.sarif"');
  });

  it('writes the SARIF file after a config error, with the error in it, and fails the step', () => {
    const step = runStep(actionDir, 'ok-npm-supports-oidc-node24', { 'sarif-file': 'out.sarif' }, '', { 'tp-doctor.yml': 'rules:\n  invalid-yaml: fatal\n' });
    expect(step.status).toBe(2);
    expect(step.stdout).toMatch(/^::error file=tp-doctor\.yml,line=2,.*title=tp-doctor config error::/m);
    expect(step.stderr).not.toContain('no SARIF file written');
    const sarif = JSON.parse(readFileSync(path.join(step.workspace, 'out.sarif'), 'utf8')) as { runs: { invocations: { executionSuccessful: boolean }[] }[] };
    expect(sarif.runs[0]?.invocations[0]?.executionSuccessful).toBe(false);
  });

  it('refuses a `directory` outside the workspace, and lints nothing', () => {
    for (const directory of ['..', '../other', '/']) {
      const step = runStep(actionDir, 'require-id-token-write-shadowed', { directory });
      expect(step.status, directory).toBe(2);
      expect(step.stdout).toBe(`::error title=tp-doctor::the \`directory\` input "${directory}" leads outside the workspace; give a directory relative to the repository root\n`);
    }
  });
});
