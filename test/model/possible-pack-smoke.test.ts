/**
 * Possible publishes that are clearly none (src/model/npm/possible-vetoes.ts `smokeTest`,
 * `packingChain`; `PREPARING_SUFFIXES` `pack` in src/model/data/publish-tools.ts), survey 400b §5
 * and 400d §6:
 * - tuo-lei/vibe-replay: a step "Simulate npm install (catch broken releases before merge)" that
 *   ends with `npx vibe-replay --version`;
 * - Qredence/fleet-prime-agent: `npm run release:pack`, a script that runs `npm pack` in a file;
 * - Redocly/redocly-cli: `npm run pack:prepare` running `./scripts/local-pack.sh`, which packs.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

/** The sites of a GitHub job set up for npmjs (with `id-token: write`), as `certainty label`. */
function sites(name: string, run: string, files: Record<string, string> = {}): string[] {
  const workflow = [
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          registry-url: https://registry.npmjs.org',
    `      - name: ${name}`,
    '        run: |',
    ...run.split('\n').map((l) => `          ${l}`),
    '',
  ].join('\n');
  const pkg = files['package.json'] ?? JSON.stringify({ name: 'lib', version: '1.0.0' });
  return loadProject(new MemoryFs({ ...files, 'package.json': pkg, '.github/workflows/ci.yml': workflow })).facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`);
}

const withScripts = (scripts: Record<string, string>): string => JSON.stringify({ name: 'lib', version: '1.0.0', scripts });
const SIMULATE = 'Simulate npm install (catch broken releases before merge)';
const LOCAL_PACK = '#!/bin/sh\ncd packages/cli\nnpm run prepare:publish-dir\ncli=$(npm pack ./.publish | tail -n 1)\nnpm run clean:publish-dir\nmv $cli ../../cli.tgz\n';
const CLI_PKG = JSON.stringify({
  name: '@acme/cli',
  version: '1.0.0',
  scripts: { 'prepare:publish-dir': 'node ./scripts/prepare-publish-dir.mjs', 'clean:publish-dir': 'node -e "require(\'fs\').rmSync(\'.publish\', {recursive:true, force:true})"' },
});
const PREPARE_DIR = "import { cpSync } from 'node:fs';\nimport { run } from './lib.mjs';\ncpSync('.', '.publish', { recursive: true }); // publishConfig.directory\n";

describe('a smoke test of a program is no possible publish', () => {
  it('vibe-replay: `npx vibe-replay --version` in a step whose name says releases and npm', () => {
    expect(sites(SIMULATE, 'npm pack\nnpm install -g ./vibe-replay-*.tgz\nnpx vibe-replay --version')).toEqual([]);
  });
  it('`node bin/cli.js --help`', () => {
    expect(sites('Release smoke', 'node bin/cli.js --help')).toEqual([]);
  });
  it('control: the same step name with a command that is not a smoke test stays a guess', () => {
    expect(sites(SIMULATE, 'npx vibe-replay ship')).toEqual(['possible "npx vibe-replay ship"']);
  });
  it('control: `./scripts/release.sh -v` (verbose as often as version) stays a guess', () => {
    expect(sites('Release to npm', './scripts/release.sh -v')).toEqual(['possible "./scripts/release.sh -v"']);
  });
});

describe('a command a script named for packing runs is no possible publish', () => {
  it('fleet-prime-agent: `npm run release:pack` whose file runs `npm pack` through a wrapper', () => {
    const files = { 'package.json': withScripts({ 'release:pack': 'node scripts/pack-release.mjs' }), 'scripts/pack-release.mjs': "import { spawnSync } from 'node:child_process';\nconst run = (c, a) => spawnSync(c, a);\nrun('npm', ['pack', 'dist']);\n" };
    expect(sites('Pack release', 'npm run release:pack -- --out-dir "packages/agent/release/$CHANNEL"', files)).toEqual([]);
  });
  it('redocly-cli: `npm run pack:prepare` running a shell script that packs, through a `prepare:publish-dir` script', () => {
    // Its `release` script (a publish by its name) is what makes the job's other commands worth a guess.
    const files = { 'package.json': withScripts({ release: 'node ./scripts/release-publish.mjs', 'pack:prepare': './scripts/local-pack.sh' }), 'scripts/local-pack.sh': LOCAL_PACK, 'packages/cli/package.json': CLI_PKG, 'packages/cli/scripts/prepare-publish-dir.mjs': PREPARE_DIR };
    expect(sites('Prepare', 'npm run compile\nnpm run pack:prepare', files)).toEqual([]);
  });
  it('control: a `release` script that runs the same file is still a guess from its name', () => {
    const files = { 'package.json': withScripts({ release: 'node scripts/pack-release.mjs' }), 'scripts/pack-release.mjs': "import { run } from './run.mjs';\nrun('npm', ['pack']);\n" };
    expect(sites('Release', 'npm run release', files)).toHaveLength(1);
  });
  it('control: a script named for packing that runs a file named for publishing stays a guess', () => {
    const files = { 'package.json': withScripts({ 'pack:all': './scripts/publish.sh' }) };
    expect(sites('Publish to npm', 'npm run pack:all', files)).toHaveLength(1);
  });
});
