import { describe, expect } from 'vitest';
import { fromRuleCases, publisherConfig, ruleTester, type RuleCase } from '../../test/rule-tester.js';

const RULE = 'repository-matches-publisher';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://github.com/acme/widget.git' } });

const RELEASE = `name: Release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - run: npm publish
`;

function gitConfig(...remotes: [string, string][]): string {
  const lines = ['[core]', '\trepositoryformatversion = 0'];
  for (const [name, url] of remotes) lines.push(`[remote "${name}"]`, `\turl = ${url}`, `\tfetch = +refs/heads/*:refs/remotes/${name}/*`);
  lines.push('[branch "main"]', '\tremote = origin');
  return `${lines.join('\n')}\n`;
}

function repo(config: string | undefined, git?: string, extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = { 'package.json': PKG, '.github/workflows/release.yml': RELEASE, ...extra };
  if (config !== undefined) files['tp-doctor.yml'] = config;
  if (git !== undefined) files['.git/config'] = git;
  return files;
}

/**
 * dotenvx/dotenvx: a job that publishes only folders it makes (`npm publish dist/npm/x-${{ matrix.platform }}`)
 * never publishes the root package, whose repository.url is then none of this rule's business.
 */
const FOLDER_PKG = JSON.stringify({ name: 'widget-root', version: '1.0.0', repository: { url: 'git+https://github.com/someone-else/old-widget.git' } });
function folderRepo(run: string): Record<string, string> {
  const workflow = RELEASE.replace('    steps:\n', '    strategy:\n      matrix:\n        platform: [linux-x64, darwin-arm64]\n    steps:\n').replace('      - run: npm publish\n', `      - run: ${run}\n`);
  return repo(undefined, gitConfig(['origin', 'https://github.com/acme/widget.git']), { 'package.json': FOLDER_PKG, '.github/workflows/release.yml': workflow });
}
const folderCases: RuleCase[] = [
  { name: 'a folder named by a matrix value, made in the job: not the root package', files: folderRepo('npm publish dist/npm/widget-${{ matrix.platform }}'), want: [] },
  { name: 'a folder named by a shell variable under dist/npm: not the root package', files: folderRepo('npm publish "dist/npm/widget-$PLATFORM"'), want: [] },
  { name: 'control: a literal folder made in the job', files: folderRepo('npm publish dist/npm/widget-linux'), want: [] },
  { name: 'control: the root package published', files: folderRepo('npm publish'), want: ['remoteVsPackage@1:61-1:113'], data: { actual: 'acme/widget', declared: 'someone-else/old-widget' } },
  // survey919a F1: pnpm publishes the package.json its build writes in `publishConfig.directory`, not the root's.
  {
    name: 'pnpm publish of a package with publishConfig.directory: the root package.json is not the one sent',
    files: { ...folderRepo('pnpm publish --no-git-checks'), 'package.json': JSON.stringify({ ...JSON.parse(FOLDER_PKG), publishConfig: { directory: 'dist' } }) },
    want: [],
  },
];

const GITLAB_CONFIG = 'publishers:\n  - provider: gitlab\n    project: acme/tools/widget\n';

