/**
 * The publish facts of the model (src/model/publish.ts, facts.ts): one answer per publish command
 * for its certainty, registry, directory and packages. Each block is a class of error seen on real
 * repositories (issue "Real-world accuracy"), written from the pattern.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject, type LoadOptions, type Project } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });

function load(files: Record<string, string>, options: LoadOptions = {}): Project {
  return loadProject(new MemoryFs(files), options);
}

/** `job line certainty registry targets` per site. */
function sites(project: Project): string[] {
  return project.facts.sites.map((s) => {
    const job = s.provider === 'github' ? s.job.id : s.job.name;
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${job}:${s.publish.location.start.line} ${s.certainty} ${s.registry.registry} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

function workflow(steps: string, job = ''): string {
  return `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n${job}    steps:\n${steps}`;
}

describe('registry facts: one answer per publish', () => {
  it('a registry set earlier in the same run block decides', () => {
    const p = load({
      'package.json': pkg({ name: '@acme/w' }),
      '.github/workflows/r.yml': workflow('      - run: |\n          npm config set registry https://npm.pkg.github.com/acme\n          npm publish\n'),
    });
    expect(sites(p)).toEqual(['release:8 certain other single[@acme/w]']);
    expect(p.facts.isPublishingJob(p.workflows[0]!.jobs[0]!)).toBe(false);
  });

  it('a job that rewrites the package.json with a script before publishing to a scope set up elsewhere (RandomCodeSpace/design-system)', () => {
    const rewrite = `      - run: |\n          node -e "const fs = require('fs'); const p = JSON.parse(fs.readFileSync('package.json','utf8')); p.publishConfig = { registry: 'https://npm.pkg.github.com' }; fs.writeFileSync('package.json', JSON.stringify(p))"\n`;
    const steps = (extra: string): string => workflow(`      - uses: actions/setup-node@v4\n        with:\n          registry-url: https://npm.pkg.github.com\n          scope: '@acme'\n${extra}      - run: npm publish\n`);
    const files = (extra: string): Record<string, string> => ({ 'package.json': pkg({ name: '@other/w', publishConfig: { registry: 'https://registry.npmjs.org' } }), '.github/workflows/r.yml': steps(extra) });
    expect(sites(load(files(rewrite)))).toEqual(['release:12 possible unknown single[@other/w]']);
    expect(sites(load(files('')))).toEqual(['release:10 certain npmjs single[@other/w]']);
  });

  it('a job that starts a local Verdaccio and points a scope at it (powersync-ja/powersync-js): registry unknown', () => {
    const steps = workflow(`      - run: |\n          npm install -g verdaccio\n          nohup verdaccio -c verdaccio.yaml &\n      - run: echo "@other:registry=http://localhost:4873" >> ~/.npmrc\n      - run: pnpm publish --no-git-checks\n`);
    // pnpm 11 takes `publishConfig.registry` first, which the job's helper script may have removed.
    const manifest = pkg({ name: '@other/w', packageManager: 'pnpm@11.2.0', publishConfig: { registry: 'https://registry.npmjs.org' } });
    expect(sites(load({ 'package.json': manifest, '.github/workflows/r.yml': steps }))).toEqual(['release:10 possible unknown single[@other/w]']);
    expect(sites(load({ 'package.json': manifest, '.github/workflows/r.yml': steps.replace(/.*verdaccio.*\n/g, '') }))).toEqual(['release:8 certain npmjs single[@other/w]']);
  });

  it("setup-node's registry-url from a literal workflow `env:` (finos/tracdap)", () => {
    const steps = (url: string): string =>
      `env:\n  REG: ${url}\n${workflow('      - uses: actions/setup-node@v4\n        with:\n          registry-url: ${{ env.REG }}\n      - run: npm publish\n')}`;
    expect(sites(load({ 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': steps('https://registry.npmjs.org') }))).toEqual(['release:11 certain npmjs single[w]']);
    expect(sites(load({ 'package.json': pkg({ name: '@acme/w' }), '.github/workflows/r.yml': steps('https://npm.pkg.github.com') }))).toEqual(['release:11 certain other single[@acme/w]']);
    // A value an earlier step may change (`$GITHUB_ENV`) stays unknown.
    const changed = steps('https://registry.npmjs.org').replace('      - uses: actions/setup-node', '      - run: echo "REG=https://npm.pkg.github.com" >> $GITHUB_ENV\n      - uses: actions/setup-node');
    expect(sites(load({ 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': changed }))).toEqual(['release:12 possible unknown single[w]']);
  });

  it('`export NPM_CONFIG_REGISTRY` in the same block decides', () => {
    const p = load({
      'package.json': pkg({ name: 'w' }),
      '.github/workflows/r.yml': workflow('      - run: |\n          export NPM_CONFIG_REGISTRY=https://proxy.example.com\n          npm publish\n'),
    });
    expect(p.facts.sites[0]?.registry).toMatchObject({ registry: 'other', setting: { source: '`export NPM_CONFIG_REGISTRY`' } });
  });

  it('a package tp-doctor cannot name, in a job set up to publish a scope to GitHub Packages: registry unknown', () => {
    const gpr = '      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://npm.pkg.github.com\n';
    const files = (run: string): Record<string, string> => ({
      'package.json': pkg({ name: 'hell-ui' }),
      '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/hell-ui.git\n',
      '.github/workflows/r.yml': workflow(`${gpr}      - run: ${run}\n`),
    });
    // A tarball built (and renamed into @acme) earlier: it may be the owner's scope, sent to GitHub Packages.
    // No candidate: a variable named for a tarball holds a package tp-doctor cannot see (value-targets.ts).
    expect(sites(load(files('pnpm publish "$MIRROR_TARBALL"')))).toEqual(['release:9 possible unknown unknown[]']);
    // The repository's own unscoped package: setup-node's @acme scope does not apply, npmjs.
    expect(sites(load(files('npm publish')))).toEqual(['release:9 certain npmjs single[hell-ui]']);
    // A registry named on the command decides, whatever the job set up.
    expect(sites(load(files('pnpm publish "$T" --registry https://registry.npmjs.org')))).toEqual(['release:9 certain npmjs unknown[hell-ui]']);
    // The repository's package has its own `publishConfig.registry`: the tarball is not known to be
    // that package (hell-ui renames and re-points it), so it still decides nothing (was a certain
    // npmjs publish, and a require-id-token-write error).
    const own = { ...files('pnpm publish "$MIRROR_TARBALL"'), 'package.json': pkg({ name: 'hell-ui', publishConfig: { registry: 'https://registry.npmjs.org/' } }) };
    expect(sites(load(own))).toEqual(['release:9 possible unknown unknown[]']);
    expect(sites(load({ ...own, '.github/workflows/r.yml': workflow(`${gpr}      - run: npm publish\n`) }))).toEqual(['release:9 certain npmjs single[hell-ui]']);
  });

  it('an .npmrc scope mapping beats a registry-url from an expression (a proxy)', () => {
    const p = load({
      'package.json': pkg({ name: '@corp/cli', workspaces: ['packages/*'], private: true }),
      'packages/core/package.json': pkg({ name: '@corp/core' }),
      '.npmrc': '@corp:registry=https://proxy.corp.example\n',
      '.github/workflows/r.yml': workflow(
        '      - uses: actions/setup-node@v6\n        with:\n          registry-url: ${{ vars.REGISTRY }}\n      - run: npm publish --workspace="${PKG}"\n',
      ),
    });
    expect(sites(p)).toEqual(['release:9 certain other unknown[@corp/core]']);
  });

  it('a registry that only an expression decides makes the publish a possible one', () => {
    const p = load({
      'package.json': pkg({ name: 'w' }),
      '.github/workflows/r.yml': workflow('      - uses: actions/setup-node@v6\n        with:\n          registry-url: ${{ vars.REGISTRY }}\n      - run: npm publish\n'),
    });
    expect(sites(p)).toEqual(['release:9 possible unknown single[w]']);
  });

  it("a sub-package's publishConfig.registry decides for that package only", () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: 'a', publishConfig: { registry: 'https://npm.pkg.github.com' } }),
      'packages/b/package.json': pkg({ name: 'b' }),
      '.github/workflows/r.yml': workflow('      - run: npm publish --workspaces\n'),
    });
    const site = p.facts.sites[0]!;
    expect(site.registry.registry).toBe('npmjs');
    expect([...site.packageRegistries].map(([dir, d]) => `${dir}=${d.registry}`)).toEqual(['packages/a=other', 'packages/b=npmjs']);
  });

  it("GitLab: a `.npmrc` written for GitLab's own registry", () => {
    const p = load({
      'package.json': pkg({ name: '@g/w' }),
      '.gitlab-ci.yml': 'publish:\n  script:\n    - echo "@g:registry=${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/npm/" >> .npmrc\n    - npm publish\n',
    });
    expect(sites(p)).toEqual(['publish:4 certain other single[@g/w]']);
  });
});

describe('what gets published', () => {
  it('a directory outside every package publishes something tp-doctor cannot see, never the root', () => {
    const p = load({
      'package.json': pkg({ name: 'tests-only' }),
      '.github/workflows/r.yml': workflow('      - run: npm publish\n        working-directory: dist\n'),
    });
    expect(sites(p)).toEqual(['release:6 certain npmjs unknown[]']);
    expect(p.facts.coverage([]).find((c) => c.isRoot)?.published).toBe(false);
  });

  it('packages without a name or a version are not published by npm', () => {
    const p = load({
      'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': JSON.stringify({ name: 'a' }),
      'packages/b/package.json': JSON.stringify({ version: '1.0.0' }),
      'packages/c/package.json': pkg({ name: 'c' }),
      '.github/workflows/r.yml': workflow('      - run: npm publish --workspaces\n'),
    });
    expect(sites(p)).toEqual(['release:6 certain npmjs workspaces[c]']);
  });

  it('`pnpm --filter` publishes only what it selects', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true }),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/a/package.json': pkg({ name: '@x/a' }),
      'packages/b/package.json': pkg({ name: '@x/b' }),
      '.github/workflows/r.yml': workflow('      - run: pnpm --filter @x/b publish --no-git-checks\n'),
    });
    expect(sites(p)).toEqual(['release:6 certain npmjs single[@x/b]']);
  });

  it('a `${{ matrix.package }}` working directory runs each package\'s own script', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: 'a', scripts: { release: 'npm publish' } }),
      'packages/b/package.json': pkg({ name: 'b', scripts: { release: 'npm publish --access public' } }),
      '.github/workflows/r.yml': workflow(
        '      - run: npm run release\n        working-directory: ${{ matrix.package }}\n',
        '    strategy:\n      matrix:\n        package: [packages/a, packages/b]\n',
      ),
    });
    expect(sites(p)).toEqual(['release:9 certain npmjs single[a]', 'release:9 certain npmjs single[b]']);
  });
});

describe('publishes recognised through actions and checkouts', () => {
  it("changesets/action v2's `publish-script:` publishes", () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { release: 'changeset publish' } }),
      'packages/a/package.json': pkg({ name: 'a' }),
      '.github/workflows/r.yml': workflow('      - uses: changesets/action@v2\n        with:\n          publish-script: npm run release\n'),
    });
    expect(sites(p)).toEqual(['release:6 certain npmjs workspaces[a]']);
  });

  // Shopify/react-native-skia: the tarball is copied out of the repository before the publish.
  it.each([
    ['after a `cd` out of the repository', 'cp dist/*.tgz /tmp/p/ && cd /tmp/p && npm publish *.tgz', 'unknown[]'],
    ['where the step runs', 'npm publish ./dist/widget-1.0.0.tgz', 'unknown[]'],
    ['control: a directory after the same `cd`', 'cd /tmp/p && npm publish', 'unknown[app,lib]'],
  ])('a tarball publish holds no candidate: %s', (_name, run, want) => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['apps/*', 'libs/*'] }),
      'apps/app/package.json': pkg({ name: 'app' }),
      'libs/lib/package.json': pkg({ name: 'lib' }),
      '.github/workflows/r.yml': workflow(`      - run: ${run}\n`),
    });
    expect(sites(p).map((x) => x.replace(/^.* certain npmjs /, ''))).toEqual([want]);
  });

  // changesets 2 reads the packages with @manypkg/get-packages 1: package.json `workspaces` first,
  // then pnpm-workspace.yaml (ts-rest/ts-rest: examples only in pnpm-workspace.yaml).
  it.each([
    ['both: package.json `workspaces` wins', { workspaces: ['libs/*'] }, 'packages:\n  - apps/*\n  - libs/*\n', 'workspaces[lib]'],
    ['pnpm-workspace.yaml alone', {}, 'packages:\n  - apps/*\n  - libs/*\n', 'workspaces[app,lib]'],
    ['package.json `workspaces` alone', { workspaces: ['apps/*', 'libs/*'] }, undefined, 'workspaces[app,lib]'],
  ])('changeset publish: %s', (_name, root, pnpmWorkspace, want) => {
    const files: Record<string, string> = {
      'package.json': pkg({ name: 'root', private: true, ...root }),
      'apps/app/package.json': pkg({ name: 'app' }),
      'libs/lib/package.json': pkg({ name: 'lib' }),
      '.github/workflows/r.yml': workflow('      - run: npx changeset publish\n'),
    };
    if (pnpmWorkspace !== undefined) files['pnpm-workspace.yaml'] = pnpmWorkspace;
    expect(sites(load(files))).toEqual([`release:6 certain npmjs ${want}`]);
  });

  // marcalexiei/biome-config: `packages: ['./', './tests/**']` lists the root, which changesets publishes.
  it('changeset publish: a workspace list naming the root counts it', () => {
    const files = (list: string): Record<string, string> => ({
      'package.json': pkg({ name: '@acme/config' }),
      'pnpm-workspace.yaml': list,
      'tests/a/package.json': pkg({ name: 'tests-a', private: true }),
      '.github/workflows/r.yml': workflow('      - run: pnpm changeset publish\n'),
    });
    expect(sites(load(files("packages:\n  - ./\n  - ./tests/**\n")))).toEqual(['release:6 certain npmjs workspaces[@acme/config]']);
    // Control: not listed, the root is the workspaces' container.
    expect(sites(load(files("packages:\n  - ./tests/**\n")))).toEqual(['release:6 certain npmjs workspaces[]']);
  });

  it('a local composite action under a checkout `path:`, with the caller\'s inputs', () => {
    const p = load({
      'package.json': pkg({ name: 'w' }),
      '.github/actions/publish/action.yml':
        "inputs:\n  tag:\n    default: latest\nruns:\n  using: composite\n  steps:\n    - uses: ./.github/actions/inner\n      with:\n        tag: ${{ inputs.tag }}\n",
      '.github/actions/inner/action.yml': 'inputs:\n  tag: {}\nruns:\n  using: composite\n  steps:\n    - run: npm publish --tag ${{ inputs.tag }}\n      shell: bash\n',
      '.github/workflows/r.yml': workflow(
        '      - uses: actions/checkout@v5\n        with:\n          path: src\n      - uses: ./src/.github/actions/publish\n        with:\n          tag: next\n',
      ),
    });
    const [site] = p.facts.sites;
    expect(site?.publish.match.recognizer).toBe('npm-publish');
    expect(site?.publish.match.flags.tag).toBe('next');
    expect(site?.publish.viaAction).toBe('./src/.github/actions/publish');
  });

  it('`uses: $/path` is a local action of this repository', () => {
    const p = load({
      'package.json': pkg({ name: 'w' }),
      'tools/pub/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: npm publish\n      shell: bash\n',
      '.github/workflows/r.yml': workflow('      - uses: $/tools/pub\n'),
    });
    expect(p.facts.sites.map((s) => s.publish.match.recognizer)).toEqual(['npm-publish']);
  });

  it('a working directory under a checkout `path:` of this repository is the repository root', () => {
    const p = load({
      'package.json': pkg({ name: 'w' }),
      '.github/workflows/r.yml': workflow('      - uses: actions/checkout@v5\n        with:\n          path: release\n      - run: npm publish\n        working-directory: ./release\n'),
    });
    expect(sites(p)).toEqual(['release:9 certain npmjs single[w]']);
  });
});

