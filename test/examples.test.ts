/**
 * The documented CI integration files are real: every example workflow and the action parse as
 * YAML and pass tp-doctor itself without errors, the GitHub Action assembles the command line it
 * documents (inputs never spliced into the script), and the YAML blocks in README.md
 * parse too.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { rules } from '../rules/index.js';
import { lint } from '../src/api.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { MemoryFs } from '../src/fs/source.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'examples');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const VERSION = (JSON.parse(read('package.json')) as { version: string }).version;

const PACKAGE_JSON = `${JSON.stringify(
  { name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
  null,
  2,
)}\n`;

function parseErrors(text: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  return [...doc.errors, ...doc.warnings].map((e) => e.message);
}

async function lintRepo(files: Record<string, string>): Promise<Diagnostic[]> {
  const outcome = await lint({ fs: new MemoryFs(files), rules });
  if (!outcome.ok) throw new Error(`config errors: ${outcome.configErrors.map((e) => e.message).join('; ')}`);
  if (outcome.internalErrors.length > 0) {
    throw new Error(`internal errors: ${outcome.internalErrors.map((e) => `${e.ruleId}: ${e.message}`).join('; ')}`);
  }
  return outcome.diagnostics;
}

const describeDiagnostic = (d: Diagnostic): string => `${d.severity} ${d.ruleId}/${d.messageId} ${d.file}:${d.line}:${d.column} ${d.message}`;

const workflowExamples = readdirSync(EXAMPLES).filter((f) => /^github-.*\.ya?ml$/.test(f));
const gitlabExamples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.gitlab-ci.yml'));

describe('example files', () => {
  it('are the documented three', () => {
    expect([...workflowExamples, ...gitlabExamples].sort()).toEqual(['github-lint.yml', 'github-sarif.yml', 'gitlab-code-quality.gitlab-ci.yml']);
  });

  it.each([...workflowExamples, ...gitlabExamples].map((f) => `examples/${f}`).concat(['action.yml', '.pre-commit-hooks.yaml']))(
    '%s is valid YAML',
    (file) => {
      expect(parseErrors(read(file))).toEqual([]);
    },
  );

  it.each(workflowExamples)('examples/%s passes tp-doctor without errors as .github/workflows/%s', async (name) => {
    const diagnostics = await lintRepo({ 'package.json': PACKAGE_JSON, [`.github/workflows/${name}`]: read(`examples/${name}`) });
    expect(diagnostics.filter((d) => d.severity === 'error').map(describeDiagnostic)).toEqual([]);
  });

  it('the GitHub examples pass together, next to a correct publishing workflow', async () => {
    const release = [
      'on:',
      '  push:',
      "    tags: ['v*']",
      'permissions:',
      '  contents: read',
      'jobs:',
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    permissions:',
      '      contents: read',
      '      id-token: write',
      '    steps:',
      '      - uses: actions/checkout@v5',
      '      - uses: actions/setup-node@v4',
      '        with:',
      '          node-version: 24',
      "          registry-url: 'https://registry.npmjs.org'",
      '      - run: npm publish',
      '',
    ].join('\n');
    const files: Record<string, string> = {
      'package.json': PACKAGE_JSON,
      'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n',
      '.github/workflows/release.yml': release,
    };
    for (const name of workflowExamples) files[`.github/workflows/${name}`] = read(`examples/${name}`);
    const diagnostics = await lintRepo(files);
    expect(diagnostics.filter((d) => d.severity === 'error').map(describeDiagnostic)).toEqual([]);
  });

  it('the action passes tp-doctor when a workflow uses it as a local action', async () => {
    const workflow = 'on: push\npermissions:\n  contents: read\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: ./\n        with:\n          format: github\n';
    const diagnostics = await lintRepo({ 'package.json': PACKAGE_JSON, 'action.yml': read('action.yml'), '.github/workflows/self.yml': workflow });
    expect(diagnostics.filter((d) => d.severity === 'error').map(describeDiagnostic)).toEqual([]);
  });

  it('the GitLab example passes tp-doctor and publishes a codequality report', async () => {
    for (const name of gitlabExamples) {
      const text = read(`examples/${name}`);
      const diagnostics = await lintRepo({ 'package.json': PACKAGE_JSON, '.gitlab-ci.yml': text });
      expect(diagnostics.filter((d) => d.severity === 'error').map(describeDiagnostic)).toEqual([]);
      const job = (parseDocument(text).toJS() as Record<string, { script: string[]; artifacts: { when: string; reports: { codequality: string } } }>)['tp-doctor']!;
      const report = job.artifacts.reports.codequality;
      expect(job.artifacts.when).toBe('always');
      expect(job.script.some((line) => line.includes('--format gitlab') && line.includes(`--output ${report}`))).toBe(true);
      // The pinned version is the current one (bump the example with the package).
      expect(job.script.every((line) => !line.includes('tp-doctor@') || line.includes(`tp-doctor@${VERSION} `) || line.endsWith(`tp-doctor@${VERSION}`))).toBe(true);
    }
  });

  it('the SARIF example grants exactly what the upload needs and uploads even after a failing lint', () => {
    type Step = { uses?: string; if?: string; with?: Record<string, string> };
    const wf = parseDocument(read('examples/github-sarif.yml')).toJS() as {
      permissions: Record<string, string>;
      jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }>;
    };
    const job = Object.values(wf.jobs)[0]!;
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    const lintStep = job.steps.find((s) => s.uses?.startsWith('tp-doctor/tp-doctor@'))!;
    const upload = job.steps.find((s) => s.uses === 'github/codeql-action/upload-sarif@v4')!;
    expect(lintStep.with).toMatchObject({ format: 'sarif' });
    expect(upload.with?.sarif_file).toBe(lintStep.with?.output);
    expect(upload.if).toBe('${{ !cancelled() }}');
  });

  it('the lint example uses annotations', () => {
    const wf = parseDocument(read('examples/github-lint.yml')).toJS() as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
    const steps = Object.values(wf.jobs)[0]!.steps;
    expect(steps.find((s) => s.uses?.startsWith('tp-doctor/tp-doctor@'))?.with).toEqual({ format: 'github' });
  });
});

describe('action.yml', () => {
  type ActionStep = { name: string; run: string; shell: string; env?: Record<string, string> };
  const action = parseDocument(read('action.yml')).toJS() as {
    inputs: Record<string, { default?: string }>;
    runs: { using: string; steps: ActionStep[] };
  };
  const temps: string[] = [];
  afterAll(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['format', 'config', 'working-directory', 'output', 'args']);
    expect(action.inputs.format?.default).toBe('stylish');
    expect(action.inputs['working-directory']?.default).toBe('.');
    // Inputs reach the shell only through env: `${{ inputs.x }}` inside `run:` would be a script injection.
    for (const step of action.runs.steps) expect(step.run).not.toContain('${{');
  });

  /** Runs the action's "Run tp-doctor" step with bash against a stub that prints its argv. */
  function runStep(inputs: Record<string, string>): string[] {
    const actionPath = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-action-'));
    temps.push(actionPath);
    mkdirSync(path.join(actionPath, 'scripts'));
    writeFileSync(path.join(actionPath, 'scripts', 'run-from-source.mjs'), 'console.log(JSON.stringify(process.argv.slice(2)));\n');
    const step = action.runs.steps.find((s) => s.name === 'Run tp-doctor')!;
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_ACTION_PATH: actionPath };
    for (const [key, expression] of Object.entries(step.env ?? {})) {
      const m = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(expression);
      expect(m, `${key} should come from one input`).not.toBeNull();
      const name = m![1]!;
      env[key] = inputs[name] ?? action.inputs[name]?.default ?? '';
    }
    // How the runner runs `shell: bash` steps.
    const script = path.join(actionPath, 'step.sh');
    writeFileSync(script, step.run);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: actionPath, env, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout) as string[];
  }

  it('runs tp-doctor on the working directory with the default format', () => {
    expect(runStep({})).toEqual(['.', '--format', 'stylish']);
  });

  it('passes every input through, splitting only `args`, never globbing', () => {
    expect(
      runStep({
        format: 'sarif',
        config: 'config dir/tp-doctor.yml',
        'working-directory': 'packages/a b',
        output: 'out $(whoami).sarif',
        args: '--max-warnings 0 --quiet *',
      }),
    ).toEqual([
      'packages/a b',
      '--format',
      'sarif',
      '--config',
      'config dir/tp-doctor.yml',
      '--output',
      'out $(whoami).sarif',
      '--max-warnings',
      '0',
      '--quiet',
      '*',
    ]);
  });
});

describe('README integration sections', () => {
  const text = read('README.md');

  it('every YAML block parses', () => {
    const blocks = [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) expect(parseErrors(block), block).toEqual([]);
  });

  it('documents the GitLab severity mapping and the exit codes', () => {
    expect(text).toMatch(/`error`\s*\|\s*`critical`/);
    expect(text).toMatch(/`warning`\s*\|\s*`major`/);
    expect(text).toMatch(/`info`\s*\|\s*`info`/);
    expect(text).toContain('--max-warnings');
    expect(text).toContain('--quiet');
  });
});