const cases: RuleCase[] = [
  {
    name: 'same repository (https remote)',
    files: repo(publisherConfig({}), gitConfig(['origin', 'https://github.com/acme/widget.git'])),
    want: [],
  },
  {
    name: 'same repository (scp-like ssh remote)',
    files: repo(publisherConfig({}), gitConfig(['origin', 'git@github.com:acme/widget.git'])),
    want: [],
  },
  { name: 'no git remote: silent', files: repo(publisherConfig({})), want: [] },
  {
    // Without a declaration the remote may be stale (a renamed repository) or repository.url wrong: a warning says both.
    name: 'inferred publisher: a package repository that is not the remote',
    files: repo(undefined, gitConfig(['origin', 'https://github.com/other/thing.git'])),
    want: ['remoteVsPackage@1:56-1:96'],
    data: { declared: 'acme/widget', actual: 'other/thing' },
  },
  {
    name: 'inferred publisher: the same repository in another case is provenance-repository-url\'s',
    files: repo(undefined, gitConfig(['origin', 'https://github.com/Acme/Widget.git'])),
    want: [],
  },
  {
    name: 'another repository',
    files: repo(publisherConfig({ repository: 'acme/gadget' }), gitConfig(['origin', 'https://github.com/acme/widget.git'])),
    want: ['mismatch@3:17-3:28'],
    data: { declared: 'acme/gadget', actual: 'acme/widget', path: 'publishers[0].repository' },
    related: ['.git/config:4:2 git remote "origin"'],
  },
  {
    name: 'owner differs only in case (jasperfx vs JasperFx)',
    files: repo(publisherConfig({ repository: 'jasperfx/wolverine' }), gitConfig(['origin', 'https://github.com/JasperFx/wolverine.git'])),
    want: ['caseMismatch@3:17-3:35'],
    data: { declared: 'jasperfx/wolverine', actual: 'JasperFx/wolverine', path: 'publishers[0].repository' },
  },
  {
    name: 'a fork clone: origin is the fork, upstream is the declared repository',
    files: repo(
      publisherConfig({}),
      gitConfig(['origin', 'git@github.com:someone/widget.git'], ['upstream', 'https://github.com/acme/widget.git']),
    ),
    want: [],
  },
  {
    name: 'no origin: the first remote is compared',
    files: repo(publisherConfig({}), gitConfig(['github', 'https://github.com/acme/other.git'])),
    want: ['mismatch@3:17-3:28'],
    data: { actual: 'acme/other' },
    related: ['.git/config:4:2 git remote "github"'],
  },
  {
    name: 'remote on gitlab.com while a GitHub publisher is declared',
    files: repo(publisherConfig({}), gitConfig(['origin', 'git@gitlab.com:acme/widget.git'])),
    want: ['otherHost@3:17-3:28'],
    data: { remote: 'git@gitlab.com:acme/widget.git', host: 'gitlab.com', declared: 'acme/widget', provider: 'GitHub', entry: 'publishers[0]' },
  },
  {
    name: 'GitLab publisher matching its project',
    files: repo(GITLAB_CONFIG, gitConfig(['origin', 'https://gitlab.com/acme/tools/widget.git'])),
    want: [],
  },
  {
    name: 'GitLab publisher, another project',
    files: repo(GITLAB_CONFIG, gitConfig(['origin', 'https://gitlab.com/acme/tools/widget-old.git'])),
    want: ['mismatch@3:14-3:31'],
    data: { declared: 'acme/tools/widget', actual: 'acme/tools/widget-old', path: 'publishers[0].project' },
  },
  {
    name: 'a repository value of the wrong shape is left to publisher-config-valid',
    files: repo(publisherConfig({ repository: 'https://github.com/acme/widget' }), gitConfig(['origin', 'https://github.com/acme/widget.git'])),
    want: [],
  },
  ...folderCases,
];

describe(RULE, () => {
  const table = fromRuleCases(cases);
  ruleTester.run(RULE, {
    valid: table.valid,
    invalid: [
      ...table.invalid,
      {
        name: 'renders the full message',
        files: repo(publisherConfig({ repository: 'jasperfx/wolverine' }), gitConfig(['origin', 'https://github.com/JasperFx/wolverine.git'])),
        errors: [
          {
            messageId: 'caseMismatch',
            at: '3:17-3:35',
            file: 'tp-doctor.yml',
            severity: 'error',
            message: 'Trusted publisher repository "jasperfx/wolverine" differs only in case from the git remote "JasperFx/wolverine"',
            fix: expect.stringContaining('`publishers[0].repository`'),
          },
        ],
      },
      {
        name: 'reports another host as a warning',
        files: repo(publisherConfig({}), gitConfig(['origin', 'git@gitlab.com:acme/widget.git'])),
        errors: [{ messageId: 'otherHost', at: '3:17-3:28', severity: 'warning' }],
      },
      {
        name: 'reads a worktree remote through the .git file (no related location then)',
        files: repo(publisherConfig({ repository: 'acme/gadget' }), undefined, {
          '.git': 'gitdir: gitdir/worktrees/x\n',
          'gitdir/worktrees/x/config': gitConfig(['origin', 'https://github.com/acme/widget.git']),
        }),
        errors: [{ messageId: 'mismatch', at: '3:17-3:28', related: [] }],
      },
    ],
    notCovered: {
      vcsOriginVsPackage: 'CircleCI publishers: the rule tester run of circleci.test.ts',
      remoteVsCandidate: 'a package only a guessed publish may send: the rule tester run of guessed-publish.test.ts',
    },
  });
});