describe('possible publishes: what cannot be read is visible, narrowly', () => {
  const job = '    permissions:\n      id-token: write\n';
  const setup = "      - uses: actions/setup-node@v6\n        with:\n          node-version: 22\n          registry-url: 'https://registry.npmjs.org'\n";
  const cases: [string, string, string, string[]][] = [
    ['a release script in a job set up for npmjs', job, `${setup}      - run: ./scripts/release.sh\n`, ['release:12 possible npmjs unknown[w]']],
    ['a publish script named so, with a token', '', '      - name: Publish to NPM\n        run: ./scripts/publish.sh\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n', ['release:7 possible npmjs unknown[w]']],
    ['an unknown tool with a publish subcommand and an npm upgrade', job, '      - run: npm install -g npm@11\n      - run: ./x publish stable --tag next\n', ['release:9 possible npmjs unknown[w]']],
    ['a script that publishes a browser extension', job, '      - name: publish-extension\n        run: node scripts/publish.js\n', []],
    ['a publish to a local Verdaccio', job, `${setup}      - run: pnpm tsx scripts/publish-to-verdaccio.ts\n`, []],
    ['a build with a --release flag', job, `${setup}      - run: npm run build:native -- --release\n`, []],
    ['a release script without any npm signal', '', '      - run: ./scripts/release.sh\n', []],
    ['a python release', job, `${setup}      - run: python scripts/release.py\n`, []],
    ['a script that uploads artifacts, told npm', job, `${setup}      - run: ./release-scripts/upload-artifacts.sh npm\n`, ['release:12 possible npmjs unknown[w]']],
    ['npm only inside a path of a Verdaccio publish', job, `${setup}      - run: pnpm tsx scripts/publish-to-verdaccio.ts --registry-dir /tmp/npm-registry\n`, []],
    ['a script that uploads artifacts elsewhere', job, `${setup}      - run: ./release-scripts/upload-artifacts.sh github\n`, []],
    ['what runs when a release failed', job, `${setup}      - name: Handling failed release\n        run: bash ./release-scripts/handle-failed-release.sh\n`, []],
    ['a release notification', job, `${setup}      - run: ./scripts/notify-release.sh\n`, []],
    // facebook/lexical: a variable's name (`$DRY_RUN_ARG`, empty unless asked) says nothing about the destination.
    ['a release script given a variable named for a dry run', job, `${setup}      - run: node ./scripts/npm/release.mjs --non-interactive $DRY_RUN_ARG\n`, ['release:12 possible npmjs unknown[w]']],
    ['a release script told --dry-run', job, `${setup}      - run: node ./scripts/npm/release.mjs --dry-run\n`, []],
    // lerna-lite/lerna-lite: `local-lerna` is its locally built CLI, given a publish subcommand.
    ['a locally built tool given `publish`', job, `${setup}      - run: node ./local-lerna.js publish from-package --yes\n`, ['release:12 possible npmjs unknown[w]']],
    // prisma/prisma: checks that run before the publish.
    ['a check of the publish', job, `${setup}      - run: node scripts/check-publish-deps.mjs\n`, []],
    ['a step named for a check of the publish', job, `${setup}      - name: Check publish dependency specifiers\n        run: ./scripts/deps.sh --mode publish\n`, []],
    ['a step whose name lists a check among other steps still may publish', job, `${setup}      - name: Lint, test & release\n        run: node scripts/release.js\n`, ['release:13 possible npmjs unknown[w]']],
    ['a publish told --local', job, `${setup}      - run: node scripts/publish.js --local\n`, []],
    ['a build-and-publish script still may publish', job, `${setup}      - run: ./scripts/build-and-publish.sh\n`, ['release:12 possible npmjs unknown[w]']],
    // mongodb/node-mongodb-native: a script that dispatches the workflow that publishes.
    ['a script that dispatches a workflow named for npm', job, `${setup}      - run: node ./.github/scripts/dispatch-and-wait.mjs npm-publish.yml --ref main\n`, []],
    ['a step that says it dispatches the npm-publish workflow', job, `${setup}      - name: Dispatch npm-publish workflow\n        run: node ./.github/scripts/trigger.mjs\n`, []],
    ['a publish script given a configuration file still may publish', job, `${setup}      - run: ./scripts/publish.sh --config release.yml\n`, ['release:12 possible npmjs unknown[w]']],
    ['a publish to a local registry', job, `${setup}      - run: node ./scripts/publish-local.js\n`, []],
    ['a release to a local registry, said by the step', job, `${setup}      - name: Release to the local registry\n        run: ./scripts/release.sh\n`, []],
  ];
  it.each(cases)('%s', (_name, jobExtra, steps, want) => {
    const p = load({ 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': workflow(steps, jobExtra) });
    expect(sites(p)).toEqual(want);
  });

  it('is labelled in quotes that do not clash with the command', () => {
    const p = load({ 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': workflow(`${setup}      - name: Release\n        run: '"$TOOL" publish'\n`, job) });
    expect(p.facts.sites.map((s) => s.publish.match.label)).toEqual([`'"$TOOL" publish'`]);
  });

  it('is named with the reason', () => {
    const p = load({ 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': workflow(`${setup}      - run: ./scripts/release.sh\n`, job) });
    expect(p.facts.sites[0]?.publish.because).toBe(
      '"./scripts/release.sh" runs something tp-doctor cannot read, and setup-node `registry-url` is registry.npmjs.org, the job has `id-token: write`',
    );
  });

  it('a recognised publish in the job leaves no room for a possible one', () => {
    const p = load({ 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': workflow(`${setup}      - run: ./scripts/release.sh\n      - run: npm publish\n`, job) });
    expect(p.facts.sites.map((s) => s.certainty)).toEqual(['certain']);
  });

  it('in a declared trusted-publisher workflow, a publish-named step counts without other signals', () => {
    const files = { 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': workflow('      - name: Run publish scripts\n        run: node scripts/ship.mjs\n') };
    expect(load(files).facts.sites).toEqual([]);
    expect(sites(load(files, { trustedWorkflows: ['r.yml'] }))).toEqual(['release:7 possible npmjs unknown[w]']);
  });

  it('in a declared trusted-publisher workflow where another job publishes, the other jobs are read without the declaration', () => {
    // remix-run/react-router: a `comment` job (`npm run release-comments`) beside the publishing job.
    const yaml = [
      'on: push',
      'jobs:',
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: npm publish',
      '  comment:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - name: Run publish scripts',
      '        run: node scripts/ship.mjs',
      '',
    ].join('\n');
    const files = { 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': yaml };
    expect(sites(load(files, { trustedWorkflows: ['r.yml'] }))).toEqual(['publish:6 certain npmjs single[w]']);
    // Without the publishing job, the declaration still makes the step a possible publish.
    const alone = { ...files, '.github/workflows/r.yml': yaml.replace('  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n', '') };
    expect(sites(load(alone, { trustedWorkflows: ['r.yml'] }))).toEqual(['comment:7 possible npmjs unknown[w]']);
  });

  it('GitLab: a job that runs an npm publish script tp-doctor cannot read', () => {
    const p = load({ 'package.json': pkg({ name: 'w' }), '.gitlab-ci.yml': 'publish-npm:\n  script:\n    - yarn\n    - node ./scripts/deploy/publish-npm.ts\n' });
    expect(sites(p)).toEqual(['publish-npm:4 possible npmjs unknown[w]']);
  });
});

describe('possible publishes: a script named for a build and a release', () => {
  // airbnb/visx: a step "Release" runs `yarn build:release`, a TypeScript file that runs `lerna publish`.
  const job = '    permissions:\n      id-token: write\n';
  const setup = "      - uses: actions/setup-node@v6\n        with:\n          node-version: 22\n          registry-url: 'https://registry.npmjs.org'\n";
  const token = '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';
  const scripts = { 'build:release': 'tsx scripts/release.ts', 'release:build': 'tsx scripts/build.ts', 'build:native': 'napi build', 'test:release': 'tsx scripts/t.ts', build: 'tsc' };
  const cases: [string, string, string, string[]][] = [
    ['a step named "Release" in a job set up for npmjs', job, `${setup}      - name: Release\n        run: yarn build:release\n`, ['release:13 possible npmjs unknown[w]']],
    ['a step named "Release" with an npm token, the words the other way round', '', `      - name: Release\n        run: yarn release:build\n${token}`, ['release:7 possible npmjs unknown[w]']],
    ['a step with no name', job, `${setup}      - run: yarn build:release\n`, []],
    ['a step named "Release" with `id-token: write` alone', job, '      - name: Release\n        run: yarn build:release\n', []],
    ['a step named "Release" with no npm signal (a CI test job)', '', '      - name: Release\n        run: yarn build:release\n', []],
    ['a step named for a build for a release', job, `${setup}      - name: Build for release\n        run: yarn build:release\n`, []],
    ['a plain build in a step named "Release"', job, `${setup}      - name: Release\n        run: yarn build\n`, []],
    ['a build given --release in a step named "Release"', job, `${setup}      - name: Release\n        run: yarn build:native --release\n`, []],
    ['a test of the release in a step named "Release"', job, `${setup}      - name: Release\n        run: yarn test:release\n`, []],
  ];
  it.each(cases)('%s', (_name, jobExtra, steps, want) => {
    const p = load({ 'package.json': pkg({ name: 'w', scripts }), '.github/workflows/r.yml': workflow(steps, jobExtra) });
    expect(sites(p)).toEqual(want);
  });
});

describe('matrices written by an earlier job', () => {
  /** Job `setup` writes the matrix with `run` (its step `m`); job `publish` runs `publish` (`runs-on`, then its steps) over it. */
  const dynamic = (run: string, publish: string): string => `on: push
jobs:
  setup:
    runs-on: ubuntu-latest
    outputs:
      matrix: \${{ steps.m.outputs.matrix }}
    steps:
      - id: m
        run: ${run}
  publish:
    needs: setup
${publish}`;
  const include = '    strategy:\n      matrix:\n        include: ${{ fromJson(needs.setup.outputs.matrix) }}\n';

  it('are expanded from the literal JSON the job writes, every branch', () => {
    const writes = `|
          case "$EVENT" in
            release) echo 'matrix=[{"target":"release"}]' >> $GITHUB_OUTPUT ;;
            *) echo 'matrix=[{"ref":"main","node":"24"},{"ref":"v0","node":"20"}]' >> $GITHUB_OUTPUT ;;
          esac`;
    const wf = dynamic(writes, `    runs-on: ubuntu-latest\n${include}    steps:\n      - run: npm publish\n`);
    const p = load({ 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': wf });
    const job = p.workflows[0]!.jobs[1]!;
    expect(job.matrixUnresolved).toBe(false);
    expect(job.matrix?.map((c) => [...c].map(([k, v]) => `${k}=${v.value}`).join(','))).toEqual(['target=release', 'ref=main,node=24', 'ref=v0,node=20']);
  });

  // typeorm: `${{ matrix.node }}` read the setup step's script instead of "20", so the EBADENGINE of
  // `npm install -g npm@latest` on Node 20 was missed and `runs-on: ${{ matrix.os }}` was an unknown label.
  it('`${{ matrix.x }}` stands for the value written, not for the script that writes it', async () => {
    const steps = '    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: ${{ matrix.node }}\n      - run: npm install -g npm@latest\n      - run: npm publish\n';
    const wf = (matrix: string): string =>
      dynamic(`echo 'matrix=${matrix}' >> $GITHUB_OUTPUT`, `    runs-on: \${{ matrix.os }}\n    permissions:\n      id-token: write\n${include}${steps}`);
    const files = (matrix: string): Record<string, string> => ({ 'package.json': pkg({ name: 'w' }), '.github/workflows/r.yml': wf(matrix) });
    const show = (ds: { ruleId: string; severity: string; message: string }[]): string[] => ds.filter((d) => d.severity !== 'info').map((d) => `${d.ruleId}:${d.severity}`);
    expect(show(await lintFiles(files('[{"os":"ubuntu-latest","node":"20"}]')))).toEqual(['npm-upgrade-compatible:error']);
    // On Node 22 only the floating upgrade's own warning (the next npm major may not install: Node 22 ends 2027-04-30).
    expect(show(await lintFiles(files('[{"os":"ubuntu-latest","node":"22"}]')))).toEqual(['npm-upgrade-compatible:warning']);
    // On the whole line Node 24, far from its end of life, that is advice only (survey900a D2).
    expect(show(await lintFiles(files('[{"os":"ubuntu-latest","node":"24"}]')))).toEqual([]);
    const [label] = await lintFiles(files('[{"os":"my-runner","node":"24"}]'), { rule: 'require-hosted-runner' });
    expect(label?.message).toContain('"my-runner"');
  });
});

describe('text before a publish', () => {
  it('lists earlier steps and the publish\'s own block up to it', () => {
    const p = load({
      'package.json': pkg({ name: 'w' }),
      '.github/workflows/r.yml': workflow('      - run: npm i -g semantic-release@25\n      - run: |\n          echo hi\n          npx semantic-release\n'),
    });
    const site = p.facts.sites[0]!;
    expect(p.facts.textsBefore(site).map((t) => t.text.trim())).toEqual(['npm i -g semantic-release@25', 'echo hi']);
  });
});

describe('publish tools whose configuration publishes nothing to npm', () => {
  const run = (command: string): string => workflow(`      - run: ${command}\n`);
  const gitlab = (command: string): string => `release:\n  script:\n    - ${command}\n`;
  const circleci = (command: string): string => `version: 2.1\njobs:\n  release:\n    docker: [{ image: cimg/node:24.11 }]\n    steps:\n      - run: ${command}\nworkflows:\n  main:\n    jobs: [release]\n`;
  const cases: [name: string, files: Record<string, string>, publishes: boolean][] = [
    ['release-it `npm.publish: false` in .release-it.json', { '.release-it.json': '{ "npm": { "publish": false } }' }, false],
    ['release-it `npm: false` in package.json', { 'package.json': pkg({ name: 'w', 'release-it': { npm: false } }) }, false],
    ['release-it `npm.publish: false` in .release-it.yaml', { '.release-it.yaml': 'npm:\n  publish: false\n' }, false],
    ['release-it with its npm plugin on', { '.release-it.json': '{ "npm": { "publish": true }, "git": false }' }, true],
    ['release-it `npm: false` in .release-it.js, read as text', { '.release-it.js': 'module.exports = { npm: false };' }, false],
    ['release-it `npm.publish: false` in .release-it.mjs, read as text', { '.release-it.mjs': 'export default { npm: { publish: false } };' }, false],
    ['release-it reading a JavaScript value tp-doctor does not read: not known to skip', { '.release-it.js': 'module.exports = { npm: process.env.NPM !== "0" };' }, true],
    ['release-it `npm: false` in .release-it.ts, read as text like .js', { '.release-it.ts': 'export default { npm: false };' }, false],
    ['release-it `npm: false` in .release-it.mts with `satisfies Config`', { '.release-it.mts': 'export default { npm: false } satisfies Config;' }, false],
    ['release-it reading a TypeScript value tp-doctor does not read: not known to skip', { '.release-it.ts': 'export default { npm: process.env.NPM !== "0" };' }, true],
    ['semantic-release without @semantic-release/npm in `plugins`', { '.releaserc.json': '{ "plugins": ["@semantic-release/commit-analyzer", "@semantic-release/github"] }' }, false],
    ['semantic-release with `npmPublish: false` on its npm plugin', { '.releaserc.yml': 'plugins:\n  - "@semantic-release/commit-analyzer"\n  - ["@semantic-release/npm", { npmPublish: false }]\n' }, false],
    ['semantic-release with `npmPublish: false` at the root', { 'package.json': pkg({ name: 'w', release: { npmPublish: false } }) }, false],
    ['semantic-release on a private package', { 'package.json': pkg({ name: 'w', private: true }) }, false],
    ['semantic-release on a private package with `npmPublish: true`', { 'package.json': pkg({ name: 'w', private: true, release: { npmPublish: true } }) }, true],
    ['semantic-release with the default plugins', { 'package.json': pkg({ name: 'w' }) }, true],
    ['semantic-release with a shareable configuration: not known', { '.releaserc': 'extends: "@acme/release-config"\n' }, true],
    ['semantic-release: package.json `release` is read before .releaserc', { 'package.json': pkg({ name: 'w', release: { branches: ['main'] } }), '.releaserc': 'plugins: ["@semantic-release/github"]\n' }, true],
  ];
  for (const [name, files, publishes] of cases) {
    const command = name.startsWith('release-it') ? 'npx release-it --ci' : 'npx semantic-release';
    it(`${name}: ${publishes ? 'a publish' : 'no publish'} on GitHub, GitLab and CircleCI`, () => {
      const github = load({ ...files, '.github/workflows/r.yml': run(command) });
      expect(sites(github).length, 'GitHub').toBe(publishes ? 1 : 0);
      const lab = load({ ...files, '.gitlab-ci.yml': gitlab(command) });
      expect(sites(lab).length, 'GitLab').toBe(publishes ? 1 : 0);
      const circle = load({ ...files, '.circleci/config.yml': circleci(command) });
      expect(sites(circle).length, 'CircleCI').toBe(publishes ? 1 : 0);
    });
  }

  it('reads the configuration of the directory the tool runs in', () => {
    const files = {
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: 'a', scripts: { release: 'release-it --ci' } }),
      'packages/a/.release-it.json': '{ "npm": { "publish": false } }',
      'packages/b/package.json': pkg({ name: 'b', scripts: { release: 'release-it --ci' } }),
    };
    const step = (dir: string): string => `      - run: npm run release\n        working-directory: packages/${dir}\n`;
    expect(sites(load({ ...files, '.github/workflows/r.yml': workflow(step('a')) }))).toEqual([]);
    expect(sites(load({ ...files, '.github/workflows/r.yml': workflow(step('b')) })).length).toBe(1);
  });
});

describe('a script of the one workspace package a command names', () => {
  const monorepo = (run: string, extra: Record<string, string> = {}): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { release: 'echo root' } }),
    'packages/app/package.json': pkg({ name: '@acme/app', scripts: { release: 'npm publish --provenance', build: 'tsc' } }),
    'packages/lib/package.json': pkg({ name: '@acme/lib' }),
    '.github/workflows/r.yml': workflow(`      - run: ${run}\n`),
    ...extra,
  });

  it('`yarn workspace <name> <script>` is read in that package: a certain publish of it', () => {
    expect(sites(load(monorepo('yarn workspace @acme/app release')))).toEqual(['release:6 certain npmjs single[@acme/app]']);
  });

  it('`pnpm --filter ./dir run <script>` and `npm -w <dir> run <script>` too', () => {
    expect(sites(load(monorepo('pnpm --filter ./packages/app run release')))).toEqual(['release:6 certain npmjs single[@acme/app]']);
    expect(sites(load(monorepo('npm run release -w packages/app')))).toEqual(['release:6 certain npmjs single[@acme/app]']);
    // nopt splits a short option at `=` too (serverless/serverless: `npm run -w=release-scripts publish:release`).
    expect(sites(load(monorepo('npm run -w=packages/app release')))).toEqual(['release:6 certain npmjs single[@acme/app]']);
  });

  it('a root script that delegates to the same-named script of the package is no cycle', () => {
    const p = load({
      ...monorepo('yarn release'),
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { release: 'yarn workspace @acme/app release' } }),
    });
    expect(sites(p)).toEqual(['release:6 certain npmjs single[@acme/app]']);
  });

  it('a root script whose package manager selects the package itself: the selection is read once', () => {
    const p = load({
      ...monorepo('npm run release'),
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { release: 'pnpm --filter ./packages/app exec npm publish' } }),
    });
    expect(sites(p)).toEqual(['release:6 certain npmjs single[@acme/app]']);
  });

  it('a script of that package that only builds is no publish (was guessed from the name before)', () => {
    expect(sites(load(monorepo('yarn workspace @acme/app build')))).toEqual([]);
    const p = load({
      ...monorepo('yarn workspace @acme/lib release'),
      'packages/lib/package.json': pkg({ name: '@acme/lib', scripts: { release: 'node scripts/changelog.js' } }),
    });
    // Named like a publish but running a script tp-doctor cannot read: still a guess, and a guess
    // says nothing about which packages that script publishes. The job shows no sign of npm, so the
    // guess is a possible publish.
    expect(sites(p)).toEqual(['release:6 possible npmjs unknown[@acme/app,@acme/lib]']);
  });
});

describe('a named workspace package on GitLab and CircleCI', () => {
  const packages = {
    'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'packages/app/package.json': pkg({ name: '@acme/app', scripts: { release: 'npm publish', build: 'tsc' } }),
  };

  it('GitLab: `yarn workspace <name> <script>` reads that package\'s script', () => {
    const p = load({ ...packages, '.gitlab-ci.yml': 'publish:\n  image: node:24\n  script:\n    - yarn workspace @acme/app release\n    - yarn workspace @acme/app build\n' });
    expect(sites(p)).toEqual(['publish:4 certain npmjs single[@acme/app]']);
  });

  it('CircleCI: `pnpm --filter <name> run <script>` reads that package\'s script', () => {
    const config = 'version: 2.1\njobs:\n  publish:\n    docker:\n      - image: cimg/node:24.0\n    steps:\n      - run: pnpm --filter @acme/app run release\nworkflows:\n  main:\n    jobs:\n      - publish\n';
    const p = load({ ...packages, '.circleci/config.yml': config });
    expect(sites(p)).toEqual(['publish:7 certain npmjs single[@acme/app]']);
  });
});

describe('a tool run in the one package a runner names', () => {
  const files = (run: string): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'packages/core/package.json': pkg({ name: '@acme/core', devDependencies: { 'semantic-release': '^25.0.2' } }),
    'packages/app/package.json': pkg({ name: '@acme/app' }),
    '.github/workflows/r.yml': workflow(`      - run: ${run}\n`),
  });

  it('`pnpm --filter <name> exec semantic-release` runs in that package (its devDependencies name the version)', () => {
    const p = load(files('pnpm --filter @acme/core exec semantic-release'));
    expect(sites(p)).toEqual(['release:6 certain npmjs single[@acme/core]']);
    expect(p.facts.sites[0]?.directory).toBe('packages/core');
  });

  it('a package manager\'s own publish still reads its selection from the command', () => {
    expect(sites(load(files('pnpm --filter ./packages/app exec npm publish')))).toEqual(['release:6 certain npmjs single[@acme/app]']);
    expect(sites(load(files('yarn workspace @acme/app npm publish')))).toEqual(['release:6 certain npmjs single[@acme/app]']);
  });
});

