import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { lintFiles, publisherConfig, releaseWorkflow } from '../../../test/helpers.js';
import { loadProject } from '../project.js';
import { findPublishCommands, type RecognizeContext, type WorkspaceScripts } from './publish-commands.js';
import type { NxTargetConfig } from './nx-projects.js';
import { builtPackageDir, nxPath } from './nx-outputs.js';

const AT = { file: 'project.json', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
const PUBLISH = { executor: 'nx:run-commands', commands: ['npm run publish-if-not-exists'], cwd: 'dist/libs/f', at: AT };
const build = (outputPath: string, packageJson?: string, executor = '@nx/rollup:rollup'): NxTargetConfig => ({ executor, commands: [], outputPath, ...(packageJson === undefined ? {} : { packageJson }), at: AT });
const SCRIPTS: Record<string, Record<string, string>> = {
  './libs/f': { 'publish-if-not-exists': 'if [ -n "$X" ]; then echo skip; else npm publish --access public; fi' },
  './libs/g': { 'publish-if-not-exists': 'npm publish --tag g' },
};
const project = (targets: Record<string, NxTargetConfig>): WorkspaceScripts => ({ dir: 'libs/f', scripts: SCRIPTS['./libs/f']!, nx: { name: 'f', targets: { publish: PUBLISH, ...targets } } });
const ctx = (ws: WorkspaceScripts, scripts: Record<string, Record<string, string>> = SCRIPTS): RecognizeContext => ({
  scripts: {},
  workspaceScripts: (source) => (source === 'nx' ? [ws] : undefined),
  packageScripts: (selector) => scripts[selector],
});

/** `recognizer@confidence`, the package it ran in, and the committed package.json it was built from. */
function brief(script: string, context: RecognizeContext): string[] {
  return findPublishCommands(script, context).map((m) => `${m.recognizer}@${m.confidence}${m.inPackage ? ` in ${m.inPackage.selector}` : ''}${m.builtFrom === undefined ? '' : ` from ${m.builtFrom}`}`);
}

const BUILT_F = 'npm-publish@heuristic in ./libs/f from libs/f';
const UNREAD = 'nx-run@heuristic in ./libs/f';

describe('a run-commands target run in a build output directory reads the package.json the build copies there', () => {
  const rows: { name: string; ws: WorkspaceScripts; script?: string; scripts?: Record<string, Record<string, string>>; want: string[] }[] = [
    { name: 'the outputPath of a rollup target whose project option names the project package.json (open-feature/js-sdk-contrib)', ws: project({ package: build('dist/libs/f', 'libs/f/package.json') }), want: [BUILT_F] },
    { name: '{workspaceRoot} and {projectRoot} tokens', ws: project({ package: build('{workspaceRoot}/dist/{projectRoot}', '{projectRoot}/package.json') }), want: [BUILT_F] },
    { name: '@nx/js:tsc copies the project root package.json', ws: project({ build: build('dist/libs/f', '{projectRoot}/package.json', '@nx/js:tsc') }), want: [BUILT_F] },
    { name: 'a project option naming another package.json: that one', ws: project({ package: build('dist/libs/f', './libs/g/package.json') }), want: ['npm-publish@heuristic in ./libs/g from libs/g'] },
    // Controls: what cannot be mapped is read as before.
    { name: 'control: a cwd that is another directory', ws: project({ package: build('dist/libs/other', 'libs/f/package.json') }), want: [UNREAD] },
    { name: 'control: no build target (dist/{projectRoot} alone is not assumed)', ws: project({}), want: [UNREAD] },
    { name: 'control: an outputPath without a copied package.json', ws: project({ package: build('dist/libs/f', undefined, '@acme/bundler:build') }), want: [UNREAD] },
    { name: 'control: the source package.json unreadable', ws: project({ package: build('dist/libs/f', 'libs/h/package.json') }), want: [UNREAD] },
    { name: 'control: two builds copying different files there', ws: project({ a: build('dist/libs/f', 'libs/f/package.json'), b: build('dist/libs/f', 'libs/g/package.json') }), want: [UNREAD] },
    { name: 'control: an option that names no package.json', ws: project({ package: build('dist/libs/f', 'libs/f/tsconfig.json') }), want: [UNREAD] },
    {
      name: 'control: a committed package.json in the cwd is read as before',
      ws: project({ package: build('dist/libs/f', 'libs/f/package.json') }),
      scripts: { ...SCRIPTS, './dist/libs/f': { 'publish-if-not-exists': 'npm publish' } },
      want: ['npm-publish@certain in ./dist/libs/f'],
    },
    { name: 'nx affected: which projects run is a guess, so is the package', ws: project({ package: build('dist/libs/f', 'libs/f/package.json') }), script: 'nx affected -t publish', want: ['npm-publish@heuristic in ./libs/f'] },
  ];
  it.each(rows)('$name', ({ ws, script, scripts, want }) => {
    expect(brief(script ?? 'npx nx run-many --all --target=publish', ctx(ws, scripts))).toEqual(want);
  });

  it('nxPath puts the tokens in and keeps paths inside the repository', () => {
    expect(nxPath('{workspaceRoot}/dist/{projectRoot}', 'libs/f')).toBe('dist/libs/f');
    expect(nxPath('{projectRoot}/dist', '')).toBe('dist');
    expect(nxPath('../outside', 'libs/f')).toBeUndefined();
  });

  it('esbuild copies a package.json only with generatePackageJson; a root package.json maps to the root', () => {
    const ws = (packageJson?: string): WorkspaceScripts => ({ dir: '', scripts: {}, nx: { name: 'r', targets: { b: build('dist', packageJson, '@nx/esbuild:esbuild') } } });
    expect(builtPackageDir(ws('package.json'), 'dist')).toBe('');
    expect(builtPackageDir(ws(), 'dist')).toBeUndefined();
  });
});

const workflow = releaseWorkflow('npm run publish');
/** open-feature/js-sdk-contrib's layout. */
const REPO: Record<string, string> = {
  '.github/workflows/release.yml': workflow,
  'package.json': JSON.stringify({ name: 'root', private: true, scripts: { publish: 'npx nx run-many --all --target=publish --exclude=root' } }),
  'nx.json': '{}',
  'libs/f/package.json': JSON.stringify({ name: '@acme/f', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/other/elsewhere.git' }, scripts: SCRIPTS['./libs/f'] }),
  'libs/f/project.json': JSON.stringify({
    name: 'f',
    targets: {
      publish: { executor: 'nx:run-commands', options: { command: 'npm run publish-if-not-exists', cwd: 'dist/libs/f' } },
      package: { executor: '@nx/rollup:rollup', outputs: ['{options.outputPath}'], options: { project: 'libs/f/package.json', outputPath: 'dist/libs/f' } },
    },
  }),
};
const withPackage = (options: Record<string, string>): Record<string, string> => ({
  ...REPO,
  'libs/f/project.json': JSON.stringify({ name: 'f', targets: { publish: { executor: 'nx:run-commands', options: { command: 'npm run publish-if-not-exists', cwd: 'dist/libs/f' } }, package: { executor: '@nx/rollup:rollup', options } } }),
});

describe('in a repository', () => {
  const sites = (files: Record<string, string>): string[] =>
    loadProject(new MemoryFs(files)).facts.sites.map((p) => `${p.certainty} ${p.publish.match.tool} ${p.targets.kind === 'single' ? p.targets.packages.map((x) => x.name).join(',') : '?'}`);

  it('publishes the project package, likely; unmapped directories keep the guess of an nx command', () => {
    expect(sites(REPO)).toEqual(['likely npm @acme/f']);
    expect(sites(withPackage({ project: 'libs/f/package.json', outputPath: 'dist/other' }))).toEqual(['likely nx ?']);
    expect(sites(withPackage({ project: 'libs/missing/package.json', outputPath: 'dist/libs/f' }))).toEqual(['likely nx ?']);
  });

  it('provenance-repository-url sees the package (a warning: the publish is a guess)', async () => {
    const files = { ...REPO, 'tp-doctor.yml': `${publisherConfig({})}repository:\n  visibility: public\n` };
    const found = await lintFiles(files, { rule: 'provenance-repository-url' });
    expect(found.map((d) => [d.file, d.severity])).toEqual([['libs/f/package.json', 'warning']]);
    // Control: the same build writing elsewhere, no package, nothing to check.
    const elsewhere = { ...withPackage({ project: 'libs/f/package.json', outputPath: 'dist/other' }), 'tp-doctor.yml': files['tp-doctor.yml'] };
    expect(await lintFiles(elsewhere, { rule: 'provenance-repository-url' })).toEqual([]);
  });
});
