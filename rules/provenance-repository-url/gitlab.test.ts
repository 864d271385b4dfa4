import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = 'provenance-repository-url';

/** Pretty-printed: `repository` on line 4 (its `url` on line 6 when it is a map). */
function pkg(repository?: unknown, fields: Record<string, unknown> = {}): string {
  const base: Record<string, unknown> = { name: '@acme/widget', version: '1.0.0' };
  if (repository !== undefined) base['repository'] = repository;
  return `${JSON.stringify({ ...base, ...fields }, null, 2)}\n`;
}

const SIGSTORE = ['    SIGSTORE_ID_TOKEN:', '      aud: sigstore'];

function pipeline(opts: { sigstore?: boolean; publish?: string; extra?: string[] } = {}): string {
  return [
    'publish:',
    '  image: node:24',
    '  id_tokens:',
    '    NPM_ID_TOKEN:',
    '      aud: "npm:registry.npmjs.org"',
    ...(opts.sigstore === false ? [] : SIGSTORE),
    ...(opts.extra ?? []),
    '  script:',
    `    - ${opts.publish ?? 'npm publish'}`,
    '',
  ].join('\n');
}

function config(project = 'acme/widget', visibility: string | undefined = 'public'): string {
  return `publishers:\n  - provider: gitlab\n    project: ${project}\n    ciFile: .gitlab-ci.yml\n${visibility ? `repository:\n  visibility: ${visibility}\n` : ''}`;
}

const REMOTE = '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n';

/** survey p904a gl-repo-*: GitLab project acme/widget, `SIGSTORE_ID_TOKEN` declared. `config: null` = no tp-doctor.yml. */
function project(repository: unknown, over: { ci?: string; config?: string | null; files?: Record<string, string> } = {}): Record<string, string> {
  const cfg = over.config === undefined ? config() : over.config;
  return {
    'package.json': pkg(repository),
    '.gitlab-ci.yml': over.ci ?? pipeline(),
    '.git/config': REMOTE,
    ...(cfg === null ? {} : { 'tp-doctor.yml': cfg }),
    ...over.files,
  };
}

const GITHUB_URL = { type: 'git', url: 'git+https://github.com/acme/widget.git' };

async function found(files: Record<string, string>): Promise<string[][]> {
  return (await lintFiles(files, { rule: RULE })).map((d) => [d.messageId, d.severity, `${d.file}:${d.line}`]);
}

