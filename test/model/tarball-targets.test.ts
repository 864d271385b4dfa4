/**
 * The package a publish of a literal tarball path sends (src/model/npm/tarball-targets.ts):
 * foxglove/foxglove-sdk runs `yarn workspace @foxglove/schemas pack`, then `npx npm@11.7.0 publish
 * typescript/schemas/package.tgz`; the publish names `@foxglove/schemas`, and the package rules
 * look at it. The file an earlier pack writes names its package; else the package.json committed
 * next to the tarball is a candidate only (the file may come from an artifact), and only when the
 * file's name is the one a pack of that package writes; a tarball whose origin cannot be read stays
 * unknown, with the packed candidates as before.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const REPO = 'git+https://github.com/acme/sdk.git';
const pkg = (name: string, fields: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '1.0.0', repository: REPO, ...fields });
const ROOT = { 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['typescript/*'] }) };
const PACKAGES = { 'typescript/schemas/package.json': pkg('@acme/schemas'), 'typescript/other/package.json': pkg('@acme/other') };

function workflow(steps: readonly string[], provider: 'github' | 'gitlab' = 'github'): Record<string, string> {
  if (provider === 'gitlab') return { '.gitlab-ci.yml': `release:\n  script:\n${steps.map((s) => `    - ${s}\n`).join('')}` };
  return { '.github/workflows/r.yml': `on: push\npermissions:\n  id-token: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map((s) => `      - run: ${s}\n`).join('')}` };
}

/** `kind[packages or candidates] directory` of the one site. */
function site(steps: readonly string[], files: Record<string, string> = PACKAGES, provider: 'github' | 'gitlab' = 'github'): string {
  const s = loadProject(new MemoryFs({ ...ROOT, ...files, ...workflow(steps, provider) }), {}).facts.sites[0];
  const list = s === undefined ? [] : s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
  return `${s?.targets.kind}[${list.map((p) => p.name).join(',')}] ${JSON.stringify(s?.directory)}`;
}

