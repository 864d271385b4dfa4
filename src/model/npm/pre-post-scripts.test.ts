import { describe, expect, it } from 'vitest';
import { SCRIPT_RUNNERS, type PrePostScripts } from '../data/publish-tools.js';
import { findPublishCommands } from './publish-commands.js';
import { majorOfSpec, prePostAnswer, type MajorGuess, type PrePostAnswer, type PrePostInputs } from './pre-post-scripts.js';

const rule = (id: string): PrePostScripts => {
  const lifecycle = SCRIPT_RUNNERS.find((r) => r.id === id)?.lifecycle;
  if (lifecycle === undefined || typeof lifecycle === 'boolean') throw new Error(`${id} has no versioned pre/post rule`);
  return lifecycle;
};

type Settings = Partial<Record<'.npmrc' | 'pnpm-workspace.yaml', boolean>>;

describe('pnpm runs pre<x>/post<x> by major and setting', () => {
  const rows: [MajorGuess, Settings, PrePostAnswer][] = [
    // pnpm ≤ 5 ran them; 6-8 do not unless `enable-pre-post-scripts=true`; 9+ do by default (pnpm/pnpm#7634)
    [5, {}, 'yes'],
    [6, {}, 'no'],
    [8, {}, 'no'],
    [8, { '.npmrc': true }, 'yes'],
    [8, { 'pnpm-workspace.yaml': true }, 'no'],
    [9, {}, 'yes'],
    [9, { '.npmrc': false }, 'no'],
    [10, { '.npmrc': false }, 'no'],
    [10, { 'pnpm-workspace.yaml': false }, 'no'],
    [10, { '.npmrc': false, 'pnpm-workspace.yaml': true }, 'maybe'],
    // pnpm 11 reads only auth and registry settings from .npmrc
    [11, {}, 'yes'],
    [11, { '.npmrc': false }, 'yes'],
    [11, { 'pnpm-workspace.yaml': false }, 'no'],
    ['latest', {}, 'yes'],
    ['latest', { '.npmrc': false }, 'yes'],
    // not known: what the repository writes decides, else a guess
    [undefined, {}, 'maybe'],
    [undefined, { '.npmrc': false }, 'no'],
    [undefined, { '.npmrc': true }, 'yes'],
    [undefined, { 'pnpm-workspace.yaml': false }, 'no'],
  ];
  it.each(rows)('pnpm %s with %j: %s', (major, settings, expected) => {
    expect(prePostAnswer(rule('pnpm-run'), major, (file) => settings[file])).toBe(expected);
  });
});

describe('Yarn 1 runs pre<x>/post<x>, Yarn 2+ does not', () => {
  const rows: [MajorGuess, PrePostAnswer][] = [
    [1, 'yes'],
    [2, 'no'],
    [4, 'no'],
    ['latest', 'no'],
    [undefined, 'maybe'],
  ];
  it.each(rows)('yarn %s: %s', (major, expected) => {
    expect(prePostAnswer(rule('yarn-run'), major, () => undefined)).toBe(expected);
  });
});

describe('majorOfSpec', () => {
  it.each([
    ['latest', 'latest'],
    ['9', 9],
    ['10.12.1', 10],
    ['^8.15.0', 8],
    [undefined, undefined],
    ['${{ env.PNPM }}', undefined],
  ] as const)('%s: %s', (spec, expected) => {
    expect(majorOfSpec(spec)).toBe(expected);
  });
});

describe('pnpm run x and yarn x follow pre<x>/post<x> by what the inputs say', () => {
  const scripts = { release: 'standard-version -a', postrelease: 'git push --follow-tags && (ci-publish || npm publish --access=public)', prerelease: 'npm test' };
  const inputs = (majors: Partial<Record<string, MajorGuess>>, settings: Settings = {}): PrePostInputs => ({ major: (tool) => majors[tool], setting: (file) => settings[file] });
  const rows: [string, PrePostInputs | undefined, string[]][] = [
    ['npm run release', undefined, ['npm publish certain']],
    ['pnpm run release', inputs({ pnpm: 10 }), ['npm publish certain']],
    ['pnpm release', inputs({ pnpm: 'latest' }), ['npm publish certain']],
    ['pnpm run release', inputs({ pnpm: 8 }), []],
    ['pnpm run release', inputs({ pnpm: 8 }, { '.npmrc': true }), ['npm publish certain']],
    ['pnpm run release', inputs({ pnpm: 9 }, { '.npmrc': false }), []],
    ['pnpm run release', inputs({}), ['npm publish heuristic']],
    ['pnpm run release', undefined, ['npm publish heuristic']],
    ['yarn release', inputs({ yarn: 1 }), ['npm publish certain']],
    ['yarn run release', inputs({ yarn: 2 }), []],
    ['yarn release', inputs({}), ['npm publish heuristic']],
  ];
  it.each(rows)('%s with %j', (script, prePost, expected) => {
    const found = findPublishCommands(script, { scripts, ...(prePost ? { prePost } : {}) });
    expect(found.map((m) => `${m.label} ${m.confidence}`)).toEqual(expected);
    for (const m of found) expect(m.via.map((v) => v.script)).toEqual(['postrelease']);
  });
});