describe('the project .npmrc the npm CLI reads: its local prefix only', () => {
  // mermaid-js/mermaid: a preview published to GitHub Packages from a package directory, with a
  // root `.npmrc` that names npmjs. npm never reads that root file there.
  const step = (tool: string, dir = './packages/lib'): string =>
    `      - working-directory: ${dir}\n        run: |\n          npm set registry https://npm.pkg.github.com/acme\n          ${tool} publish\n`;
  const files = (tool: string, extra: Record<string, string> = {}, dir?: string): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    '.npmrc': 'registry=https://registry.npmjs.org\n',
    'packages/lib/package.json': pkg({ name: 'lib' }),
    '.github/workflows/r.yml': workflow(step(tool, dir)),
    ...extra,
  });

  it('npm in a package directory of a pnpm workspace: the root .npmrc is not read, the user config decides', () => {
    expect(sites(load(files('npm')))).toEqual(['release:9 certain other single[lib]']);
  });

  it('pnpm in its workspace reads the root .npmrc, which wins over the user config', () => {
    expect(sites(load(files('pnpm')))).toEqual(['release:9 certain npmjs single[lib]']);
  });

  it('npm in a member of the root package.json `workspaces`: the root is the local prefix', () => {
    const p = load(files('npm', { 'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }) }));
    expect(sites(p)).toEqual(['release:9 certain npmjs single[lib]']);
  });

  it('npm in a directory without a package.json of its own: the root is the local prefix', () => {
    const p = load(files('npm', { 'package.json': pkg({ name: 'root' }) }, './scripts'));
    expect(p.facts.sites[0]?.registry.registry).toBe('npmjs');
  });
});

describe('lerna publishes the packages of lerna.json first', () => {
  // webdriverio: lerna.json `packages: ["packages/*"]`, pnpm-workspace.yaml also lists test apps.
  const files = (lerna: Record<string, unknown>): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true }),
    'lerna.json': JSON.stringify({ npmClient: 'pnpm', ...lerna }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - test-app\n',
    'packages/a/package.json': pkg({ name: 'a' }),
    'test-app/package.json': pkg({ name: 'test-app' }),
    '.github/workflows/r.yml': workflow('      - run: pnpm lerna publish patch --yes\n'),
  });

  it('lerna.json `packages` decide, not pnpm-workspace.yaml', () => {
    expect(sites(load(files({ packages: ['packages/*'] })))).toEqual(['release:6 certain npmjs workspaces[a]']);
  });

  it('without `packages` in lerna.json, the package manager\'s workspaces', () => {
    expect(sites(load(files({})))).toEqual(['release:6 certain npmjs workspaces[a,test-app]']);
  });

  it('lerna before 7 with `useWorkspaces: true` ignored `packages`', () => {
    const p = load({ ...files({ packages: ['packages/*'], useWorkspaces: true }), 'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*', 'test-app'] }) });
    expect(sites(p)).toEqual(['release:6 certain npmjs workspaces[a,test-app]']);
  });
});

