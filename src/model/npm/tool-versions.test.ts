import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, MemoryFs } from '../../fs/source.js';
import type { Job, PublishCommand } from '../github/types.js';
import type { GithubSite } from '../publish.js';
import { loadProject, type Project } from '../project.js';
import {
  actionRefVersion,
  commandPin,
  dependencyRange,
  lockedVersion,
  normalizeSpec,
  packageVersion,
  runsOwnInstall,
  pnpmVersion,
  versionVerdict,
  versionComment,
  pnpmSetupVersion,
  yarnFlavor,
  yarnVersion,
  type ToolVersion,
  type TextBefore,
} from './tool-versions.js';
import { parseYarnLock } from './lockfiles.js';
import { yarnAuthTokens } from './yarnrc.js';

const WF = '.github/workflows/release.yml';

function workflow(steps: string): string {
  return `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${steps}\n`;
}

function load(files: Record<string, string>): { project: Project; job: Job; publish: PublishCommand; site: GithubSite; before: TextBefore[] } {
  const project = loadProject(new MemoryFs(files));
  const job = project.workflows[0]!.jobs[0]!;
  const site = project.facts.jobSites(job)[0]!;
  return { project, job, publish: site?.publish, site, before: site ? project.facts.textsBefore(site) : [] };
}

/** `spec source file:line:col floating` of a found version, or undefined. */
function show(v: ToolVersion | undefined): string | undefined {
  return v && `${v.spec} ${v.source} ${v.at.file}:${v.at.start.line}:${v.at.start.column}${v.floating ? ' floating' : ''}`;
}

describe('normalizeSpec and versionVerdict', () => {
  const cases: [string, boolean, string, string][] = [
    // spec, floating, range, verdict
    ['8.2.3', false, '>=9.0.0', 'no'],
    ['9.0.0', false, '>=9.0.0', 'yes'],
    ['8', true, '>=9.0.0', 'no'],
    ['v4', true, '>=4.0.0', 'yes'],
    ['1', true, '>=1.7.0', 'yes'],
    ['^24.0.0', false, '>=25.0.0', 'no'],
    ['^13.0.0', false, '>=13.1.0', 'unknown'],
    ['^13.0.0', true, '>=13.1.0', 'yes'],
    ['>=24', false, '>=25.0.0', 'unknown'],
    ['latest', true, '>=25.0.0', 'yes'],
    ['npm:semantic-release@24.2.0', false, '>=25.0.0', 'no'],
    ['next', true, '>=25.0.0', 'unknown'],
    ['github:lerna/lerna', false, '>=9.0.0', 'unknown'],
    ['11.0.4', false, '>=11.0.0 <11.1.0', 'yes'],
    ['11.0', true, '>=11.0.0 <11.1.0', 'yes'],
    ['11', true, '>=11.0.0 <11.1.0', 'unknown'],
    ['11.1.0', false, '>=11.0.0 <11.1.0', 'no'],
    ['latest', true, '>=11.0.0 <11.1.0', 'no'],
    // Prereleases in semver order (pnpm/pnpm runs pnpm 12.0.0-rc.8; Yarn 4.11.0-rc.1).
    ['12.0.0-rc.8', false, '>=11.3.0', 'yes'],
    ['4.11.0-rc.1', false, '>=4.10.0', 'yes'],
    ['11.2.0-rc.1', false, '>=11.3.0', 'no'],
    // A prerelease of the first release the range takes, or of the first one it leaves out: unknown.
    ['11.3.0-rc.1', false, '>=11.3.0', 'unknown'],
    ['11.1.0-rc.1', false, '>=11.0.0 <11.1.0', 'unknown'],
    ['11.0.5-beta.0', false, '>=11.0.0 <11.1.0', 'yes'],
    ['^12.0.0-rc.1', false, '>=11.3.0', 'yes'],
  ];
  for (const [spec, floating, range, verdict] of cases) {
    it(`${spec}${floating ? ' (floating)' : ''} vs ${range} → ${verdict}`, () => expect(versionVerdict({ spec, floating }, range)).toBe(verdict));
  }
  it('normalizes', () => {
    expect(normalizeSpec('v1.7.0')).toBe('1.7.0');
    expect(normalizeSpec('stable')).toBe('latest');
    expect(normalizeSpec('workspace:*')).toBeUndefined();
  });
});

