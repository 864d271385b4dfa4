/**
 * `@release-it-plugins/workspaces` publishes each workspace that is not private itself, with
 * `npm publish ./<workspace> --tag <tag>` (`pnpm publish` where pnpm-lock.yaml or
 * pnpm-workspace.yaml is), or its `publishCommand`, and first runs `npm|pnpm whoami` unless its
 * `skipChecks` (src/model/data/release-it-plugins.ts `RELEASE_IT_WORKSPACES`, read in
 * release-it-plugins/workspaces `index.js`; src/model/npm/release-it-workspaces.ts). Survey 700b
 * MISS-3: tp-doctor saw no publish at all.
 */
import { describe, expect, it } from 'vitest';
import { toolConfigFiles as configFiles } from '../helpers.js';
import { analyzeScript, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { configSkipsNpmIn } from '../../src/model/npm/config-skips-npm.js';
import type { WorkspaceScripts } from '../../src/model/npm/publish-match.js';
import { releaseItWorkspaces } from '../../src/model/npm/release-it-workspaces.js';

const PLUGIN = '@release-it-plugins/workspaces';
const MEMBERS: WorkspaceScripts[] = [
  { dir: 'packages/a', name: '@o/a', scripts: {} },
  { dir: 'packages/b', name: '@o/b', private: true, scripts: {} },
  { dir: 'packages/c', name: '@o/c', scripts: {} },
];

function inRepo(files: Record<string, string>, lists: Partial<Record<string, WorkspaceScripts[]>>): RecognizeContext {
  const toolConfig = configFiles(files);
  return { toolConfig, configSkipsNpm: configSkipsNpmIn(toolConfig, ''), shellFile: (f) => files[f], dir: '', workspaceScripts: (source) => lists[source] };
}

function summary(script: string, files: Record<string, string>, lists: Partial<Record<string, WorkspaceScripts[]>> = { 'package.json': MEMBERS }): string[] {
  return analyzeScript(script, inRepo(files, lists), { unread: true }).matches.map((m) => `${m.recognizer} ${m.tool} ${m.via.at(-1)?.command ?? ''} ${m.confidence}${m.preCheck ? ` check:${m.preCheck.command}${m.preCheck.unknown ? '?' : ''}` : ''}`);
}

const root = (releaseIt: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], devDependencies: { 'release-it': '^19.0.0', [PLUGIN]: '^5.0.0' }, 'release-it': releaseIt, ...extra });

describe('release-it with @release-it-plugins/workspaces', () => {
  const cases: { name: string; files: Record<string, string>; lists?: Partial<Record<string, WorkspaceScripts[]>>; script?: string; matches: string[] }[] = [
    {
      name: 'survey 700b MISS-3: an npm publish of each workspace that is not private, after `npm whoami`',
      files: { 'package.json': root({ plugins: { [PLUGIN]: true }, npm: false }) },
      matches: ['npm-publish npm npm publish ./packages/a --tag $tag certain check:npm whoami', 'npm-publish npm npm publish ./packages/c --tag $tag certain check:npm whoami'],
    },
    {
      name: 'a pnpm repository (pnpm-lock.yaml): pnpm publish, pnpm whoami',
      files: { 'package.json': root({ plugins: { [PLUGIN]: {} }, npm: false }), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" },
      matches: ['pnpm-publish pnpm pnpm publish ./packages/a --tag $tag certain check:pnpm whoami', 'pnpm-publish pnpm pnpm publish ./packages/c --tag $tag certain check:pnpm whoami'],
    },
    {
      name: 'no `workspaces` in package.json: pnpm-workspace.yaml\'s packages',
      files: { 'package.json': JSON.stringify({ name: 'root', private: true }), 'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n", '.release-it.json': JSON.stringify({ plugins: { [PLUGIN]: { skipChecks: true } }, npm: false }) },
      lists: { 'pnpm-workspace.yaml': MEMBERS.slice(0, 1) },
      matches: ['pnpm-publish pnpm pnpm publish ./packages/a --tag $tag certain'],
    },
    {
      name: '`skipChecks: true`: no whoami',
      files: { 'package.json': root({ plugins: { [PLUGIN]: { skipChecks: true } }, npm: false }) },
      matches: ['npm-publish npm npm publish ./packages/a --tag $tag certain', 'npm-publish npm npm publish ./packages/c --tag $tag certain'],
    },
    {
      name: 'its `publishCommand`, run once per workspace, read once',
      files: { 'package.json': root({ plugins: { [PLUGIN]: { publishCommand: 'npm publish $RELEASE_IT_WORKSPACES_PATH_TO_WORKSPACE', skipChecks: true } }, npm: false }) },
      matches: ['npm-publish npm npm publish $RELEASE_IT_WORKSPACES_PATH_TO_WORKSPACE certain'],
    },
    {
      name: 'its own `workspaces` option: a guess',
      files: { 'package.json': root({ plugins: { [PLUGIN]: { workspaces: ['libs/*'] } }, npm: false }) },
      matches: [`release-it-plugin other ${PLUGIN} heuristic check:npm whoami`],
    },
    {
      name: 'a `skipChecks` tp-doctor cannot read',
      files: { 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }), '.release-it.cjs': `module.exports = { npm: false, plugins: { '${PLUGIN}': { skipChecks: process.env.CI } } };\n` },
      matches: ['npm-publish npm npm publish ./packages/a --tag $tag certain check:npm whoami?', 'npm-publish npm npm publish ./packages/c --tag $tag certain check:npm whoami?'],
    },
    // Controls.
    {
      name: 'control: `publish: false` publishes nothing',
      files: { 'package.json': root({ plugins: { [PLUGIN]: { publish: false } }, npm: false }) },
      matches: [],
    },
    {
      name: 'control: the plugin turned off (`false`)',
      files: { 'package.json': root({ plugins: { [PLUGIN]: false }, npm: false }) },
      matches: [],
    },
    {
      name: 'control: without the plugin, `npm: false` publishes nothing',
      files: { 'package.json': root({ npm: false }) },
      matches: [],
    },
    {
      name: 'control: a dry run publishes nothing',
      files: { 'package.json': root({ plugins: { [PLUGIN]: true }, npm: false }) },
      script: 'release-it --ci --dry-run',
      matches: [],
    },
  ];
  it.each(cases)('$name', ({ files, lists, script, matches }) => {
    expect(summary(script ?? 'release-it --ci', files, lists)).toEqual(matches);
  });
});

describe('releaseItWorkspaces', () => {
  it('reads its options from the `["namespace", options]` form too', () => {
    const files = configFiles({ 'package.json': root({ plugins: { [PLUGIN]: ['workspaces', { skipChecks: true, publish: false }] } }) });
    expect(releaseItWorkspaces(files, '', [])).toMatchObject({ file: 'package.json', program: 'npm', publishes: false, checks: 'off', ownWorkspaces: false });
  });
  it('is undefined without the plugin, or without a package.json where release-it runs', () => {
    expect(releaseItWorkspaces(configFiles({ 'package.json': root({ npm: false }) }), '', [])).toBeUndefined();
    expect(releaseItWorkspaces(configFiles({ '.release-it.json': JSON.stringify({ plugins: { [PLUGIN]: true } }) }), '', [])).toBeUndefined();
  });
});
