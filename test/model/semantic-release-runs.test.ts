/**
 * Two semantic-release runs tp-doctor used to miss (a whole repository, through `loadProject`):
 * - Shopify/react-native-skia: `yarn release` runs semantic-release, whose `@semantic-release/exec`
 *   `publishCmd` ends `npm publish *.tgz … --tag ${nextRelease.channel || 'latest'}`, a lodash
 *   value computed in the template (src/model/npm/semantic-release-exec.ts);
 * - electron/rebuild: `uses: electron/semantic-trusted-release@<sha>`, and codfish's action, which
 *   run their own semantic-release in the repository (`ACTION_RECOGNIZERS`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lint } from '../../src/api.js';
import { rules as registry } from '../../rules/index.js';

/** `recognizer confidence label` per publish site. */
function publishes(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => `${s.publish.match.recognizer} ${s.publish.match.confidence} ${s.publish.match.label}`);
}

const SKIA_RELEASERC = JSON.stringify({
  branches: ['main'],
  plugins: [
    '@semantic-release/commit-analyzer',
    ['semantic-release-yarn', { npmPublish: false, tarballDir: 'dist' }],
    ['@semantic-release/exec', { publishCmd: "cd dist && npm publish *.tgz --provenance --access public --tag ${nextRelease.channel || 'latest'}" }],
  ],
});

const skia = (publishCmd?: string): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], packageManager: 'yarn@3.6.4' }),
  'packages/lib/package.json': JSON.stringify({ name: '@acme/lib', version: '0.0.0-development', repository: 'github:acme/widget', scripts: { release: 'semantic-release' } }),
  'packages/lib/.releaserc': publishCmd === undefined ? SKIA_RELEASERC : SKIA_RELEASERC.replace(/"publishCmd":"[^"]*"/, `"publishCmd":${JSON.stringify(publishCmd)}`),
  '.github/workflows/release.yml':
    'on: workflow_dispatch\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v5\n      - run: yarn install --immutable\n      - name: Release\n        working-directory: packages/lib\n        run: yarn release\n',
});

const withAction = (uses: string): Record<string, string> => ({
  'package.json': JSON.stringify({ name: '@acme/widget', version: '0.0.0-development', repository: 'github:acme/widget', devDependencies: { 'semantic-release': '^25.0.0' } }),
  '.releaserc.json': JSON.stringify({ plugins: ['@semantic-release/commit-analyzer', '@semantic-release/npm'], branches: ['main'] }),
  '.github/workflows/release.yml': `on:\n  push:\n    branches: [main]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    environment: npm-trusted-publisher\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ${uses}\n        with:\n          github-token: \${{ secrets.GITHUB_TOKEN }}\n`,
});

const EXEC_NPM = 'npm-publish certain npm publish (publishCmd of @semantic-release/exec in packages/lib/.releaserc)';

describe('semantic-release runs found in a whole repository', () => {
  const cases: { name: string; files: Record<string, string>; want: string[] }[] = [
    { name: "react-native-skia: `--tag ${nextRelease.channel || 'latest'}` in publishCmd", files: skia(), want: [EXEC_NPM] },
    { name: 'the same with `<%= nextRelease.channel || "latest" %>`', files: skia('cd dist && npm publish *.tgz --tag <%= nextRelease.channel || "latest" %>'), want: [EXEC_NPM] },
    { name: 'control: `<% code %>` in publishCmd stays unread', files: skia("<% if (nextRelease.channel) { %>cd dist && npm publish *.tgz<% } %>"), want: [] },
    {
      name: 'electron/rebuild: electron/semantic-trusted-release by SHA',
      files: withAction('electron/semantic-trusted-release@03517840010ba30fe5264f4875f4cff066b658d1 # v1.1.0'),
      want: ['semantic-trusted-release-action certain electron/semantic-trusted-release'],
    },
    { name: 'codfish/semantic-release-action@v3', files: withAction('codfish/semantic-release-action@v3'), want: ['codfish-semantic-release-action certain codfish/semantic-release-action'] },
    {
      // codfish/eslint-config: the action's own image, as its README recommends.
      name: 'docker://ghcr.io/codfish/semantic-release-action@sha256:…',
      files: withAction('docker://ghcr.io/codfish/semantic-release-action@sha256:c6a4e05d93f73f2870887434c1286df7a23a55770be16cb826b6e2432f92e650'),
      want: ['codfish-semantic-release-action certain codfish/semantic-release-action'],
    },
    { name: 'control: another image', files: withAction('docker://ghcr.io/acme/semantic-release-action@sha256:c6a4e05d93f73f2870887434c1286df7a23a55770be16cb826b6e2432f92e650'), want: [] },
    { name: 'control: an action tp-doctor does not know', files: withAction('acme/release@v1'), want: [] },
  ];
  it.each(cases)('$name', ({ files, want }) => {
    expect(publishes(files)).toEqual(want);
  });
});

