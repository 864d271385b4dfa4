/**
 * A publish inside a shell function its script calls only with literal arguments
 * (Neko-Catpital-Labs/Invoker's `publish_if_missing packages/npm-cli`): read once per call, as a
 * `for` loop is, its candidates the packages of those readings, never another workspace package.
 * src/model/npm/function-targets.ts `functionTargets`; a tarball packed from the package named in a
 * literal directory: src/model/npm/value-targets.ts `tarballPackageDir`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (name: string, more: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '1.0.0', ...more });

const FILES = {
  'package.json': JSON.stringify({ name: 'mono-root', private: true }),
  'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
  'packages/npm-cli/package.json': pkg('@x/cli'),
  'packages/npm-ui/package.json': pkg('@x/ui'),
  'packages/core/package.json': pkg('@internal/core'),
  'packages/graph/package.json': pkg('@internal/graph'),
};

/** What an unknown publish in a directory tp-doctor cannot tell may publish: every publishable workspace package. */
const EVERY = 'unknown[@internal/core,@internal/graph,@x/cli,@x/ui] ?';
const BOTH = 'unknown[@x/cli,@x/ui] ""';

const INVOKER = `publish_if_missing() {
  local package_dir="$1"
  local name
  local version

  name="$(node -p "require('./\${package_dir}/package.json').name")"
  version="$(node -p "require('./\${package_dir}/package.json').version")"

  if npm view "\${name}@\${version}" version >/dev/null 2>&1; then
    echo "\${name}@\${version} is already published; skipping"
    return
  fi

  local tarball
  tarball="$(pnpm --filter "\${name}" pack --pack-destination "\${RUNNER_TEMP}" | tail -n 1)"
  npm publish "\${tarball}" --access public
}

publish_if_missing packages/npm-cli
publish_if_missing packages/npm-ui`;

interface Case {
  name: string;
  run: string;
  want: string;
}

const cases: Case[] = [
  { name: 'Invoker: pnpm pack of the package named in the directory given, npm publish of the tarball', run: INVOKER, want: BOTH },
  { name: 'cd "$1" in the body', run: 'pub() {\n  cd "$1"\n  npm publish --access public\n  cd -\n}\npub packages/npm-cli\npub "packages/npm-ui"', want: 'unknown[@x/cli,@x/ui] ?' },
  { name: 'function keyword, ${1}, an alias, a call after then', run: 'function pub {\n  dir=${1}\n  (cd "$dir" && npm publish)\n}\nif true; then pub packages/npm-ui; fi', want: 'unknown[@x/ui] "packages/npm-ui"' },
  { name: 'the second argument', run: 'pub() { npm publish "$2" --tag "$1"; }\npub next packages/npm-cli', want: 'unknown[@x/cli] "packages/npm-cli"' },
  { name: 'a tarball from pnpm -C <dir> pack outside a function', run: 't=$(pnpm -C packages/npm-ui pack | tail -n 1)\nnpm publish "$t"', want: 'unknown[@x/ui] ""' },
  { name: 'a tarball of the package named in a literal directory, outside a function', run: 'name=$(node -p "require(\'./packages/npm-cli/package.json\').name")\ntgz=$(pnpm --filter "$name" pack)\nnpm publish "$tgz"', want: 'unknown[@x/cli] ""' },
  // Controls.
  { name: 'control: a plain pack: a package tp-doctor cannot see, no candidate', run: 'tarball="$(npm pack | tail -n 1)"\nnpm publish "$tarball"', want: 'unknown[] ""' },
  { name: 'control: a pack whose selection tp-doctor cannot read may be any package', run: 'tarball="$(pnpm --filter "$NAME" pack | tail -n 1)"\nnpm publish "$tarball"', want: 'unknown[@internal/core,@internal/graph,@x/cli,@x/ui] ""' },
  { name: 'control: Invoker called with a variable', run: INVOKER.replace('publish_if_missing packages/npm-ui', 'publish_if_missing "$EXTRA"'), want: 'unknown[@internal/core,@internal/graph,@x/cli,@x/ui] ""' },
  { name: 'control: a call with a variable', run: 'pub() { cd "$1"; npm publish; cd -; }\npub packages/npm-cli\npub "$OTHER"', want: EVERY },
  { name: 'control: a call with "$@"', run: 'pub() { cd "$1"; npm publish; cd -; }\npub "$@"', want: EVERY },
  { name: 'control: the function exported for another shell', run: 'pub() { cd "$1"; npm publish; cd -; }\nexport -f pub\nls -d packages/* | xargs -n1 bash -c \'pub "$0"\'', want: EVERY },
  { name: 'a cd between the definition and the call: read where the call runs', run: 'pub() { cd "$1"; npm publish; cd -; }\ncd packages\npub npm-cli', want: 'unknown[@x/cli] "packages/npm-cli"' },
  { name: 'control: the alias is set again', run: 'pub() {\n  d="$1"\n  d="$OTHER"\n  cd "$d"; npm publish; cd -\n}\npub packages/npm-cli', want: EVERY },
  { name: 'control: a glob argument', run: 'pub() { cd "$1"; npm publish; cd -; }\npub packages/*', want: EVERY },
  { name: 'control: never called', run: 'pub() { cd "$1"; npm publish; cd -; }', want: EVERY },
  { name: 'control: shift renumbers the parameters', run: 'pub() { shift; cd "$1"; npm publish; cd -; }\npub packages/npm-cli packages/npm-ui', want: EVERY },
  { name: 'control: set -- renumbers the parameters', run: 'pub() { set -- packages/npm-ui; cd "$1"; npm publish; cd -; }\npub packages/npm-cli', want: EVERY },
];

