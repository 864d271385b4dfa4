/**
 * changelogen's `--canary <s>` / `--nameSuffix <s>` publish `<name>-<s>` (src/model/npm/name-suffix.ts;
 * nuxt/test-utils' `release-nightly.yml` beside `release.yml`): not the package a plain publish of
 * the same directory sends, so `ProjectFacts.overlap` does not pair them, and the JSON report's
 * `publishes` names the package it sends.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { PUBLISH_RECOGNIZERS } from '../../src/model/data/publish-tools.js';
import { publishedName, readNameSuffix } from '../../src/model/npm/name-suffix.js';
import { loadProject } from '../../src/model/project.js';
import { summarizeSites } from '../../src/model/sites.js';

const SPEC = PUBLISH_RECOGNIZERS.find((r) => r.id === 'changelogen')?.flagNames?.nameSuffix;

/** The words after `changelogen`, and the rename read from them (undefined: the name is kept). */
const suffixCases: { words: string; want: { suffix?: string } | undefined }[] = [
  { words: '--canary nightly --publish', want: { suffix: 'nightly' } },
  { words: '--publish --canary=edge', want: { suffix: 'edge' } },
  { words: '--nameSuffix next --publish', want: { suffix: 'next' } },
  { words: '--canary nightly --nameSuffix beta --publish', want: { suffix: 'beta' } },
  { words: '--canary "$TAG" --publish', want: {} },
  { words: '--canary=${{ github.sha }} --publish', want: {} },
  { words: '--nameSuffix $SUFFIX --canary nightly --publish', want: {} },
  // A bare `--canary` (before another option or last) is `true`: no rename.
  { words: '--canary --publish', want: undefined },
  { words: '--publish --canary', want: undefined },
  { words: '--release --publish', want: undefined },
  // mri reads a number as a number and a repeated option as an array: no string, no rename.
  { words: '--canary 1 --publish', want: undefined },
  { words: '--canary a --canary b --publish', want: undefined },
  // `--no-nameSuffix` sets it (to false): the canary's value is not used.
  { words: '--canary nightly --no-nameSuffix --publish', want: undefined },
  // After `--`, words are positionals.
  { words: '--publish -- --canary nightly', want: undefined },
];

describe('readNameSuffix: changelogen options as mri reads them', () => {
  it.each(suffixCases)('$words', ({ words, want }) => {
    expect(readNameSuffix(words.split(' ').map((w) => w.replace(/^"|"$/g, '')), SPEC)).toEqual(want);
  });

  it.each([
    ['@acme/widget', { nameSuffix: { suffix: 'nightly' } }, '@acme/widget-nightly'],
    ['@acme/widget-nightly', { nameSuffix: { suffix: 'nightly' } }, '@acme/widget-nightly'],
    ['@acme/widget', { nameSuffix: {} }, undefined],
    ['@acme/widget', {}, '@acme/widget'],
  ] as const)('publishedName(%s, %j) is %s', (name, flags, want) => {
    expect(publishedName(flags, name)).toBe(want);
  });
});

const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'git+https://github.com/acme/widget.git' } });
const workflow = (run: string): string => `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;

/** Two workflows publishing the root package: whether they publish the same one, and what the JSON report lists for each. */
const overlapCases: { name: string; a: string; b: string; same: boolean; packages: [string[], string[]] }[] = [
  { name: 'nuxt/test-utils: a nightly canary beside the release', a: 'pnpm publish --no-git-checks', b: 'pnpm changelogen --canary nightly --publish', same: false, packages: [['@acme/widget'], ['@acme/widget-nightly']] },
  { name: '--nameSuffix alone', a: 'npm publish', b: 'npx changelogen --nameSuffix next --publish', same: false, packages: [['@acme/widget'], ['@acme/widget-next']] },
  { name: 'two nightly canaries send one package', a: 'pnpm changelogen --canary nightly --publish', b: 'npx changelogen --publish --canary=nightly', same: true, packages: [['@acme/widget-nightly'], ['@acme/widget-nightly']] },
  { name: 'two suffixes, two packages', a: 'pnpm changelogen --canary nightly --publish', b: 'pnpm changelogen --canary edge --publish', same: false, packages: [['@acme/widget-nightly'], ['@acme/widget-edge']] },
  { name: 'a suffix tp-doctor cannot read: unknown, not the same', a: 'pnpm changelogen --canary "$TAG" --publish', b: 'pnpm changelogen --canary "$TAG" --publish', same: false, packages: [['@acme/widget'], ['@acme/widget']] },
  { name: 'control: a bare --canary keeps the name', a: 'pnpm publish', b: 'pnpm changelogen --canary --publish', same: true, packages: [['@acme/widget'], ['@acme/widget']] },
  { name: 'control: a release without a suffix', a: 'pnpm publish', b: 'pnpm changelogen --release --publish', same: true, packages: [['@acme/widget'], ['@acme/widget']] },
];

describe('ProjectFacts.overlap and the JSON publishes with a renaming tool', () => {
  it.each(overlapCases)('$name', ({ a, b, same, packages }) => {
    const project = loadProject(new MemoryFs({ 'package.json': PKG, '.github/workflows/a.yml': workflow(a), '.github/workflows/b.yml': workflow(b) }), {});
    const [x, y] = project.facts.sites;
    expect(project.facts.sites).toHaveLength(2);
    expect(project.facts.overlap(x!, y!)).toBe(same);
    expect(project.facts.overlap(y!, x!)).toBe(same);
    expect(summarizeSites(project.facts.sites).map((s) => s.packages)).toEqual(packages);
  });
});