/**
 * spartan-ng/spartan: semantic-release with `@semantic-release/exec` and no npm plugin, whose
 * `publishCmd` runs a script tp-doctor cannot follow (an Nx target of a custom executor there; a
 * TypeScript file two scripts down here). It is the release's publish: a guess, never dropped.
 */
describe('a publishCmd tp-doctor cannot follow is a guessed publish of the job', () => {
  const spartan = (publishCmd: string, setup: string): Record<string, string> => ({
    // As there, the script named like a publish runs another that runs what tp-doctor cannot read.
    'package.json': JSON.stringify({ name: 'root', private: true, repository: 'github:acme/widget', scripts: { release: 'pnpm run ship', ship: 'tsx tools/ship.ts', bump: 'node tools/bump.mjs' } }),
    'release.config.mjs': `export default {\n  branches: ['main'],\n  plugins: [\n    ['@semantic-release/exec', {\n      prepareCmd: 'VERSION=\${nextRelease.version} pnpm run bump',\n      publishCmd: '${publishCmd}',\n    }],\n    '@semantic-release/github',\n  ],\n};\n`,
    '.github/workflows/release.yml': `on:\n  push:\n    branches: [main]\njobs:\n  release:\n    runs-on: ubuntu-latest\n${setup}    steps:\n      - uses: actions/checkout@v5\n      - uses: actions/setup-node@v6\n        with:\n          node-version: 24\n${setup === '' ? '' : '          registry-url: https://registry.npmjs.org\n'}      - run: pnpm semantic-release\n`,
  });
  const signed = '    permissions:\n      id-token: write\n';
  const sites = (files: Record<string, string>): string[] =>
    loadProject(new MemoryFs(files)).facts.sites.map((s) => `${s.certainty} ${s.publish.match.recognizer} ${s.publish.match.label}${s.publish.because ? ` | ${s.publish.because}` : ''}`);
  const LABEL = 'TAG=${nextRelease.channel} pnpm run release (publishCmd of @semantic-release/exec in release.config.mjs, runs an unrecognised command)';

  it('with signs of npm in the job: likely', () => {
    expect(sites(spartan('TAG=${nextRelease.channel} pnpm run release', signed))).toEqual([`likely semantic-release-exec ${LABEL}`]);
  });

  it('with no sign of npm: possible, because it is the exec publishCmd', () => {
    expect(sites(spartan('TAG=${nextRelease.channel} pnpm run release', ''))).toEqual([
      `possible semantic-release-exec ${LABEL} | ${LABEL}: a guess from semantic-release's @semantic-release/exec publishCmd, with no sign of npm in the job before it`,
    ]);
  });

  it('the inferred publisher names the workflow, not "no workflow that publishes"', async () => {
    const outcome = await lint({ fs: new MemoryFs(spartan('TAG=${nextRelease.channel} pnpm run release', signed)), rules: registry });
    expect(outcome.ok && outcome.notes.join('\n')).toContain('workflow release.yml');
  });

  it('control: `npm publish` in publishCmd stays certain', () => {
    expect(sites(spartan('npm publish', signed))).toEqual(['certain npm-publish npm publish (publishCmd of @semantic-release/exec in release.config.mjs)']);
  });

  it('control: `echo done` in publishCmd publishes nothing', async () => {
    const files = spartan('echo done', signed);
    expect(sites(files)).toEqual([]);
    const outcome = await lint({ fs: new MemoryFs(files), rules: registry });
    expect(outcome.ok && outcome.notes.join('\n')).toContain('no workflow that publishes');
  });
});
