/**
 * `samePackages` with more than two workflows (basementstudio/xmcp: a canary `changeset publish`
 * beside eight workflows each publishing one package; base/account-sdk: `release-please.yml`
 * publishes two packages, each also published by another workflow): one info per group of
 * workflows (audit908a P1: 80 warnings came from 37 groups), at the first workflow in file name
 * order, or at the workflow whose group holds every other one; every other workflow is named (the
 * message names up to three, then "and N more"; `related` carries each), the packages when there are
 * few. An info: a package can have up to 10 trusted publishers since September 2026.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lintRule, publisherConfig } from '../../test/rule-tester.js';

const RULE = 'publish-from-trusted-workflow';
const REPO = { url: 'git+https://github.com/acme/widget.git' };

/** A workflow whose job `publish` runs each of `runs` (a step each; the first on line 11). */
const workflow = (...runs: string[]): string => `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: 24
${runs.map((r) => `      - run: ${r}\n`).join('')}`;

/** A pnpm workspace with `count` public packages `@acme/p1`…, each in `packages/p<i>`. */
function workspace(count: number): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'root', private: true, repository: REPO }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
  };
  for (let i = 1; i <= count; i++) files[`packages/p${i}/package.json`] = JSON.stringify({ name: `@acme/p${i}`, version: '1.0.0', repository: REPO });
  return files;
}

const at = (d: Diagnostic): string => `${d.file}:${d.line}`;
const byFile = (found: Diagnostic[], file: string): Diagnostic | undefined => found.find((d) => d.file === `.github/workflows/${file}`);
const relatedOf = (d: Diagnostic | undefined): string[] => (d?.related ?? []).map((r) => `${r.file}:${r.start.line} ${r.label}`);

