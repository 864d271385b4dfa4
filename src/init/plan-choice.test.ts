/**
 * Which workflow `init` declares when several reach the same package (survey900a F2, F3, M1, D4).
 */
import { describe, expect, it } from 'vitest';
import { loadLintInput } from '../api.js';
import { EMPTY_CONFIG } from '../config/types.js';
import { MemoryFs } from '../fs/source.js';
import { repoFacts } from '../facts/repo-facts.js';
import { summarizeSites } from '../model/sites.js';
import { GITHUB_PKG, releaseWorkflow } from '../../test/helpers.js';
import { planInit, type InitPlan } from './plan.js';

function load(files: Record<string, string>) {
  const input = loadLintInput({ fs: new MemoryFs(files), config: EMPTY_CONFIG });
  if (!input.ok) throw new Error('config errors');
  return input;
}

function plan(files: Record<string, string>): InitPlan {
  const input = load(files);
  return planInit(repoFacts(input.project, input.config));
}

/** A manual first-release workflow that publishes with a token on Node 22 (npm 10), no id-token (survey900a p3). */
const BOOTSTRAP = [
  'on: workflow_dispatch',
  'permissions:',
  '  contents: read',
  'jobs:',
  '  publish:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/setup-node@v6',
  '        with:',
  '          node-version: 22',
  '          registry-url: https://registry.npmjs.org',
  '      - run: npm publish',
  '        env:',
  '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
  '',
].join('\n');

const files = (extra: Record<string, string>): Record<string, string> => ({ 'package.json': GITHUB_PKG, ...extra });

describe('init: two workflows publish the same package (F2)', () => {
  it('the one that can use trusted publishing keeps it, whatever the file order', () => {
    const p = plan(files({ '.github/workflows/bootstrap.yml': BOOTSTRAP, '.github/workflows/release.yml': releaseWorkflow() }));
    expect(p.publishers.map((x) => [x.file, x.packages])).toEqual([['release.yml', ['widget']]]);
    expect(p.dropped).toEqual(['.github/workflows/bootstrap.yml']);
    const warning = p.warnings.find((w) => w.startsWith('"widget" is published by'));
    expect(warning).toContain('declared for .github/workflows/release.yml only (.github/workflows/bootstrap.yml cannot publish with trusted publishing as written:');
    expect(warning).toContain('no `id-token: write`');
    expect(warning).toContain('long-lived npm token');
    expect(warning).toContain('older than 11.5.1');
  });

  it('each obstacle alone is enough: a token only, npm 10 only', () => {
    const tokenOnly = releaseWorkflow('npm publish', ['        env:', '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}']);
    const p = plan(files({ '.github/workflows/a.yml': tokenOnly, '.github/workflows/b.yml': releaseWorkflow() }));
    expect(p.publishers.map((x) => x.file)).toEqual(['b.yml']);
    const oldNpm = releaseWorkflow().replace('node-version: 24', 'node-version: 22');
    const q = plan(files({ '.github/workflows/a.yml': oldNpm, '.github/workflows/b.yml': releaseWorkflow() }));
    expect(q.publishers.map((x) => x.file)).toEqual(['b.yml']);
    expect(q.warnings.join('\n')).toContain('it runs npm 10.');
  });

  it('both can: the first by name keeps it, with a CHECK naming the other', () => {
    const p = plan(files({ '.github/workflows/a.yml': releaseWorkflow(), '.github/workflows/b.yml': releaseWorkflow() }));
    expect(p.publishers.map((x) => x.file)).toEqual(['a.yml']);
    expect(p.publishers[0]!.notes).toEqual([
      '"widget" is also published by .github/workflows/b.yml, and both can publish with trusted publishing as written: declared here only because .github/workflows/a.yml comes first by name; if b.yml is the one registered, declare "widget" under a publisher for it instead (or under both, when both are registered)',
    ]);
  });

  it('neither can: the same CHECK, with what stops each', () => {
    const tokenOnly = releaseWorkflow('npm publish', ['        env:', '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}']);
    const p = plan(files({ '.github/workflows/a.yml': BOOTSTRAP, '.github/workflows/b.yml': tokenOnly }));
    expect(p.publishers.map((x) => x.file)).toEqual(['a.yml']);
    expect(p.publishers[0]!.notes[0]).toMatch(/^"widget" is also published by \.github\/workflows\/b\.yml, and neither can publish with trusted publishing as written \(\.github\/workflows\/a\.yml: its job has no `id-token: write`, .*; \.github\/workflows\/b\.yml: it is handed a long-lived npm token\): declared here only because/);
  });

  it('control: one workflow that cannot is still declared, no CHECK about another', () => {
    const p = plan(files({ '.github/workflows/bootstrap.yml': BOOTSTRAP }));
    expect(p.publishers.map((x) => [x.file, x.packages, x.notes])).toEqual([['bootstrap.yml', ['widget'], []]]);
  });
});

