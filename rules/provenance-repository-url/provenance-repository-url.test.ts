import { describe, expect, it } from 'vitest';
import { lintFiles, publisherConfig, releaseWorkflow as workflow } from '../../test/helpers.js';
import { fromRuleCases, ruleTester, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'provenance-repository-url';

/** Pretty-printed: `name` on line 2, `repository` on line 4 (its `url` on line 6 when it is a map). */
function pkg(fields: Record<string, unknown>, repository?: unknown): string {
  const base: Record<string, unknown> = { name: 'widget', version: '1.0.0' };
  if (repository !== undefined) base['repository'] = repository;
  return `${JSON.stringify({ ...base, ...fields }, null, 2)}\n`;
}

const REPO = { type: 'git', url: 'git+https://github.com/acme/widget.git' };

const TOKEN_ENV = ['        env:', '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}'];

function origin(url: string): string {
  return `[remote "origin"]\n\turl = ${url}\n`;
}

/** `config: null` = no tp-doctor.yml (the publisher is inferred). */
function repo(files: Record<string, string>, config: string | null = publisherConfig({})): Record<string, string> {
  return {
    'package.json': pkg({}, REPO),
    '.github/workflows/release.yml': workflow(),
    ...(config !== null ? { 'tp-doctor.yml': config } : {}),
    ...files,
  };
}

const MONOREPO = {
  'package.json': pkg({ name: 'widget-monorepo', private: true, workspaces: ['packages/*'] }, REPO),
  'packages/core/package.json': pkg({ name: '@acme/core' }, { ...REPO, directory: 'packages/core' }),
  'packages/cli/package.json': pkg({ name: '@acme/cli' }),
  'packages/internal/package.json': pkg({ name: '@acme/internal', private: true }),
  '.github/workflows/release.yml': workflow('pnpm -r publish'),
};

/** A package `lib` without `repository` in `packages/lib`, of a pnpm workspace or of the root package.json `workspaces`. */
const LIB_PNPM = {
  'package.json': pkg({ name: 'root', private: true }, REPO),
  'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
  'packages/lib/package.json': pkg({ name: 'lib' }),
};
const LIB_NPM = { ...LIB_PNPM, 'package.json': pkg({ name: 'root', private: true, workspaces: ['packages/*'] }, REPO) };
const IN_LIB = ['        working-directory: packages/lib'];

/** npm/package.json (private) with its own workspaces, one of them without `repository`; the root has none. */
const SHARP_NPM = {
  'npm/package.json': pkg({ name: '@widget/all', private: true, workspaces: ['linux-x64', 'darwin-arm64'] }),
  'npm/linux-x64/package.json': pkg({ name: '@widget/linux-x64' }),
  'npm/darwin-arm64/package.json': pkg({ name: '@widget/darwin-arm64' }, { ...REPO, directory: 'npm/darwin-arm64' }),
};

/**
 * reduxjs/redux-toolkit: the package to publish is a `workflow_dispatch` input of `type: choice`;
 * the example workspace package (no `repository`) is never one of its options.
 */
function dispatchWorkflow(options: string[], publish = 'yarn workspace ${{ inputs.package }} exec npm publish --access public'): string {
  return [
    'name: Publish',
    'on:',
    '  workflow_dispatch:',
    '    inputs:',
    '      package:',
    '        required: true',
    '        type: choice',
    '        options:',
    ...options.map((o) => `          - '${o}'`),
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v5',
    '        with:',
    '          node-version: 24',
    `      - run: ${publish}`,
    '',
  ].join('\n');
}

const CHOICE_REPO = {
  'package.json': pkg({ name: 'rtk-monorepo', private: true, workspaces: ['packages/*', 'examples/*'] }, REPO),
  'packages/toolkit/package.json': pkg({ name: '@acme/toolkit' }, { ...REPO, directory: 'packages/toolkit' }),
  'examples/demo/package.json': pkg({ name: '@examples/demo' }),
};

/** A step `v` writes `flag=<value>` (or nothing) to `$GITHUB_OUTPUT`; the next runs `npm publish ${{ steps.v.outputs.flag }}`. */
function outputWorkflow(value: string): string {
  return workflow('npm publish ${{ steps.v.outputs.flag }}').replace(
    '      - run: npm publish',
    `      - id: v\n        run: if [ -n "$PRE" ]; then echo "flag=${value}" >> "$GITHUB_OUTPUT"; fi\n      - run: npm publish`,
  );
}

/** intlify/vue-i18n's release step: each directory under packages/ published in turn. */
const LOOP_PUBLISH = 'for PKG in packages/*; do [[ -d "$PKG" ]] || continue; (cd "$PKG" && pnpm publish --access public --no-git-checks); done';

/**
 * bytecodealliance/jco: a pnpm workspace whose release publishes `--filter "@acme/$PROJECT"`; the
 * example workspace package (no scope, no `repository`) can never be that filter's.
 */
const FILTER_REPO = {
  'package.json': pkg({ name: 'jco-monorepo', private: true }, REPO),
  'pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - examples/*\n',
  'packages/core/package.json': pkg({ name: '@acme/core' }, { ...REPO, directory: 'packages/core' }),
  'examples/compat/package.json': pkg({ name: 'node-compat' }),
};
const FILTER_PUBLISH = 'pnpm publish --filter "@acme/$PROJECT" --provenance --no-git-checks';

const cases: RuleCase[] = [
  { name: 'repository.url equal after normalising git+ and .git', files: repo({}), want: [] },
  { name: 'shorthand owner/repo', files: repo({ 'package.json': pkg({}, 'acme/widget') }), want: [] },
  { name: 'github: shorthand', files: repo({ 'package.json': pkg({}, 'github:acme/widget') }), want: [] },
  { name: 'scp-like ssh URL', files: repo({ 'package.json': pkg({}, { type: 'git', url: 'git@github.com:acme/widget.git' }) }), want: [] },
  {
    // Provenance is automatic only from a public repository, which tp-doctor cannot see: a warning.
    name: 'no repository at all',
    files: repo({ 'package.json': pkg({}) }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: 'widget', expected: 'https://github.com/acme/widget', file: 'package.json', json: '{"type": "git", "url": "git+https://github.com/acme/widget.git"}' },
  },
  {
    // ryanrasti/typegres #102 (E422): the publish runs in `nix develop --command bash -c '…'`, read as the plain command.
    name: 'no repository, published from a Nix environment (`nix develop --command bash -c`)',
    files: repo({ 'package.json': pkg({}), '.github/workflows/release.yml': workflow("nix develop --command bash -c 'npm ci && npm publish'") }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: 'widget', expected: 'https://github.com/acme/widget' },
  },
  {
    // survey919a F1: pnpm publishes the package.json of `publishConfig.directory`, built in the job, as for `npm publish ./dist`.
    name: 'pnpm publish of a package with publishConfig.directory: the built manifest is not in the files',
    files: repo({ 'package.json': pkg({ publishConfig: { directory: 'dist' } }), '.github/workflows/release.yml': workflow('pnpm publish --no-git-checks') }),
    want: [],
  },
  {
    name: 'lerna publish of a workspace package with publishConfig.directory: not judged; its sibling is',
    files: repo({ ...MONOREPO, 'packages/cli/package.json': pkg({ name: '@acme/cli', publishConfig: { directory: 'lib' } }), 'packages/other/package.json': pkg({ name: '@acme/other' }), 'lerna.json': '{"version": "independent"}', '.github/workflows/release.yml': workflow('npx lerna publish from-package --yes') }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: '@acme/other', file: 'packages/other/package.json' },
  },
  {
    name: 'pnpm publish of a package with publishConfig.directory: the committed manifest there is read',
    files: repo({ 'package.json': pkg({ publishConfig: { directory: 'dist' } }, REPO), 'dist/package.json': pkg({}), '.github/workflows/release.yml': workflow('pnpm publish --no-git-checks') }),
    want: ['missingUnsure@2:3-2:9'],
    data: { file: 'dist/package.json' },
  },
  {
    name: 'control: npm publish ignores publishConfig.directory',
    files: repo({ 'package.json': pkg({ publishConfig: { directory: 'dist' } }), '.github/workflows/release.yml': workflow('npm publish') }),
    want: ['missingUnsure@2:3-2:9'],
  },
  {
    // tinylibs/tinybench: clean-publish in prepublishOnly copies the root, `repository` included, into the directory pnpm publishes.
    name: 'control: clean-publish publishes the root package itself: judged on it',
    files: repo({ 'package.json': pkg({ publishConfig: { directory: 'package' }, scripts: { prepublishOnly: 'clean-publish' } }), '.github/workflows/release.yml': workflow('pnpm publish --no-git-checks') }),
    want: ['missingUnsure@2:3-2:9'],
  },
  {
    name: 'repository without url',
    files: repo({ 'package.json': pkg({}, { type: 'git' }) }),
    want: ['missingUnsure@4:3-4:15'],
  },
  {
    name: 'no repository, declared public repository: certain E422',
    files: repo({ 'package.json': pkg({}), 'tp-doctor.yml': `${publisherConfig({})}repository:\n  visibility: public\n` }),
    want: ['missing@2:3-2:9'],
  },
  {
    name: 'no repository, provenance forced: certain E422',
    files: repo({ 'package.json': pkg({}), '.github/workflows/release.yml': workflow('npm publish --provenance') }),
    want: ['missing@2:3-2:9'],
  },
  {
    name: 'owner differs only in case (Vectreal vs vectreal)',
    files: repo(
      { 'package.json': pkg({ name: '@vctrl/core' }, { type: 'git', url: 'https://github.com/Vectreal/vectreal-core' }) },
      publisherConfig({ repository: 'vectreal/vectreal-core' }),
    ),
    want: ['caseMismatch@6:12-6:55'],
    data: {
      package: '@vctrl/core',
      actual: 'https://github.com/Vectreal/vectreal-core',
      expected: 'https://github.com/vectreal/vectreal-core',
      url: 'git+https://github.com/vectreal/vectreal-core.git',
      expectedFrom: 'the trusted publisher in the tp-doctor config',
    },
  },
  {
    name: 'another repository (a renamed one)',
    files: repo({ 'package.json': pkg({}, 'git+https://github.com/acme/widget-old.git') }),
    want: ['mismatch@4:17-4:61'],
    data: { actual: 'git+https://github.com/acme/widget-old.git', expected: 'https://github.com/acme/widget' },
  },
  {
    name: 'a repository that is not a URL',
    files: repo({ 'package.json': pkg({}, { url: 'gist:11081aaa281' }) }),
    want: ['mismatch@5:12-5:30'],
  },
  {
    name: 'monorepo: a workspace package without repository (the private one and the root are not published)',
    files: repo(MONOREPO),
    want: ['missingUnsure@2:3-2:9'],
    data: {
      package: '@acme/cli',
      file: 'packages/cli/package.json',
      json: '{"type": "git", "url": "git+https://github.com/acme/widget.git", "directory": "packages/cli"}',
    },
  },
  {
    // Brooooooklyn/canvas: `npm publish` runs `prepublishOnly: napi prepublish`, which publishes npm/*.
    name: 'a platform package napi publishes from the root\'s prepublishOnly, without repository',
    files: repo({
      'package.json': pkg({ name: '@acme/widget', scripts: { prepublishOnly: 'napi prepublish -t npm' } }, REPO),
      'npm/linux-x64-gnu/package.json': pkg({ name: '@acme/widget-linux-x64-gnu', os: ['linux'] }),
    }),
    want: ['missingUnsure@2:3-2:9'],
    data: {
      package: '@acme/widget-linux-x64-gnu',
      file: 'npm/linux-x64-gnu/package.json',
      json: '{"type": "git", "url": "git+https://github.com/acme/widget.git", "directory": "npm/linux-x64-gnu"}',
    },
  },
  // lovell/sharp: `cd npm && npm publish --workspaces`, npm/package.json (private) listing the platform packages.
  ...[workflow('cd npm && npm publish --workspaces --tag=latest'), workflow('npm publish --workspaces', ['        working-directory: npm'])].map((release, i) => ({
    name: `npm publish --workspaces in npm/ publishes npm/package.json's workspaces (${i === 0 ? 'cd npm' : 'working-directory'})`,
    files: repo({ ...SHARP_NPM, '.github/workflows/release.yml': release }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: '@widget/linux-x64', file: 'npm/linux-x64/package.json' },
  })),
  {
    // The root's workspaces are not what npm publishes in npm/, which declares none and is none of them.
    name: 'npm publish --workspaces in a directory that is no workspace: the root\'s workspaces are not credited',
    files: repo({ ...LIB_NPM, 'npm/package.json': pkg({ name: '@widget/all', private: true }), '.github/workflows/release.yml': workflow('cd npm && npm publish --workspaces') }),
    want: [],
  },
  {
    name: 'monorepo without a declared publisher: the expected repository comes from the root package.json',
    files: repo(MONOREPO, null),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: '@acme/cli', expected: 'https://github.com/acme/widget' },
  },
  {
    name: 'a publisher whose packages do not cover the package',
    files: repo(MONOREPO, publisherConfig({ extra: '    packages: ["@acme/core"]' })),
    want: [],
  },
  { name: 'declared private repository: no automatic provenance', files: repo({ 'package.json': pkg({}), 'tp-doctor.yml': `${publisherConfig({})}repository:\n  visibility: private\n` }), want: [] },
  { name: '.npmrc provenance=false switches provenance off', files: repo({ 'package.json': pkg({}), '.npmrc': 'provenance=false\n' }), want: [] },
  // Only the `.npmrc` files the publish reads count, as for its registry: `npm publish` reads its
  // local prefix's (the package directory in a pnpm workspace, the root for a package.json workspace member).
  {
    name: 'root .npmrc provenance=false is not read by npm publish in a package of a pnpm workspace',
    files: repo({ ...LIB_PNPM, '.npmrc': 'provenance=false\n', '.github/workflows/release.yml': workflow('npm publish', IN_LIB) }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: 'lib', file: 'packages/lib/package.json' },
  },
  {
    name: 'the package\'s .npmrc provenance=false is not read by npm publish in a member of package.json workspaces',
    files: repo({ ...LIB_NPM, 'packages/lib/.npmrc': 'provenance=false\n', '.github/workflows/release.yml': workflow('npm publish', IN_LIB) }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: 'lib', file: 'packages/lib/package.json' },
  },
  { name: 'the package\'s own .npmrc provenance=false, npm publish in it (pnpm workspace)', files: repo({ ...LIB_PNPM, 'packages/lib/.npmrc': 'provenance=false\n', '.github/workflows/release.yml': workflow('npm publish', IN_LIB) }), want: [] },
  { name: 'root .npmrc provenance=false, npm publish in a package.json workspace member', files: repo({ ...LIB_NPM, '.npmrc': 'provenance=false\n', '.github/workflows/release.yml': workflow('npm publish', IN_LIB) }), want: [] },
  { name: 'root .npmrc provenance=false, pnpm publish in a package: pnpm reads the root\'s', files: repo({ ...LIB_PNPM, '.npmrc': 'provenance=false\n', '.github/workflows/release.yml': workflow('pnpm publish', IN_LIB) }), want: [] },
  {
    name: '--no-provenance on the publish command',
    files: repo({ 'package.json': pkg({}), '.github/workflows/release.yml': workflow('npm publish --no-provenance') }),
    want: [],
  },
  // NPM_CONFIG_PROVENANCE set in the publish's own shell (the model's `commandEnv` switch), as `--no-provenance` / `--provenance`.
  {
    name: '`NPM_CONFIG_PROVENANCE=false` on the publish command switches it off',
    files: repo({ 'package.json': pkg({}), '.github/workflows/release.yml': workflow('NPM_CONFIG_PROVENANCE=false npm publish') }),
    want: [],
  },
  {
    name: '`"release": "cross-env npm_config_provenance=false npm publish"` switches it off',
    files: repo({ 'package.json': pkg({ scripts: { release: 'cross-env npm_config_provenance=false npm publish' } }), '.github/workflows/release.yml': workflow('npm run release') }),
    want: [],
  },
  {
    name: '`export NPM_CONFIG_PROVENANCE=false` earlier in the run block switches it off',
    files: repo({ 'package.json': pkg({}), '.github/workflows/release.yml': workflow('|', ['          export NPM_CONFIG_PROVENANCE=false', '          npm publish']) }),
    want: [],
  },
  {
    name: 'control: the same run block without the export',
    files: repo({ 'package.json': pkg({}), '.github/workflows/release.yml': workflow('|', ['          echo releasing', '          npm publish']) }),
    want: ['missingUnsure@2:3-2:9'],
  },
  {
    name: 'publishConfig.provenance: false does not switch it off',
    files: repo({ 'package.json': pkg({ publishConfig: { provenance: false } }) }),
    want: ['missingUnsure@2:3-2:9'],
  },
  {
    name: 'Yarn Berry does not sign provenance by itself',
    files: repo({ 'package.json': pkg({}), '.github/workflows/release.yml': workflow('yarn npm publish') }),
    want: [],
  },
  {
    name: 'Yarn Berry with --provenance',
    files: repo({ 'package.json': pkg({}), '.github/workflows/release.yml': workflow('yarn npm publish --provenance') }),
    want: ['missing@2:3-2:9'],
  },
  {
    // SuperchupuDev/tinyglobby cloned as `superchupudev/tinyglobby`: git keeps the URL as typed, so
    // the remote's case says nothing certain (an info with a suggestion, never a fix that rewrites a right URL).
    name: 'inferred from the git remote: the package names it in another case',
    files: repo({ 'package.json': pkg({}, 'https://github.com/Acme/Widget'), '.git/config': origin('git@github.com:acme/widget.git') }, null),
    want: ['caseOfRemote@4:17-4:49'],
    data: { actual: 'https://github.com/Acme/Widget', expected: 'https://github.com/acme/widget' },
  },
  {
    // survey904a D3: the declaration says `Acme/widget`, the remote and the package `acme/widget`.
    // Which case is the repository's own, tp-doctor cannot tell: repository-matches-publisher reports
    // the disagreement once, not a second error here with the opposite fix.
    name: 'declared in another case than the git remote the package follows: left to repository-matches-publisher',
    files: repo({ 'package.json': pkg({}, REPO), '.git/config': origin('https://github.com/acme/widget.git') }, publisherConfig({ repository: 'Acme/widget' })),
    want: [],
  },
  {
    name: 'declared in another case, the package in a third: the declaration decides',
    files: repo({ 'package.json': pkg({}, 'https://github.com/ACME/widget'), '.git/config': origin('https://github.com/acme/widget.git') }, publisherConfig({ repository: 'Acme/widget' })),
    want: ['caseMismatch@4:17-4:49'],
  },
  {
    name: 'inferred from the git remote: the package names another repository',
    // Without a declaration the remote may be stale (a renamed repository): repository-matches-publisher
    // reports the disagreement once, as a warning that explains both possibilities.
    files: repo({ 'package.json': pkg({}, 'https://github.com/acme/gadget'), '.git/config': origin('git@github.com:acme/widget.git') }, null),
    want: [],
  },
  {
    name: 'inferred, but the job publishes with a token and without provenance',
    files: repo(
      {
        'package.json': pkg({}, 'https://github.com/acme/gadget'),
        '.git/config': origin('git@github.com:acme/widget.git'),
        '.github/workflows/release.yml': workflow('npm publish', TOKEN_ENV),
      },
      null,
    ),
    want: [],
  },
  {
    name: 'inferred, a token publish with forced provenance',
    files: repo(
      {
        'package.json': pkg({}, 'https://github.com/acme/gadget'),
        '.git/config': origin('git@github.com:acme/widget.git'),
        '.github/workflows/release.yml': workflow('npm publish --provenance', TOKEN_ENV),
      },
      null,
    ),
    want: [],
  },
  {
    name: 'inferred from package.json itself: nothing to compare',
    files: repo({ 'package.json': pkg({}, 'https://github.com/acme/gadget') }, null),
    want: [],
  },
  {
    name: 'a workflow_dispatch choice: only its options are published, not the example package',
    files: repo({ ...CHOICE_REPO, '.github/workflows/release.yml': dispatchWorkflow(['@acme/toolkit']) }),
    want: [],
  },
  ...['npm publish -w ${{ inputs.package }}', 'pnpm --filter ${{ github.event.inputs.package }} exec npm publish'].map((publish) => ({
    name: `a workflow_dispatch choice: \`${publish}\``,
    files: repo({ ...CHOICE_REPO, '.github/workflows/release.yml': dispatchWorkflow(['@acme/toolkit'], publish) }),
    want: [],
  })),
  {
    name: 'a workflow_dispatch choice with an option that names the package without repository',
    files: repo({ ...CHOICE_REPO, '.github/workflows/release.yml': dispatchWorkflow(['@acme/toolkit', '@examples/demo']) }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: '@examples/demo', file: 'examples/demo/package.json' },
  },
  {
    // On a push `inputs.package` is empty: what the command then publishes is unknown, every package a candidate.
    name: 'a choice input in a workflow that a push starts too',
    files: repo({ ...CHOICE_REPO, '.github/workflows/release.yml': dispatchWorkflow(['@acme/toolkit']).replace('on:\n', 'on:\n  push:\n') }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: '@examples/demo', file: 'examples/demo/package.json' },
  },
  {
    // intlify/vue-i18n: the loop publishes the packages under packages/ only, never the example.
    name: 'a for loop over packages/*: a workspace package outside its words is not checked',
    files: repo({ ...CHOICE_REPO, '.github/workflows/release.yml': workflow(LOOP_PUBLISH) }),
    want: [],
  },
  {
    name: 'a for loop over packages/*: a package under its words without repository',
    files: repo({ ...CHOICE_REPO, 'packages/cli/package.json': pkg({ name: '@acme/cli' }), '.github/workflows/release.yml': workflow(LOOP_PUBLISH) }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: '@acme/cli', file: 'packages/cli/package.json' },
  },
  {
    // Neko-Catpital-Labs/Invoker: a shell function called only with literal directories publishes their packages only.
    name: 'a shell function called with literal directories: an internal package without repository is no candidate',
    files: repo({ ...MONOREPO, '.github/workflows/release.yml': workflow('pub() { cd "$1" && npm publish; cd -; }; pub packages/core') }),
    want: [],
  },
  {
    // Control: a call with a value tp-doctor cannot read may publish any workspace package.
    name: 'a shell function also called with a variable: every workspace package a candidate',
    files: repo({ ...MONOREPO, '.github/workflows/release.yml': workflow('pub() { cd "$1" && npm publish; cd -; }; pub packages/core; pub "$EXTRA"') }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: '@acme/cli', file: 'packages/cli/package.json' },
  },
  {
    // gsd-build/gsd-2: `npm publish ${{ steps.v.outputs.flag }}` at the root, `flag` only ever `--tag next` or empty.
    name: 'a step output of literal options: the root package only, no workspace package',
    files: repo({ ...MONOREPO, 'package.json': pkg({ name: 'widget', workspaces: ['packages/*'] }, REPO), '.github/workflows/release.yml': outputWorkflow('--tag next') }),
    want: [],
  },
  {
    // Control: a step output that holds `--workspaces` publishes every workspace package.
    name: 'a step output of --workspaces: every workspace package',
    files: repo({ ...MONOREPO, 'package.json': pkg({ name: 'widget', workspaces: ['packages/*'] }, REPO), '.github/workflows/release.yml': outputWorkflow('--workspaces') }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: '@acme/cli', file: 'packages/cli/package.json' },
  },
  {
    // Control: a loop over a command's output may publish any workspace package.
    name: 'a for loop over $(ls …): every workspace package a candidate',
    files: repo({ ...CHOICE_REPO, '.github/workflows/release.yml': workflow('for d in $(ls packages); do (cd "packages/$d" && pnpm publish --no-git-checks); done') }),
    want: ['missingUnsure@2:3-2:9'],
    data: { package: '@examples/demo', file: 'examples/demo/package.json' },
  },
  {
    name: 'pnpm --filter "@acme/$PROJECT": a workspace package outside the scope is not checked',
    files: repo({ ...FILTER_REPO, '.github/workflows/release.yml': workflow(FILTER_PUBLISH) }),
    want: [],
  },
  {
    name: 'pnpm --filter "@acme/$PROJECT": a package of the scope without repository',
    files: repo({ ...FILTER_REPO, 'packages/cli/package.json': pkg({ name: '@acme/cli' }), '.github/workflows/release.yml': workflow(FILTER_PUBLISH) }),
    want: ['missing@2:3-2:9'],
    data: { package: '@acme/cli', file: 'packages/cli/package.json' },
  },
  {
    // Control: pnpm's `name...` adds the package's dependencies, which may lie outside the scope.
    name: 'pnpm --filter "@acme/$PROJECT...": every workspace package a candidate',
    files: repo({ ...FILTER_REPO, '.github/workflows/release.yml': workflow(FILTER_PUBLISH.replace('$PROJECT"', '$PROJECT..."')) }),
    want: ['missing@2:3-2:9'],
    data: { package: 'node-compat', file: 'examples/compat/package.json' },
  },
  {
    name: 'a GitLab publisher without a GitLab publish: nothing signs provenance there',
    files: repo({ 'package.json': pkg({}) }, 'publishers:\n  - provider: gitlab\n    project: acme/widget\n'),
    want: [],
  },
];

