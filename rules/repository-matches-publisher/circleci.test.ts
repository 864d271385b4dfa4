/**
 * repository-matches-publisher for CircleCI publishers: `vcsOrigin` (`host/owner/repo`, no scheme)
 * against the git remotes, else against package.json `repository` (a warning).
 */
import { describe } from 'vitest';
import { ruleTester } from '../../test/rule-tester.js';

const RULE = 'repository-matches-publisher';
const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';
const CONFIG = ['version: 2.1', 'jobs:', '  release:', '    docker:', '      - image: cimg/node:24.15', '    steps:', `      - run: ${ID} && npm publish`, 'workflows:', '  main:', '    jobs: [release]', ''].join('\n');

function publisher(vcsOrigin: string): string {
  return [
    'publishers:',
    '  - provider: circleci',
    '    organizationId: 8b4e1c2a-1111-4a5b-9c3d-0123456789ab',
    '    projectId: 5f6a7b8c-2222-4d5e-8f90-abcdef012345',
    '    pipelineDefinitionId: 0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3',
    `    vcsOrigin: ${vcsOrigin}`,
    '',
  ].join('\n');
}

function gitConfig(...remotes: [string, string][]): string {
  const lines = ['[core]', '\trepositoryformatversion = 0'];
  for (const [name, url] of remotes) lines.push(`[remote "${name}"]`, `\turl = ${url}`);
  return `${lines.join('\n')}\n`;
}

function repo(vcsOrigin: string, git?: string, repository = 'https://github.com/acme/widget'): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: repository } }),
    '.circleci/config.yml': CONFIG,
    'tp-doctor.yml': publisher(vcsOrigin),
  };
  if (git !== undefined) files['.git/config'] = git;
  return files;
}

const GIT = gitConfig(['origin', 'https://github.com/acme/widget']);

describe('repository-matches-publisher on CircleCI', () => {
  ruleTester.run(RULE, {
    valid: [
      ...['https://github.com/acme/widget.git', 'git@github.com:acme/widget.git', 'ssh://git@github.com/acme/widget', 'https://GitHub.com/acme/widget'].map((url) => ({
        name: `the VCS origin of the git remote matches (${url})`,
        files: repo('github.com/acme/widget', gitConfig(['origin', url])),
      })),
      {
        name: 'a fork clone with the real repository as upstream is accepted',
        files: repo('github.com/acme/widget', gitConfig(['origin', 'https://github.com/me/widget'], ['upstream', 'https://github.com/acme/widget'])),
      },
      {
        name: 'a GitLab subgroup origin matches the remote',
        files: repo('gitlab.com/acme/tools/widget', gitConfig(['origin', 'git@gitlab.com:acme/tools/widget.git']), 'https://gitlab.com/acme/tools/widget'),
      },
      { name: 'without a git remote: the package.json repository matches', files: repo('github.com/acme/widget') },
      ...['https://github.com/acme/gadget', 'github.com/acme/gadget.git', 'acme/gadget', 'github.com/acme/gadget/tree/main'].map((v) => ({
        name: `shapes publisher-config-valid reports are not compared (${v})`,
        files: repo(v, GIT),
      })),
    ],
    invalid: [
      {
        name: 'another repository is an error at vcsOrigin',
        files: repo('github.com/acme/gadget', gitConfig(['origin', 'git@github.com:acme/widget.git'])),
        errors: [
          {
            messageId: 'mismatch',
            at: '6:16-6:38',
            file: 'tp-doctor.yml',
            severity: 'error',
            message: 'Trusted publisher repository "github.com/acme/gadget" is not the git remote "github.com/acme/widget"',
          },
        ],
      },
      {
        name: 'another host is a mismatch too',
        files: repo('bitbucket.org/acme/widget', gitConfig(['origin', 'https://github.com/acme/widget'])),
        errors: [{ messageId: 'mismatch', at: '6:16-6:41' }],
      },
      {
        name: 'a case-only difference in owner or name is caseMismatch',
        files: repo('github.com/Acme/Widget', gitConfig(['origin', 'https://github.com/acme/widget'])),
        errors: [{ messageId: 'caseMismatch', at: '6:16-6:38', severity: 'error' }],
      },
      {
        name: 'without a git remote: compared with package.json repository, as a warning',
        files: repo('github.com/acme/gadget'),
        errors: [
          {
            messageId: 'vcsOriginVsPackage',
            at: '6:16-6:38',
            file: 'tp-doctor.yml',
            severity: 'warning',
            message: 'Trusted publisher VCS origin "github.com/acme/gadget" is not the repository "github.com/acme/widget" that `repository` in package.json names',
          },
        ],
      },
    ],
    notCovered: {
      remoteVsPackage: 'GitHub publishers: repository-matches-publisher.test.ts',
      otherHost: 'GitHub publishers: repository-matches-publisher.test.ts',
      remoteVsCandidate: 'GitHub, a package only a guessed publish may send: guessed-publish.test.ts',
    },
  });
});
