/**
 * Publishes a publish runs in its package's lifecycle scripts (src/model/npm/lifecycle-scripts.ts)
 * and the packages napi-rs publishes (its platform packages under `npm/`, src/model/npm/targets.ts):
 * the pattern of Brooooooklyn/canvas and rolldown, `"prepublishOnly": "napi prepublish -t npm"`
 * under a plain `npm publish`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject, type Project } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });

function load(files: Record<string, string>): Project {
  return loadProject(new MemoryFs(files));
}

/** `label certainty targets[...] in <directory>` per site. */
function sites(project: Project): string[] {
  return project.facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.publish.match.label} ${s.certainty} ${s.targets.kind}[${list.map((p) => p.name).join(',')}] in ${s.directory ?? '?'}`;
  });
}

function workflow(run: string, extra = ''): string {
  return `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n${extra}      - run: ${run}\n`;
}

const NAPI_ROOT = { name: '@acme/widget', repository: 'github:acme/widget', napi: { binaryName: 'widget', targets: ['x86_64-unknown-linux-gnu', 'aarch64-apple-darwin'] } };
const platform = (suffix: string, fields: Record<string, unknown> = {}): string => pkg({ name: `@acme/widget-${suffix}`, os: [suffix.split('-')[0]], ...fields });

/** A napi-rs package: the root and its platform packages under `dir` (`npm` by default). */
function napiRepo(run: string, scripts: Record<string, string> = {}, dir = 'npm'): Record<string, string> {
  return {
    'package.json': pkg({ ...NAPI_ROOT, scripts }),
    [`${dir}/linux-x64-gnu/package.json`]: platform('linux-x64-gnu'),
    [`${dir}/darwin-arm64/package.json`]: platform('darwin-arm64'),
    [`${dir}/README.md`]: 'not a package',
    '.github/workflows/release.yml': workflow(run),
  };
}

const CANVAS = napiRepo('npm publish --access public', { prepublishOnly: 'napi prepublish -t npm' });
const DIRECT = ['@acme/widget-darwin-arm64', '@acme/widget-linux-x64-gnu'].join(',');

describe('napi prepublish publishes the platform packages, not the root', () => {
  it.each([
    ['napi prepublish -t npm', 'npm'],
    ['npx @napi-rs/cli@3 pre-publish -t npm --no-gh-release', 'npm'],
    ['napi pre-publish -p packages/npm', 'packages/npm'],
    ['napi pre-publish --npm-dir=packages/npm', 'packages/npm'],
    ['napi prepublish --cwd crates/node -t npm', 'crates/node/npm'],
  ])('%s: every package under %s', (run, dir) => {
    const p = load(napiRepo(run, {}, dir));
    const label = run.includes('pre-publish') ? 'napi pre-publish' : 'napi prepublish';
    expect(sites(p)).toEqual([`${label} (runs npm publish) likely single[${DIRECT}] in `]);
  });

  it('a platform package without a version is published: napi sets it first', () => {
    const p = load({ ...napiRepo('napi prepublish'), 'npm/darwin-arm64/package.json': JSON.stringify({ name: '@acme/widget-darwin-arm64' }) });
    expect(sites(p)).toEqual([`napi prepublish (runs npm publish) likely single[${DIRECT}] in `]);
  });

  it('a private platform package is not', () => {
    const p = load({ ...napiRepo('napi prepublish'), 'npm/darwin-arm64/package.json': platform('darwin-arm64', { private: true }) });
    expect(sites(p)).toEqual(['napi prepublish (runs npm publish) likely single[@acme/widget-linux-x64-gnu] in ']);
  });

  it('platform directories made in the job (none committed): unknown, and never the root', () => {
    const p = load({ 'package.json': pkg({ ...NAPI_ROOT }), '.github/workflows/release.yml': workflow('napi create-npm-dirs && napi prepublish -t npm') });
    expect(sites(p)).toEqual(['napi prepublish (runs npm publish) likely unknown[] in ']);
  });

  it('platform packages that are workspaces are the same packages', () => {
    const p = load({ ...napiRepo('napi prepublish'), 'package.json': pkg({ ...NAPI_ROOT, workspaces: ['npm/*'] }) });
    expect(sites(p)).toEqual([`napi prepublish (runs npm publish) likely single[${DIRECT}] in `]);
  });
});

describe('a publish whose package runs a publish in its lifecycle scripts', () => {
  // Sites at one command come most certain first (certainFirst), so rules that report once per
  // command describe the command's own publish, not the guess found behind it.
  it('npm publish with `prepublishOnly: napi prepublish`: the platform packages are published too', () => {
    expect(sites(load(CANVAS))).toEqual(['npm publish certain single[@acme/widget] in ', `napi prepublish (runs npm publish) likely single[${DIRECT}] in `]);
  });

  it('the job is a publishing job either way; the platform packages are covered and checked', () => {
    const p = load(CANVAS);
    expect(p.facts.isPublishingJob(p.workflows[0]!.jobs[0]!)).toBe(true);
    const covered = p.facts.coverage([]).map((c) => [c.name, c.dir, c.published]);
    expect(covered).toEqual([
      ['@acme/widget', '', true],
      ['@acme/widget-darwin-arm64', 'npm/darwin-arm64', true],
      ['@acme/widget-linux-x64-gnu', 'npm/linux-x64-gnu', true],
    ]);
  });

  it('through `npm run release` and a working directory', () => {
    const files = {
      ...napiRepo('npm run release'),
      'package.json': pkg({ ...NAPI_ROOT, scripts: { release: 'npm publish', prepublishOnly: 'napi prepublish' } }),
    };
    expect(sites(load(files))).toEqual(['npm publish certain single[@acme/widget] in ', `napi prepublish (runs npm publish) likely single[${DIRECT}] in `]);
    const nested: Record<string, string> = { '.github/workflows/release.yml': workflow('npm publish').replace('      - run:', '      - working-directory: node\n        run:') };
    for (const [file, text] of Object.entries(CANVAS)) if (!file.startsWith('.github')) nested[`node/${file}`] = text;
    expect(sites(load(nested))).toEqual(['npm publish certain single[@acme/widget] in node', `napi prepublish (runs npm publish) likely single[${DIRECT}] in node`]);
  });

  it('`cd` into the package first: its scripts and its npm directory', () => {
    const files: Record<string, string> = { 'package.json': pkg({ name: 'root', private: true, scripts: { prepublishOnly: 'echo root' } }), '.github/workflows/release.yml': workflow('cd bindings && npm publish') };
    for (const [file, text] of Object.entries(CANVAS)) if (!file.startsWith('.github')) files[`bindings/${file}`] = text;
    expect(sites(load(files))).toEqual(['npm publish certain single[@acme/widget] in bindings', `napi prepublish (runs npm publish) likely single[${DIRECT}] in bindings`]);
  });

  it.each([
    ['--ignore-scripts', { '.github/workflows/release.yml': workflow('npm publish --ignore-scripts') }],
    ['ignore-scripts=true in the project .npmrc', { '.npmrc': 'ignore-scripts=true\n' }],
  ])('%s: the lifecycle scripts do not run', (_what, extra) => {
    expect(sites(load({ ...CANVAS, ...extra }))).toEqual(['npm publish certain single[@acme/widget] in ']);
  });

  it('`NPM_CONFIG_IGNORE_SCRIPTS: "true"` in the workflow env: the lifecycle scripts do not run (survey M)', () => {
    const wf = workflow('npm publish').replace('    steps:\n', '    env:\n      NPM_CONFIG_IGNORE_SCRIPTS: "true"\n    steps:\n');
    expect(sites(load({ ...CANVAS, '.github/workflows/release.yml': wf }))).toEqual(['npm publish certain single[@acme/widget] in ']);
    expect(sites(load({ ...CANVAS, '.github/workflows/release.yml': wf.replace('"true"', '"false"') }))).toHaveLength(2);
  });

  it('an .npmrc the npm CLI does not read there changes nothing', () => {
    expect(sites(load({ ...CANVAS, 'npm/.npmrc': 'ignore-scripts=true\n' }))).toHaveLength(2);
  });

  it('GitLab and CircleCI', () => {
    const { '.github/workflows/release.yml': _gh, ...repo } = CANVAS;
    const gitlab = load({ ...repo, '.gitlab-ci.yml': 'publish:\n  image: node:24\n  script:\n    - npm publish\n' });
    expect(sites(gitlab)).toEqual(['npm publish certain single[@acme/widget] in ', `napi prepublish (runs npm publish) likely single[${DIRECT}] in `]);
    const config = 'version: 2.1\njobs:\n  publish:\n    docker:\n      - image: cimg/node:24.15\n    steps:\n      - run: npm publish\nworkflows:\n  main:\n    jobs:\n      - publish\n';
    expect(sites(load({ ...repo, '.circleci/config.yml': config }))).toEqual(['npm publish certain single[@acme/widget] in ', `napi prepublish (runs npm publish) likely single[${DIRECT}] in `]);
    // The project .npmrc is read there too.
    const quiet = { '.npmrc': 'ignore-scripts = true\n' };
    expect(sites(load({ ...repo, ...quiet, '.gitlab-ci.yml': 'publish:\n  script:\n    - npm publish\n' }))).toEqual(['npm publish certain single[@acme/widget] in ']);
    expect(sites(load({ ...repo, ...quiet, '.circleci/config.yml': config }))).toEqual(['npm publish certain single[@acme/widget] in ']);
  });
});

describe('a lifecycle publish of the same tool at the same command (survey M)', () => {
  // `npm publish` whose prepublishOnly runs a script that runs `npm publish ./npm/linux-x64`: the
  // command's own publish is certain, and its finding stays an error, whatever the guess behind it.
  const files = {
    'package.json': pkg({ name: 'widget', repository: 'github:acme/widget', scripts: { prepublishOnly: './scripts/publish-native.sh' } }),
    'scripts/publish-native.sh': 'set -e\nnpm publish ./npm/linux-x64 --access public\n',
    'npm/linux-x64/package.json': pkg({ name: 'widget-linux-x64' }),
    '.github/workflows/release.yml': workflow('npm publish', '      - uses: actions/setup-node@v5\n        with:\n          node-version: 20\n'),
  };

  it('the certain publish comes first among the sites at the command', () => {
    expect(load(files).facts.sites.map((s) => `${s.publish.match.label} ${s.certainty}`)).toEqual(['npm publish certain', 'npm publish likely']);
  });

  it('npm-supports-oidc reports the error of the certain publish', async () => {
    const found = await lintFiles(files, { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}:${d.severity}`)).toEqual(['bundledTooOld:error']);
  });
});