describe('versions from the job', () => {
  it('a version pinned in the command', () => {
    const { publish } = load({ [WF]: workflow('      - run: npx lerna@8 publish from-package') });
    expect(show(commandPin(publish))).toBe(`8 command ${WF}:6:14 floating`);
  });

  it('an action tag, and a SHA with a version comment', () => {
    const tag = load({ [WF]: workflow('      - uses: JS-DevTools/npm-publish@v3\n        with:\n          token: x') });
    expect(show(actionRefVersion(tag.project, tag.job.steps[0], tag.publish))).toBe(`3 action-ref ${WF}:6:15 floating`);
    const sha = load({ [WF]: workflow(`      - uses: JS-DevTools/npm-publish@${'a'.repeat(40)} # v4.1.1`) });
    const v = actionRefVersion(sha.project, sha.job.steps[0], sha.publish);
    expect(show(v)).toBe(`4.1.1 action-ref ${WF}:6:15`);
    expect(v?.label).toBe('the `# v4.1.1` comment after `uses: JS-DevTools/npm-publish@aaaaaaa`');
    const bare = load({ [WF]: workflow(`      - uses: JS-DevTools/npm-publish@${'a'.repeat(40)}`) });
    expect(actionRefVersion(bare.project, bare.job.steps[0], bare.publish)).toBeUndefined();
  });

  it('a SHA whose comment gives the version in words or as a release URL (survey800b D2, asyncapi/asyncapi-react)', () => {
    const sha = 'a'.repeat(40);
    const words = load({ [WF]: workflow(`      - uses: JS-DevTools/npm-publish@${sha} # using 4.1.0 version https://github.com/JS-DevTools/npm-publish/releases/tag/v4.1.0`) });
    const v = actionRefVersion(words.project, words.job.steps[0], words.publish);
    expect(show(v)).toBe(`4.1.0 action-ref ${WF}:6:15`);
    expect(v?.label).toBe('version 4.1.0 in the comment after `uses: JS-DevTools/npm-publish@aaaaaaa`');
    expect(versionComment('uses: o/a@x # see https://github.com/o/a/releases/tag/v4.2.1')).toBe('4.2.1');
    expect(versionComment('uses: o/a@x # pinned to v4.0.1.')).toBe('4.0.1');
    expect(versionComment('uses: o/a@x # release 4.1.0 (2025-10-01)')).toBe('4.1.0');
  });

  it('control: a comment naming two versions, or a version only inside another word, gives none; `# v4.1.1` as before', () => {
    for (const line of [
      'uses: o/a@x # bumped to 4.1.0, was 3.0.0',
      'uses: o/a@x # using 4.1.0 https://github.com/o/a/releases/tag/v3.0.0',
      'uses: o/a@x # using 4.1.0-rc.1',
      'uses: o/a@x # build a4.1.0',
      'uses: o/a@x # https://example.com/4.1.0/notes',
      'uses: o/a@4.1.0',
    ]) expect(versionComment(line), line).toBeUndefined();
    expect(versionComment('uses: o/a@x # v4.1.1')).toBe('4.1.1');
    expect(versionComment('uses: o/a@x # tag=v3')).toBe('3');
  });

  it('pnpm: action-setup, an install step, packageManager', () => {
    const setup = load({ [WF]: workflow('      - uses: pnpm/action-setup@v4\n        with:\n          version: 11.0.2\n      - run: pnpm publish'), 'package.json': '{"packageManager":"pnpm@10.0.0"}' });
    expect(show(pnpmVersion(setup.project, setup.publish, setup.before, pnpmSetupVersion(setup.job.steps.slice(0, setup.site.step.index).map((s) => ({ name: s.uses?.name.toLowerCase() ?? "", input: (n: string) => s.with.get(n), inputText: (n: string) => s.with.get(n)?.text })))))).toBe(`11.0.2 action-setup ${WF}:8:20 floating`);
    const installed = load({ [WF]: workflow('      - run: |\n          npm install -g pnpm@11.0.1\n          pnpm publish') });
    expect(show(pnpmVersion(installed.project, installed.publish, installed.before))).toBe(`11.0.1 install-step ${WF}:7:11 floating`);
    const pm = load({ [WF]: workflow('      - run: pnpm publish'), 'package.json': '{"packageManager":"pnpm@11.0.3+sha512.abc"}' });
    expect(show(pnpmVersion(pm.project, pm.publish, pm.before))).toBe('11.0.3 package-manager package.json:1:19');
  });

  it('an install after the publish does not count', () => {
    const { project, publish, before } = load({ [WF]: workflow('      - run: pnpm publish\n      - run: npm i -g pnpm@11.0.1') });
    expect(pnpmVersion(project, publish, before)).toBeUndefined();
  });
});

