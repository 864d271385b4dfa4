/**
 * A publish inside `for NAME in WORDS; do … done` whose directory names the loop's variable
 * (intlify/vue-i18n: `for PKG in packages/*; do (cd "$PKG" && pnpm publish …); done`): unknown
 * targets, the packages of the directories the loop's words name as candidates, never another
 * workspace package (an example). src/model/npm/value-targets.ts `loopTargets`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (name: string, more: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '1.0.0', ...more });

const FILES = {
  'package.json': JSON.stringify({ name: 'mono-root', private: true, workspaces: ['packages/*', 'examples/*'] }),
  'packages/core/package.json': pkg('@acme/core'),
  'packages/cli/package.json': pkg('@acme/cli'),
  'packages/internal/package.json': pkg('@acme/internal', { private: true }),
  'packages/README.md': '# packages\n',
  'examples/demo/package.json': pkg('demo'),
  // Not a workspace package: a loop over `tools/*` still names it.
  'tools/gen/package.json': pkg('@acme/gen'),
};

/** What today's unknown publish may publish: every publishable workspace package. */
const EVERY = 'unknown[demo,@acme/cli,@acme/core] ?';
const PACKAGES = 'unknown[@acme/cli,@acme/core] ?';

interface Case {
  name: string;
  /** The `run:` block (a literal block scalar). */
  run: string;
  /** `kind[packages or candidates] directory` of the one site. */
  want: string;
}

const cases: Case[] = [
  { name: 'intlify/vue-i18n: cd "$PKG" in a subshell, [[ -d ]] || continue', run: 'for PKG in packages/*; do\n  [[ -d "$PKG" ]] || continue\n  (cd "$PKG" && pnpm publish --access public --no-git-checks)\ndone', want: PACKAGES },
  { name: 'one line, cd $PKG unquoted', run: 'for PKG in packages/*; do (cd $PKG && npm publish); done', want: PACKAGES },
  { name: '${PKG} and pushd', run: 'for PKG in packages/*; do\n  pushd "${PKG}"\n  npm publish\n  popd\ndone', want: PACKAGES },
  { name: 'do on its own line, cd; cd ..', run: 'for PKG in packages/*\ndo\n  cd "$PKG"\n  npm publish\n  cd ../..\ndone', want: PACKAGES },
  { name: '--prefix "$d"', run: 'for d in packages/*; do npm publish --prefix "$d"; done', want: PACKAGES },
  { name: 'pnpm -C "$d"', run: 'for d in packages/*; do pnpm -C "$d" publish; done', want: PACKAGES },
  { name: 'a directory argument "$d"', run: 'for d in packages/*; do npm publish "$d"; done', want: PACKAGES },
  { name: './packages/*/ with its slash', run: 'for d in ./packages/*/; do (cd "$d" && npm publish); done', want: PACKAGES },
  { name: 'two globs, one outside the workspaces', run: 'for d in packages/* tools/*; do (cd "$d" && npm publish); done', want: 'unknown[@acme/cli,@acme/core,@acme/gen] ?' },
  { name: 'literal words under a literal start', run: 'for n in core cli; do\n  cd "packages/$n"\n  npm publish\n  cd -\ndone', want: PACKAGES },
  { name: 'a literal directory word', run: 'for d in examples/demo; do (cd "$d" && npm publish); done', want: 'unknown[demo] "examples/demo"' },
  { name: 'the glob from the directory the for runs in', run: 'cd packages\nfor d in *; do (cd "$d" && npm publish); done', want: PACKAGES },
  { name: 'a while loop inside the body does not end it', run: 'for d in packages/*; do\n  while false; do :; done\n  (cd "$d" && npm publish)\ndone', want: PACKAGES },
  { name: 'a glob that matches no committed directory: no candidate', run: 'for d in dist/*; do (cd "$d" && npm publish); done', want: 'unknown[] ?' },
  // Controls: what is not a loop over literal words keeps today's unknown targets, or its known ones.
  { name: 'control: a loop over $(ls …)', run: 'for d in $(ls packages); do (cd "packages/$d" && npm publish); done', want: EVERY },
  { name: 'control: a cd to a literal directory', run: 'cd packages/core && npm publish', want: 'single[@acme/core] "packages/core"' },
  { name: 'control: a literal cd in a loop over another variable', run: 'for t in a b; do (cd packages/core && npm publish --tag "$t"); done', want: 'single[@acme/core] "packages/core"' },
  { name: 'control: a variable not from a loop', run: 'cd "$PKG" && npm publish', want: EVERY },
  { name: 'control: a loop closed before the cd', run: 'for PKG in packages/*; do echo "$PKG"; done\ncd "$PKG" && npm publish', want: EVERY },
  { name: 'control: a quoted glob is one word', run: 'for d in "packages/*"; do (cd "$d" && npm publish); done', want: EVERY },
  { name: 'control: .. in a word', run: 'cd packages\nfor d in ../examples/*; do (cd "$d" && npm publish); done', want: EVERY },
  { name: 'control: the body sets the variable', run: 'for d in packages/*; do\n  d="examples/demo"\n  (cd "$d" && npm publish)\ndone', want: EVERY },
  { name: 'control: a variable of a list', run: 'for d in $DIRS; do (cd "$d" && npm publish); done', want: EVERY },
];

function workflow(run: string): string {
  const block = run.split('\n').map((l) => `          ${l}`).join('\n');
  return `on: push\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${block}\n`;
}

function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ ...FILES, ...files }), {}).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.targets.kind}[${list.map((x) => x.name).join(',')}] ${s.directory === undefined ? '?' : JSON.stringify(s.directory)}`;
  });
}

describe('a publish in a for loop over directories', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(sites({ '.github/workflows/r.yml': workflow(c.run) })).toEqual([c.want]);
    });
  }

  it('GitLab: the loop of a script line', () => {
    const ci = 'release:\n  image: node:24\n  script:\n    - for PKG in packages/*; do (cd "$PKG" && npm publish); done\n';
    expect(sites({ '.gitlab-ci.yml': ci })).toEqual([PACKAGES]);
  });

  it('CircleCI: the loop of a run step', () => {
    const config = 'version: 2.1\njobs:\n  release:\n    docker:\n      - image: cimg/node:24.11\n    steps:\n      - checkout\n      - run: for PKG in packages/*; do (cd "$PKG" && npm publish); done\nworkflows:\n  main:\n    jobs:\n      - release\n';
    expect(sites({ '.circleci/config.yml': config })).toEqual([PACKAGES]);
  });
});
