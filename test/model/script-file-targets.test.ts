/**
 * A publish found in a committed shell script a CI command runs is read for its targets in that
 * script (moonrepo/moon `scripts/release/release.sh`: `for package in packages/cli packages/core-*;
 * do (cd "$package" && npm publish --access public); done`): the script's text before it, its `cd`s
 * and `for` loops, from the directory the command that ran it ran in, never the script's own
 * folder. The publish stays a guess (the script may branch), so its targets stay unknown, with the
 * packages the reading names as candidates. src/model/npm/script-file-targets.ts.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (name: string, more: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '1.0.0', ...more });

const REPO = {
  'package.json': JSON.stringify({ name: 'tool-root', private: true, workspaces: ['packages/*'] }),
  'packages/cli/package.json': pkg('@acme/cli'),
  'packages/core-linux-x64/package.json': pkg('@acme/core-linux-x64'),
  'packages/report/package.json': pkg('@acme/report'),
};

/** Every publishable workspace package: what a publish of unknown targets may publish. */
const EVERY = 'likely unknown[@acme/cli,@acme/core-linux-x64,@acme/report]';

interface Case {
  name: string;
  /** The CI command (one line). */
  command: string;
  /** Committed files besides the packages. */
  files: Record<string, string>;
  /** `certainty kind[names]` of the one site. */
  want: string;
}

const sh = (body: string): string => `#!/usr/bin/env bash\nset -euo pipefail\n${body}\n`;

const cases: Case[] = [
  {
    name: 'moonrepo/moon: a loop over literal words and a glob',
    command: 'bash ./scripts/release.sh',
    files: { 'scripts/release.sh': sh('for package in packages/cli packages/core-*; do\n  (cd "$package" && npm publish --access public)\ndone') },
    want: 'likely unknown[@acme/cli,@acme/core-linux-x64]',
  },
  {
    name: 'a loop over every package that skips some in its body: every package',
    command: 'bash ./scripts/publish-secondary.sh',
    files: { 'scripts/publish-secondary.sh': sh('for package in packages/*; do\n  if [[ "$package" == *cli* ]]; then\n    echo skip\n  else\n    (cd "$package" && npm publish)\n  fi\ndone') },
    want: EVERY,
  },
  { name: 'a cd of the script', command: './scripts/publish.sh', files: { 'scripts/publish.sh': sh('cd packages/report\nnpm publish') }, want: 'likely unknown[@acme/report]' },
  { name: 'a directory argument', command: 'sh scripts/publish.sh', files: { 'scripts/publish.sh': sh('npm publish packages/cli') }, want: 'likely unknown[@acme/cli]' },
  {
    name: 'the script runs where the command ran, not in its own folder',
    command: 'cd packages/cli && bash ../report/publish.sh',
    files: { 'packages/report/publish.sh': sh('npm publish --access public') },
    want: 'likely unknown[@acme/cli]',
  },
  {
    name: 'a script run by a script, after its cd',
    command: 'bash ./scripts/outer.sh',
    files: { 'scripts/outer.sh': sh('cd packages/core-linux-x64\nbash ../../scripts/inner.sh'), 'scripts/inner.sh': sh('npm publish') },
    want: 'likely unknown[@acme/core-linux-x64]',
  },
  { name: 'control: a cd to a variable', command: 'bash ./scripts/publish.sh', files: { 'scripts/publish.sh': sh('cd "$PKG_DIR"\nnpm publish') }, want: EVERY },
  { name: 'control: a publish that may be a dry run', command: 'bash ./scripts/publish.sh', files: { 'scripts/publish.sh': sh('cd packages/cli\nnpm publish --dry-run "$DRY"') }, want: EVERY },
  {
    name: 'control: through a package.json script of the root',
    command: 'bash ./scripts/publish.sh',
    files: { 'scripts/publish.sh': sh('cd packages/cli\nnpm run release'), 'packages/cli/package.json': pkg('@acme/cli', { scripts: { release: 'npm publish' } }) },
    want: EVERY,
  },
];

const indent = (text: string, by: string): string => text.split('\n').map((l) => by + l).join('\n');

