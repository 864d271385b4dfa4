/**
 * Streaming (`LoadOptions.onInert`, on by default in `lint()`): the workflows nothing project-wide
 * depends on are linted while the project loads and dropped. It must never change a finding: every
 * corpus (the real repositories, the fixtures, the 846 bench workflows as one repository) is linted
 * both ways, with the inferred publisher and with a declared one, and the results compared.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint, type LintOutcome } from '../src/api.js';
import { defineRule } from '../src/engine/define-rule.js';
import { DiskFs, MemoryFs, type SourceFs } from '../src/fs/source.js';
import { corpusRepos } from './corpus-helpers.js';
import { requireShared } from './shared.js';

type Linted = Extract<LintOutcome, { ok: true }>;

async function both(fs: SourceFs): Promise<{ streamed: Linted; kept: Linted }> {
  const streamed = await lint({ fs, rules });
  const kept = await lint({ fs, rules, stream: false });
  if (!streamed.ok || !kept.ok) throw new Error('config errors');
  return { streamed, kept };
}

function expectSame({ streamed, kept }: { streamed: Linted; kept: Linted }): void {
  expect(streamed.internalErrors).toEqual([]);
  expect(kept.internalErrors).toEqual([]);
  expect(streamed.notes).toEqual(kept.notes);
  expect(streamed.diagnostics).toEqual(kept.diagnostics);
  // The same files were checked: kept, or streamed.
  const checked = [...streamed.project.workflows.map((w) => w.file), ...(streamed.project.streamed ?? [])].sort();
  expect(checked).toEqual(kept.project.workflows.map((w) => w.file).sort());
  expect(kept.project.streamed).toBeUndefined();
}

/** A tp-doctor.yml declaring a GitHub publisher for `workflow`, so the declared paths are compared too. */
function declaring(files: Record<string, string>, workflow: string): Record<string, string> {
  const config = `publishers:\n  - provider: github\n    repository: example/repo\n    workflow: ${workflow}\n    environment: npm\n`;
  return { ...files, 'tp-doctor.yml': config };
}

const corpus = requireShared('corpus', 'test/streaming.test.ts');
const repos = corpus ? corpusRepos(corpus) : [];

describe.skipIf(!corpus)('streaming gives the findings of a full load: corpus', () => {
  for (const repo of repos) {
    it(repo.repo, async () => {
      expectSame(await both(new MemoryFs(repo.files)));
      const workflows = Object.keys(repo.files).filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f));
      // Declaring each workflow in turn would take long: the first and the last one.
      for (const file of new Set([workflows[0], workflows.at(-1)])) {
        if (file === undefined || 'tp-doctor.yml' in repo.files) continue;
        expectSame(await both(new MemoryFs(declaring(repo.files, path.basename(file)))));
      }
    });
  }
});

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/repos');

describe('streaming gives the findings of a full load: fixtures', () => {
  for (const name of readdirSync(FIXTURES).filter((n) => statSync(path.join(FIXTURES, n)).isDirectory())) {
    it(name, async () => {
      expectSame(await both(new DiskFs(path.join(FIXTURES, name))));
    });
  }
});

const benchDir = requireShared('bench/workflows', 'test/streaming.test.ts');

describe.skipIf(!benchDir)('streaming gives the findings of a full load: the 846 bench workflows', () => {
  const files: Record<string, string> = {};
  if (benchDir) {
    for (const name of readdirSync(benchDir).filter((n) => /\.ya?ml$/.test(n))) {
      files[`.github/workflows/${name}`] = readFileSync(path.join(benchDir, name), 'utf8');
    }
  }

  it('as one repository, with the inferred publisher', async () => {
    const result = await both(new MemoryFs(files));
    expectSame(result);
    // Most of them publish nothing: those are streamed (a regression here keeps them all in memory).
    expect(result.streamed.project.streamed!.length).toBeGreaterThan(3 * result.streamed.project.workflows.length);
  });

  it('as one repository, with a declared publisher', async () => {
    expectSame(await both(new MemoryFs(declaring(files, 'TanStack+query__release.yml'))));
  });
});

