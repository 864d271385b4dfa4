import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';
import { packageManagerOf } from './package-manager.js';
import { pnpmMajor } from '../github/package-manager.js';
import { classifyRegistry, registryHost, registryWrites } from './registry.js';
import { splitCommands } from './shell.js';

describe('classifyRegistry', () => {
  const rows: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ['', undefined],
    ['https://registry.npmjs.org', 'npmjs'],
    ['https://registry.npmjs.org/', 'npmjs'],
    ['//registry.npmjs.org/', 'npmjs'],
    ['https://REGISTRY.npmjs.org', 'npmjs'],
    ['https://registry.yarnpkg.com', 'npmjs'],
    ['https://npm.pkg.github.com', 'other'],
    ['https://npm.example.appspot.com/', 'other'],
    ['${{ env.REGISTRY }}', 'unknown'],
    ['$NPM_REGISTRY', 'unknown'],
    ['${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/npm/', 'other'],
    ['https://$CI_SERVER_HOST/api/v4/packages/npm/', 'other'],
    ['https://gitlab.example.com/CI_API_V4_URL/', 'other'],
    ['https://registry.npmjs.org/CI_PROJECT_ID', 'npmjs'],
  ];
  it.each(rows)('%s → %s', (url, want) => {
    expect(classifyRegistry(url)).toBe(want);
  });
  it('extracts hosts', () => {
    expect(registryHost('https://npm.pkg.github.com/acme')).toBe('npm.pkg.github.com');
    expect(registryHost('registry.npmjs.org/')).toBe('registry.npmjs.org');
  });
});

describe('the registry of a publish site', () => {
  const wf = (setup: string, publish = 'npm publish') => `on: push
jobs:
  p:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v6
        with:
${setup}
      - run: ${publish}
`;
  const first = (text: string, pkg?: object) => {
    const project = loadProject(new MemoryFs({ '.github/workflows/r.yml': text, ...(pkg ? { 'package.json': JSON.stringify(pkg) } : {}) }));
    return project.facts.jobSites(project.workflows[0]!.jobs[0]!)[0]!.registry.registry;
  };
  it('defaults to npmjs', () => expect(first(wf('          node-version: 24'))).toBe('npmjs'));
  it('reads setup-node registry-url', () => expect(first(wf('          registry-url: https://npm.pkg.github.com'))).toBe('other'));
  it('prefers the --registry flag', () =>
    expect(first(wf('          registry-url: https://npm.pkg.github.com', 'npm publish --registry https://registry.npmjs.org'))).toBe('npmjs'));
  it('falls back to publishConfig.registry', () =>
    expect(first(wf('          node-version: 24'), { name: 'w', version: '1.0.0', publishConfig: { registry: 'https://npm.pkg.github.com' } })).toBe('other'));
  it('reads `npm config set registry` earlier in the same run block', () =>
    expect(first(wf('          node-version: 24', '|\n          npm set registry https://npm.pkg.github.com/acme\n          npm publish'))).toBe('other'));
  it('reads an .npmrc scope mapping for the package scope', () => {
    const project = loadProject(
      new MemoryFs({
        '.github/workflows/r.yml': wf('          registry-url: ${{ vars.REGISTRY }}'),
        'package.json': JSON.stringify({ name: '@acme/w', version: '1.0.0' }),
        '.npmrc': '@acme:registry=https://proxy.example.com\n',
      }),
    );
    const site = project.facts.jobSites(project.workflows[0]!.jobs[0]!)[0]!;
    expect(site.registry.registry).toBe('other');
    expect(site.registry.setting?.source).toBe('`@acme:registry=` in `.npmrc`');
  });
  it('is unknown when an expression decides', () =>
    expect(first(wf('          registry-url: ${{ vars.REGISTRY }}'), { name: 'w', version: '1.0.0' })).toBe('unknown'));
  it('a sub-package publishConfig.registry decides for that package', () => {
    const project = loadProject(
      new MemoryFs({
        '.github/workflows/r.yml': wf('          node-version: 24', 'npm publish packages/a'),
        'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
        'packages/a/package.json': JSON.stringify({ name: 'a', version: '1.0.0', publishConfig: { registry: 'https://npm.pkg.github.com' } }),
      }),
    );
    expect(project.facts.jobSites(project.workflows[0]!.jobs[0]!)[0]!.registry.registry).toBe('other');
  });
});

