/**
 * One list of the files tp-doctor reads (src/model/core/inputs.ts), checked two ways:
 *
 * - against the code: every fixture repository, and a repository built to hold one of each kind of
 *   file, are linted through a file system that records every path read or tested for existence;
 *   each recorded path must match the list (or be named by another file), and each pattern of the
 *   list must be read by something;
 * - against what is generated from it or written after it: the pre-commit hook's `files` (and the
 *   README's local-hook copy), the example workflow's `paths:` filter, the README's lint-staged
 *   example and the ESLint plugin's recommended `files` must all match sample paths built from
 *   every pattern, and the hook must stay quiet for files tp-doctor never reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { rules } from '../rules/index.js';
import { lint } from '../src/api.js';
import { configs } from '../src/eslint-plugin/index.js';
import { DiskFs, MemoryFs, type ListResult, type ReadResult, type SourceFs } from '../src/fs/source.js';
import * as api from '../src/index.js';
import { COMMITTED_INPUT_GLOBS, EDITOR_INPUT_GLOBS, INPUT_FILES, isInputFile } from '../src/model/core/inputs.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

/** Concrete paths a glob stands for: every `{a,b}` alternative, `**` as no folder and as two, `*` as a name. */
export function samplePaths(glob: string): string[] {
  const brace = /\{([^{}]*)\}/.exec(glob);
  if (brace) {
    return brace[1]!.split(',').flatMap((alt) => samplePaths(glob.slice(0, brace.index) + alt + glob.slice(brace.index + brace[0].length)));
  }
  const depths = glob.includes('**/') ? [glob.replace('**/', ''), glob.replace('**/', 'packages/app/')] : [glob];
  return depths.map((p) => p.replace(/\*/g, 'release'));
}

const committedSamples = INPUT_FILES.filter((i) => i.committed).flatMap((i) => samplePaths(i.glob).map((s) => [s, i.glob] as const));

/** Files tp-doctor never reads: no hook run, no filter hit. */
const NOT_INPUTS = [
  'README.md',
  'src/index.ts',
  'packages/app/src/action.ts',
  '.github/workflows/README.md',
  '.github/workflows/sub/release.yml',
  '.github/dependabot.yml',
  '.github/CODEOWNERS',
  '.gitlab/README.md',
  '.gitlab-ci.yml.orig',
  '.circleci/README.md',
  'docs/package.json.md',
  'package.json.bak',
  'my-tp-doctor.yml',
  'tp-doctor.yml.bak',
  'packages/app/tp-doctor.yml',
  'packages/app/lerna.json',
  'node-version',
];

describe('the list of inputs', () => {
  it('has unique globs, each with a reason', () => {
    expect(new Set(INPUT_FILES.map((i) => i.glob)).size).toBe(INPUT_FILES.length);
    for (const i of INPUT_FILES) expect(i.why.length, i.glob).toBeGreaterThan(10);
  });

  it.each(INPUT_FILES.map((i) => [i.glob] as const))('%s matches the sample paths built from it', (glob) => {
    const match = picomatch(glob, { dot: true });
    for (const sample of samplePaths(glob)) expect(match(sample), sample).toBe(true);
  });

  it('does not cover files tp-doctor never reads', () => {
    const match = picomatch([...INPUT_FILES.map((i) => i.glob)], { dot: true });
    expect(NOT_INPUTS.filter((f) => match(f))).toEqual([]);
  });

  it('is exported from the package for hooks and lint-staged configs', () => {
    expect(api.INPUT_FILES).toBe(INPUT_FILES);
    expect(api.isInputFile).toBe(isInputFile);
    expect(api.COMMITTED_INPUT_GLOBS).toEqual(INPUT_FILES.filter((i) => i.committed).map((i) => i.glob));
    expect(COMMITTED_INPUT_GLOBS).not.toContain('.git/config');
  });
});

// ------------------------------------------------------------------------------------------------
// Against the code