describe('publish-from-trusted-workflow samePackages: every overlapping workflow, the packages', () => {
  it('three workflows publishing one package: one info, at the first in file name order, naming and relating both others', async () => {
    const found = await lintRule(RULE, {
      ...workspace(1),
      '.github/workflows/canary.yml': workflow('pnpm --filter @acme/p1 publish --tag canary'),
      '.github/workflows/manual.yml': workflow('pnpm --filter @acme/p1 publish'),
      '.github/workflows/release.yml': workflow('pnpm --filter @acme/p1 publish'),
    });
    expect(found.map(at)).toEqual(['.github/workflows/canary.yml:11']);
    expect(found[0]?.severity).toBe('info');
    expect(found[0]?.message).toBe(
      '"canary.yml", "manual.yml" and "release.yml" publish package "@acme/p1"; the token exchange of a run is refused unless its own workflow is registered as a trusted publisher of the package, so each of them must be registered (npm allows up to 10 per package)',
    );
    expect(relatedOf(found[0])).toEqual(['.github/workflows/manual.yml:11 publish in "manual.yml"', '.github/workflows/release.yml:11 publish in "release.yml"']);
    expect(found[0]?.fix).toMatch(/^Register each of "canary\.yml", "manual\.yml" and "release\.yml" as a trusted publisher of the package on npmjs\.com/);
  });

  it('a workspace-wide canary beside five one-package workflows: one finding at the canary, whose group holds each plugin\'s, names three, "and N more", relates all (basementstudio/xmcp)', async () => {
    const files: Record<string, string> = { ...workspace(5), '.github/workflows/canary.yml': workflow('pnpm -r publish --tag canary --no-git-checks') };
    for (let i = 1; i <= 5; i++) files[`.github/workflows/plugin-${i}.yml`] = workflow(`pnpm --filter @acme/p${i} publish`);
    const found = await lintRule(RULE, files);
    expect(found.map(at)).toEqual(['.github/workflows/canary.yml:11']);
    const canary = byFile(found, 'canary.yml');
    // Five packages between them: too many to name in the message.
    expect(canary?.message).toMatch(/^"canary\.yml", "plugin-1\.yml", "plugin-2\.yml" and 3 more workflows publish the same packages; /);
    expect(relatedOf(canary)).toEqual([1, 2, 3, 4, 5].map((i) => `.github/workflows/plugin-${i}.yml:11 publish in "plugin-${i}.yml"`));
    // Control: without the canary, a plugin workflow and a second one publishing its package are a group of their own.
    const pair = await lintRule(RULE, { ...files, '.github/workflows/canary.yml': workflow('echo no publish'), '.github/workflows/z-p3.yml': workflow('pnpm --filter @acme/p3 publish') });
    expect(pair.map((d) => `${at(d)} ${d.message.split(';')[0]}`)).toEqual(['.github/workflows/plugin-3.yml:11 "plugin-3.yml" and "z-p3.yml" publish package "@acme/p3"']);
  });

  it('two workspace-wide publishes of a few packages name them; of many, "the same packages"', async () => {
    const two = (n: number): Record<string, string> => ({
      ...workspace(n),
      '.github/workflows/a.yml': workflow('pnpm -r publish --no-git-checks'),
      '.github/workflows/b.yml': workflow('pnpm -r publish --tag next --no-git-checks'),
    });
    const [few] = await lintRule(RULE, two(3));
    expect(few?.message).toMatch(/^"a\.yml" and "b\.yml" publish packages "@acme\/p1", "@acme\/p2" and "@acme\/p3"; the token exchange of a run is refused unless its own workflow is registered as a trusted publisher of the packages it publishes/);
    const [many] = await lintRule(RULE, two(4));
    expect(many?.message).toMatch(/^"a\.yml" and "b\.yml" publish the same packages; /);
  });

  it('a workflow publishing two packages, each also published elsewhere: one finding there naming both others and both packages, not one per pair (base/account-sdk)', async () => {
    const found = await lintRule(RULE, {
      ...workspace(2),
      '.github/workflows/release-please.yml': workflow('pnpm --filter @acme/p1 publish', 'pnpm --filter @acme/p2 publish'),
      '.github/workflows/release-p1.yml': workflow('pnpm --filter @acme/p1 publish'),
      '.github/workflows/release-p2.yml': workflow('pnpm --filter @acme/p2 publish'),
    });
    expect(found.map(at)).toEqual(['.github/workflows/release-please.yml:11']);
    const please = byFile(found, 'release-please.yml');
    expect(please?.message).toMatch(/^"release-please\.yml", "release-p1\.yml" and "release-p2\.yml" publish packages "@acme\/p1" and "@acme\/p2"; /);
    expect(relatedOf(please)).toEqual([
      '.github/workflows/release-p1.yml:11 publish in "release-p1.yml"',
      '.github/workflows/release-p2.yml:11 publish in "release-p2.yml"',
      '.github/workflows/release-please.yml:12 another publish in "release-please.yml"',
    ]);
    // Control: without release-p1.yml, release-p2.yml and release-please.yml are one group, at release-p2.yml (the first by name).
    const two = await lintRule(RULE, {
      ...workspace(2),
      '.github/workflows/release-please.yml': workflow('pnpm --filter @acme/p1 publish', 'pnpm --filter @acme/p2 publish'),
      '.github/workflows/release-p2.yml': workflow('pnpm --filter @acme/p2 publish'),
    });
    expect(two.map(at)).toEqual(['.github/workflows/release-p2.yml:11']);
    expect(two[0]?.message).toMatch(/^"release-p2\.yml" and "release-please\.yml" publish package "@acme\/p2"; /);
    expect(relatedOf(two[0])).toEqual(['.github/workflows/release-please.yml:12 publish in "release-please.yml"']);
  });

  it('control: workflows publishing different packages stay silent', async () => {
    const found = await lintRule(RULE, {
      ...workspace(2),
      '.github/workflows/release-p1.yml': workflow('pnpm --filter @acme/p1 publish'),
      '.github/workflows/release-p2.yml': workflow('pnpm --filter @acme/p2 publish'),
    });
    expect(found).toEqual([]);
  });
  it('many workflows publishing one package: at most 25 others looked for ("at least"), 10 related locations', async () => {
    const files: Record<string, string> = { ...workspace(1) };
    for (let i = 10; i < 40; i++) files[`.github/workflows/w${i}.yml`] = workflow('pnpm --filter @acme/p1 publish');
    const found = await lintRule(RULE, files);
    // Past the cap the groups differ (w36's 25 others leave w35 out): w10's, then one per workflow past w35.
    expect(found.map(at)).toEqual(['w10', 'w36', 'w37', 'w38', 'w39'].map((w) => `.github/workflows/${w}.yml:11`));
    const first = byFile(found, 'w10.yml');
    expect(first?.message).toMatch(/^"w10\.yml", "w11\.yml", "w12\.yml" and at least 23 more workflows publish package "@acme\/p1"; /);
    expect(first?.related).toHaveLength(10);
    // Control: below the cap the count is exact and every other workflow is related.
    const few: Record<string, string> = { ...workspace(1) };
    for (let i = 10; i < 16; i++) few[`.github/workflows/w${i}.yml`] = workflow('pnpm --filter @acme/p1 publish');
    const some = byFile(await lintRule(RULE, few), 'w10.yml');
    expect(some?.message).toMatch(/^"w10\.yml", "w11\.yml", "w12\.yml" and 3 more workflows publish/);
    expect(some?.related).toHaveLength(5);
  });

  // With a declaration samePackages is not reported: a declared publisher that leaves a workflow of the
  // group out is wrongWorkflow's (an error at that workflow's publish), one per workflow is
  // publisher-config-valid's duplicatePublisher (an info).
  const twoWorkflows = {
    ...workspace(1),
    '.github/workflows/release.yml': workflow('pnpm --filter @acme/p1 publish'),
    '.github/workflows/snapshot.yml': workflow('pnpm --filter @acme/p1 publish --tag snapshot'),
  };
  it('declared release.yml only: snapshot.yml\'s publish is wrongWorkflow (an error), no samePackages', async () => {
    const found = await lintRule(RULE, { ...twoWorkflows, 'tp-doctor.yml': publisherConfig({ workflow: 'release.yml' }) });
    expect(found.map((d) => `${d.messageId} ${d.severity} ${at(d)}`)).toEqual(['wrongWorkflow error .github/workflows/snapshot.yml:11']);
  });
  it('control: both workflows declared: nothing from this rule', async () => {
    const both = `${publisherConfig({ workflow: 'release.yml' })}${publisherConfig({ workflow: 'snapshot.yml' }).replace('publishers:\n', '')}`;
    expect(await lintRule(RULE, { ...twoWorkflows, 'tp-doctor.yml': both })).toEqual([]);
  });
  it('control: nothing declared: one samePackages info at release.yml, snapshot.yml related', async () => {
    const found = await lintRule(RULE, twoWorkflows);
    expect(found.map((d) => `${d.messageId} ${d.severity} ${at(d)}`)).toEqual(['samePackages info .github/workflows/release.yml:11']);
    expect(relatedOf(found[0])).toEqual(['.github/workflows/snapshot.yml:11 publish in "snapshot.yml"']);
  });
});