describe('packageManagerOf', () => {
  const pm = (files: Record<string, string>) => packageManagerOf(loadProject(new MemoryFs(files)));
  it('reads packageManager', () => {
    expect(pm({ 'package.json': '{"packageManager": "pnpm@10.12.1"}' })).toEqual({ name: 'pnpm', version: '10.12.1' });
    expect(pm({ 'package.json': '{"packageManager": "yarn@4.10.3"}' })).toEqual({ name: 'yarn-berry', version: '4.10.3' });
    expect(pm({ 'package.json': '{"packageManager": "yarn@1.22.22"}' })).toEqual({ name: 'yarn-classic', version: '1.22.22' });
  });
  it('falls back to lockfiles', () => {
    expect(pm({ 'pnpm-lock.yaml': '' }).name).toBe('pnpm');
    expect(pm({ 'yarn.lock': '' }).name).toBe('yarn-classic');
    expect(pm({ 'yarn.lock': '', '.yarnrc.yml': '' }).name).toBe('yarn-berry');
    expect(pm({ 'bun.lock': '' }).name).toBe('bun');
    expect(pm({}).name).toBe('npm');
  });
  it('reads the pnpm major from pnpm/action-setup first', () => {
    const project = loadProject(
      new MemoryFs({
        'package.json': '{"packageManager": "pnpm@11.1.0"}',
        '.github/workflows/r.yml': 'on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pnpm/action-setup@v4\n        with:\n          version: 10\n',
      }),
    );
    expect(pnpmMajor(project, project.workflows[0]!.jobs[0]!, () => undefined)).toBe(10);
  });
});

describe('registryWrites: a registry line echoed into an .npmrc', () => {
  // The redirection is not one of the command's words: it is read from the script's line.
  const script = 'echo "//npm.pkg.github.com/:_authToken=${T}" > ~/.npmrc\necho "registry=https://npm.pkg.github.com/" >> ~/.npmrc\necho "registry=https://x.example/"\n';
  it('is read with the script text, and not without it', () => {
    expect(registryWrites(splitCommands(script), script).map((w) => [w.key, w.url])).toEqual([['registry', 'https://npm.pkg.github.com/']]);
    expect(registryWrites(splitCommands(script))).toEqual([]);
  });

  it('only when the command itself redirects into the .npmrc, not a comment or a later command on the line', () => {
    for (const line of [
      'echo "registry=https://npm.pkg.github.com" >> "$GITHUB_STEP_SUMMARY" # mirror of .npmrc',
      'echo "registry=https://npm.pkg.github.com" > gpr.txt; cat .npmrc',
      'echo "registry=https://npm.pkg.github.com" # > .npmrc',
    ]) {
      expect(registryWrites(splitCommands(line), line), line).toEqual([]);
    }
    const quoted = 'printf "registry=https://npm.pkg.github.com\\n" > "$NPM_CONFIG_USERCONFIG"';
    expect(registryWrites(splitCommands(quoted), quoted).map((w) => w.url)).toEqual(['https://npm.pkg.github.com']);
  });

  it('a GitHub step that echoes it makes the next step publish there', () => {
    const wf = 'on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "registry=https://npm.pkg.github.com/" >> ~/.npmrc\n      - run: npm publish\n';
    const p = loadProject(new MemoryFs({ 'package.json': '{"name":"w","version":"1.0.0"}', '.github/workflows/r.yml': wf }));
    expect(p.facts.sites.map((s) => s.registry.registry)).toEqual(['other']);
  });
});