const providers: [name: string, ci: (command: string) => Record<string, string>][] = [
  ['GitHub', (command) => ({ '.github/workflows/r.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n${indent(command, '          ')}\n` })],
  ['GitLab', (command) => ({ '.gitlab-ci.yml': `release:\n  image: node:24\n  script:\n    - ${command}\n` })],
  [
    'CircleCI',
    (command) => ({
      '.circleci/config.yml': `version: 2.1\njobs:\n  release:\n    docker:\n      - image: cimg/node:24.11\n    steps:\n      - checkout\n      - run: ${command}\nworkflows:\n  main:\n    jobs:\n      - release\n`,
    }),
  ],
];

function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ ...REPO, ...files }), {}).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.certainty} ${s.targets.kind}[${list.map((x) => x.name).join(',')}]`;
  });
}

describe('a publish in a committed script is read for its targets there', () => {
  for (const [provider, ci] of providers) {
    it.each(cases.map((c) => [c.name, c] as const))(`${provider}: %s`, (_name, c) => {
      expect(sites({ ...c.files, ...ci(c.command) })).toEqual([c.want]);
    });
  }
});

describe('a JavaScript file that publishes in directories it computes may publish the root too (xtermjs/xterm.js bin/publish.js, survey 400d §4)', () => {
  const publishJs = [
    "const cp = require('child_process');",
    "const path = require('path');",
    "publish(path.resolve(__dirname, '..'));",
    "publish(path.resolve(__dirname, '../packages/cli'));",
    'function publish(packageDir) {',
    "  cp.spawnSync('npm', ['publish', '--access', 'public'], { cwd: packageDir, stdio: 'inherit' });",
    '}',
  ].join('\n');
  const github = providers[0]![1]('node ./bin/publish.js');
  const root = (fields: Record<string, unknown>): Record<string, string> => ({ 'package.json': JSON.stringify({ name: '@acme/main', version: '1.0.0', workspaces: ['packages/*'], ...fields }) });

  it('a root that is not private is among the candidates, first', () => {
    expect(sites({ 'bin/publish.js': publishJs, ...github, ...root({}) })).toEqual(['likely unknown[@acme/main,@acme/cli,@acme/core-linux-x64,@acme/report]']);
  });

  it('control: a private root is not', () => {
    expect(sites({ 'bin/publish.js': publishJs, ...github, ...root({ private: true }) })).toEqual([EVERY]);
  });

  it('control: a file that names no working directory publishes where it runs (the root is no candidate of a monorepo)', () => {
    const inPlace = publishJs.replace(', { cwd: packageDir, stdio: \'inherit\' }', '');
    expect(sites({ 'bin/publish.js': inPlace, ...github, ...root({}) })).toEqual([EVERY]);
  });
});

describe('a publish a JavaScript file runs from a known directory is that directory\'s package (sst/sst sdk/js/scripts/release.ts, survey900c M5)', () => {
  const cli = (scripts: Record<string, string> = { release: 'bun scripts/release.ts' }): Record<string, string> => ({ 'packages/cli/package.json': pkg('@acme/cli', { scripts }) });
  const bunRelease = (body = 'await $`npm publish --access public`;'): Record<string, string> => ({ ...cli(), 'packages/cli/scripts/release.ts': `import { $ } from "bun";\n${body}\n` });
  const CLI = 'likely unknown[@acme/cli] in packages/cli';
  const UNKNOWN = `${EVERY} in ?`;

  function placed(files: Record<string, string>): string[] {
    return loadProject(new MemoryFs({ ...REPO, ...files }), {}).facts.sites.map((s) => {
      const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
      return `${s.certainty} ${s.targets.kind}[${list.map((x) => x.name).join(',')}] in ${s.directory ?? '?'}`;
    });
  }
  const workingDirectory = (dir: string, command: string): Record<string, string> => ({
    '.github/workflows/r.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${command}\n        working-directory: ${dir}\n`,
  });

  for (const [provider, ci] of providers) {
    it(`${provider}: cd D, then D's package.json script runs the file`, () => {
      expect(placed({ ...bunRelease(), ...ci('cd packages/cli && bun run release') })).toEqual([CLI]);
    });
    it(`${provider}: cd D, then the file itself (execSync)`, () => {
      expect(placed({ 'packages/cli/publish.mjs': "import { execSync } from 'node:child_process';\nexecSync('npm publish --access public');\n", ...ci('cd packages/cli && node publish.mjs') })).toEqual([CLI]);
    });
  }
  it('working-directory: D, then npm run release', () => {
    expect(placed({ ...bunRelease(), ...workingDirectory('packages/cli', 'npm run release') })).toEqual([CLI]);
  });

  const github = (command: string): Record<string, string> => providers[0]![1](command);
  it.each([
    ['process.chdir', 'process.chdir("dist");\nawait $`npm publish`;'],
    ['a cwd option', 'execSync("npm publish", { cwd: "dist" });'],
    ['Bun shell .cwd()', 'await $`npm publish`.cwd(dir);'],
    ['$.cwd', '$.cwd("dist");\nawait $`npm publish`;'],
    ["zx's cd()", 'cd("dist");\nawait $`npm publish`;'],
    ['a cd in the command', 'await $`cd dist && npm publish`;'],
    ['a directory argument', 'await $`npm publish dist`;'],
    ['a workspace selection', 'await $`npm publish -w @acme/report`;'],
  ])('control: a file with %s keeps every candidate', (_name, body) => {
    expect(placed({ ...bunRelease(body), ...github('cd packages/cli\nbun run release') })).toEqual([UNKNOWN]);
  });
  it('control: from a directory tp-doctor cannot tell, every candidate', () => {
    expect(placed({ 'scripts/release.mjs': "execSync('npm publish');\n", ...workingDirectory('packages/${{ inputs.pkg }}', 'node ../../scripts/release.mjs') })).toEqual([UNKNOWN]);
  });
  it("control: a package.json script that changes directory before the file, every candidate", () => {
    expect(placed({ ...bunRelease(), ...cli({ release: 'cd ../report && bun ../cli/scripts/release.ts' }), ...github('cd packages/cli\nbun run release') })).toEqual([UNKNOWN]);
  });
  it('control: a private directory (the workspace root), every candidate', () => {
    expect(placed({ 'scripts/release.mjs': "execSync('npm publish');\n", ...github('node scripts/release.mjs') })).toEqual([UNKNOWN]);
  });
  it('control: a shell script in D is read there as before', () => {
    expect(placed({ 'packages/cli/release.sh': sh('npm publish --access public'), ...github('cd packages/cli\nbash release.sh') })).toEqual([CLI]);
  });
});