describe('init: two workflows publish the same packages of a monorepo (survey1208b N1)', () => {
  /** A monorepo of `n` packages, `@acme/p1` .. `@acme/pn`, each in packages/pK. */
  const mono = (n: number): Record<string, string> => {
    const out: Record<string, string> = { 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], repository: 'github:acme/mono' }) };
    for (let k = 1; k <= n; k++) out[`packages/p${k}/package.json`] = JSON.stringify({ name: `@acme/p${k}`, version: '1.0.0' });
    return out;
  };
  const all = releaseWorkflow('npm publish --workspaces');

  it('one CHECK naming every package when they are few, not one per package', () => {
    const p = plan({ ...mono(3), '.github/workflows/a.yml': all, '.github/workflows/b.yml': all });
    expect(p.publishers.map((x) => [x.file, x.packages])).toEqual([['a.yml', ['@acme/p1', '@acme/p2', '@acme/p3']]]);
    expect(p.publishers[0]!.notes).toEqual([
      '"@acme/p1", "@acme/p2", "@acme/p3" are also published by .github/workflows/b.yml, and both can publish with trusted publishing as written: declared here only because .github/workflows/a.yml comes first by name; if b.yml is the one registered, declare them under a publisher for it instead (or under both, when both are registered)',
    ]);
    expect(p.warnings.filter((w) => w.startsWith('.github/workflows/a.yml:'))).toHaveLength(1);
  });

  it('many packages: the first five and how many more', () => {
    const p = plan({ ...mono(12), '.github/workflows/a.yml': all, '.github/workflows/b.yml': all });
    expect(p.publishers[0]!.notes).toHaveLength(1);
    expect(p.publishers[0]!.notes[0]).toMatch(/^"@acme\/p1", "@acme\/p10", "@acme\/p11", "@acme\/p12", "@acme\/p2" and 7 more are also published by \.github\/workflows\/b\.yml, and both can/);
  });

  it('the workflow that keeps the rest of its packages says once which ones are declared elsewhere', () => {
    const three = releaseWorkflow('npm publish -w @acme/p1 -w @acme/p2 -w @acme/p3');
    const p = plan({ ...mono(4), '.github/workflows/a.yml': three, '.github/workflows/b.yml': releaseWorkflow('npm publish --workspaces') });
    expect(p.publishers.map((x) => [x.file, x.packages])).toEqual([
      ['a.yml', ['@acme/p1', '@acme/p2', '@acme/p3']],
      ['b.yml', ['@acme/p4']],
    ]);
    expect(p.publishers[1]!.notes).toEqual([
      'also publishes "@acme/p1", "@acme/p2", "@acme/p3", declared under the publisher for .github/workflows/a.yml: this workflow\'s publishes of them are refused unless it is registered for them too (npm allows several trusted publishers per package since September 2026; declare each one you register)',
    ]);
  });

  it('control: a CHECK that differs per package stays per package (each shared with another workflow)', () => {
    const p = plan({
      ...mono(2),
      '.github/workflows/a.yml': all,
      '.github/workflows/b.yml': releaseWorkflow('npm publish -w @acme/p1'),
      '.github/workflows/c.yml': releaseWorkflow('npm publish -w @acme/p2'),
    });
    expect(p.publishers.map((x) => x.file)).toEqual(['a.yml']);
    expect(p.publishers[0]!.notes).toEqual([
      '"@acme/p1" is also published by .github/workflows/b.yml, and both can publish with trusted publishing as written: declared here only because .github/workflows/a.yml comes first by name; if b.yml is the one registered, declare "@acme/p1" under a publisher for it instead (or under both, when both are registered)',
      '"@acme/p2" is also published by .github/workflows/c.yml, and both can publish with trusted publishing as written: declared here only because .github/workflows/a.yml comes first by name; if c.yml is the one registered, declare "@acme/p2" under a publisher for it instead (or under both, when both are registered)',
    ]);
  });
});