describe('a publish command that names a matrix value', () => {
  // PostHog/posthog-js: `pnpm publish --filter=${{ matrix.package.name }}` over a list of packages.
  const files = (matrix: string, run = 'pnpm publish --filter=${{ matrix.package.name }} --no-git-checks'): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'packages/a/package.json': pkg({ name: '@acme/a' }),
    'packages/b/package.json': pkg({ name: '@acme/b' }),
    'packages/c/package.json': pkg({ name: '@acme/c' }),
    '.github/workflows/r.yml': workflow(`      - run: ${run}\n`, `    strategy:\n      matrix:\n${matrix}`),
  });

  it('publishes the packages the combinations name, not every workspace package', () => {
    const p = load(files("        package:\n          - name: '@acme/a'\n          - name: '@acme/c'\n"));
    expect(sites(p)).toEqual(['release:11 certain npmjs single[@acme/a,@acme/c]']);
  });

  it('a combination tp-doctor cannot read leaves the packages unknown', () => {
    const p = load(files("        package:\n          - name: '@acme/a'\n          - other: x\n"));
    expect(sites(p)).toEqual(['release:11 certain npmjs unknown[@acme/a,@acme/b,@acme/c]']);
  });

  it('a directory from the matrix: one package per combination', () => {
    const p = load(files('        dir: [packages/a, packages/b]\n', 'npm publish ./${{ matrix.dir }}'));
    expect(sites(p)).toEqual(['release:9 certain npmjs single[@acme/a,@acme/b]']);
  });
});

describe('a publish guessed from a script name, in a step that says it goes elsewhere', () => {
  // unocss: `npm run publish` of the VS Code extension runs `tsx ./scripts/publish.ts` (vsce, ovsx).
  const files = (step: string): Record<string, string> => ({
    'package.json': pkg({ name: 'ext', private: true, scripts: { publish: 'tsx ./scripts/publish.ts' } }),
    '.github/workflows/r.yml': workflow(step),
  });

  it('the step name or its tokens name another destination: no npm publish', () => {
    expect(sites(load(files('      - name: Publish to VSCE & OVSX\n        run: npm run publish\n')))).toEqual([]);
    expect(sites(load(files('      - run: npm run publish\n        env:\n          VSCE_PAT: x\n')))).toEqual([]);
  });

  it('unrelated variables do not move the guess elsewhere (DRY_RUN, SLACK_WEBHOOK_URL)', () => {
    // Still a publish (possible: nothing in the job is a sign of npm).
    expect(sites(load(files('      - run: npm run publish\n        env:\n          DRY_RUN: "false"\n          SLACK_WEBHOOK_URL: x\n')))).toEqual(['release:6 possible npmjs unknown[]']);
  });

  it('an npm token or npm in the name keeps the guess', () => {
    expect(sites(load(files('      - run: npm run publish\n        env:\n          VSCE_PAT: x\n          NODE_AUTH_TOKEN: y\n')))).toEqual(['release:6 likely npmjs unknown[]']);
    expect(sites(load(files('      - name: Publish to npm and the marketplace\n        run: npm run publish\n')))).toEqual(['release:7 likely npmjs unknown[]']);
  });
});

describe('an action tp-doctor does not know, that says it publishes', () => {
  const files = (step: string, job = '    permissions:\n      id-token: write\n'): Record<string, string> => ({
    'package.json': pkg({ name: 'lib' }),
    '.github/workflows/r.yml': workflow(step, job),
  });

  it('an unknown npm-publish action with an npm token input, in a job with id-token: write: a possible publish', () => {
    const p = load(files('      - uses: acme/action-npm-publish@v6\n        with:\n          npm-token: ${{ secrets.NPM_TOKEN }}\n'));
    expect(sites(p)).toEqual(['release:8 possible npmjs unknown[lib]']);
  });

  it('a publish action named for another registry is no npm publish (cucumber/messages: action-publish-rubygem)', () => {
    expect(sites(load(files('      - uses: cucumber/action-publish-rubygem@v1\n')))).toEqual([]);
  });

  it('MetaMask/action-npm-publish is known: its Yarn publish, certain', () => {
    const p = load(files('      - uses: MetaMask/action-npm-publish@v6\n        with:\n          npm-token: ${{ secrets.NPM_TOKEN }}\n'));
    expect(p.facts.sites.map((x) => `${x.certainty} ${x.publish.match.label}`)).toEqual(['certain MetaMask/action-npm-publish (runs yarn npm publish)']);
  });

  it('a release action that gets NPM_TOKEN: a possible publish', () => {
    const p = load(files('      - uses: jupyter-server/jupyter_releaser/.github/actions/finalize-release@v2\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n', ''));
    expect(sites(p)).toEqual(['release:6 possible npmjs unknown[lib]']);
  });

  it('an input name is an option, not a destination: `dry:` or `changelog:` does not veto the guess (testing-library/user-event)', () => {
    const step = (input: string): string => `      - name: Release\n        uses: ph-fritsche/action-release@v2\n        with:\n          ${input}\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n`;
    expect(sites(load(files(step('dry: ${{ vars.RELEASE_DRY }}'), '')))).toEqual(['release:7 possible npmjs unknown[lib]']);
    expect(sites(load(files(step('changelog: true'), '')))).toEqual(['release:7 possible npmjs unknown[lib]']);
    // The action's own name still decides: a docs publisher with the same inputs is not a guess.
    expect(sites(load(files(step('dry: true').replace('ph-fritsche/action-release', 'acme/publish-docs'), '')))).toEqual([]);
  });

  it('a step named for npm running a release action, in a job with no sign of npm: none (browserslist: "Clean npm package" running ai/copy-changelog-to-release)', () => {
    const step = '      - name: Clean npm package\n        uses: ai/copy-changelog-to-release@v1\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n';
    expect(sites(load(files(step, '    permissions:\n      contents: write\n')))).toEqual([]);
  });

  it('mikeal/merge-release publishes the root package, or the one `DEPLOY_DIR` in its `env:` names (mikeal/bent)', () => {
    const step = (env: string, inputs = ''): string => `      - uses: mikeal/merge-release@master\n${inputs}        env:\n          NPM_AUTH_TOKEN: \${{ secrets.NPM_AUTH_TOKEN }}\n${env}`;
    const withDist = (env: string, inputs = ''): Record<string, string> => ({ ...files(step(env, inputs), ''), 'dist/package.json': pkg({ name: 'lib-dist' }) });
    expect(sites(load(withDist('')))).toEqual(['release:6 certain npmjs single[lib]']);
    expect(sites(load(withDist('          DEPLOY_DIR: dist\n')))).toEqual(['release:6 certain npmjs single[lib-dist]']);
    // Only the environment: the action's Docker entrypoint never reads an input of that name.
    expect(sites(load(withDist('', '        with:\n          DEPLOY_DIR: dist\n')))).toEqual(['release:6 certain npmjs single[lib]']);
  });

  it('GitHub releases, other registries, and actions that say nothing about publishing: none', () => {
    expect(sites(load(files('      - uses: softprops/action-gh-release@v2\n        env:\n          NPM_TOKEN: x\n')))).toEqual([]);
    expect(sites(load(files('      - uses: MetaMask/action-publish-release@v3\n        with:\n          npm-tag: latest\n')))).toEqual([]);
    // MetaMask/action-is-release compares package.json versions (metamask-module-template's `is-release` job).
    const isRelease = (action: string): string => `      - uses: ${action}@v2\n        with:\n          commit-starts-with: 'Release [version]'\n        env:\n          NPM_TOKEN: x\n`;
    expect(sites(load(files(isRelease('MetaMask/action-is-release'))))).toEqual([]);
    expect(sites(load(files(isRelease('acme/action-is-release'))))).toEqual(['release:8 possible npmjs unknown[lib]']);
    expect(sites(load(files('      - uses: pypa/gh-action-pypi-publish@release/v1\n')))).toEqual([]);
    expect(sites(load(files('      - uses: actions/publish-immutable-action@v0.0.4\n')))).toEqual([]);
    expect(sites(load(files('      - uses: actions/upload-artifact@v4\n        env:\n          NPM_TOKEN: x\n')))).toEqual([]);
    // No sign of npm in the job: a publishing word alone is not enough.
    expect(sites(load(files('      - uses: acme/publish-docs@v1\n', '')))).toEqual([]);
  });
});

describe('possible publishes: the words of the command', () => {
  const files = (run: string, name = 'Release'): Record<string, string> => ({
    'package.json': pkg({ name: 'lib' }),
    '.github/workflows/r.yml': workflow(`      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - name: ${name}\n        run: ${run}\n`),
  });

  it('a camelCase script name is split into words (publishPrerelease.sh)', () => {
    expect(sites(load(files('./scripts/publishPrerelease.sh', 'Deploy')))).toEqual(['release:10 possible npmjs unknown[lib]']);
  });

  it('another ecosystem\'s tool is a possible npm publish only when the command names npm', () => {
    expect(sites(load(files('cargo xtask publish-npm', 'Publish to npm')))).toEqual(['release:10 possible npmjs unknown[lib]']);
    expect(sites(load(files('cargo publish', 'Publish')))).toEqual([]);
    // Through a script named like a publish, the same: `"release": "cargo publish"` is no npm publish.
    const p = load({ ...files('npm run release', 'Release'), 'package.json': pkg({ name: 'lib', scripts: { release: 'cargo publish' } }) });
    expect(sites(p)).toEqual([]);
  });

  it('an unknown bin\'s publish in a step that names a storage bucket goes elsewhere (sanity-io/sanity: `pnpm bundle-manager publish`)', () => {
    expect(sites(load(files('pnpm bundle-manager publish --tag=latest', 'Upload bundles to staging bucket')))).toEqual([]);
    expect(sites(load(files('pnpm bundle-manager publish --tag=latest', 'Release')))).toEqual(['release:10 likely npmjs unknown[lib]']);
  });

  it('a script under a python folder publishes Python packages (vercel/vercel: `node python/publish.mjs` runs `uv publish`)', () => {
    expect(sites(load(files('node python/publish.mjs --package all', 'Publish')))).toEqual([]);
    expect(sites(load(files('node scripts/publish.mjs --package all', 'Publish')))).toEqual(['release:10 possible npmjs unknown[lib]']);
  });

  it('a release-named script that runs a tool known never to publish (syncpack) is none (qwik)', () => {
    const p = load({
      ...files('pnpm run release.fixup-package-json', 'Fixup package.json files'),
      'package.json': pkg({ name: 'lib', scripts: { 'release.fixup-package-json': 'syncpack fix-mismatches --config syncpack-release-conf.json' } }),
    });
    expect(sites(p)).toEqual([]);
  });

  it('a path in the step name names a package, not a destination (launchdarkly: "Full release of packages/sdk/vercel")', () => {
    expect(sites(load(files('./scripts/release.sh', 'Full release of packages/sdk/vercel')))).toEqual(['release:10 possible npmjs unknown[lib]']);
    expect(sites(load(files('./scripts/release.sh', 'Deploy to vercel')))).toEqual([]);
  });

  it('`deno run`/`deno task` run the repository\'s own code, like node; `deno publish` goes to JSR (dprint/dprint)', () => {
    expect(sites(load(files('deno run -A deployment/npm/build.ts --publish-only', 'Publish to npm')))).toEqual(['release:10 possible npmjs unknown[lib]']);
    expect(sites(load(files('deno task release', 'Release')))).toEqual(['release:10 possible npmjs unknown[lib]']);
    expect(sites(load(files('deno publish', 'Publish')))).toEqual([]);
    // A package it runs is that ecosystem's tool (denoland/dnt: `@david/publish-on-tag` publishes to JSR).
    expect(sites(load(files('deno run -A @david/publish-on-tag', 'Publish')))).toEqual([]);
    expect(sites(load(files('deno run -A jsr:@david/publish-on-tag', 'Publish')))).toEqual([]);
    expect(sites(load(files('deno task build', 'Build')))).toEqual([]);
  });

  it('`uv run` runs the command after it: `uv run pnpm publish` is a certain publish (DetachHead/basedpyright)', () => {
    expect(sites(load(files('uv run pnpm publish --no-git-checks', 'Publish')))).toEqual(['release:10 certain npmjs single[lib]']);
    expect(sites(load(files('uv run --directory tools pnpm publish', 'Publish')))).toEqual(['release:10 certain npmjs single[lib]']);
    expect(sites(load(files('uv run python scripts/release.py', 'Release')))).toEqual([]);
  });

  it('a dry run is no publish even when it names npm (evilmartians/lefthook: `publish.raku --target=npm --dry-run`)', () => {
    expect(sites(load(files('raku publish.raku --target=npm --dry-run', 'Run packaging tests')))).toEqual([]);
    expect(sites(load(files('raku publish.raku --target=npm', 'Publish')))).toEqual(['release:10 possible npmjs unknown[lib]']);
  });

  it('system package managers are other destinations (winget, AUR, Scoop, Chocolatey)', () => {
    expect(sites(load(files('raku packaging/scripts/publish.raku --target=aur', 'Update AUR package')))).toEqual([]);
    expect(sites(load(files('./scripts/publish-winget.sh', 'Publish')))).toEqual([]);
    expect(sites(load(files('./scripts/publish-choco.sh', 'Publish')))).toEqual([]);
  });

  it('Vite+ runners: `vpx pkg-pr-new publish` is a preview, not npm (rolldown)', () => {
    expect(sites(load(files("vpx pkg-pr-new publish --compact --pnpm './packages/lib'", 'Publish')))).toEqual([]);
  });
});

