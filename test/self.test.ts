/**
 * Dogfooding: tp-doctor publishes itself with trusted publishing (.github/workflows/release.yml,
 * declared in tp-doctor.yml), and lints its own repository clean. The lint goes through the API on
 * the repository root, whatever the checkout's `.git` holds (a worktree, a fork, a plain copy):
 * the `.git` entries are replaced by a chosen remote, or hidden.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { rules } from '../rules/index.js';
import { lint, type LintOutcome } from '../src/api.js';
import { DiskFs, type ListResult, type ReadResult, type SourceFs } from '../src/fs/source.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

/** The repository on disk with some files replaced (text) or hidden (null), and every path touched. */
class PatchedFs implements SourceFs {
  readonly touched = new Set<string>();
  private readonly disk = new DiskFs(ROOT);
  constructor(private readonly patches: Record<string, string | null>) {}
  get rootLabel(): string {
    return this.disk.rootLabel;
  }
  private patched(file: string): string | null | undefined {
    const key = file.replace(/^\.\//, '');
    this.touched.add(key);
    return Object.hasOwn(this.patches, key) ? this.patches[key] : undefined;
  }
  read(file: string): ReadResult {
    const patch = this.patched(file);
    if (patch === null) return { ok: false, reason: 'missing' };
    return patch === undefined ? this.disk.read(file) : { ok: true, text: patch };
  }
  exists(file: string): boolean {
    const patch = this.patched(file);
    return patch === undefined ? this.disk.exists(file) : patch !== null;
  }
  list(dir: string): { name: string; isDir: boolean }[] | undefined {
    const entries = this.disk.list(dir);
    if (!entries || (dir !== '' && dir !== '.')) return entries;
    return entries.filter((e) => this.patches[e.name] !== null);
  }
  readDir(dir: string): ListResult {
    const entries = this.list(dir);
    return entries ? { ok: true, entries } : this.disk.readDir(dir);
  }
}

const NO_GIT = { '.git': null, '.git/config': null };
const remote = (url: string) => ({ '.git': null, '.git/config': `[remote "origin"]\n\turl = ${url}\n` });

async function lintRoot(patches: Record<string, string | null>): Promise<{ outcome: Extract<LintOutcome, { ok: true }>; fs: PatchedFs }> {
  const fs = new PatchedFs(patches);
  const outcome = await lint({ fs, rules });
  if (!outcome.ok) throw new Error(`config errors: ${outcome.configErrors.map((e) => e.message).join('; ')}`);
  expect(outcome.internalErrors).toEqual([]);
  return { outcome, fs };
}
const describeAll = (outcome: Extract<LintOutcome, { ok: true }>): string[] =>
  outcome.diagnostics.map((d) => `${d.severity} ${d.ruleId}/${d.messageId} ${d.file}:${d.line} ${d.message}`);

describe('tp-doctor on its own repository', () => {
  it('reports no problem, whatever the checkout has in .git', async () => {
    for (const patches of [NO_GIT, remote('https://github.com/tp-doctor/tp-doctor.git'), remote('git@github.com:tp-doctor/tp-doctor.git')]) {
      const { outcome } = await lintRoot(patches);
      expect(describeAll(outcome)).toEqual([]);
      expect(outcome.notes).toEqual([]); // the publisher is declared: nothing inferred
    }
  });

  it('checks the declared publisher against the remote: a fork is told so', async () => {
    const { outcome } = await lintRoot(remote('https://github.com/someone/tp-doctor.git'));
    expect(outcome.diagnostics.map((d) => `${d.ruleId} ${d.file}`)).toContain('repository-matches-publisher tp-doctor.yml');
  });

  it('recognises release.yml as the trusted publishing workflow, and nothing else as publishing', async () => {
    const { outcome } = await lintRoot(NO_GIT);
    expect(outcome.config.publishers).toMatchObject([
      { provider: 'github', repository: 'tp-doctor/tp-doctor', workflow: 'release.yml', environment: 'npm', allowedActions: ['publish'] },
    ]);
    const publishing = outcome.project.facts.sites.map((s) =>
      s.provider === 'github' ? `${s.job.workflow.file} ${s.job.id} ${s.publish.match.tool} ${s.certainty} ${s.registry.registry}` : s.job.name,
    );
    expect(publishing).toEqual(['.github/workflows/release.yml publish npm certain npmjs']);
    // ci.yml publishes nothing: it is checked while the project loads and not kept (streamed).
    expect(outcome.project.workflows.map((w) => w.file)).toEqual(['.github/workflows/release.yml']);
    expect(outcome.project.streamed).toEqual(['.github/workflows/ci.yml']);
  });

  it('without tp-doctor.yml, infers the same publisher and names the release workflow in its note', async () => {
    const { outcome } = await lintRoot({ ...NO_GIT, 'tp-doctor.yml': null });
    expect(describeAll(outcome)).toEqual([]);
    expect(outcome.notes).toHaveLength(1);
    expect(outcome.notes[0]).toContain('repository tp-doctor/tp-doctor');
    expect(outcome.notes[0]).toContain('workflow release.yml');
  });

  it('reads only the repository root files: not the broken workflows of fixtures/ and examples/', async () => {
    const { fs } = await lintRoot(NO_GIT);
    expect([...fs.touched].filter((f) => /^(fixtures|examples|test|node_modules)\//.test(f))).toEqual([]);
  });
});

describe('.github/workflows/release.yml', () => {
  type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
  const text = read('.github/workflows/release.yml');
  const wf = parseDocument(text).toJS() as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { environment: string; permissions: Record<string, string>; steps: Step[] }>;
  };
  const job = wf.jobs.publish!;

  it('publishes on a published release, from the `npm` environment, with an OIDC token and read access only', () => {
    expect(wf.on).toEqual({ release: { types: ['published'] } });
    expect(wf.permissions).toEqual({});
    expect(job.environment).toBe('npm');
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('uses no token and no secret', () => {
    expect(text).not.toMatch(/secrets\.|NODE_AUTH_TOKEN|NPM_TOKEN|_authToken/);
  });

  it('pins its actions by commit SHA with a version comment, Node 24, npmjs.org, no cache', () => {
    const uses = text.split('\n').filter((l) => /^\s*- uses:/.test(l));
    expect(uses.map((l) => l.trim().replace(/@[0-9a-f]{40} # v[\d.]+$/, '@SHA'))).toEqual(['- uses: actions/checkout@SHA', '- uses: actions/setup-node@SHA']);
    const setupNode = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(setupNode.with).toEqual({ 'node-version': 24, 'registry-url': 'https://registry.npmjs.org', 'package-manager-cache': false });
  });

  it('installs, builds, tests, then publishes (provenance is automatic)', () => {
    const runs = job.steps.flatMap((s) => (s.run ? [s.run.trim()] : []));
    expect(runs.slice(-4)).toEqual(['npm ci', 'npm run build', 'npm test', 'npm publish']);
  });
});

describe('.github/workflows/ci.yml and .ci/run', () => {
  it('CI runs .ci/run, then tp-doctor on the repository with its CLI and with its action', () => {
    const wf = parseDocument(read('.github/workflows/ci.yml')).toJS() as { jobs: Record<string, { steps: { uses?: string; run?: string }[] }> };
    const steps = Object.values(wf.jobs)[0]!.steps;
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs[0]).toBe('.ci/run');
    expect(runs).toContain('node bin/tp-doctor.js . --format github --max-warnings 0');
    expect(steps.some((s) => s.uses === './')).toBe(true);
  });

  it('.ci/run checks the committed action bundle before building, and lints the repository with tp-doctor', () => {
    const script = read('.ci/run');
    const check = script.indexOf('node scripts/build.mjs --check-action');
    expect(check).toBeGreaterThan(-1);
    expect(check).toBeLessThan(script.indexOf('npm run build'));
    expect(script).toContain('node bin/tp-doctor.js .');
  });
});