/** Records every path read or tested for existence (listings are folders, not files). */
class RecordingFs implements SourceFs {
  readonly touched = new Set<string>();
  constructor(private readonly base: SourceFs) {}
  get rootLabel(): string {
    return this.base.rootLabel;
  }
  read(file: string): ReadResult {
    this.touched.add(file.replace(/^\.\//, ''));
    return this.base.read(file);
  }
  exists(file: string): boolean {
    this.touched.add(file.replace(/^\.\//, ''));
    return this.base.exists(file);
  }
  list(dir: string): { name: string; isDir: boolean }[] | undefined {
    return this.base.list(dir);
  }
  readDir(dir: string): ListResult {
    return this.base.readDir(dir);
  }
}

/** Lints through a RecordingFs; returns the touched paths no pattern covers and no file names. */
async function lintRecorded(base: SourceFs): Promise<{ touched: Set<string>; uncovered: string[] }> {
  const fs = new RecordingFs(base);
  const outcome = await lint({ fs, rules });
  const named = new Set<string>();
  if (outcome.ok) {
    // Files another file names: GitLab includes and `ciFile`s, CircleCI `configFile`s, setup-node `node-version-file`s.
    for (const pipeline of outcome.project.gitlab) {
      named.add(pipeline.ciFile);
      for (const include of pipeline.includes) for (const file of include.resolved) named.add(file);
      for (const doc of pipeline.documents) named.add(doc.file);
    }
    for (const p of outcome.config.publishers) if (p.provider === 'gitlab') named.add(p.ciFile);
    // A CircleCI publisher's `configFile`, read whether it exists or not.
    for (const p of outcome.config.publishers) if (p.provider === 'circleci') named.add(p.configFile.replace(/^\.\//, ''));
    // The configuration a CircleCI setup configuration continues with, read whether it exists or not.
    for (const config of outcome.project.circleci) for (const c of config.continuations) if (c.file !== undefined) named.add(c.file);
    // Scripts without a `.sh`/`.bash` name that a command runs with a shell (`bash ./bin/publish-npm`).
    for (const file of outcome.project.facts.namedScripts) named.add(file);
    // npm configuration files a step moves over a project `.npmrc` (`mv .npmrc.github .npmrc`).
    for (const file of outcome.project.facts.namedNpmrcs) named.add(file);
    for (const wf of outcome.project.workflows) {
      for (const job of wf.jobs) for (const step of job.steps) {
        const file = step.with.get('node-version-file')?.text;
        if (file) named.add(file.replace(/^\.\//, ''));
      }
    }
  }
  const covered = picomatch([...INPUT_FILES.map((i) => i.glob)], { dot: true });
  return { touched: fs.touched, uncovered: [...fs.touched].filter((f) => !covered(f) && !named.has(f)).sort() };
}

const FIXTURES = path.join(ROOT, 'fixtures', 'repos');

/** One of each kind of input, each read because something in the repository makes it matter. */
const KITCHEN_SINK: Record<string, string> = {
  '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n',
  'package.json': JSON.stringify({
    name: 'widget-root',
    private: true,
    workspaces: ['packages/*'],
    repository: { url: 'https://github.com/acme/widget' },
    scripts: { release: 'semantic-release' },
  }),
  'packages/app/package.json': JSON.stringify({ name: '@acme/app', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } }),
  'packages/app/.npmrc': 'provenance=true\n',
  'packages/app/package-lock.json': '{"lockfileVersion":3,"packages":{}}\n',
  '.npmrc': 'registry=https://registry.npmjs.org/\n',
  '.yarnrc.yml': 'npmRegistryServer: "https://registry.npmjs.org"\n',
  'yarn.lock': '__metadata:\n  version: 8\n',
  'lerna.json': '{"packages":["packages/*"]}\n',
  'nx.json': '{}\n',
  'libs/nx-lib/project.json': '{"name":"nx-lib","targets":{"publish":{"command":"npm publish","options":{"cwd":"packages/app"}}}}\n',
  'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
  'rush.json': '{ "pnpmVersion": "10.7.0", "projects": [{ "packageName": "@acme/app", "projectFolder": "packages/app", "shouldPublish": true }] }\n',
  'common/config/rush/.npmrc-publish': '//registry.npmjs.org/:_authToken=${NPM_AUTH_TOKEN}\n',
  'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
  'package-lock.json': '{"lockfileVersion":3,"packages":{}}\n',
  'npm-shrinkwrap.json': '{"lockfileVersion":3,"packages":{}}\n',
  'bun.lock': '{}\n',
  '.releaserc.json': '{"plugins":["@semantic-release/npm"]}\n',
  '.release-it.json': '{"npm":{"skipChecks":true}}\n',
  'ship.config.js': "module.exports = { publishCommand: () => 'npm publish' };\n",
  '.nvmrc': '24\n',
  '.node-version': '24\n',
  '.tool-versions': 'nodejs 24.5.0\n',
  'mise.toml': '[tools]\nnode = "24"\n',
  '.mise.toml': '[tools]\nnode = "24"\n',
  '.mise/conf.d/release.toml': '[tools]\nnpm = "11.6.2"\n',
  'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n',
  'tools/publish/action.yml': 'name: publish\nruns:\n  using: composite\n  steps:\n    - run: npm publish\n      shell: bash\n',
  '.gitlab-ci.yml': 'include:\n  - local: .gitlab/ci/publish.yml\n',
  'scripts/publish.sh': 'npm publish\n',
  Makefile: 'publish:\n\tnpm publish\n',
  justfile: 'publish:\n    npm publish\n',
  '.gitlab/ci/publish.yml': 'publish:\n  image: node:24\n  script:\n    - npm publish\n',
  '.github/workflows/release.yml': [
    'on: push',
    'permissions:',
    '  id-token: write',
    'jobs:',
    ...['.nvmrc', '.node-version', '.tool-versions', 'mise.toml', '.mise.toml'].map((file, i) =>
      [
        `  node${i}:`,
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/setup-node@v5',
        '        with:',
        `          node-version-file: ${file}`,
        '      - run: npm publish',
      ].join('\n'),
    ),
    '  app:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    '      - run: npm publish',
    '        working-directory: packages/app',
    '      - run: ./scripts/publish.sh',
    '      - run: make publish',
    '      - run: just publish',
    '      - uses: ./tools/publish',
    '  tools:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    '      - run: npx semantic-release',
    '      - run: npx release-it',
    '      - run: npx shipjs trigger',
    '      - run: goreleaser release --clean',
    '      - run: npx lerna publish from-package',
    '      - run: npx nx run-many -t publish',
    '      - run: pnpm publish',
    '      - run: yarn npm publish',
    '      - run: bun publish',
    // jdx/mise-action without a configuration that names Node: every mise file is probed
    '  mise:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: jdx/mise-action@v2',
    '      - run: npm publish',
    '',
  ].join('\n'),
};

describe('the list of inputs, against the code', () => {
  it('covers every file read while linting the fixture repositories', async () => {
    const uncovered: string[] = [];
    for (const name of readdirSync(FIXTURES)) {
      for (const file of (await lintRecorded(new DiskFs(path.join(FIXTURES, name)))).uncovered) uncovered.push(`${name}: ${file}`);
    }
    expect(uncovered).toEqual([]);
  });

  it('names the configurations a CircleCI setup configuration continues with, committed or not', async () => {
    const setup = [
      'version: 2.1',
      'setup: true',
      'orbs:',
      '  continuation: circleci/continuation@1.1.0',
      'jobs:',
      '  setup:',
      '    docker: [{ image: cimg/base:current }]',
      '    steps:',
      '      - checkout',
      '      - continuation/continue: { configuration_path: .circleci/continue.yml }',
      '      - continuation/continue: { configuration_path: .circleci/generated/next.yml }',
      'workflows:',
      '  setup:',
      '    jobs: [setup]',
      '',
    ].join('\n');
    const continued = 'version: 2.1\njobs:\n  publish:\n    docker: [{ image: cimg/node:24.15 }]\n    steps: [checkout, { run: npm publish }]\n';
    const { touched, uncovered } = await lintRecorded(new MemoryFs({ 'package.json': '{}', '.circleci/config.yml': setup, '.circleci/continue.yml': continued }));
    expect(uncovered).toEqual([]);
    expect([...touched].filter((f) => f.startsWith('.circleci/')).sort()).toEqual(['.circleci/config.yml', '.circleci/continue.yml', '.circleci/generated/next.yml']);
  });

  it('names the scripts without a shell extension that a command runs with a shell', async () => {
    const workflow = ['on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - run: bash ./bin/publish-npm', '      - run: ./bin/release', ''].join('\n');
    const files = { 'package.json': '{"name":"x"}', '.github/workflows/release.yml': workflow, 'bin/publish-npm': 'npm publish\n', 'bin/release': '#!/bin/sh\ngit tag v1\n' };
    const { touched, uncovered } = await lintRecorded(new MemoryFs(files));
    expect(uncovered).toEqual([]);
    expect([...touched].filter((f) => f.startsWith('bin/')).sort()).toEqual(['bin/publish-npm', 'bin/release']);
  });

  it('covers every file read in a repository with one of each input, and each pattern is read', async () => {
    const { touched, uncovered } = await lintRecorded(new MemoryFs(KITCHEN_SINK));
    expect(uncovered).toEqual([]);
    // With nothing but the workflow, every candidate name is probed (a found file stops the search):
    // lockfiles, tool configs, the `.git` file of a worktree (read when there is no `.git/config`).
    const bare = await lintRecorded(new MemoryFs({ 'package.json': '{}', '.github/workflows/release.yml': KITCHEN_SINK['.github/workflows/release.yml']! }));
    expect(bare.uncovered).toEqual([]);
    const all = [...touched, ...bare.touched];
    /** Patterns no code reads yet, with the reason. */
    const notYetRead: Record<string, string> = {};
    const unread = INPUT_FILES.filter((i) => !(i.glob in notYetRead) && !all.some((f) => picomatch(i.glob, { dot: true })(f))).map((i) => i.glob);
    expect(unread).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------
// Against the hook, the filters and the editor globs

interface HookDefinition {
  id: string;
  files: string;
}

const hookFiles = (parseDocument(read('.pre-commit-hooks.yaml')).toJS() as HookDefinition[]).find((h) => h.id === 'tp-doctor')!.files;

describe('the pre-commit hook `files`', () => {
  // pre-commit matches `files` with Python's re.search; this pattern means the same in JavaScript.
  const files = new RegExp(hookFiles);

  it.each(committedSamples)('runs when %s changes (%s)', (sample) => {
    expect(files.test(sample)).toBe(true);
  });

  it.each([...NOT_INPUTS, '.git/config'])('does not run when only %s changes', (file) => {
    expect(files.test(file)).toBe(false);
  });

  it('is the same pattern in the README local-hook example', () => {
    const local = /files: '(\^[^']+)'/.exec(read('README.md'));
    expect(local?.[1]).toBe(hookFiles);
  });
});

describe('the example workflow `paths:` filter', () => {
  const wf = parseDocument(read('examples/github-lint.yml')).toJS() as { on: { pull_request: { paths: string[] } } };
  const paths = wf.on.pull_request.paths;
  // GitHub's filter patterns: `*` within a folder, `**` across folders, dot files included; no braces.
  const filter = picomatch(paths, { dot: true, nobrace: true });

  it('uses no braces (GitHub path filters do not expand them)', () => {
    expect(paths.filter((p) => /[{}]/.test(p))).toEqual([]);
  });

  it.each(committedSamples)('runs when %s changes (%s)', (sample) => {
    expect(filter(sample)).toBe(true);
  });

  it.each(NOT_INPUTS)('does not run when only %s changes', (file) => {
    expect(filter(file)).toBe(false);
  });
});

describe('the README lint-staged example', () => {
  it('runs tp-doctor when a staged file is an input (`isInputFile`, from the same list)', () => {
    const readme = read('README.md');
    expect(readme).toContain("import { isInputFile } from 'tp-doctor';");
    expect(readme).toContain('stagedFiles.some((file) => isInputFile(path.relative(import.meta.dirname, file)))');
    for (const [sample] of committedSamples) expect(isInputFile(sample), sample).toBe(true);
    expect(isInputFile('./packages/app/package.json')).toBe(true);
    expect(NOT_INPUTS.filter((f) => isInputFile(f))).toEqual([]);
    expect(isInputFile('.git/config')).toBe(false);
  });
});

describe('the ESLint plugin recommended `files`', () => {
  it('are the YAML inputs where findings are located', () => {
    expect(configs.recommended[0]?.files).toEqual([...EDITOR_INPUT_GLOBS]);
    expect(EDITOR_INPUT_GLOBS.every((g) => /ya?ml\}?$/.test(g) || g.endsWith('.gitlab-ci.yml'))).toBe(true);
  });

  it('ESLint applies the config to a sample of every editor input, and to nothing else', async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: configs.recommended });
    const editorSamples = INPUT_FILES.filter((i) => i.editor).flatMap((i) => samplePaths(i.glob));
    for (const sample of editorSamples) {
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, sample))) as { rules?: Record<string, unknown> } | undefined;
      expect(Object.keys(config?.rules ?? {}), sample).toContain('tp-doctor/require-id-token-write');
    }
    for (const other of ['.github/workflows/README.md', 'packages/app/package.json', '.github/dependabot.yml']) {
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, other))) as { rules?: Record<string, unknown> } | undefined;
      expect(Object.keys(config?.rules ?? {}), other).not.toContain('tp-doctor/require-id-token-write');
    }
  });
});