describe('nx release publishes the projects of nx.json release.projects', () => {
  // code-pushup/cli: no package manager workspaces, projects listed for Nx Release only.
  const files = (projects: unknown): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true }),
    'nx.json': JSON.stringify({ release: { projects } }),
    'packages/a/package.json': pkg({ name: '@acme/a' }),
    'packages/b/package.json': pkg({ name: '@acme/b' }),
    'e2e/app/package.json': pkg({ name: 'e2e-app' }),
    '.github/workflows/r.yml': workflow('      - run: npx nx release publish\n'),
  });

  it('directory globs name the packages it may publish (nx release is a guess: which ones changed is not known)', () => {
    expect(sites(load(files(['packages/*'])))).toEqual(['release:6 likely npmjs unknown[@acme/a,@acme/b]']);
    expect(sites(load(files(['packages/*', '!packages/b'])))).toEqual(['release:6 likely npmjs unknown[@acme/a]']);
  });

  it('project names that name no Nx project (no project.json, no workspaces): no package named', () => {
    expect(sites(load(files(['cli', 'utils'])))).toEqual(['release:6 likely npmjs unknown[]']);
  });

  // jsverse/transloco: `release.projects` lists project.json names; the root package is never published.
  const byName = (release: unknown): Record<string, string> => ({
    'package.json': pkg({ name: 'transloco-nx' }),
    'nx.json': JSON.stringify({ release }),
    'libs/transloco/project.json': JSON.stringify({ name: 'transloco', tags: ['npm'] }),
    'libs/transloco/package.json': pkg({ name: '@jsverse/transloco' }),
    'libs/locale/project.json': JSON.stringify({ name: 'transloco-locale', tags: ['npm'] }),
    'libs/locale/package.json': pkg({ name: '@jsverse/transloco-locale' }),
    'apps/demo/project.json': JSON.stringify({ name: 'demo' }),
    'apps/demo/package.json': pkg({ name: 'demo', private: true }),
    '.github/workflows/r.yml': workflow('      - run: npx nx release publish\n'),
  });

  it('project names are read through the Nx projects (project.json names), not the root package', () => {
    expect(sites(load(byName({ projects: ['transloco', 'transloco-locale'] })))).toEqual([
      'release:6 likely npmjs unknown[@jsverse/transloco-locale,@jsverse/transloco]',
    ]);
    expect(sites(load(byName({ projects: ['transloco-*'] })))).toEqual(['release:6 likely npmjs unknown[@jsverse/transloco-locale]']);
  });

  it('tags, release groups and exclusions', () => {
    expect(sites(load(byName({ projects: ['tag:npm', '!transloco-locale'] })))).toEqual(['release:6 likely npmjs unknown[@jsverse/transloco]']);
    expect(sites(load(byName({ groups: { core: { projects: ['transloco'] }, extra: { projects: ['transloco-locale'] } } })))).toEqual([
      'release:6 likely npmjs unknown[@jsverse/transloco-locale,@jsverse/transloco]',
    ]);
  });

  it('a selected private project is not a candidate', () => {
    expect(sites(load(byName({ projects: ['demo', 'transloco'] })))).toEqual(['release:6 likely npmjs unknown[@jsverse/transloco]']);
  });

  it('a package.json project of npm workspaces is named by its package name', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'nx.json': JSON.stringify({ release: { projects: ['@acme/a'] } }),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      'packages/b/package.json': pkg({ name: '@acme/b' }),
      '.github/workflows/r.yml': workflow('      - run: npx nx release publish\n'),
    });
    expect(sites(p)).toEqual(['release:6 likely npmjs unknown[@acme/a]']);
  });

  // survey800a M3: `--projects` narrows the release projects, with or without nx.json `release`.
  const narrowed = (command: string, nxJson: unknown = { release: { projects: ['packages/*'] } }): string[] =>
    sites(load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*', 'tools/*'] }),
      'nx.json': JSON.stringify(nxJson),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      'packages/b/package.json': pkg({ name: '@acme/b' }),
      'tools/t/package.json': pkg({ name: 'acme-tool' }),
      '.github/workflows/r.yml': workflow(`      - run: ${command}\n`),
    }));

  it('`nx release publish --projects` publishes the named projects of the release', () => {
    expect(narrowed('pnpm nx release publish --projects=@acme/a')).toEqual(['release:6 likely npmjs unknown[@acme/a]']);
    expect(narrowed('npx nx release publish -p @acme/b')).toEqual(['release:6 likely npmjs unknown[@acme/b]']);
    expect(narrowed('npx nx release publish --projects=@acme/a', {})).toEqual(['release:6 likely npmjs unknown[@acme/a]']);
  });

  it('controls: no --projects, one outside the release, or an unreadable one: the release\'s packages', () => {
    expect(narrowed('npx nx release publish')).toEqual(['release:6 likely npmjs unknown[@acme/a,@acme/b]']);
    expect(narrowed('npx nx release publish --projects=acme-tool')).toEqual(['release:6 likely npmjs unknown[@acme/a,@acme/b]']);
    expect(narrowed('npx nx release publish --projects="$PROJECTS"')).toEqual(['release:6 likely npmjs unknown[@acme/a,@acme/b]']);
    expect(narrowed('npx nx release publish', {})).toEqual(['release:6 likely npmjs unknown[@acme/a,@acme/b,acme-tool]']);
  });
});

describe('a reusable workflow that runs the command its callers pass', () => {
  // parcel-bundler/parcel: release.yml runs `${{ inputs.release-command }}`, tag-release.yml passes `yarn release`.
  const callee = 'on:\n  workflow_call:\n    inputs:\n      release-command:\n        type: string\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${{ inputs.release-command }}\n';
  const caller = (command: string): string => `on: push\njobs:\n  go:\n    uses: ./.github/workflows/release.yml\n    with:\n      release-command: ${command}\n`;

  it('each caller\'s command is read: a likely publish at the `run:`', () => {
    const p = load({
      'package.json': pkg({ name: 'lib', scripts: { release: 'lerna publish from-package --yes' } }),
      '.github/workflows/release.yml': callee,
      '.github/workflows/tag.yml': caller('yarn release'),
      '.github/workflows/docs.yml': caller('yarn build-docs'),
    });
    expect(sites(p)).toEqual(['release:10 likely npmjs workspaces[lib]']);
  });

  it('the guesses of that job go once a caller\'s command publishes', () => {
    const guessing = callee.replace('    steps:\n', '    steps:\n      - uses: actions/setup-node@v6\n        with:\n          registry-url: https://registry.npmjs.org\n      - name: Release\n        run: ./scripts/release.sh\n');
    const p = load({
      'package.json': pkg({ name: 'lib', scripts: { release: 'lerna publish from-package --yes' } }),
      '.github/workflows/release.yml': guessing,
      '.github/workflows/tag.yml': caller('yarn release'),
    });
    expect(sites(p)).toEqual(['release:15 likely npmjs workspaces[lib]']);
  });

  it('a command the caller computes is not read', () => {
    const p = load({ 'package.json': pkg({ name: 'lib' }), '.github/workflows/release.yml': callee, '.github/workflows/tag.yml': caller('${{ vars.CMD }}') });
    expect(sites(p)).toEqual([]);
  });
});

describe('workspace sources keep their own negations', () => {
  it('nx.json `!packages/b` does not take a package out of npm workspaces', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'nx.json': JSON.stringify({ release: { projects: ['packages/*', '!packages/b'] } }),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      'packages/b/package.json': pkg({ name: '@acme/b' }),
      '.github/workflows/r.yml': workflow('      - run: npm publish -w packages/b\n'),
    });
    expect(sites(p)).toEqual(['release:6 certain npmjs single[@acme/b]']);
  });

  it('lerna `useWorkspaces` does not stop nx.json from being read', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'lerna.json': JSON.stringify({ useWorkspaces: true, packages: ['packages/*'] }),
      'nx.json': JSON.stringify({ release: { projects: ['libs/*'] } }),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      'libs/x/package.json': pkg({ name: '@acme/x' }),
      '.github/workflows/r.yml': workflow('      - run: npx nx release publish\n'),
    });
    expect(sites(p)).toEqual(['release:6 likely npmjs unknown[@acme/x]']);
  });

  it('npm reads the root .npmrc only for members of package.json `workspaces`, not pnpm-workspace.yaml ones', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - tools/*\n',
      '.npmrc': 'registry=https://registry.npmjs.org\n',
      'tools/cli/package.json': pkg({ name: 'cli' }),
      '.github/workflows/r.yml': workflow('      - working-directory: tools/cli\n        run: |\n          npm set registry https://npm.pkg.github.com/acme\n          npm publish\n'),
    });
    expect(sites(p)).toEqual(['release:9 certain other single[cli]']);
  });
});

describe('a matrix publish with an if: on the step', () => {
  it('only the combinations the step runs for count', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true }),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      'packages/b/package.json': pkg({ name: '@acme/b' }),
      '.github/workflows/r.yml': workflow("      - if: matrix.pkg == '@acme/a'\n        run: pnpm publish --filter=${{ matrix.pkg }}\n", "    strategy:\n      matrix:\n        pkg: ['@acme/a', '@acme/b']\n"),
    });
    expect(sites(p)).toEqual(['release:10 certain npmjs single[@acme/a]']);
  });
});

describe('a job or step that never runs', () => {
  it('`if: false` on the job or the step: no publish (launchdarkly/js-core)', () => {
    const files = (job: string, step = ''): Record<string, string> => ({ 'package.json': pkg({ name: 'lib' }), '.github/workflows/r.yml': workflow(`      - ${step}run: npm publish\n`, job) });
    expect(sites(load(files('    if: false\n')))).toEqual([]);
    expect(sites(load(files('    if: ${{ false }}\n')))).toEqual([]);
    expect(sites(load(files('', 'if: false\n        ')))).toEqual([]);
    // A condition tp-doctor cannot decide keeps the publish.
    expect(sites(load(files("    if: github.ref == 'refs/heads/main'\n")))).toEqual(['release:7 certain npmjs single[lib]']);
  });

  it('a template\'s guard on its own name, with the template\'s remote: no publish (storybookjs/addon-kit)', () => {
    const files = (job: string, remote = 'acme/template'): Record<string, string> => ({
      'package.json': pkg({ name: 'lib' }),
      '.git/config': `[remote "origin"]\n\turl = https://github.com/${remote}.git\n`,
      '.github/workflows/r.yml': workflow('      - run: npm publish\n', job),
    });
    const guard = "    if: \"!contains(github.event.head_commit.message, 'ci skip') && github.repository != 'Acme/Template'\"\n";
    expect(sites(load(files(guard)))).toEqual([]);
    expect(sites(load(files("    if: github.repository_owner != 'acme'\n")))).toEqual([]);
    // In a repository made from the template, the job runs.
    expect(sites(load(files(guard, 'someone/widget')))).toEqual(['release:7 certain npmjs single[lib]']);
    // The usual fork guard names the repository itself: it runs.
    expect(sites(load(files("    if: github.repository == 'acme/template'\n")))).toEqual(['release:7 certain npmjs single[lib]']);
    // A guard false in every repository tp-doctor could be in (a remote with an old name) is no proof.
    expect(sites(load(files("    if: github.repository == 'acme/new-name'\n")))).toEqual(['release:7 certain npmjs single[lib]']);
    // Without a GitHub remote, nothing is known of the repository.
    const noRemote = files(guard);
    delete noRemote['.git/config'];
    expect(sites(load(noRemote))).toEqual(['release:7 certain npmjs single[lib]']);
  });
});

describe('a root script that changes into a package and runs its script', () => {
  it('`cd packages/core && pnpm pub:release` reads packages/core\'s pub:release (unovue/reka-ui)', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, scripts: { 'pub:release': 'cd packages/core && pnpm pub:release' } }),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/core/package.json': pkg({ name: 'reka-ui', scripts: { 'pub:release': 'pnpm publish --no-git-checks --access public' } }),
      '.github/workflows/r.yml': workflow('      - run: pnpm build && pnpm pub:release\n'),
    });
    expect(sites(p)).toEqual(['release:6 certain npmjs single[reka-ui]']);
  });
});

describe('publishes under xargs and sh -c', () => {
  it('what xargs publishes comes from its input: the packages stay unknown (appsemble)', () => {
    const p = load({
      'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg({ name: '@acme/a' }),
      '.github/workflows/r.yml': workflow("      - run: ls packages | xargs -I{} sh -c 'npm publish packages/{}'\n"),
    });
    expect(sites(p)).toEqual(['release:6 certain npmjs unknown[@acme/a]']);
  });

  it('never the package the command runs in when the argument says where (sass/embedded-host-node\'s platform packages)', () => {
    const files = (run: string): Record<string, string> => ({
      'package.json': pkg({ name: 'sass-embedded' }),
      'npm/linux-x64/package.json': pkg({ name: 'sass-embedded-linux-x64' }),
      '.github/workflows/r.yml': workflow(`      - run: ${run}\n`),
    });
    // `$1` from find: any directory, so no candidate.
    expect(sites(load(files("find ./npm -mindepth 1 -maxdepth 1 -print0 | xargs -0 -n 1 -- sh -xc 'npm publish --provenance $1' --")))).toEqual(['release:6 certain npmjs unknown[]']);
    // `npm/{}`: the packages under npm/.
    expect(sites(load(files('ls npm | xargs -I{} npm publish npm/{}')))).toEqual(['release:6 certain npmjs unknown[sass-embedded-linux-x64]']);
    // The input appended as arguments: as before, any package.
    expect(sites(load(files('ls npm | xargs npm publish')))).toEqual(['release:6 certain npmjs unknown[sass-embedded]']);
    // A bare placeholder in a monorepo: any workspace package but the one the command runs in.
    const mono = { ...files('ls -d packages/* | xargs -I{} npm publish {}'), 'package.json': pkg({ name: 'root', workspaces: ['packages/*'] }), 'packages/a/package.json': pkg({ name: 'a' }) };
    expect(sites(load(mono))).toEqual(['release:6 certain npmjs unknown[a]']);
  });
});

describe('the .npmrc files a publish reads for provenance and tokens: the registry decision\'s', () => {
  // The provenance switches and the static-token check read the same project `.npmrc` files as the
  // registry decision: the npm CLI its local prefix's only, other tools their directory's and the root's.
  const step = (run: string, dir = './packages/lib'): string => `      - working-directory: ${dir}\n        run: ${run}\n`;
  const files = (run: string, extra: Record<string, string> = {}, dir?: string): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true }),
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'packages/lib/package.json': pkg({ name: 'lib' }),
    '.github/workflows/r.yml': workflow(step(run, dir)),
    ...extra,
  });
  /** `dir=value` for each `.npmrc` provenance switch that applies to lib. */
  const switches = (p: Project): string[] => {
    const lib = p.facts.packages.packages.find((x) => x.name === 'lib')!;
    return p.facts.provenanceFor(lib).flatMap((s) => (s.kind === 'npmrc' ? [`${s.dir}=${String(s.value)}`] : []));
  };
  const read = (p: Project): string[][] => p.facts.sites.map((s) => p.facts.npmrcDirsRead(s));

  const rows: { name: string; run: string; extra?: Record<string, string>; dir?: string; dirs: string[]; applies: string[] }[] = [
    { name: 'npm in a package of a pnpm workspace: only its own .npmrc, not the root\'s', run: 'npm publish', extra: { '.npmrc': 'provenance=false\n' }, dirs: ['packages/lib'], applies: [] },
    { name: 'npm there, its own .npmrc', run: 'npm publish', extra: { 'packages/lib/.npmrc': 'provenance=false\n' }, dirs: ['packages/lib'], applies: ['packages/lib=false'] },
    {
      name: 'npm in a member of package.json `workspaces`: the root\'s, not the member\'s',
      run: 'npm publish',
      extra: { 'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }), 'packages/lib/.npmrc': 'provenance=false\n', '.npmrc': 'provenance=true\n' },
      dirs: [''],
      applies: ['=true'],
    },
    { name: 'pnpm in the package: its own, then the root\'s', run: 'pnpm publish', extra: { '.npmrc': 'provenance=false\n' }, dirs: ['packages/lib', ''], applies: ['=false'] },
    { name: 'npm from the root with -w: the root\'s only', run: 'npm publish -w lib', dir: '.', extra: { 'packages/lib/.npmrc': 'provenance=false\n' }, dirs: [''], applies: [] },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const p = load(files(row.run, row.extra, row.dir));
      expect(read(p)).toEqual([row.dirs]);
      expect(switches(p)).toEqual(row.applies);
    });
  }

  it('a package no command is seen publishing: its own .npmrc and the root\'s', () => {
    const p = load({ ...files('echo nothing'), '.npmrc': 'provenance=false\n', 'packages/lib/.npmrc': 'provenance=true\n' });
    expect(p.facts.sites).toEqual([]);
    expect(switches(p)).toEqual(['=false', 'packages/lib=true']);
  });
});

