/**
 * repository-matches-publisher for CircleCI publishers: `vcsOrigin` (`host/owner/repo`, no scheme)
 * against the git remotes, else against package.json `repository` (a warning).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

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

async function run(files: Record<string, string>): Promise<{ id: string; severity: string; where: string; message: string }[]> {
  return (await lintFiles(files, { rule: RULE })).map((d) => ({ id: d.messageId, severity: d.severity, where: `${d.file}:${d.line}`, message: d.message }));
}

describe('repository-matches-publisher on CircleCI', () => {
  it('the VCS origin of the git remote (https, ssh, scp form, host in any case) matches', async () => {
    for (const url of ['https://github.com/acme/widget.git', 'git@github.com:acme/widget.git', 'ssh://git@github.com/acme/widget', 'https://GitHub.com/acme/widget']) {
      expect(await run(repo('github.com/acme/widget', gitConfig(['origin', url]))), url).toEqual([]);
    }
  });

  it('another repository is an error at vcsOrigin', async () => {
    const diags = await run(repo('github.com/acme/gadget', gitConfig(['origin', 'git@github.com:acme/widget.git'])));
    expect(diags).toEqual([
      { id: 'mismatch', severity: 'error', where: 'tp-doctor.yml:6', message: 'Trusted publisher repository "github.com/acme/gadget" is not the git remote "github.com/acme/widget"' },
    ]);
  });

  it('another host is a mismatch too; a case-only difference in owner or name is caseMismatch', async () => {
    const host = await run(repo('bitbucket.org/acme/widget', gitConfig(['origin', 'https://github.com/acme/widget'])));
    expect(host.map((d) => d.id)).toEqual(['mismatch']);
    const cased = await run(repo('github.com/Acme/Widget', gitConfig(['origin', 'https://github.com/acme/widget'])));
    expect(cased.map((d) => `${d.id}:${d.severity}`)).toEqual(['caseMismatch:error']);
  });

  it('a fork clone with the real repository as upstream is accepted', async () => {
    const git = gitConfig(['origin', 'https://github.com/me/widget'], ['upstream', 'https://github.com/acme/widget']);
    expect(await run(repo('github.com/acme/widget', git))).toEqual([]);
  });

  it('a GitLab subgroup origin matches the remote', async () => {
    expect(await run(repo('gitlab.com/acme/tools/widget', gitConfig(['origin', 'git@gitlab.com:acme/tools/widget.git']), 'https://gitlab.com/acme/tools/widget'))).toEqual([]);
  });

  it('without a git remote: compared with package.json repository, as a warning', async () => {
    const diags = await run(repo('github.com/acme/gadget'));
    expect(diags.map((d) => `${d.id}:${d.severity}:${d.where}`)).toEqual(['vcsOriginVsPackage:warning:tp-doctor.yml:6']);
    expect(diags[0]!.message).toBe('Trusted publisher VCS origin "github.com/acme/gadget" is not the repository "github.com/acme/widget" that `repository` in package.json names');
    expect(await run(repo('github.com/acme/widget'))).toEqual([]);
  });

  it('shapes publisher-config-valid reports are not compared (a scheme, a .git suffix, two parts)', async () => {
    const git = gitConfig(['origin', 'https://github.com/acme/widget']);
    for (const v of ['https://github.com/acme/gadget', 'github.com/acme/gadget.git', 'acme/gadget', 'github.com/acme/gadget/tree/main']) {
      expect(await run(repo(v, git)), v).toEqual([]);
    }
  });
});
