/**
 * `samePackages` with more than two workflows (basementstudio/xmcp: a canary `changeset publish`
 * beside eight workflows each publishing one package; base/account-sdk: `release-please.yml`
 * publishes two packages, each also published by another workflow): every other workflow is named
 * (the message names up to three, then "and N more"; `related` carries each), the packages when
 * there are few, and the message is a condition, since npm has announced several trusted publishers per
 * package.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lintRule } from '../../test/rule-tester.js';

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
  it('three workflows publishing one package: each finding names both others, as a condition', async () => {
    const found = await lintRule(RULE, {
      ...workspace(1),
      '.github/workflows/canary.yml': workflow('pnpm --filter @acme/p1 publish --tag canary'),
      '.github/workflows/manual.yml': workflow('pnpm --filter @acme/p1 publish'),
      '.github/workflows/release.yml': workflow('pnpm --filter @acme/p1 publish'),
    });
    expect(found.map(at)).toEqual(['.github/workflows/canary.yml:11', '.github/workflows/manual.yml:11', '.github/workflows/release.yml:11']);
    expect(found.every((d) => d.severity === 'warning')).toBe(true);
    expect(byFile(found, 'canary.yml')?.message).toBe(
      '"canary.yml", "manual.yml" and "release.yml" publish package "@acme/p1"; the token exchange of a run is refused unless its own workflow is registered as a trusted publisher of the package, so each of them must be',
    );
    expect(relatedOf(byFile(found, 'release.yml'))).toEqual([
      '.github/workflows/canary.yml:11 publish in "canary.yml"',
      '.github/workflows/manual.yml:11 publish in "manual.yml"',
    ]);
    expect(byFile(found, 'release.yml')?.fix).toContain('where the package can have several trusted publishers, register each of "release.yml", "canary.yml" and "manual.yml"');
  });

  it('a workspace-wide canary beside five one-package workflows: names three, "and N more", relates all (basementstudio/xmcp)', async () => {
    const files: Record<string, string> = { ...workspace(5), '.github/workflows/canary.yml': workflow('pnpm -r publish --tag canary --no-git-checks') };
    for (let i = 1; i <= 5; i++) files[`.github/workflows/plugin-${i}.yml`] = workflow(`pnpm --filter @acme/p${i} publish`);
    const found = await lintRule(RULE, files);
    expect(found).toHaveLength(6);
    const canary = byFile(found, 'canary.yml');
    // Five packages between them: too many to name in the message.
    expect(canary?.message).toMatch(/^"canary\.yml", "plugin-1\.yml", "plugin-2\.yml" and 3 more workflows publish the same packages; /);
    expect(relatedOf(canary)).toEqual([1, 2, 3, 4, 5].map((i) => `.github/workflows/plugin-${i}.yml:11 publish in "plugin-${i}.yml"`));
    // Control: a plugin workflow meets only the canary, and names its one package.
    expect(byFile(found, 'plugin-3.yml')?.message).toMatch(/^"plugin-3\.yml" and "canary\.yml" publish package "@acme\/p3"; /);
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

  it('a workflow publishing two packages, each also published elsewhere: one finding there naming both others and both packages (base/account-sdk)', async () => {
    const found = await lintRule(RULE, {
      ...workspace(2),
      '.github/workflows/release-please.yml': workflow('pnpm --filter @acme/p1 publish', 'pnpm --filter @acme/p2 publish'),
      '.github/workflows/release-p1.yml': workflow('pnpm --filter @acme/p1 publish'),
      '.github/workflows/release-p2.yml': workflow('pnpm --filter @acme/p2 publish'),
    });
    expect(found.map(at)).toEqual(['.github/workflows/release-p1.yml:11', '.github/workflows/release-p2.yml:11', '.github/workflows/release-please.yml:11']);
    const please = byFile(found, 'release-please.yml');
    expect(please?.message).toMatch(/^"release-please\.yml", "release-p1\.yml" and "release-p2\.yml" publish packages "@acme\/p1" and "@acme\/p2"; /);
    expect(relatedOf(please)).toEqual([
      '.github/workflows/release-p1.yml:11 publish in "release-p1.yml"',
      '.github/workflows/release-p2.yml:11 publish in "release-p2.yml"',
      '.github/workflows/release-please.yml:12 another publish in "release-please.yml"',
    ]);
    // Control: release-p2.yml meets release-please.yml only at its second publish, and names only its package.
    const p2 = byFile(found, 'release-p2.yml');
    expect(p2?.message).toMatch(/^"release-p2\.yml" and "release-please\.yml" publish package "@acme\/p2"; /);
    expect(relatedOf(p2)).toEqual(['.github/workflows/release-please.yml:12 publish in "release-please.yml"']);
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
    expect(found).toHaveLength(30);
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
});
