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
    expect(pnpmMajor(project, project.workflows[0]!.jobs[0]!)).toBe(10);
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
