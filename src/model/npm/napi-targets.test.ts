/**
 * napi-rs's `prepublish` / `pre-publish` (./napi-targets.ts): the committed platform packages under
 * its npm directory, else, when the job makes them (`napi create-npm-dirs`), the names the napi
 * configuration gives them (./napi-packages.ts), kept apart from every package with a manifest:
 * `generatedNames`, which only the JSON summary lists.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject, type Project } from '../project.js';
import { summarizeSites } from '../sites.js';

const json = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });

function workflow(run: string): string {
  return `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: ${run}\n`;
}

const V3_ROOT = {
  name: 'snappy',
  repository: 'github:acme/snappy',
  napi: { binaryName: 'snappy', packageName: '@napi-rs/snappy', targets: ['x86_64-unknown-linux-gnu', 'x86_64-pc-windows-msvc', 'aarch64-linux-android', 'armv7-unknown-linux-gnueabihf', 'wasm32-wasip1-threads'] },
  devDependencies: { '@napi-rs/cli': '^3.8.6' },
};
const V3_NAMES = ['@napi-rs/snappy-linux-x64-gnu', '@napi-rs/snappy-win32-x64-msvc', '@napi-rs/snappy-android-arm64', '@napi-rs/snappy-linux-arm-gnueabihf', '@napi-rs/snappy-wasm32-wasi'];

const V2_ROOT = {
  name: '@resvg/resvg-js',
  repository: 'github:acme/resvg',
  napi: { name: 'resvgjs', triples: { defaults: true, additional: ['aarch64-apple-darwin', 'x86_64-unknown-linux-musl'] } },
  devDependencies: { '@napi-rs/cli': '^2.18.0' },
};
const V2_NAMES = ['win32-x64-msvc', 'darwin-x64', 'linux-x64-gnu', 'darwin-arm64', 'linux-x64-musl'].map((s) => `@resvg/resvg-js-${s}`);

function load(root: Record<string, unknown>, run: string, extra: Record<string, string> = {}): Project {
  return loadProject(new MemoryFs({ 'package.json': json(root), '.github/workflows/release.yml': workflow(run), ...extra }));
}

/** `kind[packages or candidates] generated[names]` of the napi site. */
function napiSite(p: Project): string {
  const site = p.facts.sites.find((s) => s.publish.match.tool === 'napi');
  if (site === undefined) return 'none';
  const { targets } = site;
  const list = (targets.kind === 'unknown' ? targets.candidates : targets.packages).map((x) => x.name);
  return `${targets.kind}[${list.join(',')}]${targets.generatedNames ? ` generated[${targets.generatedNames.join(',')}]` : ''}`;
}

describe('napi prepublish with the platform directories made in the job', () => {
  it('napi-rs 3: packageName and targets give the names; targets stay unknown, with no candidate', () => {
    const p = load(V3_ROOT, 'napi create-npm-dirs && napi pre-publish -t npm --no-gh-release');
    expect(napiSite(p)).toBe(`unknown[] generated[${V3_NAMES.join(',')}]`);
    const summary = summarizeSites(p.facts.sites).find((s) => s.tool === 'napi');
    expect(summary?.targets).toBe('unknown');
    expect(summary?.packages).toEqual(V3_NAMES);
  });

  it('napi-rs 2: the default triples, then the additional ones, under the package name', () => {
    expect(napiSite(load(V2_ROOT, 'napi prepublish -t npm'))).toBe(`unknown[] generated[${V2_NAMES.join(',')}]`);
  });

  it('in the root package.json lifecycle script under `npm publish` (Brooooooklyn/snappy)', () => {
    const p = load({ ...V3_ROOT, scripts: { prepublishOnly: 'napi prepublish -t npm' } }, 'npm publish --access public');
    expect(summarizeSites(p.facts.sites).map((s) => [s.command, s.targets, s.packages])).toEqual([
      ['npm publish', 'single', ['snappy']],
      ['napi prepublish (runs npm publish)', 'unknown', V3_NAMES],
    ]);
  });

  it('`--cwd`: the configuration of that package', () => {
    const p = loadProject(
      new MemoryFs({
        'package.json': json({ name: 'root', private: true }),
        'crates/node/package.json': json(V3_ROOT),
        '.github/workflows/release.yml': workflow('napi pre-publish --cwd crates/node -t npm'),
      }),
    );
    expect(napiSite(p)).toBe(`unknown[] generated[${V3_NAMES.join(',')}]`);
  });

  it('committed platform packages still win', () => {
    const p = load(V3_ROOT, 'napi pre-publish -t npm', { 'npm/linux-x64-gnu/package.json': json({ name: '@napi-rs/snappy-linux-x64-gnu', os: ['linux'] }) });
    expect(napiSite(p)).toBe('single[@napi-rs/snappy-linux-x64-gnu]');
  });

  it('no napi configuration: unknown as before, with no name', () => {
    const { napi: _napi, ...root } = V3_ROOT;
    expect(napiSite(load(root, 'napi pre-publish -t npm'))).toBe('unknown[]');
  });

  it.each([
    ['a napi config file tp-doctor does not read', 'napi pre-publish -t npm -c napi.json'],
    ['another package.json', 'napi pre-publish -t npm --package-json-path packages/x/package.json'],
  ])('control, %s: unknown, with no name', (_what, run) => {
    expect(napiSite(load(V3_ROOT, run))).toBe('unknown[]');
  });

  it('control: releases of the range that name a target differently give no name', () => {
    const root = { ...V3_ROOT, napi: { ...V3_ROOT.napi, targets: ['wasm32-wasip1'] }, devDependencies: { '@napi-rs/cli': '^3.5.0' } };
    expect(napiSite(load(root, 'napi pre-publish -t npm'))).toBe('unknown[]');
    expect(napiSite(load({ ...root, devDependencies: { '@napi-rs/cli': '^3.8.0' } }, 'napi pre-publish -t npm'))).toBe('unknown[] generated[@napi-rs/snappy-wasm32-wasip1]');
  });

  it('no rule reads a manifest for the generated names: they are no package of the coverage', () => {
    const p = load({ ...V3_ROOT, repository: undefined, scripts: { prepublishOnly: 'napi prepublish -t npm' } }, 'npm publish');
    expect(p.facts.coverage([]).map((c) => c.name)).toEqual(['snappy']);
    expect(p.facts.publishedElsewhere).toEqual([]);
  });
});