describe('a publish whose package is a workflow_dispatch choice', () => {
  // reduxjs/redux-toolkit: `yarn workspace ${{ inputs.package }} exec npm publish`, the package a
  // `type: choice` input; an example workspace package is never one of the options.
  const dispatch = (options: string, extra = ''): string =>
    `on:\n${extra}  workflow_dispatch:\n    inputs:\n      package:\n        required: true\n        type: choice\n        options: ${options}\n      dir:\n        type: choice\n        default: a\n        options: [a, b]\n`;
  const files = (run: string, { options = "['@acme/a', '@acme/b']", extra = '', step = '' } = {}): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*', 'examples/*'] }),
    'packages/a/package.json': pkg({ name: '@acme/a' }),
    'packages/b/package.json': pkg({ name: '@acme/b' }),
    'examples/demo/package.json': pkg({ name: '@acme/demo' }),
    '.github/workflows/r.yml': `${dispatch(options, extra)}jobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - ${step}run: ${run}\n`,
  });
  /** `kind[packages] chosen[dirs] dir` of the one site. */
  const site = (f: Record<string, string>): string => {
    const [s, ...rest] = load(f).facts.sites;
    if (!s || rest.length > 0) throw new Error('one site expected');
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.certainty} ${s.targets.kind}[${list.map((p) => p.name).join(',')}] chosen[${(s.targets.chosen ?? []).join(',')}] dir=${s.directory}`;
  };
  const BOTH = 'certain single[@acme/a,@acme/b] chosen[packages/a,packages/b]';
  const EVERY = 'certain unknown[@acme/demo,@acme/a,@acme/b] chosen[] dir=';
  const cases: { name: string; files: Record<string, string>; want: string }[] = [
    { name: 'yarn workspace <choice> exec npm publish', files: files('yarn workspace ${{ inputs.package }} exec npm publish --access public'), want: `${BOTH} dir=` },
    { name: 'npm publish -w <choice>', files: files('npm publish -w ${{ inputs.package }}'), want: `${BOTH} dir=` },
    { name: 'pnpm --filter <github.event.inputs choice> publish', files: files('pnpm --filter ${{ github.event.inputs.package }} publish'), want: `${BOTH} dir=` },
    { name: 'a working-directory from a choice', files: files('npm publish', { step: 'working-directory: packages/${{ inputs.dir }}\n        ' }), want: `${BOTH} dir=undefined` },
    { name: 'a cd from a choice', files: files('cd packages/${{ inputs.dir }} && npm publish'), want: `${BOTH} dir=undefined` },
    // Every run publishes the one option: nothing is left to the choice.
    { name: 'a single option', files: files('npm publish -w ${{ inputs.package }}', { options: "['@acme/b']" }), want: 'certain single[@acme/b] chosen[] dir=' },
    { name: 'an if: on the step leaves one option', files: files('npm publish -w ${{ inputs.package }}', { step: "if: inputs.package == '@acme/a'\n        " }), want: 'certain single[@acme/a] chosen[] dir=' },
    // A choice in a word that selects nothing changes nothing.
    { name: 'a choice in --tag only', files: files('npm publish --tag ${{ inputs.dir }}', { step: 'working-directory: packages/a\n        ' }), want: 'certain single[@acme/a] chosen[] dir=packages/a' },
    // On push `inputs.package` is empty: what the command then publishes is not modelled.
    { name: 'another trigger: unknown', files: files('npm publish -w ${{ inputs.package }}', { extra: '  push:\n' }), want: EVERY },
    { name: 'an option that names no package: unknown', files: files('npm publish -w ${{ inputs.package }}', { options: "['@acme/a', all]" }), want: EVERY },
    // express-zod-api: pnpm finds `-F a` as `@acme/a`, which tp-doctor does not; a reading that finds no package keeps it unknown.
    { name: 'pnpm -F with options pnpm matches to scoped names: unknown', files: files('pnpm -F ${{ inputs.package }} publish', { options: "['@acme/a', b]" }), want: EVERY },
    { name: 'a reference that is not whole: unknown', files: files("npm publish -w ${{ inputs.package || '@acme/a' }}"), want: EVERY },
  ];
  for (const c of cases) it(c.name, () => expect(site(c.files)).toBe(c.want));

  it('a finding on a package only some choices publish is a warning at most (every rule through trustedPublish)', async () => {
    const f = files('npm publish -w ${{ inputs.package }}');
    f['packages/b/package.json'] = pkg({ name: '@acme/b', publishConfig: { registry: 'https://npm.pkg.github.com' } });
    f['.github/workflows/r.yml'] = f['.github/workflows/r.yml']!.replace('jobs:\n  release:\n', 'permissions:\n  id-token: write\njobs:\n  release:\n');
    const found = await lintFiles({ ...f, '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n' }, { rule: 'registry-is-npmjs' });
    expect(found.map((d) => `${d.messageId}:${d.severity}:${d.file}`)).toEqual([expect.stringMatching(/:warning:packages\/b\/package\.json$/)]);
  });

  it("a tool version read in a directory only some choices publish from is a warning at most (publish-tool-supports-oidc)", async () => {
    const f = files('yarn npm publish', { step: 'working-directory: packages/${{ inputs.dir }}\n        ' });
    f['packages/b/package.json'] = pkg({ name: '@acme/b', packageManager: 'yarn@4.5.0' });
    f['.github/workflows/r.yml'] = f['.github/workflows/r.yml']!.replace('jobs:\n  release:\n', 'permissions:\n  id-token: write\njobs:\n  release:\n');
    const found = await lintFiles({ ...f, '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n' }, { rule: 'publish-tool-supports-oidc' });
    expect(found.map((d) => `${d.messageId}:${d.severity}`)).toEqual(['unknown:warning', 'tooOld:warning']);
  });

  it('a choice and a matrix value together: every combination of both', () => {
    const f = files('pnpm --filter ${{ inputs.package }} --filter ${{ matrix.extra }} publish');
    f['.github/workflows/r.yml'] = f['.github/workflows/r.yml']!.replace('    steps:\n', "    strategy:\n      matrix:\n        extra: ['@acme/demo']\n    steps:\n");
    expect(site(f)).toBe('certain single[@acme/a,@acme/demo,@acme/b] chosen[packages/a,packages/b] dir=');
  });
});

describe('a called workflow whose package each caller gives (continuedev/continue)', () => {
  // `reusable-release.yml` runs `npx semantic-release` under `working-directory: ${{
  // inputs.package-path }}`; each `release-<name>.yml` calls it with its own path.
  const callee = (run: string, step = 'working-directory: ${{ inputs.path }}\n        '): string =>
    `on:\n  workflow_call:\n    inputs:\n      path:\n        type: string\n        required: true\n      name:\n        type: string\n        default: a\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - ${step}run: ${run}\n`;
  const caller = (withText: string): string => `on: push\njobs:\n  release:\n    uses: ./.github/workflows/reusable.yml\n    with:\n${withText}`;
  const files = (run: string, callers: string[], step?: string): Record<string, string> => {
    const out: Record<string, string> = {
      'package.json': pkg({ name: 'root', workspaces: ['packages/*'], devDependencies: { 'semantic-release': '^25.0.0' } }),
      'packages/a/package.json': pkg({ name: '@acme/a', devDependencies: { 'semantic-release': '^24.2.7', '@semantic-release/npm': '^13.1.5' } }),
      'packages/b/package.json': pkg({ name: '@acme/b', devDependencies: { 'semantic-release': '^24.2.7', '@semantic-release/npm': '^13.1.5' } }),
      'packages/c/package.json': pkg({ name: '@acme/c' }),
      '.github/workflows/reusable.yml': callee(run, step),
    };
    callers.forEach((w, i) => (out[`.github/workflows/release-${i}.yml`] = caller(w)));
    return out;
  };
  const site = (f: Record<string, string>): string => {
    const [s, ...rest] = load(f).facts.sites;
    if (!s || rest.length > 0) throw new Error('one site expected');
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.targets.kind}[${list.map((p) => p.name).join(',')}] chosen[${(s.targets.chosen ?? []).join(',')}] dir=${s.directory} dirs=${(s.directories ?? []).join(',')}`;
  };
  const TWO = ['      path: packages/a\n', '      path: packages/b\n'];
  const cases: { name: string; files: Record<string, string>; want: string }[] = [
    { name: 'a working-directory from each caller', files: files('npm publish', TWO), want: 'single[@acme/a,@acme/b] chosen[] dir=undefined dirs=packages/a,packages/b' },
    { name: 'a cd from each caller', files: files('cd ${{ inputs.path }} && npm publish', TWO, ''), want: 'single[@acme/a,@acme/b] chosen[] dir=undefined dirs=packages/a,packages/b' },
    { name: 'npm publish -w from a default and a given value', files: files('npm publish -w @acme/${{ inputs.name }}', ['      path: x\n', '      path: x\n      name: c\n'], ''), want: 'single[@acme/a,@acme/c] chosen[] dir= dirs=' },
    { name: 'callers that agree: one directory', files: files('npm publish', [TWO[0]!, TWO[0]!]), want: 'single[@acme/a] chosen[] dir=packages/a dirs=' },
    // A value the caller computes may be anything: the publish stays as unknown as before.
    { name: 'a caller that passes an expression: unknown', files: files('npm publish', [TWO[0]!, '      path: ${{ github.event.inputs.p }}\n']), want: 'unknown[@acme/a,@acme/b,@acme/c] chosen[] dir=undefined dirs=' },
    { name: 'a value that is no plain shell word: unknown', files: files('cd ${{ inputs.path }} && npm publish', [TWO[0]!, "      path: 'packages/a; rm -rf x'\n"], ''), want: 'unknown[@acme/a,@acme/b,@acme/c] chosen[] dir=undefined dirs=' },
  ];
  for (const c of cases) it(c.name, () => expect(site(c.files)).toBe(c.want));

  it("a caller whose inputs keep the job from running gives no reading (a smoke test's `dry: true`)", () => {
    const f = files('npm publish', [TWO[0]!, '      path: packages/b\n      dry: true\n']);
    f['.github/workflows/reusable.yml'] = f['.github/workflows/reusable.yml']!
      .replace('      name:\n', '      dry:\n        type: boolean\n        default: false\n      name:\n')
      .replace('    runs-on: ubuntu-latest\n', '    if: ${{ !inputs.dry }}\n    runs-on: ubuntu-latest\n');
    expect(site(f)).toBe('single[@acme/a] chosen[] dir=packages/a dirs=');
  });

  it('a workflow that also runs on its own keeps its inputs unknown', () => {
    const f = files('npm publish', TWO);
    f['.github/workflows/reusable.yml'] = f['.github/workflows/reusable.yml']!.replace('on:\n', 'on:\n  workflow_dispatch:\n');
    expect(site(f)).toMatch(/^unknown\[/);
  });

  it("each caller's directory runs its own copy of the tool (publish-tool-supports-oidc)", async () => {
    // The root's semantic-release 25 needs Node 22.14; the packages' 24.2.7 (with @semantic-release/npm 13.1.5) does not.
    const f = files('npx semantic-release', TWO);
    f['.github/workflows/reusable.yml'] = f['.github/workflows/reusable.yml']!.replace('    steps:\n', '    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n');
    const git = { '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n' };
    expect(await lintFiles({ ...f, ...git }, { rule: 'publish-tool-supports-oidc' })).toEqual([]);
    const root = files('npx semantic-release', ['      path: .\n']);
    root['.github/workflows/reusable.yml'] = f['.github/workflows/reusable.yml']!;
    const found = await lintFiles({ ...root, ...git }, { rule: 'publish-tool-supports-oidc' });
    expect(found.map((d) => d.messageId)).toEqual(['nodeTooOld']);
  });

  it('callers that each give their own package: no severalEntries warning (publish-from-trusted-workflow)', async () => {
    const git = { '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n' };
    const found = await lintFiles({ ...files('npm publish', TWO), ...git }, { rule: 'publish-from-trusted-workflow' });
    expect(found).toEqual([]);
    const same = await lintFiles({ ...files('npm publish', [TWO[0]!, TWO[0]!]), ...git }, { rule: 'publish-from-trusted-workflow' });
    expect(same.map((d) => d.messageId)).toEqual(['severalEntries']);
  });
});

describe("an action's dry run in a called workflow whose callers grant no ID token (MetaMask/metamask-sdk)", () => {
  const files = (grant: string): Record<string, string> => ({
    'package.json': pkg({ name: 'w' }),
    '.github/workflows/main.yml': `on: push\njobs:\n  release:\n    permissions:\n      contents: write\n${grant}    uses: ./.github/workflows/publish-release.yml\n`,
    '.github/workflows/publish-release.yml': 'on:\n  workflow_call:\njobs:\n  dry:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: MetaMask/action-npm-publish@v6\n',
  });
  it('no ID token from any caller and no npm-token: no publish', () => expect(load(files('')).facts.sites).toEqual([]));
  it('a caller that grants id-token: write: the publish stays', () => expect(load(files('      id-token: write\n')).facts.sites.length).toBe(1));
});

describe('a command kept in a variable and run by its name', () => {
  const site = (f: Record<string, string>): string[] => load(f).facts.sites.map((x) => `${x.certainty} ${x.publish.match.label} ${x.publish.location.start.line}`);
  const files = (steps: string): Record<string, string> => ({ 'package.json': pkg({ name: 'lib', devDependencies: { lerna: '9.0.0' } }), 'lerna.json': '{}', '.github/workflows/r.yml': workflow(steps) });
  it('written to $GITHUB_ENV by an earlier step, one value per branch (LuccaSA/lucca-front)', () => {
    const write = '      - run: |\n          if [ -n "$RC" ]; then\n            echo "CMD=npm publish --tag rc" >> "$GITHUB_ENV"\n          else\n            echo "CMD=npm stage publish" >> "$GITHUB_ENV"\n          fi\n';
    expect(site(files(`${write}      - run: $CMD\n`))).toEqual(['likely npm publish 12', 'likely npm stage publish 12']);
    // The publishing step sets the name itself: what the earlier step wrote does not reach it.
    expect(site(files(`${write}      - run: $CMD\n        env:\n          CMD: echo\n`))).toEqual([]);
  });
  it('assigned earlier in the same script (tsparticles: `$BASE_CMD --dist-tag alpha`)', () => {
    expect(site(files('      - run: |\n          BASE_CMD="lerna publish from-package --yes"\n          $BASE_CMD --dist-tag alpha\n'))).toEqual(['likely lerna publish 6']);
  });
  it("the command a runner runs, from a literal env (denoland/vscode_deno: `npx $VSCE_COMMAND publish`)", () => {
    const wf = (value: string): Record<string, string> => ({ ...files(''), '.github/workflows/r.yml': workflow('      - run: npx $VSCE_COMMAND publish --pat $PAT\n', `    env:\n      VSCE_COMMAND: ${value}\n`) });
    expect(site(wf("${{ '@vscode/vsce@2.31.0' }}"))).toEqual([]);
    expect(site(wf('lerna'))).toEqual(['likely lerna publish 8']);
  });
  it('quoted, or a value that holds another variable: not read', () => {
    expect(site(files('      - run: |\n          CMD="npm publish"\n          "$CMD"\n'))).toEqual([]);
    expect(site(files('      - run: |\n          CMD="$TOOL publish"\n          $CMD\n'))).toEqual([]);
  });
});

describe("`uses: ./` in a publishing action's own repository (cycjimmy/semantic-release-action)", () => {
  const files = (remote: string): Record<string, string> => ({
    '.git/config': `[remote "origin"]\n\turl = https://github.com/${remote}.git\n`,
    'package.json': pkg({ name: 'w' }),
    'action.yml': "name: x\nruns:\n  using: node24\n  main: dist/index.js\n",
    '.github/workflows/r.yml': workflow('      - uses: ./\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n'),
  });
  it('is that action', () => expect(load(files('cycjimmy/semantic-release-action')).facts.sites.map((x) => x.publish.match.label)).toEqual(['cycjimmy/semantic-release-action']));
  it("another repository's own action stays unread", () => expect(load(files('acme/widget')).facts.sites).toEqual([]));
  it("JS-DevTools/npm-publish's own end-to-end job: its `package` input still names the package (`ActionRecognizer.packageFrom`)", () => {
    const step = (pkgInput: string): Record<string, string> => ({
      ...files('JS-DevTools/npm-publish'),
      'e2e/fixture/package.json': pkg({ name: 'fixture' }),
      '.github/workflows/r.yml': workflow(`      - uses: ./\n        with:\n          package: ${pkgInput}\n          token: x\n`),
    });
    expect(sites(load(step('e2e/fixture/package.json')))).toEqual(['release:6 certain npmjs single[fixture]']);
    expect(sites(load(step('${{ steps.setup.outputs.package }}/package.json')))).toEqual(['release:6 certain npmjs unknown[w]']);
  });
});

