/**
 * A publish after an interactive prompt of its script (audit908a P6, DataDog/datadog-ci:
 * `bin/check-npm-packages.sh` publishes only with `--fix`, after `read -rsp "Enter your NPM auth
 * token: "`): a CI job has no terminal to answer it, so the publish is a maybe (`possible`), and
 * the rules that need a publish say at most an info (src/model/npm/prompts.ts). Controls: the
 * same script without the prompt, a `read` without a prompt (`while read -r line`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const SCRIPT = `#!/bin/bash
set -euo pipefail
MODE="check"
while [[ $# -gt 0 ]]; do
  case $1 in
    --fix) MODE="fix"; shift ;;
    *) echo "Unknown argument: $1"; exit 1 ;;
  esac
done
missing=$(bin/list-missing.sh)
if [ "$MODE" = "check" ]; then
  [ -z "$missing" ] || { echo "missing: $missing"; exit 1; }
  exit 0
fi
read -rsp "Enter your NPM auth token: " INIT_NPM_AUTH_TOKEN
export INIT_NPM_AUTH_TOKEN
yarn config set npmAuthToken '\${INIT_NPM_AUTH_TOKEN}'
for p in $missing; do yarn workspace "$p" npm publish --access public; done
`;

const WORKFLOW = `name: publish-release
on:
  push:
    tags: ['v*']
permissions:
  contents: read
  id-token: write
jobs:
  pre-approval-checks:
    runs-on: ubuntu-latest
    permissions:
      pull-requests: write
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
          package-manager-cache: false
      - run: yarn install --immutable
      - name: Check NPM packages
        run: yarn check-npm-packages
`;

function repo(script = SCRIPT): Record<string, string> {
  return {
    'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' }, packageManager: 'yarn@4.12.0', scripts: { 'check-npm-packages': 'bin/check-npm-packages.sh' } }),
    'bin/check-npm-packages.sh': script,
    '.github/workflows/publish-release.yml': WORKFLOW,
  };
}

function publishes(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).workflows.flatMap((w) => w.jobs.flatMap((j) => j.steps.flatMap((s) => s.publishes.map((p) => `${j.id} ${p.certainty} ${p.because ?? ''}`.trim()))));
}

describe('a publish after an interactive prompt', () => {
  it('a908a/script-publish-behind-flag: the publish after `read -rsp` is possible, with the prompt as the reason', () => {
    expect(publishes(repo())).toEqual([
      'pre-approval-checks possible yarn npm publish runs after the interactive prompt `read -rsp "Enter your NPM auth token: " INIT_NPM_AUTH_TOKEN`, which a CI job has no terminal to answer',
    ]);
  });

  it('no warning: require-id-token-write/shadowed and no-long-lived-token say nothing above info', async () => {
    const found = await lintFiles(repo());
    expect(found.filter((d) => d.severity !== 'info').map((d) => `${d.ruleId}/${d.messageId}`)).toEqual([]);
  });

  it('control: without the prompt the publish stays likely, and the warnings stand', async () => {
    const script = SCRIPT.replace(/^read -rsp.*\n/m, '');
    expect(publishes(repo(script))).toEqual(['pre-approval-checks likely']);
    const found = await lintFiles(repo(script));
    expect(found.filter((d) => d.severity === 'warning').map((d) => `${d.ruleId}/${d.messageId}`)).toContain('require-id-token-write/shadowed');
  });

  it('control: a `read` with no prompt (`while read -r p`) is no prompt', () => {
    const script = SCRIPT.replace(/^read -rsp.*\n/m, 'while read -r line; do echo "$line"; done < list.txt\n');
    expect(publishes(repo(script))).toEqual(['pre-approval-checks likely']);
  });

  it('control: a prompt only outside CI (`if [ -z "${CI:-}" ]; then read -p …; fi`, callstackincubator/rock) does not lower it', () => {
    const script = SCRIPT.replace(/^read -rsp.*\n/m, 'if [ -z "${CI:-}" ]; then\n  read -p "Enter NPM OTP: " OTP\nfi\n');
    expect(publishes(repo(script))).toEqual(['pre-approval-checks likely']);
  });

  it('control: a prompt after the publish does not lower it', () => {
    const script = SCRIPT.replace(/^read -rsp.*\n/m, '') + 'read -rp "Press enter" _\n';
    expect(publishes(repo(script))).toEqual(['pre-approval-checks likely']);
  });
});

/** The other half of P6: a publish in a branch over `$1` that only a flag selects, in a script whose arguments tp-doctor does not see. */
describe('a publish only a flag argument selects', () => {
  const files = (run: string, script: string): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'w', version: '1.0.0', scripts: { rel: 'bin/rel.sh' } }),
    'bin/rel.sh': script,
    '.github/workflows/r.yml': `on: push\njobs:\n  rel:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 24\n      - run: ${run}\n`,
  });
  const IF = '#!/bin/bash\nif [ "$1" = "--publish" ]; then\n  npm publish\nfi\n';
  const CASE = '#!/bin/bash\ncase "$1" in\n  --publish) npm publish ;;\n  *) echo check ;;\nesac\n';
  const certainties = (f: Record<string, string>): string[] => publishes(f).map((p) => p.split(' ').slice(1, 2).join(''));

  it.each([['if', IF], ['case', CASE]])('%s over the first argument, called with unknown arguments: possible, saying why', (_n, script) => {
    expect(publishes(files('./bin/rel.sh "$FLAGS"', script))).toEqual([
      'rel possible npm publish runs only in a branch of its script that a flag argument selects, and tp-doctor does not see the arguments the script is called with',
    ]);
  });

  it.each([['if', IF], ['case', CASE]])('control (%s): called with no argument, through a package.json script: no publish', (_n, script) => {
    expect(publishes(files('yarn rel', script))).toEqual([]);
    expect(publishes(files('./bin/rel.sh', script))).toEqual([]);
  });

  it.each([['if', IF], ['case', CASE]])('control (%s): called with the flag: likely', (_n, script) => {
    expect(certainties(files('./bin/rel.sh --publish', script))).toEqual(['likely']);
  });

  it('control: a branch that runs without arguments (`!= --dry-run`) stays likely with unknown arguments', () => {
    const script = '#!/bin/bash\nif [ "$1" != "--dry-run" ]; then\n  npm publish\nfi\n';
    expect(certainties(files('./bin/rel.sh "$FLAGS"', script))).toEqual(['likely']);
  });

  it('control: a branch over a word that is no flag (`= publish`) stays likely with unknown arguments', () => {
    const script = '#!/bin/bash\nif [ "$1" = "publish" ]; then\n  npm publish\nfi\n';
    expect(certainties(files('./bin/rel.sh "$STEP"', script))).toEqual(['likely']);
  });
});