describe('tarballTargets: the package a literal tarball path holds', () => {
  const cases: { name: string; steps: string[]; files?: Record<string, string>; provider?: 'gitlab'; want: string }[] = [
    // foxglove/foxglove-sdk: Yarn 2+ writes `package.tgz` in the workspace's directory.
    { name: 'yarn workspace X pack, an earlier step (foxglove/foxglove-sdk)', steps: ['yarn workspace @acme/schemas pack', 'npx npm@11.7.0 publish typescript/schemas/package.tgz --provenance --access public'], want: 'single[@acme/schemas] ""' },
    // No pack seen: the package.json next to it, a candidate only, when the file name is its pack's (review400 A2).
    { name: 'the package.json next to the tarball, no pack seen: a candidate (Yarn 2+ package.tgz)', steps: ['npm publish typescript/schemas/package.tgz'], want: 'unknown[@acme/schemas] ""' },
    { name: 'the same from the directory after a cd', steps: ['cd typescript && npm publish ./schemas/package.tgz'], want: 'unknown[@acme/schemas] "typescript"' },
    { name: 'no pack seen, npm\'s name <scope>-<name>-<version>.tgz: a candidate', steps: ['npm publish typescript/schemas/acme-schemas-1.0.0.tgz'], want: 'unknown[@acme/schemas] ""' },
    { name: 'no pack seen, Yarn 1\'s name <scope>-<name>-v<version>.tgz: a candidate', steps: ['npm publish typescript/schemas/acme-schemas-v1.0.0.tgz'], want: 'unknown[@acme/schemas] ""' },
    { name: 'control: no pack seen, another package\'s name next to the package.json: unknown', steps: ['npm publish typescript/schemas/foo-1.0.0.tgz'], want: 'unknown[] ""' },
    { name: 'control: no pack seen, the name without its scope: unknown', steps: ['npm publish typescript/schemas/schemas-1.0.0.tgz'], want: 'unknown[] ""' },
    { name: 'yarn workspace X pack --out, relative to the workspace', steps: ['yarn workspace @acme/other pack --out ../schemas/package.tgz', 'npm publish typescript/schemas/package.tgz'], want: 'single[@acme/other] ""' },
    { name: 'control: yarn pack --out after a cd in the same script is not followed', steps: ['cd typescript/other && yarn pack --out ../../out/%s-%v.tgz && cd ../.. && npm publish out/acme-other-1.0.0.tgz'], want: 'unknown[] ""' },
    { name: 'yarn pack --out with %s and %v, from a working directory', steps: ['yarn pack --out ../../out/%s-%v.tgz\n        working-directory: typescript/other', 'npm publish out/acme-other-1.0.0.tgz'], want: 'single[@acme/other] ""' },
    { name: 'Yarn 1 names: <scope>-<name>-v<version>.tgz where it runs', steps: ['yarn workspace @acme/other pack', 'npm publish typescript/other/acme-other-v1.0.0.tgz'], want: 'single[@acme/other] ""' },
    { name: 'npm pack -w X --pack-destination: <scope>-<name>-<version>.tgz', steps: ['npm pack -w @acme/schemas --pack-destination out', 'npm publish out/acme-schemas-1.0.0.tgz'], want: 'single[@acme/schemas] ""' },
    { name: 'npm pack ./dir, into the directory it runs in', steps: ['npm pack ./typescript/other && npm publish acme-other-1.0.0.tgz'], want: 'single[@acme/other] ""' },
    { name: 'pnpm --filter X pack --pack-destination', steps: ['pnpm --filter @acme/other pack --pack-destination dist', 'pnpm publish dist/acme-other-1.0.0.tgz'], want: 'single[@acme/other] ""' },
    { name: 'pnpm -C dir pack --out', steps: ['pnpm -C typescript/other pack --out ../../dist/pkg.tgz', 'npm publish dist/pkg.tgz'], want: 'single[@acme/other] ""' },
    { name: 'a GitLab script: the earlier line of the same shell', steps: ['yarn workspace @acme/other pack --out ../../dist/o.tgz', 'npm publish dist/o.tgz'], provider: 'gitlab', want: 'single[@acme/other] ""' },
    // Controls: the origin cannot be read, so the tarball stays unknown (the packed candidates as before).
    { name: 'control: no package.json next to it, no pack', steps: ['npm publish dist/package.tgz'], want: 'unknown[] ""' },
    { name: 'control: a path out of the repository', steps: ['npm publish ../typescript/schemas/package.tgz'], want: 'unknown[] ""' },
    { name: 'control: a .. inside the path', steps: ['npm publish typescript/other/../schemas/package.tgz'], want: 'unknown[] ""' },
    { name: 'control: an absolute path', steps: ['npm publish /tmp/typescript/schemas/package.tgz'], want: 'unknown[] ""' },
    { name: 'control: a home path', steps: ['npm publish ~/typescript/schemas/package.tgz'], want: 'unknown[] ""' },
    { name: 'control: a glob', steps: ['npm publish typescript/schemas/*.tgz'], want: 'unknown[] ""' },
    { name: 'control: a variable in the path', steps: ['npm publish "typescript/$PKG/package.tgz"'], want: 'unknown[] ""' },
    { name: 'control: a pack with a value may have written it', steps: ['yarn workspace "$PKG" pack --out ../schemas/package.tgz', 'npm publish typescript/schemas/package.tgz'], want: 'unknown[] ""' },
    { name: 'control: a recursive pack may have written it', steps: ['pnpm -r pack', 'npm publish typescript/schemas/package.tgz'], want: 'unknown[] ""' },
    { name: 'control: a pack after a cd is not followed', steps: ['cd typescript/other && npm pack --pack-destination ../schemas', 'npm publish typescript/schemas/acme-other-1.0.0.tgz'], want: 'unknown[] ""' },
    { name: "control: npm's -C is --prefix, not read", steps: ['npm -C typescript/other pack --pack-destination typescript/schemas', 'npm publish typescript/schemas/package.tgz'], want: 'unknown[] ""' },
    { name: "control: npm's -f is --force, not a file name", steps: ['npm pack ./typescript/other -f --pack-destination out', 'npm publish out/acme-other-1.0.0.tgz'], want: 'single[@acme/other] ""' },
    { name: 'control: bun pm pack is not read', steps: ['bun pm pack --destination typescript/schemas', 'npm publish typescript/schemas/package.tgz'], want: 'unknown[] ""' },
    { name: 'control: a pnpm --filter pack with --out is not read', steps: ['pnpm --filter @acme/other pack --out ../schemas/package.tgz', 'npm publish typescript/schemas/package.tgz'], want: 'unknown[] ""' },
    { name: 'control: a pack of a registry spec is not read', steps: ['npm pack left-pad@1.3.0 --pack-destination typescript/schemas', 'npm publish typescript/schemas/left-pad-1.3.0.tgz'], want: 'unknown[] ""' },
    { name: 'control: a dry-run pack writes nothing', steps: ['npm pack ./typescript/other --dry-run && npm publish typescript/schemas/package.tgz'], want: 'unknown[@acme/schemas] ""' },
    { name: 'control: a pack after the publish does not count', steps: ['npm publish typescript/schemas/package.tgz && yarn workspace @acme/other pack --out ../schemas/package.tgz'], want: 'unknown[@acme/schemas] ""' },
  ];
  for (const c of cases) it(c.name, () => expect(site(c.steps, c.files, c.provider)).toBe(c.want));
});