describe(RULE, () => {

  it('renders the full message', async () => {
    const files = repo(
      { 'package.json': pkg({ name: '@vctrl/core' }, { type: 'git', url: 'https://github.com/Vectreal/vectreal-core' }) },
      publisherConfig({ repository: 'vectreal/vectreal-core' }),
    );
    const [d] = await lintFiles(files, { rule: RULE });
    expect(d?.message).toBe(
      'Package "@vctrl/core" `repository.url` "https://github.com/Vectreal/vectreal-core" differs only in case from "https://github.com/vectreal/vectreal-core" (the trusted publisher in the tp-doctor config)',
    );
    expect(d?.why).toContain('expected to match "https://github.com/vectreal/vectreal-core" from provenance');
    expect(d?.file).toBe('package.json');
  });

  it('a package that is only a candidate of a publish with unknown targets is a warning, its fix a suggestion', async () => {
    const publish = 'npm publish --provenance -w ${{ inputs.package }}';
    const public_ = `${publisherConfig({})}repository:\n  visibility: public\n`;
    const [d] = await lintFiles(repo({ ...MONOREPO, '.github/workflows/release.yml': workflow(publish), 'tp-doctor.yml': public_ }), { rule: RULE });
    expect([d?.messageId, d?.file, d?.severity]).toEqual(['missing', 'packages/cli/package.json', 'warning']);
    // The same package as a known target: certain.
    const [known] = await lintFiles(repo({ ...MONOREPO, '.github/workflows/release.yml': workflow('npm publish --provenance -w packages/cli'), 'tp-doctor.yml': public_ }), { rule: RULE });
    expect([known?.messageId, known?.file, known?.severity]).toEqual(['missing', 'packages/cli/package.json', 'error']);
  });

  it('a package under the words of a for loop is a candidate: a warning, even with provenance forced and a public repository', async () => {
    const public_ = `${publisherConfig({})}repository:\n  visibility: public\n`;
    const files = { ...CHOICE_REPO, 'packages/cli/package.json': pkg({ name: '@acme/cli' }), '.github/workflows/release.yml': workflow(LOOP_PUBLISH.replace('--access', '--provenance --access')), 'tp-doctor.yml': public_ };
    const found = await lintFiles(repo(files), { rule: RULE });
    expect(found.map((d) => [d.messageId, d.file, d.severity])).toEqual([['missing', 'packages/cli/package.json', 'warning']]);
  });

  it('a package of the scope a pnpm --filter value names is a candidate: a warning, even with provenance forced and a public repository', async () => {
    const public_ = `${publisherConfig({})}repository:\n  visibility: public\n`;
    const files = { ...FILTER_REPO, 'packages/cli/package.json': pkg({ name: '@acme/cli' }), '.github/workflows/release.yml': workflow(FILTER_PUBLISH), 'tp-doctor.yml': public_ };
    const found = await lintFiles(repo(files), { rule: RULE });
    expect(found.map((d) => [d.messageId, d.file, d.severity])).toEqual([['missing', 'packages/cli/package.json', 'warning']]);
  });

  it('a package that only some values of a dispatch choice publish is a warning, even with provenance forced', async () => {
    const public_ = `${publisherConfig({})}repository:\n  visibility: public\n`;
    const lint = (options: string[]) =>
      lintFiles(repo({ ...CHOICE_REPO, '.github/workflows/release.yml': dispatchWorkflow(options, 'yarn workspace ${{ inputs.package }} exec npm publish --provenance'), 'tp-doctor.yml': public_ }), { rule: RULE });
    const [chosen, ...rest] = await lint(['@acme/toolkit', '@examples/demo']);
    expect([chosen?.messageId, chosen?.file, chosen?.severity, rest.length]).toEqual(['missing', 'examples/demo/package.json', 'warning', 0]);
    // Every run publishes the only option: certain.
    const [only] = await lint(['@examples/demo']);
    expect([only?.messageId, only?.file, only?.severity]).toEqual(['missing', 'examples/demo/package.json', 'error']);
  });

  // @changesets/cli 3 publishes with `yarn npm publish` in a Yarn 2+ repository (no provenance unless
  // asked), stops on Yarn 1, and runs `npm publish` elsewhere; 2.x runs `npm publish` (automatic provenance).
  const csBerryLock = (v: string): string => `__metadata:\n  version: 8\n\n"@changesets/cli@npm:^${v}":\n  version: ${v}\n  resolution: "@changesets/cli@npm:${v}"\n`;
  const csRepo = (pm: string, range: string | undefined, extra: Record<string, string>, config: string | null): Record<string, string> => {
    const root = pkg({ name: 'acme-root', private: true, workspaces: ['packages/*'], packageManager: pm, ...(range ? { devDependencies: { '@changesets/cli': range } } : {}) }, REPO);
    const files = { 'package.json': root, 'packages/widget/package.json': pkg({ name: '@acme/widget' }), '.github/workflows/release.yml': workflow('yarn changeset publish'), ...extra };
    return repo(config === null ? { ...files, '.git/config': origin('git@github.com:acme/widget.git') } : { ...files, 'tp-doctor.yml': config }, config);
  };
  const PUBLIC = `${publisherConfig({})}repository:\n  visibility: public\n`;
  it.each<[string, string, string | undefined, Record<string, string>, string | null, string[][]]>([
    ['3.0.0 on Yarn 4.12, inferred publisher: yarn npm publish, no provenance', 'yarn@4.12.0', '^3.0.0', { 'yarn.lock': csBerryLock('3.0.0') }, null, []],
    ['3.0.0 on Yarn 4.12, declared public repository', 'yarn@4.12.0', '^3.0.0', { 'yarn.lock': csBerryLock('3.0.0') }, PUBLIC, []],
    ['3.0.0 on Yarn 1: changesets stops, nothing is signed', 'yarn@1.22.22', '^3.0.0', {}, PUBLIC, []],
    ['2.29.7 on Yarn 4.12, inferred publisher: npm publish', 'yarn@4.12.0', '^2.29.7', { 'yarn.lock': csBerryLock('2.29.7') }, null, [['missingUnsure', 'warning']]],
    ['2.29.7 on Yarn 4.12, declared public repository: npm publish signs', 'yarn@4.12.0', '^2.29.7', { 'yarn.lock': csBerryLock('2.29.7') }, PUBLIC, [['missing', 'error']]],
    ['no version on Yarn 4.12, declared public repository: 2.x signs, 3.x does not', 'yarn@4.12.0', undefined, {}, PUBLIC, [['missing', 'warning']]],
    ['3.0.0 in an npm repository, declared public repository: npm publish signs', 'npm@11.6.2', '^3.0.0', {}, PUBLIC, [['missing', 'error']]],
  ])('changeset publish, @changesets/cli %s', async (_name, pm, range, extra, config, want) => {
    const found = await lintFiles(csRepo(pm, range, extra, config), { rule: RULE });
    expect(found.map((d) => [d.messageId, d.severity])).toEqual(want);
  });

  it('shows the exact JSON to add', async () => {
    const [d] = await lintFiles(repo(MONOREPO), { rule: RULE });
    expect(d?.fix).toBe(
      'Add `"repository": {"type": "git", "url": "git+https://github.com/acme/widget.git", "directory": "packages/cli"}` to `packages/cli/package.json` (or, for a package that is not meant to be published, such as an example, set `"private": true`: a workspace-wide publish (`changeset publish`, `pnpm -r publish`, `lerna publish`) publishes every workspace package that is not private)',
    );
  });
});