describe(`${RULE} on GitLab`, () => {
  it('a GitHub repository.url in a GitLab project that signs provenance (survey gl-repo-github-url)', async () => {
    const [d, ...rest] = await lintFiles(project(GITHUB_URL), { rule: RULE });
    expect(rest).toEqual([]);
    expect([d?.messageId, d?.severity, d?.file, d?.line]).toEqual(['mismatch', 'warning', 'package.json', 6]);
    expect(d?.message).toBe(
      'Package "@acme/widget" `repository.url` is "git+https://github.com/acme/widget.git", expected to match "https://gitlab.com/acme/widget" from the trusted publisher in the tp-doctor config',
    );
    expect(d?.why).toContain('expected to match "https://gitlab.com/acme/widget" from provenance');
    expect(d?.why).toContain('its fact base records the exact form only for GitHub');
    expect(d?.fix).toContain('"git+https://gitlab.com/acme/widget.git"');
  });

  it.each([
    ['github: shorthand (gl-repo-github-shorthand)', 'github:acme/widget', 4],
    ['o/r shorthand: GitHub', 'acme/widget', 4],
    ['another GitLab project (gl-repo-other-project)', { type: 'git', url: 'git+https://gitlab.com/acme/other.git' }, 6],
    ['a project of another group', 'gitlab:other/widget', 4],
  ])('%s: mismatch', async (_name, repository, line) => {
    expect(await found(project(repository))).toEqual([['mismatch', 'warning', `package.json:${line}`]]);
  });

  it.each([
    ['gitlab: shorthand (gl-repo-gitlab-shorthand)', 'gitlab:acme/widget'],
    ['git+https URL with .git', { type: 'git', url: 'git+https://gitlab.com/acme/widget.git' }],
    ['https URL', 'https://gitlab.com/acme/widget'],
    ['scp-like ssh URL', { type: 'git', url: 'git@gitlab.com:acme/widget.git' }],
  ])('%s: equal, quiet', async (_name, repository) => {
    expect(await found(project(repository))).toEqual([]);
  });

  it('a project in a subgroup', async () => {
    const sub = (repository: string) => project(repository, { config: config('acme/tools/widget') });
    expect(await found(sub('https://gitlab.com/acme/tools/widget'))).toEqual([]);
    expect(await found(sub('https://gitlab.com/acme/widget'))).toEqual([['mismatch', 'warning', 'package.json:4']]);
  });

  it('differs only in case from the declared project: caseMismatch, a warning', async () => {
    const [d] = await lintFiles(project('https://gitlab.com/Acme/widget'), { rule: RULE });
    expect([d?.messageId, d?.severity]).toEqual(['caseMismatch', 'warning']);
    expect(d?.why).toMatch(/^GitLab accepts any case in URLs/);
  });

  it('no SIGSTORE_ID_TOKEN: no provenance, quiet (gl-repo-mismatch-no-sigstore)', async () => {
    expect(await found(project(GITHUB_URL, { ci: pipeline({ sigstore: false }) }))).toEqual([]);
    expect(await found(project(undefined, { ci: pipeline({ sigstore: false }) }))).toEqual([]);
  });

  it('no SIGSTORE_ID_TOKEN but provenance forced: checked (gitlab-sigstore-token reports the missing token)', async () => {
    expect(await found(project(GITHUB_URL, { ci: pipeline({ sigstore: false, publish: 'npm publish --provenance' }) }))).toEqual([['mismatch', 'warning', 'package.json:6']]);
  });

  it.each([
    ['--no-provenance', { ci: pipeline({ publish: 'npm publish --no-provenance' }) }],
    ['NPM_CONFIG_PROVENANCE: "false"', { ci: pipeline({ extra: ['  variables:', '    NPM_CONFIG_PROVENANCE: "false"'] }) }],
    ['.npmrc provenance=false', { files: { '.npmrc': 'provenance=false\n' } }],
    ['a declared private project', { config: config('acme/widget', 'private') }],
    ['yarn npm publish (no automatic provenance)', { ci: pipeline({ publish: 'yarn npm publish' }) }],
  ])('provenance switched off or not automatic (%s): quiet', async (_name, over) => {
    expect(await found(project(GITHUB_URL, over))).toEqual([]);
  });

  it('no repository: missing when the project is declared public, missingUnsure otherwise, both at most warnings', async () => {
    expect(await found(project(undefined))).toEqual([['missing', 'warning', 'package.json:2']]);
    expect(await found(project(undefined, { config: config('acme/widget', '') }))).toEqual([['missingUnsure', 'warning', 'package.json:2']]);
    const [d] = await lintFiles(project(undefined), { rule: RULE });
    expect(d?.fix).toContain('{"type": "git", "url": "git+https://gitlab.com/acme/widget.git"}');
  });

  it('publisher inferred from the git remote: another repository is left to repository-matches-publisher, a case difference is a suggestion', async () => {
    expect(await found(project(GITHUB_URL, { config: null }))).toEqual([]);
    const [d, ...rest] = await lintFiles(project('https://gitlab.com/Acme/widget', { config: null }), { rule: RULE });
    expect([d?.messageId, d?.severity, rest.length]).toEqual(['caseOfRemote', 'warning', 0]);
    expect(d?.why).toContain("the GitLab runner's clone writes it");
  });

  it('a GitHub publish in the same repository keeps its own expected repository', async () => {
    const files = {
      'package.json': pkg('https://github.com/acme/widget'),
      '.github/workflows/release.yml': 'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish\n',
      'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\nrepository:\n  visibility: public\n',
    };
    expect(await found(files)).toEqual([]);
    // The GitHub publish's missing repository stays an error; it expects the GitHub URL.
    const [d] = await lintFiles({ ...files, 'package.json': pkg() }, { rule: RULE });
    expect([d?.messageId, d?.severity, d?.data['expected']]).toEqual(['missing', 'error', 'https://github.com/acme/widget']);
  });
});
