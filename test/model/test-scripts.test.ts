/**
 * A committed script that tests the release scripts runs them against fakes (pnpm/pnpm: a fake
 * `pnpm` first on `PATH`, then `"$script_dir/npm-staged-publication.sh"`): what it calls is no
 * publish, and its token writes are no token reaching a publish (src/model/npm/shell-files.ts).
 */
import { describe, expect, it } from 'vitest';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';
import { isTestScript } from '../../src/model/npm/shell-files.js';

const PUBLISHING = '#!/usr/bin/env bash\nnpm publish --access public\n';

describe('isTestScript', () => {
  it.each([
    ['.github/scripts/npm-staged-publication.test.sh', true],
    ['scripts/publish_test.sh', true],
    ['scripts/release-spec.sh', true],
    ['scripts/test-release.sh', true],
    ['test.sh', true],
    ['test/publish.sh', true],
    ['packages/a/__tests__/release.sh', true],
    ['scripts/tests/publish.sh', true],
    // controls
    ['scripts/publish.sh', false],
    ['scripts/publish-latest.sh', false],
    ['scripts/contest.sh', false],
    ['scripts/attest.sh', false],
    ['testing/publish.sh', false],
    ['scripts/release.sh', false],
  ])('%s: %s', (file, expected) => {
    expect(isTestScript(file)).toBe(expected);
  });
});

describe('a test script is read as publishing nothing', () => {
  const files = (name: string): Record<string, string> => ({ [name]: PUBLISHING, 'scripts/publish.sh': PUBLISHING });
  const run = (command: string, name: string) => {
    const all = files(name);
    return analyzeScript(command, { shellFile: (f: string) => all[f], dir: '' });
  };
  it.each(['scripts/publish.test.sh', 'scripts/test-publish.sh', 'test/publish.sh'])('%s', (name) => {
    expect(run(`./${name}`, name)).toEqual({ matches: [], unread: [] });
  });
  it('control: the same script under another name publishes', () => {
    expect(run('./scripts/publish.sh', 'scripts/other.sh').matches.map((m) => m.recognizer)).toEqual(['npm-publish']);
  });
});