describe('package rules look at the package a tarball holds', () => {
  const remote = { '.git/config': '[remote "origin"]\n\turl = https://github.com/acme/sdk.git\n' };
  const steps = ['yarn workspace @acme/schemas pack', 'npx npm@11.7.0 publish typescript/schemas/package.tgz --provenance --access public'];
  const provenance = async (schemas: Record<string, unknown>, publish = steps): Promise<string[]> => {
    const files = { ...remote, ...ROOT, 'typescript/other/package.json': pkg('@acme/other', { repository: 'https://github.com/acme/nope.git' }), 'typescript/schemas/package.json': JSON.stringify({ name: '@acme/schemas', version: '1.0.0', ...schemas }), ...workflow(publish) };
    return (await lintFiles(files, { rule: 'provenance-repository-url' })).map((d) => `${d.messageId}:${d.severity} ${d.file}`);
  };
  // `--provenance` forces provenance: the publish certainly fails with E422.
  it('no `repository` in the packed package: an error on it', async () => expect(await provenance({})).toEqual(['missing:error typescript/schemas/package.json']));
  it('control: a matching `repository`: nothing', async () => expect(await provenance({ repository: REPO })).toEqual([]));
  it('no pack seen, the package.json next to it: no error on that package (it may be an artifact)', async () => {
    const found = await provenance({}, ['npx npm@11.7.0 publish typescript/schemas/package.tgz --provenance']);
    expect(found.filter((f) => f.includes(':error'))).toEqual([]);
  });
  it('control: a tarball whose origin is unknown: no certain finding on that package', async () => {
    const found = await provenance({}, ['npm publish "$TARBALL" --provenance']);
    expect(found.filter((f) => f.endsWith('typescript/schemas/package.json') && f.includes(':error'))).toEqual([]);
  });
});

/** review400 A2: a tarball downloaded from another job's artifact, next to a private root package.json of another name. */
describe('a tarball no pack of the job wrote, named for another package', () => {
  const files = (name: string): Record<string, string> => ({
    'package.json': JSON.stringify({ name: 'mono-tools', version: '1.0.0', private: true, workspaces: ['packages/*'] }),
    'packages/foo/package.json': JSON.stringify({ name: 'foo', version: '1.0.0', repository: REPO }),
    '.github/workflows/release.yml': `on: push\npermissions:\n  id-token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/download-artifact@v4\n        with: { name: tgz }\n      - run: npm publish ./${name}\n`,
  });
  const found = async (name: string): Promise<string[]> => (await lintFiles(files(name), { rule: 'no-private-package' })).map((d) => `${d.messageId}:${d.severity}`);
  it('foo-1.0.0.tgz is not taken as the private root "mono-tools"', async () => expect(await found('foo-1.0.0.tgz')).toEqual([]));
  it('mono-tools-1.0.0.tgz: the root is a candidate at most, never a certain error', async () => expect((await found('mono-tools-1.0.0.tgz')).filter((f) => f.endsWith(':error'))).toEqual([]));
});
