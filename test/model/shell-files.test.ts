import { describe, expect, it } from 'vitest';
import { analyzeScript, type RecognizeContext } from '../../src/model/npm/publish-commands.js';
import { MAX_SHELL_FILE_CHARS, shellFilePath, shellFileRun } from '../../src/model/npm/shell-files.js';
import { MAX_RESOLUTIONS } from '../../src/model/npm/publish-match.js';
import { gitlabRepo, lintFiles, releaseRepo, setupNodeWorkflow } from '../helpers.js';

/** A recognition context whose repository holds `files` (repository paths), run in `dir`. */
function inRepo(files: Record<string, string>, dir = ''): RecognizeContext {
  return { shellFile: (file) => files[file], dir };
}

function summary(script: string, ctx: RecognizeContext): { matches: string[]; unread: string[] } {
  const a = analyzeScript(script, ctx, { unread: true });
  return {
    matches: a.matches.map((m) => `${m.label} ${m.confidence} via ${m.via.map((v) => v.script).join('>')} @${m.offset}-${m.end}`),
    unread: a.unread.map((u) => u.words.join(' ')),
  };
}

const PUBLISH = '#!/bin/bash\nset -euo pipefail\nnpm ci\nnpm run build\nnpm publish --access public\n';

describe('shell script files a command runs', () => {
  const cases: { name: string; script: string; files: Record<string, string>; dir?: string; matches: string[]; unread: string[] }[] = [
    {
      name: '`./scripts/publish.sh` that runs npm publish: a likely publish, located at the command',
      script: 'echo go\n./scripts/publish.sh',
      files: { 'scripts/publish.sh': PUBLISH },
      matches: ['npm publish heuristic via scripts/publish.sh @8-28'],
      unread: [],
    },
    {
      name: '`bash scripts/publish.sh` and `sh -e ./scripts/publish.sh v1`',
      script: 'bash scripts/publish.sh\nsh -e ./scripts/publish.sh v1',
      files: { 'scripts/publish.sh': PUBLISH },
      matches: ['npm publish heuristic via scripts/publish.sh @0-23', 'npm publish heuristic via scripts/publish.sh @24-53'],
      unread: [],
    },
    {
      name: '`source` and `.` read the file too',
      script: 'source ./ci/publish.sh\n. ci/publish.sh',
      files: { 'ci/publish.sh': 'pnpm publish -r --no-git-checks\n' },
      matches: ['pnpm publish heuristic via ci/publish.sh @0-22', 'pnpm publish heuristic via ci/publish.sh @23-38'],
      unread: [],
    },
    {
      name: 'a script whose every command is known and none publishes: nothing, not even a possible publish',
      script: './scripts/release.sh',
      files: { 'scripts/release.sh': 'set -e\ngit tag "v$1"\ngit push --tags\necho done\n' },
      matches: [],
      unread: [],
    },
    {
      name: 'a script that runs something tp-doctor cannot read stays unread, as before',
      script: './scripts/release.sh',
      files: { 'scripts/release.sh': 'node scripts/do-release.js "$@"\n' },
      matches: [],
      unread: ['./scripts/release.sh'],
    },
    {
      name: 'a script file that is not there stays unread',
      script: './scripts/publish.sh',
      files: {},
      matches: [],
      unread: ['./scripts/publish.sh'],
    },
    {
      // snyk/cli: `upload-artifacts.sh github` runs `npm publish` only when told `npm`.
      name: 'arguments that name another destination, and not npm: what the script publishes is unknown',
      script: './scripts/upload.sh github\n./scripts/upload.sh npm github',
      files: { 'scripts/upload.sh': 'for a in "$@"; do\n  if [ "$a" = npm ]; then npm publish; fi\n  if [ "$a" = github ]; then gh release create v1; fi\ndone\n' },
      matches: ['npm publish heuristic via scripts/upload.sh @27-57'],
      unread: ['./scripts/upload.sh github'],
    },
    {
      name: 'a dry run passed to the script publishes nothing',
      script: './scripts/publish.sh --dry-run',
      files: { 'scripts/publish.sh': PUBLISH },
      matches: [],
      unread: [],
    },
    {
      name: 'a script that only dry-runs the publish publishes nothing',
      script: './scripts/check.sh',
      files: { 'scripts/check.sh': 'npm publish --dry-run\n' },
      matches: [],
      unread: [],
    },
    {
      name: 'one script running another, and a script sourcing itself (no loop)',
      script: './a.sh',
      files: { 'a.sh': 'source ./a.sh\n./b.sh\n', 'b.sh': 'yarn npm publish\n' },
      matches: ['yarn npm publish heuristic via a.sh>b.sh @0-6'],
      unread: [],
    },
    {
      name: 'a `cd` in the run block: the file is looked up in that directory',
      script: 'cd packages/core && ./publish.sh',
      files: { 'packages/core/publish.sh': PUBLISH, 'publish.sh': 'echo root\n' },
      matches: ['npm publish heuristic via packages/core/publish.sh @20-32'],
      unread: [],
    },
    {
      name: 'a `cd` to a directory tp-doctor cannot name: the file is not read',
      script: 'cd "$PKG_DIR" && ./publish.sh',
      files: { 'publish.sh': PUBLISH },
      matches: [],
      unread: ['./publish.sh'],
    },
    {
      name: 'the command directory (a step working-directory)',
      script: './publish.sh',
      files: { 'packages/core/publish.sh': PUBLISH },
      dir: 'packages/core',
      matches: ['npm publish heuristic via packages/core/publish.sh @0-12'],
      unread: [],
    },
    {
      name: 'the workspace variable names the repository root, whatever the directory',
      script: '"$GITHUB_WORKSPACE/scripts/publish.sh"\n${{ github.workspace }}/scripts/publish.sh',
      files: { 'scripts/publish.sh': PUBLISH },
      dir: 'packages/core',
      matches: ['npm publish heuristic via scripts/publish.sh @0-38', 'npm publish heuristic via scripts/publish.sh @39-81'],
      unread: [],
    },
    {
      name: 'a file over the size limit is not read',
      script: './big.sh',
      files: { 'big.sh': `npm publish\n${'#'.repeat(MAX_SHELL_FILE_CHARS)}` },
      matches: [],
      unread: ['./big.sh'],
    },
    {
      // openai-node, blueprint: `bash ./bin/publish-npm`.
      name: 'a file without a shell extension that a shell runs is a shell script',
      script: 'bash ./bin/publish-npm\nsh -e ci/release v1',
      files: { 'bin/publish-npm': 'set -eux\nnpm publish --access public\n', 'ci/release': PUBLISH },
      matches: ['npm publish heuristic via bin/publish-npm @0-22', 'npm publish heuristic via ci/release @23-42'],
      unread: [],
    },
    {
      name: 'a path run directly is read when its first line names sh or bash',
      script: './bin/publish-npm\nbin/release',
      files: { 'bin/publish-npm': '#!/usr/bin/env bash\nnpm publish\n', 'bin/release': '#!/bin/sh -e\npnpm publish -r\n' },
      matches: ['npm publish heuristic via bin/publish-npm @0-17', 'pnpm publish heuristic via bin/release @18-29'],
      unread: [],
    },
    {
      name: 'a path run directly without a shell interpreter line may be any program: unread',
      script: './bin/publish-npm\n./bin/release\n./bin/other',
      files: { 'bin/publish-npm': '#!/usr/bin/env node\nrequire("child_process").execSync("npm publish");\n', 'bin/release': 'npm publish\n', 'bin/other': '#!/usr/bin/env -S bash -e\nnpm publish\n' },
      matches: ['npm publish heuristic via bin/other @32-43'],
      unread: ['./bin/publish-npm', './bin/release'],
    },
    {
      name: 'a bare name is a program from PATH, not a repository file',
      script: 'release',
      files: { release: '#!/bin/sh\nnpm publish\n' },
      matches: [],
      unread: ['release'],
    },
    {
      name: 'a package.json script that runs a script file',
      script: 'npm run release',
      files: { 'scripts/release.sh': PUBLISH },
      matches: ['npm publish heuristic via release>scripts/release.sh @0-15'],
      unread: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ctx = { ...inRepo(c.files, c.dir), scripts: { release: 'bash ./scripts/release.sh' } };
      expect(summary(c.script, ctx)).toEqual({ matches: c.matches, unread: c.unread });
    });
  }

  it("a registry the script sets is its publishes' registry, named as set in the script", () => {
    const files = { 'scripts/release.sh': 'npm config set registry https://npm.pkg.github.com\nnpm publish\n', 'scripts/other.sh': 'npm config set registry https://npm.pkg.github.com\nnpm publish --registry https://registry.npmjs.org\n' };
    const [m] = analyzeScript('./scripts/release.sh', inRepo(files)).matches;
    expect(m?.flags).toEqual({ registry: 'https://npm.pkg.github.com', registrySource: '`npm config set registry` in scripts/release.sh' });
    // The command's own --registry wins.
    expect(analyzeScript('./scripts/other.sh', inRepo(files)).matches[0]?.flags).toEqual({ registry: 'https://registry.npmjs.org' });
  });

  it('in a directory tp-doctor cannot name (an unresolved working-directory), a script file stays unread', () => {
    const ctx: RecognizeContext = { shellFile: (file) => (file === 'publish.sh' ? PUBLISH : undefined) };
    expect(summary('./publish.sh', ctx)).toEqual({ matches: [], unread: ['./publish.sh'] });
    expect(summary('./publish.sh', { ...ctx, dir: '' }).matches).toHaveLength(1);
  });

  it('without a way to read files, a script file stays unread', () => {
    expect(summary('./scripts/publish.sh', {})).toEqual({ matches: [], unread: ['./scripts/publish.sh'] });
  });
});