describe('a private package stops the publish before the scripts that run after the upload (0chain/zus-js-sdk)', () => {
  const files = (priv: boolean): Record<string, string> => ({
    'package.json': pkg({ name: 'root', ...(priv ? { private: true } : {}), scripts: { prepublishOnly: 'npm run build', publish: 'changeset publish', build: 'tsc' } }),
    '.github/workflows/release.yml': workflow('npm publish'),
  });
  it('private: npm publish fails with EPRIVATE, its `publish` script never runs', () => {
    expect(sites(load(files(true))).map((s) => s.split(' ')[0] + ' ' + s.split(' ')[1])).toEqual(['npm publish']);
  });
  it('control: not private, the `publish` script runs after the upload', () => {
    expect(sites(load(files(false))).map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['npm publish', 'changeset publish']);
  });
});

describe('EPRIVATE on GitLab and CircleCI too', () => {
  const root = pkg({ name: 'root', private: true, scripts: { publish: 'changeset publish' } });
  const labels = (files: Record<string, string>): string[] => load(files).facts.sites.map((s) => s.publish.match.label);
  it('GitLab: only the npm publish', () => {
    expect(labels({ 'package.json': root, '.gitlab-ci.yml': 'release:\n  image: node:24\n  script:\n    - npm publish\n' })).toEqual(['npm publish']);
  });
  it('CircleCI: only the npm publish', () => {
    const config = 'version: 2.1\njobs:\n  release:\n    docker:\n      - image: cimg/node:24.14\n    steps:\n      - checkout\n      - run: npm publish\nworkflows:\n  main:\n    jobs:\n      - release\n';
    expect(labels({ 'package.json': root, '.circleci/config.yml': config })).toEqual(['npm publish']);
  });
});
