import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { PUBLISH_RECOGNIZERS } from './publish-tools.js';
import { STAGE_PUBLISH_FORMS, TOOL_SUPPORT, toolSupport, type CircleciSupport, type OidcSupport } from './publish-tool-support.js';

/** docs/domain.md §0 and §5, one row per tool: the support each row must state. */
const EXPECTED: [string, OidcSupport['kind'], string | undefined][] = [
  ['npm', 'through-npm', '11.5.1'],
  ['npm-stage', 'through-npm', '11.15.0'],
  ['pnpm-10', 'through-npm', '11.5.1'],
  // pnpm 11.0.0–11.0.6 skip OIDC when a static token is configured; from 11.0.7 OIDC wins.
  ['pnpm-11', 'unless-static-token', '>=11.0.0 <11.0.7'],
  // pnpm < 11.1.3 sends setup-node's unresolved `${NODE_AUTH_TOKEN}` placeholder (404).
  ['pnpm-11-placeholder', 'from', '11.1.3'],
  ['pnpm-stage', 'from', '11.3.0'],
  ['yarn-classic', 'never', undefined],
  ['yarn-berry', 'from', '4.10.0'],
  ['yarn-berry-scoped', 'from', '4.10.3'],
  ['bun', 'never', undefined],
  ['lerna', 'from', '9.0.0'],
  ['lerna-lite', 'from', '4.9.0'],
  ['semantic-release', 'from', '25.0.0'],
  ['semantic-release-npm', 'from', '13.1.0'],
  ['js-devtools-npm-publish', 'from', '2.0.0'],
  ['release-it', 'config', 'npm.skipChecks: true'],
  ['np', 'from', '11.0.1'],
  ['changesets-action', 'from', '1.7.0'],
];

/** On CircleCI (docs/domain.md §0): rows without a known answer are absent. */
const CIRCLECI: [string, CircleciSupport][] = [
  ['npm', { kind: 'through-npm', npm: '11.11.0' }],
  ['npm-stage', { kind: 'through-npm', npm: '11.15.0' }],
  ['pnpm-10', { kind: 'through-npm', npm: '11.11.0' }],
  ['pnpm-11', { kind: 'from', version: '11.0.7' }],
  ['yarn-berry', { kind: 'not-yet', checkedUpTo: '4.14.1' }],
  ['semantic-release-npm', { kind: 'from', version: '13.2.0', tokenVerify: { from: '13.0.0', variable: 'NPM_TOKEN', npm: '^11.6.2' } }],
  ['np', { kind: 'never' }],
];

/** Node requirements narrower than npm's (docs/domain.md §0). */
const NODE: [string, string, string, boolean][] = [
  ['pnpm-11', '>=22.13', '11.0.0', false],
  ['pnpm-stage', '>=22.13', '11.3.0', false],
  ['semantic-release', '^22.14.0 || >=24.10.0', '25.0.0', true],
];

function detail(s: OidcSupport): string | undefined {
  switch (s.kind) {
    case 'from':
      return s.version;
    case 'through-npm':
      return s.npm;
    case 'unless-static-token':
      return s.broken;
    case 'config':
      return s.setting;
    default:
      return undefined;
  }
}

describe('publish tool support table', () => {
  for (const [id, kind, value] of EXPECTED) {
    it(`${id}: ${kind}${value ? ` ${value}` : ''}`, () => {
      const row = toolSupport(id);
      expect(row.support.kind).toBe(kind);
      expect(detail(row.support)).toBe(value);
      expect(row.consequence.length).toBeGreaterThan(20);
      expect(row.consequence).not.toMatch(/\.$/);
    });
  }

  it('has exactly these rows, with unique ids', () => {
    expect(TOOL_SUPPORT.map((r) => r.id).sort()).toEqual(EXPECTED.map(([id]) => id).sort());
  });

  it('uses valid versions and ranges; tools that never work name an alternative', () => {
    for (const row of TOOL_SUPPORT) {
      const s = row.support;
      if (s.kind === 'from') expect(semver.valid(s.version), row.id).toBe(s.version);
      if (s.kind === 'through-npm') expect(semver.valid(s.npm), row.id).toBe(s.npm);
      if (s.kind === 'unless-static-token') {
        expect(semver.validRange(s.broken), row.id).not.toBeNull();
        expect(semver.satisfies(s.fixed, s.broken), row.id).toBe(false);
      }
      if (s.kind === 'never') expect(s.alternative, row.id).toMatch(/npm publish/);
    }
  });

  it.each(CIRCLECI)('%s on CircleCI: %j', (id, support) => {
    expect(toolSupport(id).circleci).toEqual(support);
  });

  it('states CircleCI support only for the pinned rows', () => {
    expect(TOOL_SUPPORT.filter((r) => r.circleci !== undefined).map((r) => r.id).sort()).toEqual(CIRCLECI.map(([id]) => id).sort());
  });

  it.each(NODE)('%s needs Node %s from %s (reported: %s)', (id, range, since, reported) => {
    const row = toolSupport(id);
    expect(row.node).toBe(range);
    expect(semver.validRange(range)).not.toBeNull();
    expect(row.nodeSince).toBe(since);
    expect(row.nodeReported === true).toBe(reported);
  });

  it('states Node requirements only for the pinned rows', () => {
    expect(TOOL_SUPPORT.filter((r) => r.node !== undefined).map((r) => r.id).sort()).toEqual(NODE.map(([id]) => id).sort());
  });

  it('semantic-release 25 needs Node 22.14 or 24.10: 22.13, 23.x and 24.9 are refused', () => {
    const range = toolSupport('semantic-release').node!;
    expect(['22.13.0', '23.11.0', '24.9.0'].map((v) => semver.satisfies(v, range))).toEqual([false, false, false]);
    expect(['22.14.0', '24.10.0', '26.14.0'].map((v) => semver.satisfies(v, range))).toEqual([true, true, true]);
  });

  it('pnpm 11.0.6 is broken with a static token, 11.0.7 is not', () => {
    const s = toolSupport('pnpm-11').support;
    expect(s.kind === 'unless-static-token' && [semver.satisfies('11.0.6', s.broken), semver.satisfies('11.0.7', s.broken)]).toEqual([true, false]);
  });

  it('throws on an unknown id', () => {
    expect(() => toolSupport('nope')).toThrow(/no publish-tool support row/);
  });
});

describe('stage publish forms', () => {
  it('lists npm stage publish (11.15.0), pnpm stage publish (11.3.0) and release-it npm.stage', () => {
    expect(STAGE_PUBLISH_FORMS.map((f) => [f.id, f.since?.version])).toEqual([
      ['npm-stage-publish', '11.15.0'],
      ['pnpm-stage-publish', '11.3.0'],
      ['release-it-stage', undefined],
    ]);
    const releaseIt = STAGE_PUBLISH_FORMS.find((f) => f.id === 'release-it-stage')!;
    expect(releaseIt.form).toMatchObject({ kind: 'config', setting: 'npm.stage: true' });
  });

  it('names publish recognisers that exist', () => {
    for (const f of STAGE_PUBLISH_FORMS) {
      if (f.form.kind === 'command') expect(PUBLISH_RECOGNIZERS.map((r) => r.id), f.id).toContain(f.form.recognizer);
    }
  });
});