describe('shellFileRun and shellFilePath', () => {
  it.each([
    [['./x.sh', 'a'], { path: './x.sh', args: ['a'] }],
    [['source', 'x.bash'], { path: 'x.bash', args: [], sourced: true }],
    [['.', 'ci/x.sh', '--tag', 'next'], { path: 'ci/x.sh', args: ['--tag', 'next'], sourced: true }],
    [['./release'], { path: './release', args: [], needsInterpreterLine: true }],
    [['release'], undefined],
    [['node', 'x.sh'], undefined],
  ])('%j', (words, want) => {
    expect(shellFileRun(words)).toEqual(want);
  });

  it.each([
    [['release', 'v1'], { path: 'release', args: ['v1'] }],
    [['./bin/publish-npm'], { path: './bin/publish-npm', args: [] }],
    [['-x'], undefined],
  ])('run by a shell: %j', (words, want) => {
    expect(shellFileRun(words, true)).toEqual(want);
  });

  it.each([
    ['./scripts/x.sh', '', 'scripts/x.sh'],
    ['x.sh', 'packages/a', 'packages/a/x.sh'],
    ['../../scripts/x.sh', 'packages/a', 'scripts/x.sh'],
    ['../x.sh', '', undefined],
    ['/usr/local/bin/x.sh', '', undefined],
    ['$DIR/x.sh', '', undefined],
    ['$(dirname "$0")/x.sh', '', undefined],
    ['~/x.sh', '', undefined],
    ['${GITHUB_WORKSPACE}/x.sh', 'packages/a', 'x.sh'],
    ['$CI_PROJECT_DIR/ci/x.sh', '', 'ci/x.sh'],
    ['.', 'packages/a', 'packages/a'],
    ['..', 'packages', ''],
  ])('%s from %j', (written, dir, want) => {
    expect(shellFilePath(written, dir)).toBe(want);
  });
});

