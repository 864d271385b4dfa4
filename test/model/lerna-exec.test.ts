/**
 * `lerna exec [options] -- <command>` runs the command in each lerna package through a shell, so one
 * quoted word is a whole script (vendure-ecommerce/vendure publishes about 30 packages with
 * `npx lerna exec --no-private -- 'publish_dir=$(node -p …) && cd "$publish_dir" && npm publish
 * --access public'`, because `lerna publish` did not publish with trusted publishing for it).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', repository: 'github:acme/shop', ...fields });

const VENDURE =
  'npx lerna exec --no-private -- \'publish_dir=$(node -p "require(\\"./package.json\\").publishConfig?.directory || \\".\\"") && cd "$publish_dir" && npm publish --access public --tag master\'';

function repo(run: string, rootScripts: Record<string, string> = {}): Record<string, string> {
  return {
    'package.json': pkg({ name: 'shop-root', private: true, workspaces: ['packages/*'], scripts: rootScripts }),
    'lerna.json': JSON.stringify({ packages: ['packages/*'], version: '1.0.0' }),
    'packages/core/package.json': pkg({ name: '@acme/core', publishConfig: { directory: 'dist' } }),
    'packages/ui/package.json': pkg({ name: '@acme/ui' }),
    'packages/dev-server/package.json': pkg({ name: '@acme/dev-server', private: true }),
    '.github/workflows/publish.yml': `on: workflow_dispatch\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: ${JSON.stringify(run)}\n`,
  };
}

/** `label tool certainty kind[names]` per site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs(files)).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.publish.match.label} ${s.publish.match.tool} ${s.certainty} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

const EVERY = 'npm publish npm certain workspaces[@acme/core,@acme/ui]';

describe('lerna exec', () => {
  it.each([
    ['a quoted script that cds into publishConfig.directory (vendure)', VENDURE],
    ['a quoted script', "lerna exec -- 'npm publish --access public'"],
    ['the words after --', 'npx lerna exec --no-private -- npm publish --access public'],
    ['options with and without a value before --', "npx lerna exec --stream --concurrency 1 --no-bail -- 'npm publish'"],
  ])('%s: an npm publish of every public lerna package, as certain as the command', (_name, run) => {
    expect(sites(repo(run))).toEqual([EVERY]);
  });

  it.each([
    ['a dry run', "npx lerna exec --no-private -- 'npm publish --dry-run'"],
    ['a pack', "npx lerna exec -- 'npm pack'"],
    ['lerna run of a script no package has', 'npx lerna run build'],
  ])('control, %s: no publish', (_name, run) => {
    expect(sites(repo(run))).toEqual([]);
  });

  it("a script name runs each package's script, not the root's", () => {
    // The root's `ship` publishes the root; the packages have no `ship`: nothing runs there.
    expect(sites(repo("npx lerna exec -- 'npm run ship'", { ship: 'npm publish' }))).toEqual([]);
    // Control: run at the root, the root's script is read.
    expect(sites(repo('npm run ship', { ship: 'npm publish' }))).toHaveLength(1);
  });
});