describe('registryWrites: a heredoc written into an .npmrc', () => {
  const lines = '@acme:registry=https://npm.pkg.github.com/\n//npm.pkg.github.com/:_authToken=${NPM_TOKEN}\n';
  const rows: [string, string, string[]][] = [
    ['cat into the home .npmrc', `cat << EOF > "\${HOME}/.npmrc"\n${lines}EOF\n`, ['@acme:registry https://npm.pkg.github.com/']],
    ['cat appending, quoted delimiter', `cat <<'EOF' >> .npmrc\n${lines}EOF\n`, ['@acme:registry https://npm.pkg.github.com/']],
    ['tee -a naming the .npmrc', `tee -a ~/.npmrc <<EOF\nregistry=https://npm.pkg.github.com\nEOF\n`, ['registry https://npm.pkg.github.com']],
    ['<<- with tabs', `cat <<-EOF > $NPM_CONFIG_USERCONFIG\n\tregistry=https://r.example/\n\tEOF\n`, ['registry https://r.example/']],
    // Controls: the heredoc goes elsewhere, or the command writes no heredoc.
    ['cat into another file', `cat << EOF > config.txt\n${lines}EOF\n`, []],
    ['cat into the step summary', `cat << EOF >> "$GITHUB_STEP_SUMMARY"\nregistry=https://npm.pkg.github.com\nEOF\n`, []],
    ['tee to another file', `tee out.txt <<EOF\nregistry=https://npm.pkg.github.com\nEOF\n`, []],
    ['cat of an .npmrc with no heredoc', 'cat ~/.npmrc > backup.txt\n', []],
  ];
  it.each(rows)('%s', (_name, script, want) => {
    expect(registryWrites(splitCommands(script), script).map((w) => `${w.key} ${w.url}`)).toEqual(want);
  });

  it('a GitHub step writing a scoped GitHub Packages registry by heredoc makes the publish go there (kurone-kito/jsonresume-types)', () => {
    const step = '      - run: |\n          cat << EOF > "${HOME}/.npmrc"\n          @w:registry=https://npm.pkg.github.com/\n          EOF\n';
    const wf = `on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n${step}      - run: npm publish\n`;
    const p = loadProject(new MemoryFs({ 'package.json': '{"name":"@w/x","version":"1.0.0"}', '.github/workflows/r.yml': wf }));
    expect(p.facts.sites.map((s) => s.registry.registry)).toEqual(['other']);
    const control = loadProject(new MemoryFs({ 'package.json': '{"name":"@w/x","version":"1.0.0"}', '.github/workflows/r.yml': wf.replace('"${HOME}/.npmrc"', 'notes.txt') }));
    expect(control.facts.sites.map((s) => s.registry.registry)).toEqual(['npmjs']);
  });
});

describe('registryWrites: `yarn config set` (data/registry-config.ts)', () => {
  // [script, [key, file, url] of each write]
  it.each([
    ['yarn config set npmPublishRegistry http://localhost:4000', [['npmPublishRegistry', 'yarnrc-yml', 'http://localhost:4000']]],
    ['yarn config set -H npmRegistryServer "$REGISTRY"', [['npmRegistryServer', 'home-yarnrc-yml', '$REGISTRY']]],
    ['yarn config set --home npmPublishRegistry http://x', [['npmPublishRegistry', 'home-yarnrc-yml', 'http://x']]],
    ["yarn config set 'npmScopes[\"Acme\"].npmPublishRegistry' http://x", [['npmScopes.acme.npmPublishRegistry', 'yarnrc-yml', 'http://x']]],
    ['yarn config set registry http://x', [['registry', 'yarnrc', 'http://x']]],
    ['yarn config set @acme:registry=http://x', [['@acme:registry', 'yarnrc', 'http://x']]],
    ['npm config set registry http://x', [['registry', 'npmrc', 'http://x']]],
    // Yarn 2+ takes the value as its own word; a token or another setting is no registry.
    ['yarn config set npmPublishRegistry=http://x', []],
    ['yarn config set npmAuthToken abc', []],
    ['yarn config set npmPublishRegistry', []],
    ['yarn config get npmPublishRegistry', []],
  ])('%s', (script, want) => {
    expect(registryWrites(splitCommands(script), script).map((w) => [w.key, w.file, w.url])).toEqual(want);
  });
});

