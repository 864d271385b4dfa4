import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { TOOL_SUPPORT, toolSupport, type OidcSupport } from './publish-tool-support.js';

/** DOMAIN.md section 5, one row per tool: the support each row must state. */
const EXPECTED: [string, OidcSupport['kind'], string | undefined][] = [
  ['npm', 'through-npm', '11.5.1'],
  ['npm-stage', 'through-npm', '11.15.0'],
  ['pnpm-10', 'through-npm', '11.5.1'],
  ['pnpm-11', 'unless-static-token', '>=11.0.0 <11.1.0'],
  ['yarn-classic', 'never', undefined],
  ['yarn-berry', 'from', '4.10.0'],
  ['bun', 'never', undefined],
  ['lerna', 'from', '9.0.0'],
  ['lerna-lite', 'from', '4.9.0'],
  ['semantic-release', 'from', '25.0.0'],
  ['semantic-release-npm', 'from', '13.1.0'],
  ['js-devtools-npm-publish', 'from', '4.0.0'],
  ['release-it', 'config', 'npm.skipChecks: true'],
  ['np', 'recent', undefined],
  ['changesets-action', 'from', '1.7.0'],
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

  it('throws on an unknown id', () => {
    expect(() => toolSupport('nope')).toThrow(/no publish-tool support row/);
  });
});
