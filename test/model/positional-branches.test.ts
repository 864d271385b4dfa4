/**
 * A committed script whose publish is guarded by a test of its first argument, run by several
 * jobs of which one passes that argument (duckdb/duckdb-node: `./scripts/node_version.sh upload`
 * in `set-up-npm`, `./scripts/node_version.sh` in four build jobs): only that job publishes
 * (src/model/npm/positional-branches.ts).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const SCRIPT = `#!/usr/bin/env bash
set -ex
export TAG=''
if [[ "$GITHUB_REF" =~ ^refs/tags/v.+$ ]] ; then
\tnpm version --no-git-tag-version 1.0.0
else
\texport TAG='--tag next'
fi
npm pack --dry-run
# upload to npm, maybe
if [[ "$GITHUB_REF" =~ ^(refs/heads/main|refs/tags/v.+)$ && "$1" = "upload" ]] ; then
\tnpm config set //registry.npmjs.org/:_authToken $NODE_AUTH_TOKEN
\tnpm publish --access public $TAG
fi
`;

function job(id: string, runsOn: string, run: string): string {
  return [`  ${id}:`, `    runs-on: ${runsOn}`, '    steps:', '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v5', '        with:', '          node-version: 24', `      - run: ${run}`, '        env:', '          NODE_AUTH_TOKEN: ${{ secrets.NODE_AUTH_TOKEN }}', ''].join('\n');
}

/** Five jobs run the script; `uploads` is the argument list of the first (`set-up-npm`). */
function repo(uploads: string, script = SCRIPT): Record<string, string> {
  const workflow = [
    'name: NodeJS',
    'on: [push]',
    'jobs:',
    job('set-up-npm', 'ubuntu-latest', `./scripts/node_version.sh${uploads}`),
    job('linux-nodejs', 'ubuntu-latest', './scripts/node_version.sh'),
    job('osx-nodejs-arm64', 'macos-15', './scripts/node_version.sh'),
    job('osx-nodejs-x64', 'macos-15-intel', 'bash ./scripts/node_version.sh'),
    job('win-nodejs', 'windows-latest', './scripts/node_version.sh build'),
  ].join('\n');
  return {
    'package.json': JSON.stringify({ name: 'duckdb', version: '1.0.0', repository: 'github:duckdb/duckdb-node' }),
    '.github/workflows/NodeJS.yml': workflow,
    'scripts/node_version.sh': script,
  };
}

/** The jobs with a publish, and how certain. */
function publishingJobs(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).workflows.flatMap((w) => w.jobs.flatMap((j) => j.steps.flatMap((s) => s.publishes.map((p) => `${j.id} ${p.certainty}`))));
}

describe('a script publishing only when its first argument says so', () => {
  it('publishes from the one job that passes `upload`', () => {
    expect(publishingJobs(repo(' upload'))).toEqual(['set-up-npm likely']);
  });

  it('control: without the guard every job publishes', () => {
    const unguarded = SCRIPT.replace(' && "$1" = "upload"', '');
    expect(publishingJobs(repo(' upload', unguarded))).toEqual(['set-up-npm likely', 'linux-nodejs likely', 'osx-nodejs-arm64 likely', 'osx-nodejs-x64 likely', 'win-nodejs likely']);
  });

  it('control: an argument tp-doctor cannot read keeps that job a publish', () => {
    expect(publishingJobs(repo(' ${{ matrix.mode }}'))).toEqual(['set-up-npm likely']);
    expect(publishingJobs(repo(' "$MODE"'))).toEqual(['set-up-npm likely']);
  });

  it('rules see one publishing job (require-id-token-write, no-long-lived-token)', async () => {
    const ids = await lintFiles(repo(' upload'), { rule: 'require-id-token-write' });
    expect(ids.map((d) => d.message.match(/Job "([^"]+)"/)?.[1])).toEqual(['set-up-npm']);
    const tokens = await lintFiles(repo(' upload'), { rule: 'no-long-lived-token' });
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((d) => !/linux-nodejs|osx-nodejs|win-nodejs/.test(d.message))).toBe(true);
  });
});