describe('Yarn', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['packageManager yarn@1', { 'package.json': '{"packageManager":"yarn@1.22.22"}' }, 'classic'],
    ['packageManager yarn@4', { 'package.json': '{"packageManager":"yarn@4.10.3"}' }, 'berry'],
    ['a .yarnrc.yml', { '.yarnrc.yml': 'nodeLinker: node-modules\n' }, 'berry'],
    ['a Berry yarn.lock', { 'yarn.lock': '# This file is generated\n\n__metadata:\n  version: 8\n' }, 'berry'],
    ['a Yarn 1 yarn.lock', { 'yarn.lock': '# yarn lockfile v1\n' }, 'classic'],
    ['nothing: the runner Yarn 1', {}, 'classic'],
  ];
  for (const [name, files, flavor] of cases) {
    it(`${name} → ${flavor}`, () => expect(yarnFlavor(loadProject(new MemoryFs(files))).flavor).toBe(flavor));
  }

  it('version: yarnPath before packageManager, `yarn set version` in the job first', () => {
    const files = { '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-4.9.1.cjs\n', 'package.json': '{"packageManager":"yarn@4.10.0"}' };
    const a = load({ ...files, [WF]: workflow('      - run: yarn npm publish') });
    expect(show(yarnVersion(a.project, a.publish, a.before))).toBe('4.9.1 yarn-path .yarnrc.yml:1:11');
    const b = load({ ...files, [WF]: workflow('      - run: yarn set version 4.12.0 && yarn npm publish') });
    expect(show(yarnVersion(b.project, b.publish, b.before))).toBe(`4.12.0 install-step ${WF}:6:14 floating`);
  });

  it('npmAuthToken entries that reach registry.npmjs.org', () => {
    const yarnrc = [
      'npmAuthToken: "${NPM_TOKEN:-}"',
      'npmRegistries:',
      '  "//registry.npmjs.org":',
      '    npmAuthToken: ${NPM_TOKEN}',
      '  "//npm.pkg.github.com":',
      '    npmAuthToken: ${GH_TOKEN}',
      'npmScopes:',
      '  acme:',
      '    npmAuthToken: ${ACME}',
      '  internal:',
      '    npmRegistryServer: https://npm.internal.example',
      '    npmAuthToken: ${INTERNAL}',
      '  empty:',
      '    npmAuthToken: ""',
    ].join('\n');
    const tokens = yarnAuthTokens(loadProject(new MemoryFs({ '.yarnrc.yml': yarnrc })).facts.yarnrc);
    expect(tokens.map((t) => `${t.path}@${t.node.anchorSpan.start.line}`)).toEqual([
      'npmAuthToken@1',
      'npmRegistries["//registry.npmjs.org"].npmAuthToken@4',
      'npmScopes.acme.npmAuthToken@9',
    ]);
  });

  it('a top-level token for another default registry is not npmjs', () => {
    const project = loadProject(new MemoryFs({ '.yarnrc.yml': 'npmRegistryServer: https://npm.internal.example\nnpmAuthToken: x\n' }));
    expect(yarnAuthTokens(project.facts.yarnrc)).toEqual([]);
  });
});