/**
 * survey904b F1 (berenddeboer/ready-for-agent): the body of a function runs where it is called, in
 * the directory of each call (its `cd`s, a subshell's), not where it is defined; a call tp-doctor
 * cannot follow after a `cd` leaves the directory unknown, never the definition's (the root).
 */
/** The root package (private, no version: not a named target), in the root directory. */
const ROOT = 'single[] ""';
const PUB = 'publish_if_missing() {\n  npm publish --access public\n}';
const placeCases: Case[] = [
  { name: 'ready-for-agent: called only in a subshell after cd: that package, not the private root', run: `${PUB}\n(\n  cd packages/npm-cli\n  publish_if_missing\n)`, want: 'single[@x/cli] "packages/npm-cli"' },
  { name: 'called in two subshells: either package', run: `${PUB}\n(cd packages/npm-cli; publish_if_missing)\n( cd packages/npm-ui && publish_if_missing )`, want: 'unknown[@x/cli,@x/ui] ?' },
  { name: 'a call tp-doctor cannot follow (in another function) after a cd: the directory is unknown', run: `${PUB}\nmain() { publish_if_missing; }\ncd packages/npm-cli\nmain`, want: EVERY },
  { name: 'the function exported for another shell after a cd: the directory is unknown', run: `${PUB}\nexport -f publish_if_missing\ncd packages/npm-ui\nbash -c publish_if_missing`, want: EVERY },
  // Controls.
  { name: 'control: called at the root, no cd: the root package', run: `${PUB}\npublish_if_missing`, want: ROOT },
  { name: 'control: called at the root after a subshell that cds: still the root package', run: `${PUB}\n(cd packages/npm-ui && npm test)\npublish_if_missing`, want: ROOT },
  { name: 'control: the same subshell without a function', run: '(\n  cd packages/npm-cli\n  npm publish --access public\n)', want: 'single[@x/cli] "packages/npm-cli"' },
  { name: 'control: a cd inside the body', run: 'pub() {\n  cd packages/npm-ui\n  npm publish\n}\npub', want: 'single[@x/ui] "packages/npm-ui"' },
];

describe('a publish in a shell function runs in the directory of its calls', () => {
  for (const c of placeCases) {
    it(c.name, () => {
      expect(sites({ '.github/workflows/r.yml': workflow(c.run) })).toEqual([c.want]);
    });
  }
});

describe('the readings of a function are bounded (review of 2026-12-05: 1,000 publishes called 200 times took 75 s)', () => {
  const body = (publishes: number): string => `pub() {\n  cd "$1"\n${Array.from({ length: publishes }, (_, i) => `  npm publish --tag t${i}`).join('\n')}\n  cd -\n}`;
  const calls = (n: number): string => Array.from({ length: n }, (_, i) => `pub packages/${i % 2 === 0 ? 'npm-cli' : 'npm-ui'}`).join('\n');
  it('within the budget: every publish is read per call', () => {
    const found = sites({ '.github/workflows/r.yml': workflow(`${body(8)}\n${calls(8)}`) });
    expect(found).toHaveLength(8);
    expect(new Set(found)).toEqual(new Set(['unknown[@x/cli,@x/ui] ?']));
  });
  it('past it (calls times publishes over 64): the publishes keep their unknown targets', () => {
    const found = sites({ '.github/workflows/r.yml': workflow(`${body(9)}\n${calls(8)}`) });
    expect(found).toHaveLength(9);
    expect(new Set(found)).toEqual(new Set([EVERY]));
  });
});

function workflow(run: string): string {
  const block = run.split('\n').map((l) => (l === '' ? '' : `          ${l}`)).join('\n');
  return `on: push\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${block}\n`;
}

function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ ...FILES, ...files }), {}).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.targets.kind}[${list.map((x) => x.name).join(',')}] ${s.directory === undefined ? '?' : JSON.stringify(s.directory)}`;
  });
}

describe('a publish in a shell function called with literal arguments', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(sites({ '.github/workflows/r.yml': workflow(c.run) })).toEqual([c.want]);
    });
  }
});