describe(`${RULE}: rule tester`, () => {
  ruleTester.run(RULE, fromRuleCases(cases));
});

describe(`${RULE}: provenance forced only by a publish an if: tp-doctor cannot evaluate chooses (audit1208 u02, A.66)`, () => {
  const twoSteps = (forcedIf: string, otherIf: string, other = 'npm publish --no-provenance'): string =>
    workflow('npm publish --provenance', [`      - if: ${otherIf}`, `        run: ${other}`]).replace('      - run: npm publish --provenance', `      - if: ${forcedIf}\n        run: npm publish --provenance`);
  const brief = async (yaml: string): Promise<string[]> =>
    (await lintFiles(repo({ 'package.json': pkg({}), '.github/workflows/release.yml': yaml }), { rule: RULE })).map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`);
  it('`--provenance` under `if: vars.X`, `--no-provenance` under the negation, no `repository`: a warning naming the if: and the other publish', async () => {
    const found = await lintFiles(repo({ 'package.json': pkg({}), '.github/workflows/release.yml': twoSteps("vars.PROVENANCE == 'true'", "vars.PROVENANCE != 'true'") }), { rule: RULE });
    expect(found.map((d) => `${d.messageId}@${d.severity} ${d.file}:${d.line}`)).toEqual(['missing@warning package.json:2']);
    expect(found[0]?.related?.map((r) => `${r.start.line} ${r.label}`)).toEqual([
      "14 the step's `if:`, which tp-doctor cannot evaluate, decides whether this publish runs",
      '17 step 3 of job "publish" also publishes, without this problem',
    ]);
  });
  it('control: an if: that holds on the trigger forces provenance: the error stays', async () => {
    expect(await brief(twoSteps("github.event_name == 'push'", "vars.PROVENANCE != 'true'"))).toEqual(['missing@error package.json:2']);
  });
  it('control: the other publish forces provenance too: the error stays', async () => {
    expect(await brief(twoSteps("vars.PROVENANCE == 'true'", "vars.PROVENANCE != 'true'", 'npm publish --provenance --tag next'))).toEqual(['missing@error package.json:2']);
  });
});
