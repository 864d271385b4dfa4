/**
 * A `cd <dir>` of a `run:` block, a GitLab job's script (across its lines: one shell) or a CircleCI
 * `run` step into a directory with a committed package.json: the `npm run`/`pnpm run`/`yarn`
 * commands after it read that package's scripts, and a publish tool run there its configuration
 * (src/model/npm/frame-moves.ts `inMovedPackage`, `frameAtLine`). tailwindlabs/tailwindcss-intellisense:
 * `cd packages/vscode-tailwindcss && pnpm run publish` runs that package's `vsce publish`, not a
 * root script it does not have. A directory without a package.json, a variable, and a branch that
 * may not have run keep the root's scripts, as before.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', repository: 'github:acme/widget', ...fields });

const REPO: Record<string, string> = {
  'package.json': pkg({ name: 'root', private: true, scripts: { release: 'echo root does not publish', ship: 'cd packages/lib && npm run release' } }),
  'packages/ext/package.json': pkg({ name: 'ext', private: true, scripts: { publish: 'vsce publish --no-dependencies' } }),
  'packages/lib/package.json': pkg({ name: 'lib', scripts: { release: 'npm publish' } }),
  'packages/lib/.release-it.json': JSON.stringify({ npm: { publish: false } }),
  'packages/app/package.json': pkg({ name: 'app' }),
  'docs/index.md': '# docs\n',
};

/** `certainty label directory kind[names]` per publish site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ ...REPO, ...files })).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.certainty} ${s.publish.match.label} ${s.directory ?? '?'} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

const indent = (text: string, by: string): string => text.split('\n').map((l) => by + l).join('\n');
const github = (run: string): Record<string, string> => ({
  '.github/workflows/r.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: |\n${indent(run, '          ')}\n`,
});
const gitlab = (run: string): Record<string, string> => ({ '.gitlab-ci.yml': `release:\n  script:\n    - |\n${indent(run, '      ')}\n` });
/** Each line of `run` a script line of its own: GitLab runs them in one shell. */
const gitlabLines = (run: string): Record<string, string> => ({
  '.gitlab-ci.yml': `release:\n  script:\n${run.split('\n').map((l) => `    - ${JSON.stringify(l)}`).join('\n')}\n`,
});
const circleci = (run: string): Record<string, string> => ({
  '.circleci/config.yml': `version: 2.1\njobs:\n  release:\n    docker:\n      - image: cimg/node:24.11\n    steps:\n      - checkout\n      - run: |\n${indent(run, '          ')}\nworkflows:\n  main:\n    jobs:\n      - release\n`,
});

const LIB = 'certain npm publish packages/lib single[lib]';

const cases: [name: string, run: string, want: string[]][] = [
  ['tailwindcss-intellisense: the package\'s `publish` is `vsce publish`', 'cd packages/ext && pnpm run publish', []],
  ['`yarn run` reads the package\'s script', 'cd packages/ext && yarn run publish', []],
  ['the package\'s `release` publishes it', 'cd packages/lib && npm run release', [LIB]],
  ['on the next line', 'cd packages/lib\nnpm run release', [LIB]],
  ['`cd ./packages/lib/`', 'cd ./packages/lib/ && pnpm run release', [LIB]],
  ['inside the branch of the `cd`', 'if [ -n "$A" ]; then\n  cd packages/lib\n  npm run release\nfi', [LIB]],
  ['a subshell', '(cd packages/lib && npm run release)\nnpm run release', [LIB]],
  ['a publish tool run there reads its configuration: `npm.publish: false`', 'cd packages/lib && npx release-it', []],
  // (The root is private: release-it publishes nothing there, src/model/npm/release-it-config.ts.)
  ['control: the same tool where no configuration turns it off', 'cd packages/app && npx release-it', ['certain release-it packages/app single[app]']],
  ['control: the same tool at the private root', 'npx release-it', []],
  ['control: back at the root', 'cd packages/lib && cd ../.. && npm run release', []],
  ['control: a directory without package.json keeps the root scripts', 'cd docs && npm run release', []],
  ['control: a variable keeps the root scripts', 'cd "$PKG_DIR" && npm run release', []],
  ['control: after a branch that may not have run', 'if [ -n "$A" ]; then\n  cd packages/lib\nfi\nnpm run release', []],
  // A loop whose body comes back where it started (src/model/npm/loop-returns.ts) leaves the directory as it found it.
  ['after a loop whose body comes back', 'for d in packages/app packages/ext; do cd "$d"; ls; cd ../..; done; cd packages/lib && npm run release', [LIB]],
  ['control: after a loop whose body does not come back', 'for d in packages/app packages/ext; do cd "$d"; ls; cd ..; done; cd packages/lib && npm run release', []],
  ['control: a root script\'s own `cd` (as before)', 'npm run ship', ['certain npm publish packages/lib single[lib]']],
];