describe('init: a workflow that renames the package before publishing (F3)', () => {
  const legacy = releaseWorkflow('sed -i "s/@acme/@acme-legacy/g" package.json', ['      - run: npm publish --access public']);
  const pkg = JSON.stringify({ name: '@acme/cors', version: '1.0.0', repository: 'github:acme/cors' });

  it('the committed name goes to the workflow that publishes it; the renaming one gets no package and a CHECK', () => {
    const p = plan({ 'package.json': pkg, '.github/workflows/publish-legacy.yml': legacy, '.github/workflows/publish.yml': releaseWorkflow('npm publish --access public') });
    expect(p.publishers.map((x) => [x.file, x.packages])).toEqual([
      ['publish-legacy.yml', []],
      ['publish.yml', ['@acme/cors']],
    ]);
    expect(p.duplicates).toEqual([]);
    expect(p.publishers[0]!.notes).toEqual([
      'a command before `npm publish` (.github/workflows/publish-legacy.yml:15) may rename the package in package.json, so it does not publish the committed name: add the name it publishes to `packages` by hand',
    ]);
    expect(p.commands.map((c) => c.command)).toEqual(['npm trust github @acme/cors --file publish.yml --repository acme/cors --allow-publish']);
  });

  it('the JSON `publishes` entry of the renaming publish has unknown targets, the committed name as the candidate', () => {
    const input = load({ 'package.json': pkg, '.github/workflows/publish-legacy.yml': legacy, '.github/workflows/publish.yml': releaseWorkflow('npm publish --access public') });
    const facts = input.project.facts;
    const out = summarizeSites(facts.sites, (s) => facts.renamesBefore(s)).map((s) => [s.ciFile, s.targets, s.packages]);
    expect(out).toEqual([
      ['.github/workflows/publish-legacy.yml', 'unknown', ['@acme/cors']],
      ['.github/workflows/publish.yml', 'single', ['@acme/cors']],
    ]);
  });

  it('control: a sed that edits another file renames nothing', () => {
    const other = releaseWorkflow('sed -i "s/@acme/@acme-legacy/g" README.md', ['      - run: npm publish --access public']);
    const p = plan({ 'package.json': pkg, '.github/workflows/publish-legacy.yml': other });
    expect(p.publishers.map((x) => [x.file, x.packages, x.notes])).toEqual([['publish-legacy.yml', ['@acme/cors'], []]]);
  });
});

describe('init: a publish from a copy the job makes (M1)', () => {
  const copy = releaseWorkflow('npx clean-publish --without-publish --temp-dir package', ['      - run: npm publish', '        working-directory: package/']);

  it("the repository's only package that is not private is assumed, with the usual CHECK", () => {
    const p = plan(files({ '.github/workflows/release.yml': copy }));
    expect(p.publishers.map((x) => x.packages)).toEqual([['widget']]);
    expect(p.publishers[0]!.notes).toEqual(['the publish command does not say which package it publishes; assumed the repository\'s only package "widget"']);
  });

  it('control: two packages that are not private, none known to be published: nothing assumed', () => {
    const mono = {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], repository: 'github:acme/mono' }),
      'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0' }),
      'packages/b/package.json': JSON.stringify({ name: '@acme/b', version: '1.0.0' }),
    };
    const p = plan({ ...mono, '.github/workflows/release.yml': copy });
    expect(p.publishers.map((x) => x.packages)).toEqual([[]]);
    expect(p.publishers[0]!.notes.join('\n')).toContain('found no package left to assign');
  });
});

