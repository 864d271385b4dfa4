/**
 * The documented CI integration files are real: every example workflow and the action parse as
 * YAML and pass tp-doctor itself without errors, they pin tp-doctor's action by a commit SHA with a
 * version comment, and the YAML blocks in README.md parse too. The action itself is tested in
 * test/action.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(lintStep.with).toEqual({ 'sarif-file': 'tp-doctor.sarif' });
    expect(upload.with?.sarif_file).toBe(lintStep.with?.['sarif-file']);
    expect(upload.if).toBe('${{ !cancelled() }}');
  });

  it('the lint example uses annotations', () => {
    const wf = parseDocument(read('examples/github-lint.yml')).toJS() as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
    const steps = Object.values(wf.jobs)[0]!.steps;
    // `format: github` is the action's default.
    const step = steps.find((s) => s.uses?.startsWith('tp-doctor/tp-doctor@'));
    expect(step).toBeDefined();
    expect(step?.with?.format ?? 'github').toBe('github');
  });

  /** Every `uses:` line of an example, and of the README's workflow blocks. */
  const usesLines = [
    ...workflowExamples.flatMap((name) => read(`examples/${name}`).split('\n')),
    ...[...read('README.md').matchAll(/```ya?ml\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n')),
  ].filter((line) => /^\s*(?:- )?uses:/.test(line));

  it('pin tp-doctor by a 40-hex commit SHA with the version as a comment (a placeholder until the first release)', () => {
    const tpDoctor = usesLines.filter((line) => line.includes('tp-doctor/tp-doctor'));
    expect(tpDoctor.length).toBeGreaterThanOrEqual(4);
    for (const line of tpDoctor) expect(line).toMatch(new RegExp(`uses: tp-doctor/tp-doctor@[0-9a-f]{40} # v${VERSION.replace(/\./g, '\\.')}$`));
    // The placeholder is all zeros, so that it cannot be mistaken for a real commit, and says so.
    expect(read('examples/github-lint.yml')).toContain('placeholder');
  });

  it('pin every other action by a commit SHA with a version comment', () => {
    for (const line of usesLines.filter((l) => !l.includes('tp-doctor/tp-doctor') && !l.includes('uses: ./'))) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    }
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
