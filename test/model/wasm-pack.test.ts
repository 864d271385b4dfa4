/**
 * `wasm-pack publish` runs `npm publish` through the npm on PATH in the package directory its build
 * generated (rustwasm/wasm-pack `src/npm.rs` `npm_publish`): a likely npm publish whose package is
 * not committed, judged by npm-supports-oidc like napi's (a warning when the npm is too old; survey900c M4).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

function repo(run: string, node = '24'): Record<string, string> {
  return {
    'Cargo.toml': '[package]\nname = "widget"\nversion = "1.0.0"\nrepository = "https://github.com/acme/widget"\n',
    '.github/workflows/release.yml': `on: { push: { tags: ['v*'] } }\npermissions: { contents: read, id-token: write }\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v5\n        with: { node-version: ${node}, registry-url: https://registry.npmjs.org }\n      - run: ${JSON.stringify(run)}\n`,
  };
}

/** `label tool certainty targets flags` per site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => `${s.publish.match.label} ${s.publish.match.tool} ${s.certainty} ${s.targets.kind} ${JSON.stringify(s.publish.match.flags)}`);
}

describe('wasm-pack publish', () => {
  it('is a likely npm publish of a generated package, its --access and --tag read', () => {
    expect(sites(repo('wasm-pack publish --access public --tag next'))).toEqual(['npm publish (run by wasm-pack publish) npm likely unknown {"tag":"next","access":"public"}']);
    expect(sites(repo('wasm-pack publish -a public -d out ./crates/widget'))).toEqual(['npm publish (run by wasm-pack publish) npm likely unknown {"access":"public"}']);
  });

  it('controls: wasm-pack build and pack publish nothing', () => {
    expect(sites(repo('wasm-pack build --release --scope acme'))).toEqual([]);
    expect(sites(repo('wasm-pack pack'))).toEqual([]);
  });

  it('npm-supports-oidc: bundledTooOld is a warning on Node 20 (a guessed publish), nothing on Node 24', async () => {
    const old = await lintFiles(repo('wasm-pack publish --access public', '20'), { rule: 'npm-supports-oidc' });
    expect(old.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@warning']);
    expect(old[0]?.message).toContain('`npm publish (run by wasm-pack publish)` runs with npm 10');
    expect(await lintFiles(repo('wasm-pack publish --access public', '24'), { rule: 'npm-supports-oidc' })).toEqual([]);
  });
});