describe('init: a called workflow that can also be started by hand (D4)', () => {
  const callee = releaseWorkflow().replace(/^on:\n(?: {2}.*\n)+/m, 'on:\n  workflow_dispatch:\n  workflow_call:\n');
  const caller = ['on:', '  push:', '    branches: [main]', 'jobs:', '  release-integration:', '    permissions:', '      id-token: write', '    uses: ./.github/workflows/release-integration.yml', ''].join('\n');

  it('the caller that routine releases run on top is declared; the manual runs are a CHECK', () => {
    const p = plan(files({ '.github/workflows/release-integration.yml': callee, '.github/workflows/release.yml': caller }));
    expect(p.publishers.map((x) => [x.file, x.packages])).toEqual([['release.yml', ['widget']]]);
    expect(p.dropped).toEqual(['.github/workflows/release-integration.yml']);
    expect(p.publishers[0]!.notes).toEqual([
      '.github/workflows/release-integration.yml publishes "widget" from a workflow that release.yml calls, and also runs on its own when started by hand (workflow_dispatch): a manual run has release-integration.yml on top, which npm refuses under this publisher; routine releases run with release.yml on top',
    ]);
  });

  it('control: a called workflow that also runs on push of its own stays a tie (first by name, CHECK)', () => {
    const pushed = releaseWorkflow().replace(/^on:\n/m, 'on:\n  workflow_call:\n');
    const p = plan(files({ '.github/workflows/release-integration.yml': pushed, '.github/workflows/release.yml': caller }));
    expect(p.publishers.map((x) => x.file)).toEqual(['release-integration.yml']);
    expect(p.publishers[0]!.notes[0]).toContain('both can publish with trusted publishing as written');
  });
});

describe('init: a workflow that publishes to `latest` before one that only publishes a dist-tag (survey918a D2, survey918b D5)', () => {
  it('canary.yml (`--tag canary`) loses to release.yml, whatever the file order, with a CHECK naming it', () => {
    const canary = releaseWorkflow('npm publish --tag canary');
    const p = plan(files({ '.github/workflows/canary.yml': canary, '.github/workflows/release.yml': releaseWorkflow() }));
    expect(p.publishers.map((x) => [x.file, x.packages])).toEqual([['release.yml', ['widget']]]);
    expect(p.publishers[0]!.notes).toEqual([
      '"widget" is also published by .github/workflows/canary.yml, whose publishes all name a dist-tag (`canary`): declared here, for the workflow that publishes to `latest`; if canary.yml is the one registered, declare "widget" under a publisher for it instead (or under both, when both are registered)',
    ]);
  });
  it('control: `--tag latest` is no prerelease: the first by name keeps it', () => {
    const p = plan(files({ '.github/workflows/a.yml': releaseWorkflow('npm publish --tag latest'), '.github/workflows/b.yml': releaseWorkflow() }));
    expect(p.publishers.map((x) => x.file)).toEqual(['a.yml']);
    expect(p.publishers[0]!.notes[0]).toContain('comes first by name');
  });
  it('control: a workflow with one publish to latest and one to a tag is not a prerelease one', () => {
    const both = releaseWorkflow('npm publish --tag next', ['      - run: npm publish']);
    const p = plan(files({ '.github/workflows/a.yml': both, '.github/workflows/b.yml': releaseWorkflow() }));
    expect(p.publishers.map((x) => x.file)).toEqual(['a.yml']);
  });
  it('control: a tag from a value (`--tag ${{ inputs.tag }}`) is not read as a prerelease', () => {
    const p = plan(files({ '.github/workflows/a.yml': releaseWorkflow('npm publish --tag ${{ inputs.tag }}'), '.github/workflows/b.yml': releaseWorkflow() }));
    expect(p.publishers.map((x) => x.file)).toEqual(['a.yml']);
  });
  it('control: a prerelease workflow that can use trusted publishing still beats a token one', () => {
    const p = plan(files({ '.github/workflows/a.yml': BOOTSTRAP, '.github/workflows/b.yml': releaseWorkflow('npm publish --tag next') }));
    expect(p.publishers.map((x) => x.file)).toEqual(['b.yml']);
  });
});