describe('streaming gives the findings of a full load: calls to a workflow that is streamed', () => {
  const job = (run: string): string => `jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;
  const declared = 'publishers:\n  - provider: github\n    repository: example/repo\n    workflow: release.yml\n';
  const cases: Record<string, Record<string, string>> = {
    // b.yml cannot be called (no workflow_call), publishes nothing: it is streamed, and the call to
    // it must still count as leading to no publish (publish-from-trusted-workflow doesNotPublish).
    'a declared workflow calls a streamed one, another workflow publishes': {
      'tp-doctor.yml': declared,
      '.github/workflows/release.yml': 'on: push\njobs:\n  call:\n    uses: ./.github/workflows/b.yml\n',
      '.github/workflows/b.yml': `on: push\n${job('npm test')}`,
      '.github/workflows/p.yml': `on: push\n${job('npm publish')}`,
    },
    'a declared workflow calls a streamed one, nothing publishes': {
      'tp-doctor.yml': declared,
      '.github/workflows/release.yml': 'on: push\njobs:\n  call:\n    uses: ./.github/workflows/b.yml\n',
      '.github/workflows/b.yml': `on: push\n${job('npm test')}`,
    },
    'the call names the repository itself': {
      'tp-doctor.yml': declared.replace('example/repo', 'example/self'),
      '.git/config': '[remote "origin"]\n\turl = https://github.com/example/self.git\n',
      '.github/workflows/release.yml': 'on: push\njobs:\n  call:\n    uses: example/self/.github/workflows/b.yml@main\n',
      '.github/workflows/b.yml': `on: push\n${job('npm test')}`,
      '.github/workflows/p.yml': `on: push\n${job('npm publish')}`,
    },
  };
  for (const [name, files] of Object.entries(cases)) {
    it(name, async () => {
      const result = await both(new MemoryFs(files));
      expectSame(result);
      expect(result.streamed.project.streamed).toContain('.github/workflows/b.yml');
      expect(result.kept.diagnostics.filter((d) => d.ruleId === 'publish-from-trusted-workflow').length).toBeGreaterThan(0);
    });
  }
});

describe('the streaming view', () => {
  it('a rule that reads a project-wide fact for a streamed workflow gets an internal error, not half a project', async () => {
    const peek = defineRule({
      id: 'peek-workflows',
      meta: { severity: 'info', providers: ['github'], summary: 'test', messages: { count: { text: '{n} workflows', why: 'test', fix: 'test' } } },
      hooks: {
        githubWorkflow(workflow, ctx) {
          ctx.report({ messageId: 'count', data: { n: ctx.project.workflows.length }, at: workflow.root });
        },
      },
    });
    const fs = new MemoryFs({ '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' });
    const streamed = await lint({ fs, rules: [peek] });
    const kept = await lint({ fs, rules: [peek], stream: false });
    if (!streamed.ok || !kept.ok) throw new Error('config errors');
    expect(kept.diagnostics.map((d) => d.message)).toEqual(['1 workflows']);
    expect(streamed.diagnostics).toEqual([]);
    expect(streamed.internalErrors).toEqual([
      { ruleId: 'peek-workflows', file: '.github/workflows/ci.yml', message: 'project.workflows was read while workflows were streamed; a streamed workflow must not depend on it' },
    ]);
  });

  it('a rule that reads the publishers for a streamed workflow before they are inferred gets an internal error', async () => {
    const peek = defineRule({
      id: 'peek-publishers',
      meta: { severity: 'info', providers: ['github'], summary: 'test', messages: { count: { text: '{n} publishers', why: 'test', fix: 'test' } } },
      hooks: {
        githubWorkflow(workflow, ctx) {
          ctx.report({ messageId: 'count', data: { n: ctx.githubPublishers.length + ctx.config.publishers.length }, at: workflow.root });
        },
      },
    });
    const files = { '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' };
    const inferred = await lint({ fs: new MemoryFs(files), rules: [peek] });
    if (!inferred.ok) throw new Error('config errors');
    expect(inferred.internalErrors.map((e) => e.message)).toEqual([
      'ctx.githubPublishers was read for a streamed workflow before the publishers were inferred; a streamed workflow must not depend on them',
    ]);
    // Declared publishers are known from the start: nothing to hide.
    const declaredFiles = { ...files, 'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: example/repo\n    workflow: release.yml\n' };
    const declared = await lint({ fs: new MemoryFs(declaredFiles), rules: [peek] });
    if (!declared.ok) throw new Error('config errors');
    expect(declared.internalErrors).toEqual([]);
    expect(declared.diagnostics.map((d) => d.message)).toEqual(['2 publishers']);
  });

  it("reads a streamed job's publish sites once for all its rules (issue 17), as the kept project's map does", async () => {
    const same: boolean[] = [];
    const peek = defineRule({
      id: 'peek-sites',
      meta: { severity: 'info', providers: ['github'], summary: 'test', messages: { sites: { text: '{n} sites', why: 'test', fix: 'test' } } },
      hooks: {
        githubJob(job, ctx) {
          const sites = ctx.facts.jobSites(job);
          same.push(ctx.facts.jobSites(job) === sites);
          ctx.report({ messageId: 'sites', data: { n: sites.length + ctx.facts.trustedSites(job).length }, at: job.node });
        },
      },
    });
    const fs = new MemoryFs({ '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' });
    const streamed = await lint({ fs, rules: [peek] });
    const kept = await lint({ fs, rules: [peek], stream: false });
    if (!streamed.ok || !kept.ok) throw new Error('config errors');
    expect(streamed.project.streamed).toEqual(['.github/workflows/ci.yml']);
    expect(streamed.diagnostics.map((d) => d.message)).toEqual(['0 sites']);
    expect(kept.diagnostics).toEqual(streamed.diagnostics);
    expect(same).toEqual([true, true]);
  });

  it('keeps a workflow that publishes, calls, can be called or is declared; streams the others', async () => {
    const job = (steps: string): string => `jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
    const fs = new MemoryFs({
      '.github/workflows/ci.yml': `on: push\n${job('      - run: npm test\n')}`,
      '.github/workflows/publish.yml': `on: push\n${job('      - run: npm publish\n')}`,
      '.github/workflows/maybe.yml': `on: push\n${job('      - uses: actions/setup-node@v4\n        with:\n          registry-url: https://registry.npmjs.org\n      - name: Release\n        run: ./scripts/release.sh\n')}`,
      '.github/workflows/calls.yml': 'on: push\njobs:\n  a:\n    uses: ./.github/workflows/lib.yml\n',
      '.github/workflows/lib.yml': `on: workflow_call\n${job('      - run: npm test\n')}`,
      '.github/workflows/Named.YAML': `on: push\n${job('      - run: npm test\n')}`,
      'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: example/repo\n    workflow: named.yml\n',
    });
    const outcome = await lint({ fs, rules });
    if (!outcome.ok) throw new Error('config errors');
    expect(outcome.project.streamed).toEqual(['.github/workflows/ci.yml']);
    expect(outcome.project.workflows.map((w) => w.fileName).sort()).toEqual(['Named.YAML', 'calls.yml', 'lib.yml', 'maybe.yml', 'publish.yml']);
  });
});