describe('lockfiles', () => {
  const lockV3 = JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'w' }, 'node_modules/lerna': { version: '8.2.3' } } }, null, 2);
  const lockV1 = JSON.stringify({ lockfileVersion: 1, dependencies: { lerna: { version: '6.6.2' } } }, null, 2);
  const pnpm9 = [
    "lockfileVersion: '9.0'",
    'importers:',
    '  .:',
    '    devDependencies:',
    '      semantic-release:',
    '        specifier: ^24.0.0',
    '        version: 24.2.3(typescript@5.6.3)',
    '  packages/a:',
    '    devDependencies:',
    '      semantic-release:',
    '        specifier: ^25.0.0',
    '        version: 25.0.1',
    'packages:',
    '  "@semantic-release/npm@12.0.1":',
    '    resolution: {integrity: sha512-x}',
    '  "@semantic-release/npm@13.1.2":',
    '    resolution: {integrity: sha512-y}',
  ].join('\n');
  const pnpm5 = ['lockfileVersion: 5.4', 'specifiers:', '  lerna: ^6.0.0', 'devDependencies:', '  lerna: 6.6.2', 'packages:', '  /lerna/6.6.2:', '    dev: true'].join('\n');
  const yarn1 = ['# yarn lockfile v1', '', '', 'lerna@^8.0.0, lerna@^8.1.0:', '  version "8.1.9"', '  resolved "x"', '', '"@lerna-lite/publish@^4.8.0":', '  version "4.8.1"', ''].join('\n');
  const berry = ['__metadata:', '  version: 8', '', '"lerna@npm:^9.0.0":', '  version: 9.0.3', '  resolution: "lerna@npm:9.0.3"', ''].join('\n');

  const cases: [string, Record<string, string>, string, string, string | undefined][] = [
    ['package-lock v3', { 'package-lock.json': lockV3 }, 'lerna', '', '8.2.3 lockfile package-lock.json:7:5'],
    ['package-lock v1', { 'package-lock.json': lockV1 }, 'lerna', '', '6.6.2 lockfile package-lock.json:4:5'],
    ['npm-shrinkwrap first', { 'npm-shrinkwrap.json': lockV1, 'package-lock.json': lockV3 }, 'lerna', '', '6.6.2 lockfile npm-shrinkwrap.json:4:5'],
    ['pnpm-lock importer of the root', { 'pnpm-lock.yaml': pnpm9 }, 'semantic-release', '', '24.2.3 lockfile pnpm-lock.yaml:5:7'],
    ['pnpm-lock importer of a workspace package', { 'pnpm-lock.yaml': pnpm9 }, 'semantic-release', 'packages/a', '25.0.1 lockfile pnpm-lock.yaml:10:7'],
    ['pnpm-lock packages: the newest copy', { 'pnpm-lock.yaml': pnpm9 }, '@semantic-release/npm', '', '13.1.2 lockfile pnpm-lock.yaml:16:3'],
    ['pnpm-lock 5 without importers', { 'pnpm-lock.yaml': pnpm5 }, 'lerna', '', '6.6.2 lockfile pnpm-lock.yaml:5:3'],
    ['yarn.lock v1', { 'yarn.lock': yarn1 }, 'lerna', '', '8.1.9 lockfile yarn.lock:4:1'],
    ['yarn.lock v1 scoped', { 'yarn.lock': yarn1 }, '@lerna-lite/publish', '', '4.8.1 lockfile yarn.lock:8:1'],
    ['yarn.lock Berry', { 'yarn.lock': berry }, 'lerna', '', '9.0.3 lockfile yarn.lock:4:1'],
    ['invalid JSON', { 'package-lock.json': '{ not json' }, 'lerna', '', undefined],
    ['a lockfile over the size limit is unknown', { 'package-lock.json': `${lockV3}${' '.repeat(MAX_FILE_BYTES)}` }, 'lerna', '', undefined],
    ['not in the lockfile', { 'package-lock.json': lockV3 }, 'np', '', undefined],
  ];
  for (const [name, files, pkg, dir, want] of cases) {
    it(name, () => expect(show(lockedVersion(loadProject(new MemoryFs(files)), pkg, dir))).toBe(want));
  }

  it('yarn.lock: the entry of the declared range wins', () => {
    const text = ['lerna@^6.0.0:', '  version "6.6.2"', '', 'lerna@^8.0.0:', '  version "8.1.9"', ''].join('\n');
    expect([...parseYarnLock(text).get('lerna')!.map((e) => e.version)]).toEqual(['6.6.2', '8.1.9']);
    const project = loadProject(new MemoryFs({ 'yarn.lock': text, 'package.json': '{"devDependencies":{"lerna":"^6.0.0"}}' }));
    expect(lockedVersion(project, 'lerna')?.spec).toBe('6.6.2');
  });
});

