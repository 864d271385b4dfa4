/**
 * A package.json script named like a publish runs a command tp-doctor cannot read: a guess by its
 * name (`PUBLISH_SCRIPT_NAME`), unless its suffix says it prepares or releases elsewhere. A release
 * on the code host (`release:github`, `release:gh`, `release:gitlab`) is no npm publish.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

function sites(script: string): string[] {
  const pkg = JSON.stringify({ name: 'lib', version: '1.0.0', scripts: { [script]: 'node scripts/run.mjs' } });
  const workflow = ['on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', `      - run: npm run ${script}`, ''].join('\n');
  return loadProject(new MemoryFs({ 'package.json': pkg, '.github/workflows/r.yml': workflow })).facts.sites.map((s) => `${s.publish.match.label} ${s.certainty}`);
}

describe('script names that release on the code host are no guess', () => {
  it.each(['release:github', 'release:gh', 'release:gitlab', 'publish:github', 'release:github:notes'])('%s', (script) => {
    expect(sites(script)).toEqual([]);
  });
  it.each(['release', 'release:next', 'publish:canary', 'release:ghost'])('control: %s stays a guess', (script) => {
    expect(sites(script)).toHaveLength(1);
  });
});

// basilisk-labs/agentplane: `release:parity`, `release:incidents:check`, `release:smoke:published`
// run `node scripts/check-….mjs`; a check word in any segment makes the name a check, not a publish.
describe('script names that check a release are no guess', () => {
  it.each(['release:parity', 'release:incidents:check', 'release:acr-example:check', 'release:smoke:published', 'release:npm:verify', 'publish:lint', 'release:audit'])('%s', (script) => {
    expect(sites(script)).toEqual([]);
  });
  it.each(['release:published-packages', 'release:stable', 'publish:npm', 'release:checkout-free'])('control: %s stays a guess', (script) => {
    expect(sites(script)).toHaveLength(1);
  });
});
