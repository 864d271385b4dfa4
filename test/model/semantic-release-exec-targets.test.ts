/**
 * What an `@semantic-release/exec` `publishCmd` publishes: it runs where semantic-release runs,
 * and its own `cd`s lead the publish as in a `run:` block (neovasili/pulumi-components-demo:
 * `cd sdk/nodejs && npm publish --provenance --access public --tag ${nextRelease.channel || 'latest'}
 * && cd ../.. && bash scripts/tag_go_module.sh`, in a pnpm workspace whose `components/**` and
 * `examples/*` it never publishes). src/model/npm/script-file-targets.ts `configLineTargets`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const pkg = (name: string, more: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '1.0.0', ...more });

/** A pnpm workspace whose members are not what the release publishes; the SDK is generated but committed. */
const REPO: Record<string, string> = {
  'package.json': pkg('demo-root', { packageManager: 'pnpm@10.28.0' }),
  'pnpm-workspace.yaml': 'packages:\n  - "components/**"\n  - "examples/*"\n',
  'components/storage/package.json': pkg('@demo/storage'),
  'examples/nodejs/package.json': pkg('demo-example'),
  'sdk/nodejs/package.json': pkg('@demo/sdk', { repository: { type: 'git', url: 'https://github.com/acme/widget' } }),
  'scripts/tag.sh': '#!/bin/sh\ngit tag "sdk/go/v$1"\n',
};

const config = (publishCmd: string): string =>
  `module.exports = {\n  branches: ['main'],\n  plugins: [\n    '@semantic-release/commit-analyzer',\n    ['@semantic-release/exec', {\n      publishCmd: ${JSON.stringify(publishCmd)},\n    }],\n    '@semantic-release/github',\n  ],\n};\n`;

const workflow = (run: string): string =>
  `on:\n  push:\n    branches: [main]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n      - run: ${run}\n`;

/** `certainty kind[names] @directory` of each publish site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ ...REPO, ...files }), {}).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.certainty} ${s.targets.kind}[${list.map((x) => x.name).join(',')}] @${s.directory ?? '?'}`;
  });
}

const SDK = 'certain single[@demo/sdk] @sdk/nodejs';
/** What a publish from a directory tp-doctor cannot tell may publish: the workspace packages. */
const ANY_WORKSPACE = 'certain unknown[@demo/storage,demo-example] @?';

describe('an exec publishCmd publishes from where its cds lead', () => {
  const cases: { name: string; files: Record<string, string>; want: string[] }[] = [
    {
      name: "neovasili/pulumi-components-demo: `cd sdk/nodejs && npm publish … && cd ../.. && bash scripts/tag.sh`",
      files: {
        'release.config.cjs': config("cd sdk/nodejs && npm publish --provenance --access public --tag ${nextRelease.channel || 'latest'} && cd ../.. && bash scripts/tag.sh ${nextRelease.version}"),
        '.github/workflows/release.yml': workflow('pnpm exec semantic-release'),
      },
      want: [SDK],
    },
    {
      name: 'a `cd` with `;`, in a `.releaserc.json`',
      files: { '.releaserc.json': JSON.stringify({ plugins: [['@semantic-release/exec', { publishCmd: 'cd sdk/nodejs; npm publish' }]] }), '.github/workflows/release.yml': workflow('npx semantic-release') },
      want: [SDK],
    },
    {
      name: 'semantic-release run by a root script: the line starts at the root',
      files: {
        'package.json': pkg('demo-root', { scripts: { release: 'semantic-release' } }),
        'release.config.cjs': config('cd sdk/nodejs && npm publish'),
        '.github/workflows/release.yml': workflow('npm run release'),
      },
      want: [SDK],
    },
    {
      name: 'semantic-release run in a subdirectory: the line starts there',
      files: {
        'tools/package.json': JSON.stringify({ name: 'release-tools', private: true, scripts: { lint: 'eslint .' } }),
        'tools/release.config.cjs': config('cd ../sdk/nodejs && npm publish'),
        '.github/workflows/release.yml': workflow('cd tools && npx semantic-release'),
      },
      want: [SDK],
    },
    {
      name: 'a directory without a committed package.json (generated at build time): unknown, no candidate',
      files: { 'release.config.cjs': config('cd sdk/generated && npm publish'), '.github/workflows/release.yml': workflow('npx semantic-release') },
      want: ['certain unknown[] @sdk/generated'],
    },
    {
      name: 'a loop in the line over literal directories: those only',
      files: { 'release.config.cjs': config('for d in sdk/nodejs examples/nodejs; do (cd $d && npm publish); done'), '.github/workflows/release.yml': workflow('npx semantic-release') },
      want: ['certain unknown[demo-example,@demo/sdk] @?'],
    },
    // Controls.
    {
      name: 'control: no `cd`: the package where semantic-release runs, never the workspace',
      files: { 'release.config.cjs': config('npm publish --access public'), '.github/workflows/release.yml': workflow('npx semantic-release') },
      want: ['certain single[demo-root] @'],
    },
    {
      name: 'control: a `cd` to a variable: unknown as in a `run:` block',
      files: { 'release.config.cjs': config('cd "$SDK_DIR" && npm publish'), '.github/workflows/release.yml': workflow('npx semantic-release') },
      want: [ANY_WORKSPACE],
    },
    {
      name: 'control: a `cd` in a branch the publish is not in is not followed',
      files: { 'release.config.cjs': config('if [ -n "$X" ]; then cd sdk/nodejs; fi; npm publish'), '.github/workflows/release.yml': workflow('npx semantic-release') },
      want: [ANY_WORKSPACE],
    },
    {
      name: 'control: a dry run publishes nothing',
      files: { 'release.config.cjs': config('cd sdk/nodejs && npm publish --dry-run'), '.github/workflows/release.yml': workflow('npx semantic-release') },
      want: [],
    },
  ];
  it.each(cases)('$name', ({ files, want }) => {
    expect(sites(files)).toEqual(want);
  });
});

describe('provenance-repository-url reads the package the publishCmd publishes', () => {
  const files = (sdk: Record<string, unknown>): Record<string, string> => ({
    ...REPO,
    'sdk/nodejs/package.json': pkg('@demo/sdk', sdk),
    'release.config.cjs': config('cd sdk/nodejs && npm publish --provenance --access public'),
    '.github/workflows/release.yml': workflow('pnpm exec semantic-release'),
    '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n',
  });

  it('no warning on the workspace packages it does not publish', async () => {
    const found = await lintFiles(files({ repository: { type: 'git', url: 'https://github.com/acme/widget' } }), { rule: 'provenance-repository-url' });
    expect(found.map((d) => `${d.file} ${d.messageId}`)).toEqual([]);
  });

  it('control: the published package without `repository` is reported', async () => {
    const found = await lintFiles(files({}), { rule: 'provenance-repository-url' });
    expect(found.map((d) => `${d.file} ${d.messageId}`)).toEqual(['sdk/nodejs/package.json missing']);
  });
});