describe('a tarball the job packed first (toss/es-toolkit: `yarn pack --out out/%s-%v.tgz`, then `npm publish out/*.tgz`)', () => {
  const site = (steps: string, extra: Record<string, unknown> = {}): string => {
    const s = load({ 'package.json': pkg({ name: 'w', ...extra }), '.github/workflows/r.yml': workflow(steps) }).facts.sites[0];
    return `${s?.targets.kind}[${(s?.targets.kind === 'unknown' ? s.targets.candidates : (s?.targets.packages ?? [])).map((p) => p.name).join(',')}]`;
  };
  it('packed in an earlier step: a candidate', () => expect(site('      - run: yarn pack --out out/%s-%v.tgz\n      - run: npm publish out/w.tgz\n')).toBe('unknown[w]'));
  // A literal tarball path that names the file the pack wrote is that package (src/model/npm/tarball-targets.ts).
  it('packed earlier in the same script, to the file it publishes: that package', () => expect(site('      - run: npm pack && npm publish w-1.0.0.tgz\n')).toBe('single[w]'));
  it('packed earlier in the same script, a glob published: a candidate', () => expect(site('      - run: npm pack && npm publish *.tgz\n')).toBe('unknown[w]'));
  it('another folder packed, or a cd first: no candidate', () => {
    expect(site('      - run: npm pack ./other && npm publish other-1.0.0.tgz\n')).toBe('unknown[]');
    expect(site('      - run: cd sub && npm pack && npm publish w-1.0.0.tgz\n')).toBe('unknown[]');
  });
  it('a finding about the candidate is a warning at most (provenance-repository-url)', async () => {
    const files = { 'package.json': pkg({ name: 'w' }), '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/w.git\n', '.github/workflows/r.yml': workflow('      - run: yarn pack --out out/%s-%v.tgz\n      - run: npm publish out/*.tgz --provenance\n', '    permissions:\n      id-token: write\n') };
    const found = await lintFiles(files, { rule: 'provenance-repository-url' });
    expect(found.map((d) => `${d.messageId}:${d.severity}`)).toEqual([expect.stringMatching(/:warning$/)]);
  });
});

describe('an absolute working-directory', () => {
  const files = (dir: string): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true }),
    'dist/package.json': pkg({ name: 'dist-pkg' }),
    '.github/workflows/r.yml': workflow(`      - run: npm publish\n        working-directory: ${dir}\n`),
  });
  const site = (dir: string): string => {
    const s = load(files(dir)).facts.sites[0];
    return `${s?.targets.kind}[${(s?.targets.packages ?? []).map((p) => p.name).join(',')}] dir=${s?.directory}`;
  };
  // vercel/vercel publishes a package.json written under /tmp: nothing of the repository.
  it('outside the workspace: no package of the repository', () => expect(site('/dist')).toBe('unknown[] dir=undefined'));
  it('under ${{ github.workspace }}: that folder of the repository', () => expect(site('${{ github.workspace }}/dist')).toBe('single[dist-pkg] dir=dist'));
});

describe('`id-token: write` spent on another login is no sign of npm (serverless/serverless)', () => {
  // Release jobs that assume an AWS role with the job's OIDC token and run `npm run publish:release`
  // (a script that uploads to S3, not read here).
  const files = (login: string): Record<string, string> => ({
    'package.json': pkg({ name: 'r', scripts: { 'publish:release': 'node scripts/upload.js' } }),
    '.github/workflows/r.yml': ['on: push', 'permissions:', '  id-token: write', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', login, '      - run: npm run publish:release', ''].join('\n'),
  });
  const certainty = (f: Record<string, string>): string[] => load(f).facts.sites.map((s) => s.certainty);
  it.each([
    ['no login: the permission is a weak sign, likely', '      - uses: actions/checkout@v4', ['likely']],
    ['an AWS role: possible', '      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::1:role/x', ['possible']],
    ['Google workload identity: possible', '      - uses: google-github-actions/auth@v2\n        with:\n          workload_identity_provider: projects/1/x', ['possible']],
    ['an AWS login with stored keys: the token may be for npm, likely', '      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${{ secrets.K }}', ['likely']],
    // atlassian-labs/compiled: the action trades the job's OIDC token for an Artifactory publish token.
    ['an Atlassian Artifactory publish token: possible', '      - uses: atlassian-labs/artifact-publish-token@v1.0.1\n        with:\n          output-modes: npm', ['possible']],
  ])('%s', (_name, login, want) => expect(certainty(files(login))).toEqual(want));
});

describe('a guess from a script name alone, in a job with no sign of npm (vitest-dev/vitest)', () => {
  // `"release": "tsx scripts/release.ts"` only bumps versions in vitest's prepare job.
  const workflow = (permissions: string, steps: string): string =>
    ['on: workflow_dispatch', 'jobs:', '  prepare:', '    runs-on: ubuntu-latest', '    permissions:', `      ${permissions}`, '    steps:', '      - uses: actions/checkout@v4', steps, '      - run: pnpm run release', ''].join('\n');
  const files = (permissions: string, steps: string): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'r', packageManager: 'pnpm@11.22.0', scripts: { release: 'tsx scripts/release.ts' } }),
    '.git/config': '[remote "origin"]\n\turl = https://github.com/o/r.git\n',
    '.github/workflows/prepare.yml': workflow(permissions, steps),
  });
  const setupNode = (extra: string): string => `      - uses: actions/setup-node@v4\n        with:\n          node-version: 24${extra}`;
  it.each([
    ['no sign of npm: a possible publish, so an info', 'contents: read', setupNode(''), 'info'],
    ['a registry-url for npmjs before it: likely, a warning', 'contents: read', setupNode('\n          registry-url: https://registry.npmjs.org'), 'warning'],
    ['an npm upgrade before it: likely, a warning', 'contents: read', `${setupNode('')}\n      - run: npm install -g npm@11.6.2`, 'warning'],
  ])('%s', async (_name, permissions, steps, severity) => {
    const found = await lintFiles(files(permissions, steps), { rule: 'require-id-token-write' });
    expect(found.map((d) => d.severity)).toEqual([severity]);
  });
});

describe('a working directory with an expression in its last segments (inngest/inngest-js)', () => {
  const files = (run: string, dir = 'packages/${{ matrix.package }}'): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'packages/a/package.json': pkg({ name: '@acme/a' }),
    'scripts/publish.js': 'const { execSync } = require("child_process");\nexecSync("npm publish --provenance");\n',
    'packages/a/publish.js': 'const { execSync } = require("child_process");\nexecSync("npm publish");\n',
    '.github/workflows/r.yml': workflow(`      - run: ${run}\n`, `    strategy:\n      matrix: \${{ fromJson(inputs.matrix) }}\n    defaults:\n      run:\n        working-directory: ${dir}\n`),
  });

  it('a script path that climbs out of the unknown segments is read', () => {
    expect(sites(load(files('node ../../scripts/publish.js')))).toEqual(['release:11 likely npmjs unknown[@acme/a]']);
  });

  it('a script path inside the unknown directory is not (no publish read from a file it may not be)', () => {
    expect(sites(load(files('node ./publish.js')))).toEqual([]);
    expect(sites(load(files('node ../publish.js')))).toEqual([]);
  });

  it('a `cd` first leaves the pattern behind', () => {
    expect(sites(load(files('cd "$X" && node ../../scripts/publish.js')))).toEqual([]);
  });

  it('an expression spanning the whole directory gives no pattern to climb out of', () => {
    expect(sites(load(files('node ../../scripts/publish.js', '${{ matrix.dir }}')))).toEqual([]);
  });
});

describe('a run that is one format() expression (rolldown/tsdown, generated by actionspack)', () => {
  it('the command in its literal is read, placed where it is written', () => {
    const run = "      - run: ${{ format('npm publish --access public {0}', inputs.tag && format('--tag {0}', inputs.tag) || '') }}\n";
    const p = load({ 'package.json': pkg({ name: 'lib' }), '.github/workflows/r.yml': workflow(run) });
    // `{0}` is a value in an argument's place: which package is not certain.
    expect(sites(p)).toEqual(['release:6 certain npmjs unknown[lib]']);
    expect(p.facts.sites[0]?.publish.location.start.column).toBe(run.indexOf('npm publish') + 1);
  });

  it('control: an expression that computes the whole command is not read', () => {
    const p = load({ 'package.json': pkg({ name: 'lib' }), '.github/workflows/r.yml': workflow("      - run: ${{ inputs.publish && 'npm publish' || 'true' }}\n") });
    expect(sites(p)).toEqual([]);
  });
});

