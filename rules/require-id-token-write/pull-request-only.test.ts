/**
 * semantic-release publishes nothing in a run for a pull request (docs/domain.md A.36): a workflow
 * that only runs for pull requests does not publish with it (src/model/github/pull-request-runs.ts),
 * so the job needs no `id-token: write`. A workflow that also runs on push, or a command line that
 * may turn the check off, keeps the finding.
 */
import { describe, expect, it } from 'vitest';
import { brief, lintFiles } from '../../test/helpers.js';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://github.com/acme/widget.git' } });
const CONFIG = 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n';

/** The brief's workflow: checkout, setup-node 24, npm ci, `command`; no `permissions:` (line 3: the job). */
const release = (on: string, command = 'npx semantic-release'): string => `on: ${on}
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v6
        with:
          node-version: 24
      - run: npm ci
      - run: ${command}
`;

async function found(on: string, command?: string): Promise<string[]> {
  const files = { 'package.json': PKG, 'tp-doctor.yml': CONFIG, '.github/workflows/release.yml': release(on, command) };
  return (await lintFiles(files, { rule: 'require-id-token-write' })).map(brief);
}

describe('require-id-token-write: semantic-release in pull-request runs', () => {
  it.each(['pull_request', '[pull_request, pull_request_target]'])('on: %s: silent', async (on) => {
    expect(await found(on)).toEqual([]);
  });

  it.each(['[pull_request, push]', '[pull_request, release]', '[pull_request, workflow_dispatch]'])('on: %s: reported (it publishes on the other event)', async (on) => {
    expect(await found(on)).toEqual(['noPermissions@3:3-3:10']);
  });

  it.each(['npx semantic-release $ARGS', 'npx semantic-release --no-ci'])('on: pull_request with `%s`: reported (it may publish there)', async (command) => {
    expect(await found('pull_request', command)).toEqual(['noPermissions@3:3-3:10']);
  });
});