describe('script files in a repository', () => {
  const node20 = '          node-version: 20\n';
  it('GitHub: a publish in a script a step runs is checked, at warning at most (a guess)', async () => {
    const files = releaseRepo(setupNodeWorkflow(node20, '      - run: ./scripts/publish.sh\n'), { 'scripts/publish.sh': PUBLISH });
    const found = await lintFiles(files, { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}:${d.severity}:${d.line}`)).toEqual(['bundledTooOld:warning:14']);
  });

  it('GitHub: the step working-directory decides which file', async () => {
    const wf = setupNodeWorkflow(node20, '      - run: ./publish.sh\n        working-directory: packages/core\n');
    const files = releaseRepo(wf, { 'packages/core/publish.sh': PUBLISH, 'packages/core/package.json': '{"name":"core"}' });
    const found = await lintFiles(files, { rule: 'npm-supports-oidc' });
    expect(found.map((d) => d.messageId)).toEqual(['bundledTooOld']);
  });

  it('GitHub: a script that publishes nothing makes no finding', async () => {
    const files = releaseRepo(setupNodeWorkflow(node20, '      - run: ./scripts/publish.sh\n'), { 'scripts/publish.sh': 'git tag v1\n' });
    expect(await lintFiles(files, { rule: 'npm-supports-oidc' })).toEqual([]);
  });

  it('GitLab: a job script running a script file', async () => {
    const ci = 'publish:\n  image: node:20\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - ./ci/publish.sh\n';
    const found = await lintFiles({ ...gitlabRepo(ci), 'ci/publish.sh': PUBLISH }, { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}:${d.severity}`)).toEqual([expect.stringMatching(/:warning$/)]);
  });

  it('GitLab: an `_authToken` write inside the script is reported at its line in the script (no-long-lived-token)', async () => {
    const ci = 'publish:\n  image: node:24\n  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - ./ci/publish.sh\n';
    const script = 'set -e\necho "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\necho "//registry.npmjs.org/:_authToken=${CI_JOB_TOKEN}" >> .npmrc\nnpm publish\n';
    const found = await lintFiles({ ...gitlabRepo(ci), 'ci/publish.sh': script }, { rule: 'no-long-lived-token' });
    expect(found.map((d) => `${d.messageId}:${d.severity}:${d.file}:${d.line}`)).toEqual(['gitlabScriptWrite:warning:ci/publish.sh:2']);
    expect(found[0]?.message).toContain('CI/CD variable `$NPM_TOKEN`');
  });
});

