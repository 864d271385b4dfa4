/**
 * Two guesses of survey917a, end to end: a `npm run` that a JavaScript file runs in a fresh clone
 * (jquery/jquery's verify-release.yml: `exec('npm run release:dist', { cwd: releaseFolder })`) is a
 * possible publish that says it was run in a directory tp-doctor cannot see, not "script not
 * found"; and `npm publish --dry-run ${{ matrix.dir }}` whose matrix lists only paths is a dry run.
 */
import { describe, expect, it } from 'vitest';
import { inferPublishers } from '../../src/config/infer.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../../test/helpers.js';

const PKG = (scripts: Record<string, string> = {}): string => JSON.stringify({ name: 'widget', repository: { url: 'git+https://github.com/acme/widget.git' }, scripts });

const VERIFY_WORKFLOW = `on: push
permissions:
  contents: read
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm run release:verify
`;
const VERIFY_JS = "import { exec } from 'node:child_process';\nconst releaseFolder = path.join('tmp/verify', version);\nawait exec('npm ci', { cwd: releaseFolder });\nawait exec(`npm run release:dist ${version}`, { cwd: releaseFolder });\n";
const SCRIPTS = { 'release:verify': 'node build/release/verify.js', 'release:dist': 'node build/release/dist.js' };

describe('a `npm run` a JavaScript file runs with a cwd tp-doctor cannot resolve (jquery/jquery)', () => {
  const files = { 'package.json': PKG(SCRIPTS), '.github/workflows/verify-release.yml': VERIFY_WORKFLOW, 'build/release/verify.js': VERIFY_JS, 'build/release/dist.js': "import fs from 'node:fs';\nfs.cpSync('dist', 'out');\n" };
  it('stays a possible publish at info, and the note says the directory was not seen', async () => {
    const found = await lintFiles(files);
    expect(found.map((d) => `${d.ruleId} ${d.severity} ${d.line}:${d.column} ${d.message}`)).toEqual([
      'require-id-token-write info 2:1 The workflow-level `permissions` gives job "run", which may publish to npm, `id-token: none` (not listed); expected `id-token: write`',
      'require-environment-protection info 5:3 Job "run" may publish to npm without an `environment`, so no required reviewer or branch rule can hold the publish',
    ]);
    const { note } = inferPublishers(loadProject(new MemoryFs(files)), EMPTY_CONFIG);
    expect(note).toContain('verify-release.yml job "run" (npm run release:dist (run with cwd releaseFolder, in a directory tp-doctor cannot see) (run by build/release/verify.js))');
    expect(note).not.toContain('script not found');
  });
  it('control: the same script run where the file runs is read in the repository, and publishes nothing', async () => {
    const here = { ...files, 'build/release/verify.js': "import { exec } from 'node:child_process';\nawait exec('npm run release:dist');\n" };
    expect(await lintFiles(here)).toEqual([]);
  });
});

describe('`npm publish --dry-run ${{ matrix.x }}` (survey917a F1)', () => {
  const workflow = (values: string): string => `on: push
jobs:
  dry:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        dir: ${values}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - run: npm publish --dry-run \${{ matrix.dir }}
`;
  const lint = async (values: string): Promise<string[]> => (await lintFiles({ 'package.json': PKG(), '.github/workflows/dry.yml': workflow(values) })).map((d) => `${d.ruleId} ${d.severity} ${d.line}:${d.column}`);
  it('every listed value a path: a dry run, nothing reported', async () => {
    expect(await lint('[packages/a, packages/b]')).toEqual([]);
  });
  it('control: a value that is `false` may turn the dry run off: a publish, as before', async () => {
    expect(await lint('[packages/a, "false"]')).toEqual([
      'require-id-token-write warning 3:3',
      'require-environment-protection info 3:3',
      'npm-supports-oidc warning 13:14',
    ]);
  });
});