describe('the registry of a Yarn publish after `yarn config set`', () => {
  const wf = (run: string) =>
    `on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n${run
      .split('\n\n')
      .map((step) => `      - run: |\n${step.split('\n').map((l) => `          ${l}\n`).join('')}`)
      .join('')}`;
  const BERRY = { name: '@acme/widget', version: '1.0.0', packageManager: 'yarn@4.18.0' };
  const CLASSIC = { name: '@acme/widget', version: '1.0.0', packageManager: 'yarn@1.22.22' };
  const LOCAL = 'http://localhost:4000';
  // [name, run steps (blank line between steps), package.json, .yarnrc.yml, registry, source of the setting]
  const rows: [string, string, object, string | undefined, string, string | undefined][] = [
    ['no setting: npmjs', 'yarn npm publish', BERRY, undefined, 'npmjs', undefined],
    ['npmPublishRegistry', `yarn config set npmPublishRegistry ${LOCAL}\nyarn npm publish`, BERRY, undefined, 'other', '`yarn config set npmPublishRegistry` in `jobs.p.steps[0]`'],
    ['npmRegistryServer, in an earlier step', `yarn config set npmRegistryServer ${LOCAL}\n\nyarn workspaces foreach -A npm publish`, BERRY, undefined, 'other', '`yarn config set npmRegistryServer` in `jobs.p.steps[0]`'],
    ['npmPublishRegistry beats npmRegistryServer', `yarn config set npmRegistryServer ${LOCAL}\nyarn config set npmPublishRegistry https://registry.npmjs.org\nyarn npm publish`, BERRY, undefined, 'npmjs', '`yarn config set npmPublishRegistry` in `jobs.p.steps[0]`'],
    ['the last write counts', `yarn config set npmPublishRegistry ${LOCAL}\nyarn config set npmPublishRegistry https://registry.yarnpkg.com\nyarn npm publish`, BERRY, undefined, 'npmjs', '`yarn config set npmPublishRegistry` in `jobs.p.steps[0]`'],
    ['a value tp-doctor cannot read: unknown', 'yarn config set npmPublishRegistry "$REGISTRY"\nyarn npm publish', BERRY, undefined, 'unknown', '`yarn config set npmPublishRegistry` in `jobs.p.steps[0]`'],
    ['an expression: unknown', 'yarn config set npmPublishRegistry ${{ vars.REGISTRY }}\nyarn npm publish', BERRY, undefined, 'unknown', '`yarn config set npmPublishRegistry` in `jobs.p.steps[0]`'],
    ['a write after the publish does not count', `yarn npm publish\nyarn config set npmPublishRegistry ${LOCAL}`, BERRY, undefined, 'npmjs', undefined],
    ['the package scope', `yarn config set npmScopes.acme.npmPublishRegistry ${LOCAL}\nyarn npm publish`, BERRY, undefined, 'other', '`yarn config set npmScopes.acme.npmPublishRegistry` in `jobs.p.steps[0]`'],
    ['another scope', `yarn config set npmScopes.other.npmPublishRegistry ${LOCAL}\nyarn npm publish`, BERRY, undefined, 'npmjs', undefined],
    ['the scope before the top level', `yarn config set npmPublishRegistry ${LOCAL}\nyarn config set npmScopes.acme.npmPublishRegistry https://registry.npmjs.org\nyarn npm publish`, BERRY, undefined, 'npmjs', '`yarn config set npmScopes.acme.npmPublishRegistry` in `jobs.p.steps[0]`'],
    ['the project file written beats the committed one', `yarn config set npmPublishRegistry ${LOCAL}\nyarn npm publish`, BERRY, 'npmPublishRegistry: https://registry.npmjs.org\n', 'other', '`yarn config set npmPublishRegistry` in `jobs.p.steps[0]`'],
    ['the committed file beats the home one (-H)', `yarn config set -H npmPublishRegistry ${LOCAL}\nyarn npm publish`, BERRY, 'npmPublishRegistry: https://registry.npmjs.org\n', 'npmjs', '`npmPublishRegistry` in `.yarnrc.yml`'],
    ['the home one alone (-H)', `yarn config set -H npmPublishRegistry ${LOCAL}\nyarn npm publish`, BERRY, undefined, 'other', '`yarn config set npmPublishRegistry` in `jobs.p.steps[0]`'],
    ['the committed scope key beats a written top-level key', `yarn config set npmPublishRegistry ${LOCAL}\nyarn npm publish`, BERRY, 'npmScopes:\n  acme:\n    npmPublishRegistry: https://registry.npmjs.org\n', 'npmjs', '`npmScopes.acme.npmPublishRegistry` in `.yarnrc.yml`'],
    ['Yarn 2+ does not read the npm configuration', `npm config set registry ${LOCAL}\nyarn npm publish`, BERRY, undefined, 'npmjs', undefined],
    ['npm does not read Yarn 2+ settings', `yarn config set npmPublishRegistry ${LOCAL}\nnpm publish`, BERRY, undefined, 'npmjs', undefined],
    ['Yarn 1: yarn config set registry', `yarn config set registry ${LOCAL}\nyarn publish`, CLASSIC, undefined, 'other', '`yarn config set registry` in `jobs.p.steps[0]`'],
    ['Yarn 1: the scope', `yarn config set @acme:registry ${LOCAL}\nyarn publish --registry https://registry.npmjs.org`, CLASSIC, undefined, 'other', '`yarn config set @acme:registry` in `jobs.p.steps[0]`'],
    ['Yarn 1: a variable', 'yarn config set registry $R\nyarn publish', CLASSIC, undefined, 'unknown', '`yarn config set registry` in `jobs.p.steps[0]`'],
    ['Yarn 1 does not read Yarn 2+ settings', `yarn config set npmPublishRegistry ${LOCAL}\nyarn publish`, CLASSIC, undefined, 'npmjs', undefined],
  ];
  it.each(rows)('%s', (_name, run, pkg, yarnrc, registry, source) => {
    const files: Record<string, string> = { '.github/workflows/r.yml': wf(run), 'package.json': JSON.stringify(pkg) };
    if (yarnrc !== undefined) files['.yarnrc.yml'] = yarnrc;
    const project = loadProject(new MemoryFs(files));
    const site = project.facts.jobSites(project.workflows[0]!.jobs[0]!)[0]!;
    expect(site.registry.registry).toBe(registry);
    expect(site.registry.setting?.source).toBe(source);
    expect(site.certainty).toBe(registry === 'unknown' ? 'possible' : 'certain');
  });

  const SCRIPT = `#!/usr/bin/env bash\nset -e\nyarn config set npmPublishRegistry %s\nyarn config set npmAuthToken abc\nyarn npm publish\n`;
  it.each([
    [LOCAL, 'other'],
    ['"$REGISTRY"', 'unknown'],
    ['https://registry.npmjs.org', 'npmjs'],
  ])('in a committed shell script a step runs, npmPublishRegistry %s: %s', (url, registry) => {
    const project = loadProject(
      new MemoryFs({
        '.github/workflows/r.yml': wf('./scripts/deploy.sh'),
        'scripts/deploy.sh': SCRIPT.replace('%s', url),
        'package.json': JSON.stringify(BERRY),
      }),
    );
    const site = project.facts.jobSites(project.workflows[0]!.jobs[0]!)[0]!;
    expect(site.registry.registry).toBe(registry);
    expect(site.registry.setting?.source).toBe('`yarn config set npmPublishRegistry` in scripts/deploy.sh');
  });

  it('CircleCI: a step before and the step itself; GitLab: an earlier script line', () => {
    const circle = `version: 2.1\njobs:\n  v:\n    docker:\n      - image: cimg/node:24.15\n    steps:\n      - checkout\n      - run: yarn config set npmRegistryServer ${LOCAL}\n      - run: yarn npm publish\nworkflows:\n  w:\n    jobs:\n      - v\n`;
    const gitlab = `publish:\n  image: node:24\n  script:\n    - yarn config set npmPublishRegistry ${LOCAL}\n    - yarn npm publish\n`;
    const project = loadProject(new MemoryFs({ '.circleci/config.yml': circle, '.gitlab-ci.yml': gitlab, 'package.json': JSON.stringify(BERRY) }));
    expect(project.facts.sites.map((s) => [s.provider, s.registry.registry, s.registry.setting?.source])).toEqual([
      ['gitlab', 'other', '`yarn config set npmPublishRegistry` in `publish`'],
      ['circleci', 'other', '`yarn config set npmRegistryServer` in job `v`'],
    ]);
  });
});