describe('package.json', () => {
  it('the step package first, then the root; floating without a lockfile', () => {
    const files = {
      'package.json': '{"devDependencies":{"lerna":"^8.0.0"}}',
      'packages/a/package.json': '{"dependencies":{"lerna":"^9.0.0"}}',
    };
    const project = loadProject(new MemoryFs(files));
    expect(show(dependencyRange(project, 'lerna', 'packages/a'))).toBe('^9.0.0 package-json packages/a/package.json:1:26 floating');
    expect(show(dependencyRange(project, 'lerna'))).toBe('^8.0.0 package-json package.json:1:29 floating');
    const locked = loadProject(new MemoryFs({ ...files, 'yarn.lock': '# yarn lockfile v1\n' }));
    expect(dependencyRange(locked, 'lerna')?.floating).toBe(false);
  });

  it('a local copy (`file:`) is read from its package.json', () => {
    const project = loadProject(
      new MemoryFs({ 'package.json': '{"devDependencies":{"lerna":"file:packages/lerna"}}', 'packages/lerna/package.json': '{"name":"lerna","version":"9.1.0"}' }),
    );
    expect(show(dependencyRange(project, 'lerna'))).toBe('9.1.0 package-json packages/lerna/package.json:1:27');
  });

  it('packageVersion: a global install wins unless the command runs the local copy', () => {
    const files = { 'package.json': '{"devDependencies":{"semantic-release":"^24.0.0"}}', [WF]: workflow('      - run: npm i -g semantic-release@25\n      - run: semantic-release') };
    const { project, before } = load(files);
    expect(packageVersion(project, 'semantic-release', { before })?.spec).toBe('25');
    expect(packageVersion(project, 'semantic-release', { before, preferLocal: true })?.spec).toBe('^24.0.0');
  });

  it('packageVersion: a local install in the job (`--no-save`) wins over the lockfile', () => {
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/semantic-release': { version: '24.2.8' } } });
    const files = {
      'package.json': '{"devDependencies":{"semantic-release":"^24.0.0"}}',
      'package-lock.json': lock,
      [WF]: workflow('      - run: npm install semantic-release@25.0.1 --no-save\n      - run: npx semantic-release'),
    };
    const { project, before } = load(files);
    expect(packageVersion(project, 'semantic-release', { before, preferLocal: true })?.spec).toBe('25.0.1');
    expect(packageVersion(project, 'semantic-release', { before: [], preferLocal: true })?.spec).toBe('24.2.8');
  });
});

