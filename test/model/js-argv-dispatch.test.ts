/**
 * A committed build script that publishes only in one branch of a dispatch on its first argument,
 * run with another (survey921a F3, UsefulSoftwareCo/executor: `bun run --filter=executor
 * build:preview:tarball` runs `build.ts preview-tarball`, whose `npm publish` is reached only from
 * `else if (command === "publish")`): it does not publish for that run, and its workflow is neither
 * a publisher nor inferred as one (src/model/npm/js-argv-dispatch.ts).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { inferPublishers } from '../../src/config/infer.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { loadProject } from '../../src/model/project.js';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';
import { lintFiles } from '../helpers.js';

// The repro's src/build.mjs (survey921a/repro/script-subcommand-not-publish).
const BUILD = [
  'import { execSync } from "node:child_process";',
  'const command = process.argv[2];',
  'function publish(channel) {',
  '  execSync(`npm publish *.tgz --access public --tag ${channel}`, { stdio: "inherit" });',
  '}',
  'if (command === "preview") {',
  '  console.log("building preview tarball");',
  '} else if (command === "publish") {',
  '  publish(process.argv[3] ?? "latest");',
  '}',
  '',
].join('\n');
const SCRIPTS = { 'build:preview': 'node src/build.mjs preview', release: 'node src/build.mjs publish latest' };

function labels(script: string, files: Record<string, string>): { found: string[]; unread: string[] } {
  const analysis = analyzeScript(script, { shellFile: (f) => files[f], dir: '', scripts: SCRIPTS }, { unread: true });
  return { found: analysis.matches.map((m) => `${m.label} ${m.confidence}`), unread: analysis.unread.map((u) => u.text) };
}

describe('a script run with a subcommand whose branch does not publish', () => {
  const files = { 'src/build.mjs': BUILD };
  it('`npm run build:preview` publishes nothing, and what it reaches names no publish: read as publishing nothing', () => {
    expect(labels('npm run build:preview', files)).toEqual({ found: [], unread: [] });
  });
  it('`npm run release` (and `node src/build.mjs publish`) still publishes', () => {
    expect(labels('npm run release', files).found).toEqual(['npm publish (run by src/build.mjs) heuristic']);
    expect(labels('node src/build.mjs publish', files).found).toEqual(['npm publish (run by src/build.mjs) heuristic']);
  });
  it("arguments forwarded by `npm run … --` come after the script's own", () => {
    expect(labels('npm run build:preview -- publish', files).found).toEqual([]);
  });
  it('a reached part that still names a publish (a library may publish) leaves the file unread, as before', () => {
    const mentions = { 'src/build.mjs': BUILD.replace('"building preview tarball"', '"publish later"') };
    expect(labels('npm run build:preview', mentions)).toEqual({ found: [], unread: ['npm run build:preview'] });
  });
  it('control: a runner that may append its own arguments (`xargs`) or a zx file keeps the publish', () => {
    expect(labels('echo publish | xargs node src/build.mjs preview', files).found).toHaveLength(1);
    expect(labels('zx src/build.mjs preview', files).found).toHaveLength(1);
  });
});

describe('the repro workflow (pull_request preview, then pkg-pr-new)', () => {
  const REMOTE = '[remote "origin"]\n  url = https://github.com/UsefulSoftwareCo/executor.git\n';
  const workflow = [
    'name: preview', 'on:', '  pull_request:', 'permissions:', '  contents: read', 'jobs:', '  preview:', '    runs-on: ubuntu-latest', '    steps:',
    '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 22', '      - run: npm run build:preview',
    '      - run: npx pkg-pr-new publish ./dist', '',
  ].join('\n');
  const repo = (run = 'npm run build:preview'): Record<string, string> => ({
    '.git/config': REMOTE,
    'package.json': JSON.stringify({ name: 'executor-probe', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/UsefulSoftwareCo/executor.git' }, scripts: SCRIPTS }),
    '.github/workflows/preview.yml': workflow.replace('npm run build:preview', run),
    'src/build.mjs': BUILD,
  });

  it('gets no finding and is not inferred as the publisher', async () => {
    expect((await lintFiles(repo())).map((d) => `${d.ruleId} ${d.message}`)).toEqual([]);
    const { config, note } = inferPublishers(loadProject(new MemoryFs(repo())), EMPTY_CONFIG);
    expect(config.publishers.map((p) => (p as { workflow?: string }).workflow)).toEqual([undefined]);
    expect(note).not.toContain('preview.yml');
  });
  it('control: `npm run release` there publishes (npm-supports-oidc on npm 10, require-id-token-write)', async () => {
    const found = (await lintFiles(repo('npm run release'))).map((d) => `${d.line}:${d.column} ${d.ruleId}`);
    expect(found).toEqual(expect.arrayContaining(['4:1 require-id-token-write', '14:14 npm-supports-oidc']));
  });
});