describe('a `cd` into a package reads that package\'s scripts', () => {
  it.each(cases)('GitHub: %s', (_name, run, want) => {
    expect(sites(github(run))).toEqual(want);
  });
  it.each(cases)('GitLab: %s', (_name, run, want) => {
    expect(sites(gitlab(run))).toEqual(want);
  });
  it.each(cases)('CircleCI: %s', (_name, run, want) => {
    expect(sites(circleci(run))).toEqual(want);
  });
  it.each(cases.filter(([, run]) => !run.includes('if [')))('GitLab, one script line each: %s', (_name, run, want) => {
    expect(sites(gitlabLines(run))).toEqual(want);
  });

  it('a GitLab `after_script` is another shell: the `cd` of `script` does not reach it', () => {
    const ci = 'release:\n  script:\n    - cd packages/lib\n  after_script:\n    - npm run release\n';
    expect(sites({ '.gitlab-ci.yml': ci })).toEqual([]);
    expect(sites({ '.gitlab-ci.yml': 'release:\n  before_script:\n    - cd packages/lib\n  script:\n    - npm run release\n' })).toEqual([LIB]);
  });

  it('the same step with `working-directory:` agrees', () => {
    const wf = 'on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run release\n        working-directory: packages/lib\n';
    expect(sites({ '.github/workflows/r.yml': wf })).toEqual([LIB]);
  });
});

/**
 * The `cd`s of a root `package.json` script (src/model/npm/frame-moves.ts `afterCd`, `Frame.scriptCd`):
 * a later `cd` of the same script goes on from where the earlier ones left it (sst/opentui's
 * `cd packages/core && bun run build && cd ../solid && bun run build`), and the `cd` of one script
 * never reaches the next script the caller runs (`npm run publish:a && npm run publish:b`).
 */
describe('the `cd`s of a root script', () => {
  const root = (scripts: Record<string, string>): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { release: 'echo root does not publish', ...scripts } }),
    'packages/a/package.json': pkg({ name: 'a', scripts: { release: 'npm publish' } }),
    'packages/b/package.json': pkg({ name: 'b', scripts: { release: 'npm publish' } }),
  });
  const A = 'certain npm publish packages/a single[a]';
  const B = 'certain npm publish packages/b single[b]';
  const chains: [name: string, scripts: Record<string, string>, want: string[]][] = [
    ['a later `cd ../b` goes on from `packages/a`', { ship: 'cd packages/a && npm run release && cd ../b && npm run release' }, [A, B]],
    ['on separate commands', { ship: 'cd packages/a; npm run release; cd ../b; npm run release' }, [A, B]],
    ['`cd ../..` back to the start, then another package', { ship: 'cd packages/a && npm run release && cd ../.. && cd packages/b && npm run release' }, [A, B]],
    ['one script per package, each with its own `cd`', { ship: 'npm run ship:a && npm run ship:b', 'ship:a': 'cd packages/a && npm run release', 'ship:b': 'cd packages/b && npm run release' }, [A, B]],
    ['control: a `cd` in a subshell ends with it', { ship: '(cd packages/a && npm run release) && npm run release' }, [A]],
    ['control: back at the start, the root\'s own script', { ship: 'cd packages/a && npm run release && cd ../.. && npm run release' }, [A]],
    ['control: another script\'s `cd` does not reach the caller', { ship: 'npm run ship:a && npm run release', 'ship:a': 'cd packages/a && npm run release' }, [A]],
    ['control: a `cd` above the start is not followed', { ship: 'cd packages/a && npm run release && cd ../../../b && npm run release' }, [A]],
  ];
  it.each(chains)('%s', (_name, scripts, want) => {
    expect(sites({ ...root(scripts), ...github('npm run ship') })).toEqual(want);
  });
});

describe('script files after the `cd`s of a root script', () => {
  const files = (ship: string): Record<string, string> => ({
    'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { ship } }),
    'packages/a/package.json': pkg({ name: 'a' }),
    'packages/a/tools/publish.sh': '#!/bin/sh\nnpm publish\n',
    ...github('npm run ship'),
  });
  it('a second `cd` goes on from the first: the file is found in `packages/a/tools`', () => {
    expect(sites(files('cd packages/a && cd tools && sh ./publish.sh')).map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual(['likely npm publish']);
  });
  it('control: from the start, `cd tools` finds no file (the script stays a possible publish)', () => {
    expect(sites(files('cd tools && sh ./publish.sh'))).toEqual(['possible "npm run ship" ? unknown[a,app,lib]']);
  });
});