describe('script files on CircleCI', () => {
  const config = (step: string): string =>
    ['version: 2.1', 'jobs:', '  publish:', '    docker:', '      - image: cimg/node:20.19', '    steps:', '      - checkout', step, 'workflows:', '  release:', '    jobs:', '      - publish', ''].join('\n');
  const files = (step: string): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget' }),
    '.circleci/config.yml': config(step),
    'scripts/publish.sh': PUBLISH,
  });

  it('a run step at the root reads the script', async () => {
    const found = await lintFiles(files('      - run: ./scripts/publish.sh'), { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.messageId}:${d.severity}`)).toEqual(['bundledTooOld:warning']);
  });

  it('a run step with its own working_directory does not read a file by the root-relative path', async () => {
    const step = '      - run:\n          command: ./scripts/publish.sh\n          working_directory: packages/app';
    expect(await lintFiles(files(step), { rule: 'npm-supports-oidc' })).toEqual([]);
  });

  it("an `_authToken` write inside the script is reported at its line in the script (no-long-lived-token)", async () => {
    const script = '#!/bin/bash\necho "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc\necho "//registry.npmjs.org/:_authToken=${NPM_ID_TOKEN}" >> ~/.npmrc\nnpm publish\n';
    const found = await lintFiles({ ...files('      - run: ./scripts/publish.sh'), 'scripts/publish.sh': script }, { rule: 'no-long-lived-token' });
    expect(found.map((d) => `${d.messageId}:${d.severity}:${d.file}:${d.line}`)).toEqual(['circleciRunWrite:warning:scripts/publish.sh:2']);
    expect(found[0]?.message).toContain('environment variable `$NPM_TOKEN`');
  });
});

describe('token writes inside a script file (no-long-lived-token)', () => {
  const wf = (env: string): string =>
    setupNodeWorkflow('          node-version: 24\n', `      - run: ./scripts/publish.sh\n${env}`);
  const script = (assign = ''): string => `#!/bin/bash\nset -e\n${assign}echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > ~/.npmrc\nnpm publish\n`;

  it('a write from a secret the step passes is reported in the script, at its line', async () => {
    const files = releaseRepo(wf('        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n'), { 'scripts/publish.sh': script() });
    const found = await lintFiles(files, { rule: 'no-long-lived-token' });
    expect(found.map((d) => `${d.messageId}:${d.severity}:${d.file}:${d.line}:${d.data['source']}`)).toEqual([
      'envToken:warning:.github/workflows/release.yml:16:secrets.NPM_TOKEN',
      'npmrcWrite:warning:scripts/publish.sh:3:$NPM_TOKEN from secrets.NPM_TOKEN',
    ]);
  });

  it('a write from a variable nothing sets is a leftover (info); one the script assigns is not', async () => {
    const unset = await lintFiles(releaseRepo(wf(''), { 'scripts/publish.sh': script() }), { rule: 'no-long-lived-token' });
    expect(unset.map((d) => `${d.messageId}:${d.severity}`)).toEqual(['npmrcWriteUnset:info']);
    const assigned = await lintFiles(releaseRepo(wf(''), { 'scripts/publish.sh': script('NPM_TOKEN="$(cat /run/secrets/npm)"\n') }), { rule: 'no-long-lived-token' });
    expect(assigned.map((d) => d.messageId)).toEqual(['npmrcWrite']);
  });
});

describe('publishes found through scripts are bounded per call (review: a 6 KB repository took a minute)', () => {
  const many = (n: number, line: string): string => `${Array.from({ length: n }, () => line).join('\n')}\n`;

  it('a script calling a script of 400 publishes 100 times: unread, not 40,000 publishes', () => {
    const files = { 'scripts/publish.sh': many(100, './scripts/s.sh'), 'scripts/s.sh': many(400, 'npm publish') };
    const a = analyzeScript('./scripts/publish.sh', inRepo(files), { unread: true });
    expect(a.matches).toEqual([]);
    expect(a.unread.map((u) => u.words.join(' '))).toEqual(['./scripts/publish.sh']);
  });

  it('package.json scripts fanning out the same way: a guess from the script name, not 40,000 publishes', () => {
    const scripts = { release: Array.from({ length: 100 }, () => 'npm run b').join(' && '), b: Array.from({ length: 400 }, () => 'npm publish').join(' && ') };
    expect(analyzeScript('npm run release', { scripts }).matches.map((m) => m.label)).toEqual(['npm run release (runs an unrecognised command)']);
  });

  it('publishes whose lifecycle scripts hold many publishes: the guesses behind them stop at the budget', () => {
    const scripts = { prepublishOnly: Array.from({ length: 400 }, () => 'npm publish ./x').join(' && ') };
    const found = analyzeScript(many(100, 'npm publish'), { scripts, dir: '' }).matches;
    expect(found.filter((m) => m.via.length === 0)).toHaveLength(100);
    expect(found.length).toBeLessThanOrEqual(100 + MAX_RESOLUTIONS);
  });

  it('within the budget, every publish is kept', () => {
    const files = { 'scripts/publish.sh': many(3, './scripts/s.sh'), 'scripts/s.sh': many(10, 'npm publish') };
    const found = analyzeScript('./scripts/publish.sh', inRepo(files)).matches;
    expect(found).toHaveLength(30);
    expect(found.length).toBeLessThanOrEqual(MAX_RESOLUTIONS);
  });
});
