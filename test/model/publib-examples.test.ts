/**
 * publib-npm publishes the tarballs the build wrote to `dist/js`, which the files do not list: its
 * candidates are the workspace packages, without those in example folders (`examples/*`, with no
 * `jsii` nor `publishConfig`; src/model/data/publish-tools.ts `EXAMPLE_FOLDERS_NOT_PUBLISHED`).
 * survey910b D2, hashicorp/terraform-cdk: 49 `@examples/*` workspaces were named as candidates.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const WORKFLOW = [
  'on: push',
  'jobs:',
  '  release_npm:',
  '    runs-on: ubuntu-latest',
  '    permissions: { id-token: write }',
  '    steps:',
  '      - uses: actions/setup-node@v5',
  '        with: { node-version: 24 }',
  '      - uses: actions/download-artifact@v4',
  '        with: { name: dist, path: dist }',
  '      - run: npx -p publib publib-npm',
  '',
].join('\n');

const pkg = (name: string, fields: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '0.0.0', ...fields });

const files = (extra: Record<string, string> = {}): Record<string, string> => ({
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: { packages: ['packages/*', 'examples/*', 'examples/typescript/*', 'example/*'] } }),
  'packages/cdktf/package.json': pkg('cdktf', { jsii: { outdir: 'dist' } }),
  'packages/cdktf-cli/package.json': pkg('cdktf-cli'),
  'examples/typescript/aws/package.json': pkg('@examples/ts-aws'),
  'examples/python-aws/package.json': pkg('@examples/python-aws'),
  'example/demo/package.json': pkg('demo'),
  '.github/workflows/release.yml': WORKFLOW,
  ...extra,
});

const candidates = (f: Record<string, string>): string[][] =>
  loadProject(new MemoryFs(f)).facts.sites.map((s) => (s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages).map((p) => p.name ?? '?').sort());

describe('publib-npm candidates leave out example workspaces', () => {
  it('hashicorp/terraform-cdk shape: the libraries stay, the examples go', () => {
    expect(candidates(files())).toEqual([['cdktf', 'cdktf-cli']]);
  });

  it('control: an example folder package with publishConfig or jsii stays', () => {
    const f = files({
      'examples/python-aws/package.json': pkg('@examples/python-aws', { publishConfig: { access: 'public' } }),
      'example/demo/package.json': pkg('demo', { jsii: { outdir: 'dist' } }),
    });
    expect(candidates(f)).toEqual([['@examples/python-aws', 'cdktf', 'cdktf-cli', 'demo']]);
  });

  it('control: another tool with unknown targets keeps every workspace package', () => {
    const f = files({ '.github/workflows/release.yml': WORKFLOW.replace('npx -p publib publib-npm', 'npm run release') });
    const all = ['@examples/python-aws', '@examples/ts-aws', 'cdktf', 'cdktf-cli', 'demo'];
    expect(candidates({ ...f, 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*', 'examples/*', 'examples/typescript/*', 'example/*'], scripts: { release: 'node ./scripts/release.js' } }) })).toEqual([all]);
  });

  it('control: a package in a folder named like examples below another folder stays', () => {
    const f = files({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*', 'packages/examples'] }),
      'packages/examples/package.json': pkg('@acme/examples'),
    });
    expect(candidates(f)).toEqual([['@acme/examples', 'cdktf', 'cdktf-cli']]);
  });
});