describe('a publish given every argument of its script (`npm publish "$@"`) publishes the package of its directory first (Financial-Times/content-tree, survey908b M2)', () => {
  const root = (fields: Record<string, unknown> = {}): Record<string, string> => ({ 'package.json': JSON.stringify({ name: '@acme/main', version: '1.0.0', workspaces: ['packages/*'], ...fields }) });
  const ROOT_FIRST = 'likely unknown[@acme/main,@acme/cli,@acme/core-linux-x64,@acme/report]';
  for (const [provider, ci] of providers) {
    it.each(['npm publish "$@"', 'npm publish $*', 'npm publish "${@}"', 'npm publish --access public "$@"'])(`${provider}: %s: the root, then the workspaces a workspace option would select`, (publish) => {
      expect(sites({ 'scripts/publish.sh': sh(publish), ...root(), ...ci('./scripts/publish.sh --tag beta') })).toEqual([ROOT_FIRST]);
    });
  }
  const github = providers[0]![1];
  it('a private root is no candidate: only the workspaces remain', () => {
    expect(sites({ 'scripts/publish.sh': sh('npm publish "$@"'), ...root({ private: true }), ...github('./scripts/publish.sh --tag beta') })).toEqual([EVERY]);
  });
  it('from a workspace directory: that package only', () => {
    expect(sites({ 'scripts/publish.sh': sh('cd packages/cli\nnpm publish "$@"'), ...root(), ...github('./scripts/publish.sh') })).toEqual(['likely unknown[@acme/cli]']);
  });
  it('control: one argument ("$1"), which may name a directory, keeps every workspace', () => {
    expect(sites({ 'scripts/publish.sh': sh('npm publish "$1"'), ...root(), ...github('./scripts/publish.sh') })).toEqual([EVERY]);
  });
  it('control: literal options publish the root', () => {
    expect(sites({ 'scripts/publish.sh': sh('npm publish --tag beta'), ...root(), ...github('./scripts/publish.sh') })).toEqual(['likely unknown[@acme/main]']);
  });
});
