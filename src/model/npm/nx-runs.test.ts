import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import { findPublishCommands, type RecognizeContext, type WorkspaceScripts } from './publish-commands.js';
import type { NxTargetConfig } from './nx-projects.js';
import { parseNxRun } from './nx-runs.js';

const AT = { file: 'project.json', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
const runCommands = (commands: string[], cwd?: string): NxTargetConfig => ({ executor: 'nx:run-commands', commands, ...(cwd === undefined ? {} : { cwd }), at: AT });
const executor = (name: string, script?: string): NxTargetConfig => ({ executor: name, commands: [], ...(script === undefined ? {} : { script }), at: AT });

/** Projects: `a` runs `npm publish` in its directory; `b` runs its `release` script; `c` builds only; `d` a publishing executor; `e` an unknown one. */
const PROJECTS: WorkspaceScripts[] = [
  { dir: 'libs/a', scripts: {}, nx: { name: 'a', targets: { publish: runCommands(['npm publish --access public'], 'libs/a') } } },
  { dir: 'libs/b', name: '@acme/b', scripts: { publish: 'echo the project.json target wins', release: 'npm publish --tag next' }, nx: { name: 'b', targets: { publish: executor('nx:run-script', 'release') } } },
  { dir: 'libs/c', scripts: { build: 'tsc' }, nx: { name: 'c', targets: {} } },
  { dir: 'packages/d', name: '@acme/d', scripts: {}, nx: { name: 'd', targets: { release: executor('@nx/js:release-publish') } } },
  { dir: 'packages/e', scripts: {}, nx: { name: 'e', targets: { publish: executor('@acme/tools:ship') } } },
];
const ctx = (projects: WorkspaceScripts[] | null = PROJECTS): RecognizeContext => ({
  scripts: {},
  workspaceScripts: (source) => (source === 'nx' ? (projects ?? undefined) : undefined),
  packageScripts: (selector) => PROJECTS.find((p) => `./${p.dir}` === selector)?.scripts,
});

/** `recognizer@confidence`, the scripts on the way, and the package it ran in. */
function brief(script: string, context: RecognizeContext = ctx()): string[] {
  return findPublishCommands(script, context).map((m) => {
    const via = m.via.map((v) => `<${v.script}`).join('');
    const where = m.inPackage ? ` in ${m.inPackage.selector}` : '';
    return `${m.recognizer}@${m.confidence}${via}${where}`;
  });
}

const A = 'npm-publish@certain<project.json in ./libs/a';
const B = 'npm-publish@certain<release in ./libs/b';

describe('an Nx task run follows the target into each project it runs in', () => {
  const rows: { name: string; script: string; context?: RecognizeContext; want: string[] }[] = [
    { name: 'run-many --all --target=publish (open-feature/js-sdk-contrib)', script: 'npx nx run-many --all --target=publish', want: [A, B] },
    { name: 'run-many -t publish', script: 'nx run-many -t publish', want: [A, B] },
    { name: 'run-many -t=publish with -p', script: 'nx run-many -t=publish -p a', want: [A] },
    { name: '--projects a,b --targets publish', script: 'nx run-many --targets publish --projects=a,b', want: [A, B] },
    { name: '--exclude', script: 'nx run-many -t publish --exclude b', want: [A] },
    { name: 'a name pattern', script: 'nx run-many -t publish -p "b*"', want: [B] },
    { name: 'nx run project:target', script: 'npx nx run a:publish', want: [A] },
    { name: 'nx project:target', script: 'pnpm nx b:publish', want: [B] },
    { name: 'nx <target> <project>', script: 'nx publish a', want: [A] },
    { name: 'a package.json script of the target name (inferred target)', script: 'nx run-many -t release -p b', want: ['npm-publish@certain<release in ./libs/b'] },
    { name: 'a publishing executor: as nx release publish', script: 'nx run d:release', want: ['nx-release@heuristic in ./packages/d'] },
    { name: 'affected: which projects is unknown, a guess', script: 'npx nx affected -t publish', want: ['npm-publish@heuristic<project.json in ./libs/a', 'npm-publish@heuristic<release in ./libs/b'] },
    { name: 'a tag selection: a guess', script: 'nx run-many -t publish -p tag:npm', want: ['npm-publish@heuristic<project.json in ./libs/a', 'npm-publish@heuristic<release in ./libs/b'] },
    { name: 'a dry run forwarded', script: 'nx run a:publish --dry-run', want: [] },
    { name: 'a build target publishes nothing', script: 'nx run-many -t build', want: [] },
    { name: 'other nx commands stay nothing', script: 'nx graph --file=out.json', want: [] },
    { name: 'nx release publish is still nx release', script: 'nx release publish', want: ['nx-release@heuristic'] },
    { name: 'projects not read: a target named publish is a guess', script: 'nx run-many -t publish', context: ctx(null), want: ['nx-run@heuristic'] },
    { name: 'projects not read: a build target is nothing', script: 'nx run-many -t build', context: ctx(null), want: [] },
    { name: 'a named project not found: a guess', script: 'nx run zz:publish', want: ['nx-run@heuristic'] },
    {
      name: 'a publish target whose command cannot be read: a guessed publish',
      script: 'nx run f:publish',
      context: ctx([{ dir: 'libs/f', scripts: {}, nx: { name: 'f', targets: { publish: runCommands(['npm run publish-if-not-exists'], 'dist/libs/f') } } }]),
      want: ['nx-run@heuristic in ./libs/f'],
    },
  ];
  it.each(rows)('$name', ({ script, context, want }) => {
    expect(brief(script, context)).toEqual(want);
  });

  it('an unknown executor on a publish target is a command tp-doctor cannot read', async () => {
    const { analyzeScript } = await import('./publish-commands.js');
    const result = analyzeScript('nx run e:publish', ctx());
    expect(result.matches).toEqual([]);
    expect(result.unread.map((u) => u.words.join(' '))).toEqual(['nx run e:publish @acme/tools:ship']);
  });
});

describe('parseNxRun', () => {
  const rows: { script: string; want: ReturnType<typeof parseNxRun> }[] = [
    { script: 'nx run-many --all --target=publish', want: { label: 'nx run-many -t publish', targets: ['publish'], projects: { kind: 'all', exclude: [] }, forwarded: [] } },
    { script: 'nx run-many -t lint test -p a b --exclude c', want: { label: 'nx run-many -t lint,test', targets: ['lint', 'test'], projects: { kind: 'named', names: ['a', 'b'] }, forwarded: [] } },
    { script: 'nx affected --targets=publish -- --tag next', want: { label: 'nx affected -t publish', targets: ['publish'], projects: { kind: 'some', exclude: [] }, forwarded: ['--tag', 'next'] } },
    { script: 'nx run a:publish:production --ver 1', want: { label: 'nx run a:publish:production', targets: ['publish'], projects: { kind: 'named', names: ['a'] }, forwarded: ['--ver', '1'] } },
    { script: 'nx publish', want: { label: 'nx publish', targets: ['publish'], projects: { kind: 'cwd' }, forwarded: [] } },
    { script: 'nx run a:version${{X}} --dry-run=${{Y}}', want: { label: 'nx run a:version${{X}}', targets: ['version'], projects: { kind: 'named', names: ['a'] }, forwarded: ['--dry-run=${{Y}}'], unsure: true } },
    { script: 'nx run a:version:$CONF', want: { label: 'nx run a:version:$CONF', targets: ['version'], projects: { kind: 'named', names: ['a'] }, forwarded: [], unsure: true } },
    // A value right after the target may lengthen it too: the written target, a guess (a missing target runs nothing).
    { script: 'nx run a:ver$X', want: { label: 'nx run a:ver$X', targets: ['ver'], projects: { kind: 'named', names: ['a'] }, forwarded: [], unsure: true } },
    { script: 'nx run $P:publish', want: undefined },
    { script: 'nx release publish', want: undefined },
    { script: 'nx run-many --all', want: undefined },
    { script: 'nx --version', want: undefined },
  ];
  it.each(rows)('$script', ({ script, want }) => {
    expect(parseNxRun(script.split(' '))).toEqual(want);
  });
});

describe('an Nx workspace in a repository', () => {
  const workflow = `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - run: npm run publish
`;
  const base = {
    '.github/workflows/release.yml': workflow,
    'package.json': JSON.stringify({ name: 'root', private: true, scripts: { publish: 'npx nx run-many --all --target=publish' } }),
    'nx.json': '{}',
    'libs/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0' }),
    'libs/a/project.json': JSON.stringify({ name: 'a', targets: { publish: { executor: 'nx:run-commands', options: { command: 'npm publish', cwd: 'libs/a' } } } }),
    'libs/nested/b/project.json': JSON.stringify({ name: 'b', targets: { publish: { command: 'npm publish', options: { cwd: 'libs/nested/b' } } } }),
    'libs/nested/b/package.json': JSON.stringify({ name: '@acme/b', version: '1.0.0' }),
  };
  const rows: { name: string; files: Record<string, string>; want: string[] }[] = [
    { name: 'project.json files below nx.json: each publish of its package', files: base, want: ['certain @acme/a', 'certain @acme/b'] },
    { name: 'without nx.json, project.json files are not looked for', files: { ...base, 'nx.json': undefined as unknown as string }, want: ['likely ?'] },
    {
      name: 'package.json workspaces are projects too, their scripts targets',
      files: {
        '.github/workflows/release.yml': workflow.replace('npm run publish', 'npx nx run-many -t release'),
        'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
        'packages/c/package.json': JSON.stringify({ name: '@acme/c', version: '1.0.0', scripts: { release: 'npm publish' } }),
        'packages/d/package.json': JSON.stringify({ name: '@acme/d', version: '1.0.0', scripts: { release: 'npm publish' }, nx: { includedScripts: [] } }),
      },
      want: ['certain @acme/c'],
    },
    // nx-go/nx-go: @jscutlery/semver's `version` runs its `postTargets`; `deploy` is ngx-deploy-npm's `npm publish <distFolderPath>`.
    {
      name: 'an ngx-deploy-npm target, run by a version target\'s postTargets, publishes its dist folder',
      files: {
        '.github/workflows/release.yml': workflow.replace('npm run publish', 'pnpm nx run nx-go:version'),
        'package.json': JSON.stringify({ name: 'root', private: true }),
        'nx.json': '{}',
        'packages/nx-go/package.json': JSON.stringify({ name: '@nx-go/nx-go', version: '1.0.0' }),
        'packages/nx-go/project.json': JSON.stringify({
          name: 'nx-go',
          targets: {
            version: { executor: '@jscutlery/semver:version', options: { postTargets: ['build', 'deploy', 'github'] } },
            build: { executor: '@nx/js:tsc' },
            deploy: { executor: 'ngx-deploy-npm:deploy', options: { access: 'public', distFolderPath: 'packages/nx-go' } },
            'deploy-dry': { executor: 'ngx-deploy-npm:deploy', options: { distFolderPath: 'packages/nx-go', dryRun: true } },
          },
        }),
      },
      want: ['certain @nx-go/nx-go'],
    },
  ];
  const deploy = (run: string): string[] => {
    const files = rows.at(-1)!.files;
    const project = loadProject(new MemoryFs({ ...files, '.github/workflows/release.yml': workflow.replace('npm run publish', run) }));
    return project.facts.sites.map((p) => `${p.certainty} ${p.publish.match.label}`);
  };
  it('a configuration tp-doctor cannot read makes it a guess; a dry run and other targets publish nothing', () => {
    expect(deploy("pnpm nx run nx-go:version${{ inputs.beta && ':beta' || '' }}")).toEqual(['likely npm publish']);
    expect(deploy('nx run nx-go:deploy-dry')).toEqual([]);
    expect(deploy('nx run nx-go:version --dry-run')).toEqual([]);
    expect(deploy('nx run nx-go:build')).toEqual([]);
  });
  it.each(rows)('$name', ({ files, want }) => {
    const present = Object.fromEntries(Object.entries(files).filter(([, v]) => v !== undefined));
    const project = loadProject(new MemoryFs(present));
    expect(project.facts.sites.map((p) => `${p.certainty} ${p.targets.kind === 'single' ? p.targets.packages.map((x) => x.name).join(',') : '?'}`)).toEqual(want);
  });
});
