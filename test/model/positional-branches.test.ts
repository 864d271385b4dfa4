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

describe('arguments that may not be what the script gets keep its branches (review of 2026-12-05)', () => {
  const GUARDED = '#!/bin/sh\nif [ "$1" = "upload" ]; then\n  npm publish\nfi\n';
  const workflow = (run: string, env = ''): string =>
    ['on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', env, '    steps:', '      - uses: actions/checkout@v4', `      - run: ${run}`, ''].filter((l) => l !== '').join('\n');
  const files = (run: string, extra: Record<string, string> = {}, env = ''): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'pkg', version: '1.0.0' }),
    '.github/workflows/release.yml': workflow(run, env),
    'scripts/publish.sh': GUARDED,
    ...extra,
  });

  it('a runner that appends its own arguments (`xargs`): the publish stays', () => {
    expect(publishingJobs(files('echo upload | xargs ./scripts/publish.sh'))).toEqual(['release likely']);
    expect(publishingJobs(files('echo upload | xargs -I % ./scripts/publish.sh %'))).toEqual(['release likely']);
    // Control: the same script called directly with no argument is ruled out.
    expect(publishingJobs(files('./scripts/publish.sh'))).toEqual([]);
  });

  it('a make variable the environment may override (`MODE ?= build`): the publish stays', () => {
    const makefile = { Makefile: 'MODE ?= build\n\npublish:\n\t./scripts/publish.sh $(MODE)\n' };
    expect(publishingJobs(files('make publish', makefile, '    env:\n      MODE: upload'))).toEqual(['release likely']);
    expect(publishingJobs(files('MODE=upload make publish', makefile))).toEqual(['release likely']);
    // Control: a recipe with literal words is decided as a `run:` line is.
    const literal = { Makefile: 'publish:\n\t./scripts/publish.sh build\n' };
    expect(publishingJobs(files('make publish', literal))).toEqual([]);
  });

  it("a CircleCI pipeline parameter's default (a trigger may pass `upload`): the publish stays", () => {
    const config = (arg: string): string =>
      ['version: 2.1', 'parameters:', '  mode:', '    type: string', '    default: build', 'jobs:', '  release:', '    docker:', '      - image: cimg/node:24.15', '    steps:', '      - checkout', `      - run: ./scripts/publish.sh ${arg}`, 'workflows:', '  main:', '    jobs:', '      - release', ''].join('\n');
    const project = (arg: string): string[] =>
      loadProject(new MemoryFs({ 'package.json': JSON.stringify({ name: 'pkg', version: '1.0.0' }), '.circleci/config.yml': config(arg), 'scripts/publish.sh': GUARDED }))
        .facts.sites.map((s) => `${s.provider} ${s.certainty}`);
    expect(project('<< pipeline.parameters.mode >>')).toEqual(['circleci likely']);
    // Control: a literal argument is decided.
    expect(project('build')).toEqual([]);
  });
});

/**
 * survey904b F3 (veryfront/veryfront-code): a script that dispatches on its mode with `case` arms
 * calling functions (`preflight) run_preflight ;;`): a function's body runs only where a command that
 * runs calls it, so `publish.sh preflight` does not publish (src/model/npm/shell-functions.ts).
 */
describe('a mode-dispatching script whose branches call functions', () => {
  const DISPATCH = (value: string): string => `#!/usr/bin/env bash
set -euo pipefail
run_preflight() {
  npm view pkg-a@"$VERSION" version && exit 1 || true
}
publish_one() {
  (cd "$1" && npm publish --access public)
}
run_publish() {
  publish_one .
}
MODE=${value}
case "\${MODE}" in
  preflight) run_preflight ;;
  publish) run_publish ;;
  *) exit 2 ;;
esac
`;
  const files = (script: string, ...runs: string[]): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'pkg-a', version: '1.0.0' }),
    '.github/workflows/release.yml': ['on: push', 'jobs:', ...runs.flatMap((run, i) => [`  j${i}:`, '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', `      - run: ${run}`])].join('\n'),
    'scripts/publish.sh': script,
  });

  it('veryfront: `MODE="${1:-}"`, `preflight` does not publish, `publish` does (through two functions)', () => {
    expect(publishingJobs(files(DISPATCH('"${1:-}"'), 'scripts/publish.sh preflight', 'scripts/publish.sh publish'))).toEqual(['j1 likely']);
  });

  it('`case "$1"` directly, and an unknown mode: no publish', () => {
    const direct = DISPATCH('x').replace('MODE=x\ncase "${MODE}"', 'case "$1"');
    expect(publishingJobs(files(direct, 'scripts/publish.sh preflight', 'scripts/publish.sh publish', 'scripts/publish.sh other'))).toEqual(['j1 likely']);
  });

  it('a function no command that runs calls: its body does not run', () => {
    const uncalled = '#!/bin/sh\nrun_publish() {\n  npm publish\n}\nif [ "$1" = check ]; then\n  echo ok\nfi\n';
    expect(publishingJobs(files(uncalled, 'scripts/publish.sh check'))).toEqual([]);
  });

  // Controls.
  it('control: an argument tp-doctor cannot read keeps the likely reading', () => {
    expect(publishingJobs(files(DISPATCH('"${1:-}"'), 'scripts/publish.sh "$MODE"', 'scripts/publish.sh ${{ inputs.mode }}'))).toEqual(['j0 likely', 'j1 likely']);
  });

  it('control: a default that names the publishing mode (`${1:-publish}`), called without argument', () => {
    expect(publishingJobs(files(DISPATCH('"${1:-publish}"'), 'scripts/publish.sh', 'scripts/publish.sh preflight'))).toEqual(['j0 likely']);
  });

  it('control: a mode variable set again, or read, is not the argument: every call may publish', () => {
    const twice = DISPATCH('"${1:-}"').replace('MODE="${1:-}"', 'MODE="${1:-}"\nMODE="${MODE:-publish}"');
    expect(publishingJobs(files(twice, 'scripts/publish.sh preflight'))).toEqual(['j0 likely']);
  });

  it('control: a command whose name tp-doctor cannot read (`"run_$MODE"`) may call any function', () => {
    const dynamic = DISPATCH('"${1:-}"').replace(/case[\s\S]*esac\n/, '"run_${MODE}"\n');
    expect(publishingJobs(files(dynamic, 'scripts/publish.sh preflight'))).toEqual(['j0 likely']);
  });

  it('control: a function named at run time through `eval` or `exec` (review of 2026-12-06) may be any function', () => {
    for (const dispatch of ['eval "run_${MODE}"', 'exec "run_$MODE"', 'command "run_$MODE"']) {
      const dynamic = DISPATCH('"${1:-}"').replace(/case[\s\S]*esac\n/, `${dispatch}\n`);
      expect(publishingJobs(files(dynamic, 'scripts/publish.sh preflight'))).toEqual(['j0 likely']);
    }
  });
});