describe('a script of another package runs in that package\'s directory', () => {
  // inngest/inngest-js's packages run `node ../../scripts/release/publish.js`.
  const files = (run: string): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'packages/a/package.json': pkg({ name: '@acme/a', scripts: { release: 'node ../../scripts/publish.js' } }),
    'scripts/publish.js': 'const { execSync } = require("child_process");\nexecSync("npm publish");\n',
    '.github/workflows/r.yml': workflow(`      - run: ${run}\n`),
  });

  it('its script files are found from there (`pnpm --filter`, `npm -w`, `yarn workspace`)', () => {
    for (const run of ['pnpm --filter @acme/a run release', 'npm -w packages/a run release', 'yarn workspace @acme/a release']) {
      expect(sites(load(files(run))).map((s) => s.replace(/:\d+ /, ' '))).toEqual(['release likely npmjs unknown[@acme/a]']);
    }
  });

  const labels = (p: Project): string[] => p.facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`);

  it('control: a selector naming no package reads no file (its script name alone is a guess)', () => {
    expect(labels(load(files('pnpm --filter @acme/zz run release')))).toEqual(['possible pnpm run release (script not found)']);
  });

  it('control: a path relative to the package is not read from the root', () => {
    const fs = files('pnpm --filter @acme/a run release');
    fs['packages/a/package.json'] = pkg({ name: '@acme/a', scripts: { release: 'node scripts/publish.js' } });
    fs['packages/a/scripts/publish.js'] = 'console.log("checks only")\n';
    // `scripts/publish.js` of the root publishes; the package's own file, read, does not.
    expect(labels(load(fs)).some((l) => l.includes('run by scripts/publish.js'))).toBe(false);
  });
});

describe('a publish directory built from a matrix value with text around it (cloudflare/workerd)', () => {
  const files = (steps: string, matrix = '[a, b]'): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true }),
    'npm/workerd-a/package.json': pkg({ name: '@cf/workerd-a' }),
    'npm/workerd-b/package.json': pkg({ name: '@cf/workerd-b' }),
    'npm/workerd-c/package.json': pkg({ name: '@cf/workerd-c' }),
    '.github/workflows/r.yml': workflow(steps, `    strategy:\n      matrix:\n        arch: ${matrix}\n`),
  });
  const names = (p: Project): string[] => p.facts.sites.flatMap((s) => (s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages).map((x) => x.name ?? '?'));

  it('`cd npm/workerd-${{ matrix.arch }} && npm publish`: each value\'s package', () => {
    expect(names(load(files('      - run: cd npm/workerd-${{ matrix.arch }} && npm publish --access public\n')))).toEqual(['@cf/workerd-a', '@cf/workerd-b']);
  });

  it('`working-directory: npm/workerd-${{ matrix.arch }}`: one publish per value', () => {
    expect(names(load(files('      - working-directory: npm/workerd-${{ matrix.arch }}\n        run: npm publish\n')))).toEqual(['@cf/workerd-a', '@cf/workerd-b']);
  });

  it('control: a matrix tp-doctor cannot read keeps the publish unknown', () => {
    const p = load(files('      - run: cd npm/workerd-${{ matrix.arch }} && npm publish\n', '${{ fromJSON(needs.plan.outputs.arch) }}'));
    expect(p.facts.sites.map((s) => s.targets.kind)).toEqual(['unknown']);
  });
});

describe('a working directory from a literal `env:` value (web-platform-dx/web-features)', () => {
  const files = (before = ''): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'packages/web-features/package.json': pkg({ name: 'web-features' }),
    'packages/compute-baseline/package.json': pkg({ name: 'compute-baseline' }),
    '.github/workflows/r.yml': `on: push\nenv:\n  package_dir: packages/web-features\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${before}      - working-directory: \${{ env.package_dir }}\n        run: npm publish\n`,
  });
  it('is read', () => {
    expect(sites(load(files())).map((s) => s.replace(/:\d+ /, ' '))).toEqual(['release certain npmjs single[web-features]']);
  });
  it('control: an earlier step may write the name to $GITHUB_ENV', () => {
    const p = load(files('      - run: echo "package_dir=packages/compute-baseline" >> $GITHUB_ENV\n'));
    expect(p.facts.sites.map((s) => s.targets.kind)).toEqual(['unknown']);
  });
});

describe('`npm publish $ARGS` with ARGS only ever set to options (lancedb/lancedb)', () => {
  const files = (script: string): Record<string, string> => ({
    'nodejs/package.json': pkg({ name: '@lancedb/lancedb', scripts: { prepublishOnly: 'napi prepublish -t npm' } }),
    'nodejs/npm/linux-x64-gnu/package.json': pkg({ name: '@lancedb/lancedb-linux-x64-gnu' }),
    '.github/workflows/r.yml': workflow(`      - working-directory: nodejs\n        run: |\n${script.split('\n').map((l) => `          ${l}`).join('\n')}\n`),
  });
  const read = (script: string): string[] => load(files(script)).facts.sites.map((s) => `${s.publish.match.label} ${s.certainty} [${(s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages).map((p) => p.name).join(',')}]`);

  it('publishes the package of its directory, with its prepublishOnly', () => {
    const script = 'ARGS="--access public"\nif [[ $DRY_RUN == "true" ]]; then\n  ARGS="$ARGS --dry-run"\nfi\nARGS="$ARGS --tag preview"\nnpm publish $ARGS';
    expect(read(script)).toEqual(['npm publish certain [@lancedb/lancedb]', 'napi prepublish (runs npm publish) likely [@lancedb/lancedb-linux-x64-gnu]']);
  });

  it('control: a variable that may hold a directory or a workspace keeps the publish unknown', () => {
    expect(read('ARGS="--access public ./dist"\nnpm publish $ARGS').at(-1)).toMatch(/^npm publish certain \[/);
    expect(load(files('ARGS="--access public ./dist"\nnpm publish $ARGS')).facts.sites.at(-1)?.targets.kind).toBe('unknown');
    expect(load(files('ARGS="-w a"\nnpm publish $ARGS')).facts.sites.at(-1)?.targets.kind).toBe('unknown');
    expect(load(files('read ARGS\nnpm publish $ARGS')).facts.sites.at(-1)?.targets.kind).toBe('unknown');
  });
});

describe('an expression that only gives options (signalapp/libsignal)', () => {
  const targets = (run: string): string[] => sites(load({ 'package.json': pkg({ name: 'lib' }), '.github/workflows/r.yml': workflow(`      - run: ${run}\n`) }));
  it("`${{ inputs.dry_run && '--dry-run' || '' }}` is no directory argument", () => {
    expect(targets("npm publish --access public ${{ inputs.dry_run && '--dry-run' || ''}} --provenance")).toEqual(['release:6 certain npmjs single[lib]']);
  });
  it('control: an expression that may give a directory, or a workspace option', () => {
    expect(targets("npm publish ${{ inputs.dir && 'dist' || '' }}")).toEqual(['release:6 certain npmjs unknown[lib]']);
    expect(targets("npm publish ${{ inputs.one && '-w a' || '' }}")).toEqual(['release:6 certain npmjs unknown[lib]']);
    expect(targets('npm publish ${{ inputs.args }}')).toEqual(['release:6 certain npmjs unknown[lib]']);
  });
});

describe('a publish command given to an action as its input is read for its targets like a run: step (gradio-app/gradio)', () => {
  const files = (publish: string): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true, scripts: { 'ci:publish': 'pnpm publish --no-git-checks -r --filter=@gradio/*' } }),
    'pnpm-workspace.yaml': 'packages:\n  - js/*\n  - gradio\n',
    'js/a/package.json': pkg({ name: '@gradio/a' }),
    'js/b/package.json': pkg({ name: '@gradio/b' }),
    // A version carrier for the Python package, never published.
    'gradio/package.json': pkg({ name: 'gradio' }),
    '.github/workflows/r.yml': workflow(`      - uses: changesets/action@v1\n        with:\n          publish: ${publish}\n`),
  });
  it.each([
    ['a pnpm filter in the input', 'pnpm -r --filter "@gradio/*" publish'],
    ['a pnpm filter in the script the input runs', 'pnpm ci:publish'],
  ])('%s: only the packages it selects', (_what, publish) => {
    expect(sites(load(files(publish)))).toEqual(['release:6 certain npmjs single[@gradio/a,@gradio/b]']);
  });
  it('the same command in a run: step gives the same packages', () => {
    const run = files('x');
    run['.github/workflows/r.yml'] = workflow('      - run: pnpm -r --filter "@gradio/*" publish\n');
    expect(sites(load(run))).toEqual(['release:6 certain npmjs single[@gradio/a,@gradio/b]']);
  });
  it('a command the action runs in another directory (`cwd:`, its `directoryInput`) is read there, as a run: step\'s `working-directory`', () => {
    const elsewhere = files('x');
    elsewhere['.github/workflows/r.yml'] = workflow('      - uses: changesets/action@v1\n        with:\n          cwd: js/a\n          publish: npm publish\n');
    expect(sites(load(elsewhere))).toEqual(['release:6 certain npmjs single[@gradio/a]']);
  });
  it('an action\'s own command (no input) still selects what tp-doctor cannot see', () => {
    const own = files('x');
    own['.github/workflows/r.yml'] = workflow("      - uses: ioBroker/testing-action-deploy@v1\n        with:\n          node-version: '24.x'\n");
    expect(sites(load(own))[0]).toMatch(/unknown\[/);
  });
});

describe('npm configuration from the environment: NPM_CONFIG_DRY_RUN', () => {
  const files = (run: string, env: string, level: 'step' | 'job' = 'step'): Record<string, string> => ({
    'package.json': pkg({ name: 'lib' }),
    '.github/workflows/r.yml': level === 'step' ? workflow(`      - run: ${run}\n        env:\n${env}`) : workflow(`      - run: ${run}\n`, `    env:\n${env}`),
  });
  it('`true` in the step\'s or the job\'s env: npm publish and pnpm publish are dry runs, no publish', () => {
    expect(sites(load(files('npm publish', '          NPM_CONFIG_DRY_RUN: true\n')))).toEqual([]);
    expect(sites(load(files('pnpm publish', '      npm_config_dry_run: "true"\n', 'job')))).toEqual([]);
  });
  it('an expression: maybe a dry run, a guess', () => {
    expect(sites(load(files('npm publish', '          NPM_CONFIG_DRY_RUN: ${{ inputs.dry-run }}\n')))).toEqual(['release:6 likely npmjs unknown[lib]']);
  });
  it('control: false, an option on the command, or another tool', () => {
    expect(sites(load(files('npm publish', '          NPM_CONFIG_DRY_RUN: false\n')))).toEqual(['release:6 certain npmjs single[lib]']);
    expect(sites(load(files('npm publish --dry-run=false', '          NPM_CONFIG_DRY_RUN: true\n')))).toEqual(['release:6 certain npmjs single[lib]']);
    expect(sites(load(files('yarn npm publish', '          NPM_CONFIG_DRY_RUN: true\n'))).length).toBe(1);
  });
});

describe('a step whose `if:` reads the outputs of a step id no earlier step has (0xTheProDev/js-utils)', () => {
  const files = (condition: string, id = 'changesets'): Record<string, string> => ({
    'package.json': pkg({ name: 'lib' }),
    '.github/workflows/r.yml': workflow(`      - id: ${id}\n        run: echo hasChangesets=false >> $GITHUB_OUTPUT\n      - if: ${condition}\n        run: npm publish\n`),
  });
  it('the reference is null, so `== \'false\'` never holds: no publish', () => {
    expect(sites(load(files("steps.changesets.outputs.hasChangesets == 'false'", 'version')))).toEqual([]);
  });
  it('control: an earlier step with that id, or a test that null passes, keeps the publish', () => {
    expect(sites(load(files("steps.changesets.outputs.hasChangesets == 'false'")))).toEqual(['release:9 certain npmjs single[lib]']);
    expect(sites(load(files("steps.changesets.outputs.published != 'true'", 'version')))).toEqual(['release:9 certain npmjs single[lib]']);
  });
});

describe('a job that needs a job that never runs is skipped (duckdb/duckdb-node)', () => {
  const files = (publishIf = ''): Record<string, string> => ({
    'package.json': pkg({ name: 'lib' }),
    '.github/workflows/r.yml': `on: push\njobs:\n  build:\n    if: false\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  test:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n  release:\n    needs: [test]\n${publishIf}    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n`,
  });
  it('directly or through another needed job: no publish', () => {
    expect(sites(load(files()))).toEqual([]);
  });
  it('control: an if: with always() lets it run after a skipped need', () => {
    expect(sites(load(files('    if: always()\n')))).toEqual(['release:18 certain npmjs single[lib]']);
  });
  it('control: any status function, success() too, may let it run (GitHub adds no implicit success() then)', () => {
    expect(sites(load(files("    if: success() || github.event_name == 'workflow_dispatch'\n")))).toEqual(['release:18 certain npmjs single[lib]']);
  });
});

describe('`--registry "$NAME"` from a literal env: entry (0xkey-io/sdk-js)', () => {
  const files = (run: string, env = '      REG: https://registry.npmjs.org/\n'): Record<string, string> => ({
    'package.json': pkg({ name: 'lib' }),
    '.github/workflows/r.yml': workflow(`      - run: ${run}\n`, `    env:\n${env}`),
  });
  it('the shell puts the value in: the registry is known', () => {
    expect(sites(load(files('npm publish --registry="$REG"')))).toEqual(['release:8 certain npmjs single[lib]']);
    expect(sites(load(files('npm publish --registry ${REG}', '      REG: https://npm.pkg.github.com/\n')))).toEqual(['release:8 certain other single[lib]']);
  });
  it('control: a value the script may change, or an expression, stays unknown', () => {
    expect(sites(load(files('REG=$(cat reg.txt); npm publish --registry "$REG"')))[0]).toMatch(/ unknown /);
    expect(sites(load(files('npm publish --registry "$REG"', '      REG: ${{ vars.REG }}\n')))[0]).toMatch(/ unknown /);
  });
});

describe('`yarn publish` in a Yarn 2+ project runs the `publish` script (0chain/zus-js-sdk)', () => {
  const files = (manager: string, scripts: Record<string, string> = {}): Record<string, string> => ({
    'package.json': pkg({ name: 'lib', packageManager: manager, scripts }),
    '.github/workflows/r.yml': workflow('      - run: yarn publish\n'),
  });
  const labels = (f: Record<string, string>): string[] => load(f).facts.sites.map((s) => `${s.publish.match.label} ${s.certainty}`);
  it('with a `publish` script: what it runs', () => {
    expect(labels(files('yarn@4.2.1', { publish: 'yarn npm publish --access public' }))).toEqual(['yarn npm publish certain']);
  });
  it('without one: no Yarn 1 publish, a guess from the name (the command fails: no such script)', () => {
    expect(labels(files('yarn@4.2.1'))).toEqual(['yarn run publish (script not found) possible']);
  });
  it('control: Yarn 1 has `yarn publish`', () => {
    expect(labels(files('yarn@1.22.22'))).toEqual(['yarn publish (Yarn 1) certain']);
  });
});