describe('the registry of a pnpm publish: publishConfig.registry against an .npmrc scope line', () => {
  // contentful/forma-36: `@contentful:registry=https://registry.npmjs.org` in .npmrc, every package
  // `publishConfig.registry: https://npm.pkg.github.com/`, pnpm 11. pnpm 11.0.5 and later take
  // publishConfig.registry first; pnpm 10 runs `npm publish`, where the scope line wins; npm itself too.
  const GH = 'https://npm.pkg.github.com/';
  const files = (run: string, packageManager: string | undefined, publishConfig: object | undefined, npmrc = '@acme:registry=https://registry.npmjs.org\n') => ({
    '.github/workflows/r.yml': `on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`,
    'package.json': JSON.stringify({ name: 'root', private: true, ...(packageManager ? { packageManager } : {}) }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0', ...(publishConfig ? { publishConfig } : {}) }),
    '.npmrc': npmrc,
  });
  const rows: [name: string, run: string, packageManager: string | undefined, publishConfig: object | undefined, npmrc: string | undefined, want: string][] = [
    ['pnpm 11.21.0 -r publish', 'pnpm -r publish', 'pnpm@11.21.0', { registry: GH }, undefined, 'other'],
    ['pnpm 11.21.0 publish in the package', 'cd packages/a && pnpm publish', 'pnpm@11.21.0', { registry: GH }, undefined, 'other'],
    ['pnpm 11.0.5 -r publish', 'pnpm -r publish', 'pnpm@11.0.5', { registry: GH }, undefined, 'other'],
    ['changeset publish in a pnpm 11 repository', 'pnpm exec changeset publish', 'pnpm@11.21.0', { registry: GH }, undefined, 'other'],
    ['pnpm 11.0.4 (read `registries` only)', 'pnpm -r publish', 'pnpm@11.0.4', { registry: GH }, undefined, 'npmjs'],
    ['pnpm 10 runs npm publish: the scope line wins', 'pnpm -r publish', 'pnpm@10.34.5', { registry: GH }, undefined, 'npmjs'],
    ['pnpm with latest-10 publish', 'cd packages/a && pnpm with latest-10 publish', 'pnpm@11.21.0', { registry: GH }, undefined, 'npmjs'],
    ['pnpm of unknown version: either order, unknown', 'pnpm -r publish', undefined, { registry: GH }, undefined, 'unknown'],
    ['pnpm of unknown version, both orders agree', 'pnpm -r publish', undefined, { registry: GH }, '', 'other'],
    ['pnpm of unknown version, no publishConfig', 'pnpm -r publish', undefined, undefined, undefined, 'npmjs'],
    ['pnpm 11 reads no publishConfig["@scope:registry"]', 'pnpm -r publish', 'pnpm@11.21.0', { '@acme:registry': GH }, undefined, 'npmjs'],
    ['pnpm 11: publishConfig.registry beats a job-wide NPM_CONFIG_REGISTRY too', 'NPM_CONFIG_REGISTRY=https://registry.npmjs.org pnpm -r publish', 'pnpm@11.21.0', { registry: GH }, '', 'other'],
    ['npm publish: the scope line wins', 'npm publish -w packages/a', 'pnpm@11.21.0', { registry: GH }, undefined, 'npmjs'],
    ['npm publish reads publishConfig["@scope:registry"]', 'npm publish -w packages/a', 'pnpm@11.21.0', { '@acme:registry': GH }, undefined, 'other'],
  ];
  it.each(rows)('%s', (_name, run, packageManager, publishConfig, npmrc, want) => {
    const project = loadProject(new MemoryFs(files(run, packageManager, publishConfig, npmrc)));
    const sites = project.facts.jobSites(project.workflows[0]!.jobs[0]!);
    expect(sites.map((s) => s.registry.registry)).toEqual([want]);
  });
});