describe('installs in the job and the copy that runs', () => {
  const SR_LOCK = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/semantic-release': { version: '24.2.7', peer: true } } });
  // install command(s), package.json devDependencies, name, packageVersion spec (preferLocal) or undefined
  const installs: [string, Record<string, string>, string, string | undefined][] = [
    // iamkun/dayjs: no version, and package.json does not list it: the latest release
    ['npm install @semantic-release/changelog @semantic-release/git semantic-release --no-save', {}, 'semantic-release', 'latest'],
    ['npm install semantic-release@25 --no-save', {}, 'semantic-release', '25'],
    ['npm i semantic-release@$SR --no-save', {}, 'semantic-release', '$SR'],
    ['pnpm add -D semantic-release@25', {}, 'semantic-release', '25'],
    ['pnpm add semantic-release', {}, 'semantic-release', 'latest'],
    ['yarn add --dev semantic-release@25.0.2', {}, 'semantic-release', '25.0.2'],
    ['yarn add lerna', {}, 'lerna', 'latest'],
    // npm reinstalls a listed package at its listed range: the lockfile decides, as before
    ['npm install semantic-release --no-save', { 'semantic-release': '^24.0.0' }, 'semantic-release', '24.2.7'],
    ['npm install semantic-release@25 --no-save', { 'semantic-release': '^24.0.0' }, 'semantic-release', '25'],
    // an update stays within the ranges that ask for it
    ['npm update semantic-release', {}, 'semantic-release', '24.2.7'],
    ['pnpm up semantic-release', {}, 'semantic-release', '24.2.7'],
    // another package's name containing it is no install of it
    ['npm install @semantic-release/git --no-save', {}, 'semantic-release', '24.2.7'],
    ['yarn add semantic-release-foo@1', {}, 'semantic-release', '24.2.7'],
  ];
  for (const [cmd, devDependencies, name, want] of installs) {
    it(`${cmd} (${Object.keys(devDependencies).length > 0 ? 'listed' : 'not listed'}) → ${name} ${want}`, () => {
      const files = { 'package.json': JSON.stringify({ devDependencies }), 'package-lock.json': SR_LOCK, [WF]: workflow(`      - run: ${cmd}\n      - run: npx semantic-release`) };
      const { project, before } = load(files);
      expect(packageVersion(project, name, { before, preferLocal: true })?.spec).toBe(want);
    });
  }

  // version found (spec, source), the lockfile's semantic-release or none, package.json range, runsOwnInstall
  const own: [string, ToolVersion['source'], string | undefined, string | undefined, boolean][] = [
    ['latest', 'install-step', '24.2.7', undefined, true],
    ['25', 'install-step', '25.0.2', undefined, true],
    ['25', 'command', '24.2.7', undefined, true],
    ['latest', 'command', '24.2.7', undefined, true],
    ['$V', 'command', '24.2.7', undefined, true],
    ['25', 'command', undefined, undefined, true],
    ['24', 'command', '24.2.7', undefined, false],
    ['24.2', 'command', '24.2.7', undefined, false],
    ['25', 'command', undefined, '^24.0.0', true],
    ['24', 'command', undefined, '^24.0.0', false],
    ['24', 'command', undefined, 'github:semantic-release/semantic-release', false],
    ['24.2.7', 'lockfile', '24.2.7', undefined, false],
  ];
  for (const [spec, source, locked, range, want] of own) {
    it(`runsOwnInstall: ${source} ${spec}, repository ${locked ?? range ?? 'none'} → ${want}`, () => {
      const packages = locked === undefined ? {} : { 'node_modules/semantic-release': { version: locked } };
      const files: Record<string, string> = { 'package.json': JSON.stringify(range ? { devDependencies: { 'semantic-release': range } } : {}) };
      if (locked !== undefined) files['package-lock.json'] = JSON.stringify({ lockfileVersion: 3, packages });
      const project = loadProject(new MemoryFs(files));
      const version: ToolVersion = { spec, source, at: { file: WF, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, label: 'x', floating: true };
      expect(runsOwnInstall(project, version, 'semantic-release')).toBe(want);
    });
  }
});
