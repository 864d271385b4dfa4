/**
 * A `registry=` or `@scope:registry=` line a GitLab job writes into an `.npmrc` (`echo`, `printf`, a
 * heredoc, `tee`) decides the registry as it does in a GitHub `run:` block (the glnpmrc probe: a job
 * on `node:22` running `echo "registry=https://npm.example.com/" >> .npmrc` then `npm publish` was
 * read as a certain npmjs publish, with two false errors). `before_script` and `script` are one shell;
 * `after_script` another. A `.npmrc` set up for GitLab's own package registry with no registry line
 * tp-doctor reads (only its `_authToken`) still sends the publish there (`gitlab/sites.ts`
 * `writesGitlabNpmrc`), unless the shell wrote a registry or scope line tp-doctor read before the
 * publish (the gl1 probe: `@other:registry=…` then the token line, for `@acme/widget`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles } from '../helpers.js';

const pkg = (name: string): string => JSON.stringify({ name, version: '1.0.0', repository: 'https://gitlab.com/acme/lib' });

/** A script entry: a plain line, or a `|` block for one with several lines. */
function entry(line: string): string {
  return line.includes('\n') ? `    - |\n${line.split('\n').map((l) => `      ${l}`).join('\n')}` : `    - ${line}`;
}

/** A GitLab job on `image` with `before_script` (when given), `script` and `after_script` (when given) lines. */
function gitlab(script: readonly string[], opts: { before?: readonly string[]; after?: readonly string[]; image?: string } = {}): string {
  const list = (key: string, lines: readonly string[] | undefined): string[] => (lines ? [`  ${key}:`, ...lines.map(entry)] : []);
  return ['publish:', `  image: ${opts.image ?? 'node:24'}`, ...list('before_script', opts.before), ...list('script', script), ...list('after_script', opts.after), ''].join('\n');
}

/** A GitHub job whose one `run:` block holds `lines`. */
function github(lines: readonly string[]): string {
  return ['on: push', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - uses: actions/setup-node@v5', '        with:', '          node-version: 24', '      - run: |', ...lines.map((l) => `          ${l}`), ''].join('\n');
}

/** `certainty registry` of each publish site. */
function sites(files: Record<string, string>, name = 'lib'): string[] {
  return loadProject(new MemoryFs({ 'package.json': pkg(name), ...files })).facts.sites.map((s) => `${s.certainty} ${s.registry.registry}`);
}

const OTHER = 'https://npm.example.com/';
const GITLAB_REGISTRY = '${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/npm/';

describe('GitLab: a registry line written into an .npmrc', () => {
  it('the probe: no id_tokens, node:22, `echo "registry=…" >> .npmrc`: another registry, no error', async () => {
    const ci = gitlab([`echo "registry=${OTHER}" >> .npmrc`, 'npm publish'], { image: 'node:22' });
    expect(sites({ '.gitlab-ci.yml': ci })).toEqual(['certain other']);
    const found = await lintFiles({ 'package.json': pkg('lib'), '.gitlab-ci.yml': ci });
    expect(found.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}/${d.messageId}`)).toEqual([]);
    expect(found.map((d) => d.ruleId)).not.toContain('npm-supports-oidc');
    expect(found.map((d) => d.ruleId)).not.toContain('gitlab-npm-id-token');
  });

  const ways: [name: string, lines: string[]][] = [
    ['printf', [`printf 'registry=${OTHER}\\n' > .npmrc`]],
    ['tee -a', [`echo "registry=${OTHER}" | tee -a .npmrc`]],
    ['a heredoc', [`cat <<EOF > .npmrc\nregistry=${OTHER}\nEOF`]],
    ['a heredoc piped into tee', [`cat <<EOF | tee .npmrc\nregistry=${OTHER}\nEOF`]],
    ['~/.npmrc (the user configuration npm reads)', [`echo "registry=${OTHER}" >> ~/.npmrc`]],
    ['on the publish line, before it', [`echo "registry=${OTHER}" > .npmrc && npm publish`]],
  ];
  for (const [name, lines] of ways) {
    it(`${name}: another registry`, () => {
      const script = lines.at(-1)!.includes('npm publish') ? lines : [...lines, 'npm publish'];
      expect(sites({ '.gitlab-ci.yml': gitlab(script) })).toEqual(['certain other']);
    });
  }

  it('a line in before_script holds for the publish in script (one shell)', () => {
    expect(sites({ '.gitlab-ci.yml': gitlab(['npm publish'], { before: [`echo "registry=${OTHER}" >> .npmrc`] }) })).toEqual(['certain other']);
  });

  it('a line read with a variable the shell set earlier', () => {
    expect(sites({ '.gitlab-ci.yml': gitlab(['npm publish'], { before: [`R=${OTHER}`, 'echo "registry=$R" >> .npmrc'] }) })).toEqual(['certain other']);
  });

  it('an @scope:registry line moves a package of that scope only', () => {
    const ci = gitlab([`echo "@acme:registry=${OTHER}" >> .npmrc`, 'npm publish']);
    expect(sites({ '.gitlab-ci.yml': ci }, '@acme/lib')).toEqual(['certain other']);
    // Control: an unscoped package, another scope.
    expect(sites({ '.gitlab-ci.yml': ci }, 'lib')).toEqual(['certain npmjs']);
    expect(sites({ '.gitlab-ci.yml': ci }, '@other/lib')).toEqual(['certain npmjs']);
  });

  it("GitLab's own package registry: a registry line, a scope line, an _authToken line alone", () => {
    expect(sites({ '.gitlab-ci.yml': gitlab([`echo "registry=${GITLAB_REGISTRY}" > .npmrc`, 'npm publish']) })).toEqual(['certain other']);
    const scoped = gitlab([`echo "@acme:registry=${GITLAB_REGISTRY}" > .npmrc`, 'npm publish']);
    expect(sites({ '.gitlab-ci.yml': scoped }, '@acme/lib')).toEqual(['certain other']);
    expect(sites({ '.gitlab-ci.yml': scoped }, 'lib')).toEqual(['certain npmjs']);
    // Kept: a `.npmrc` with only the job token for GitLab's registry (`writesGitlabNpmrc`).
    const token = gitlab(['echo "//${CI_SERVER_HOST}/api/v4/projects/${CI_PROJECT_ID}/packages/npm/:_authToken=${CI_JOB_TOKEN}" > .npmrc', 'npm publish']);
    expect(sites({ '.gitlab-ci.yml': token })).toEqual(['certain other']);
  });

  describe("a token line for GitLab's registry after a registry or scope line read in the same shell", () => {
    const TOKEN = 'echo "${CI_API_V4_URL#https:}/projects/${CI_PROJECT_ID}/packages/npm/:_authToken=${CI_JOB_TOKEN}" >> .npmrc';
    const errors = async (ci: string, name: string): Promise<string[]> =>
      (await lintFiles({ 'package.json': pkg(name), '.gitlab-ci.yml': ci })).filter((d) => d.severity === 'error').map((d) => `${d.ruleId}/${d.messageId}`);

    it('the gl1 probe: `@other:registry=` for GitLab then its token line: @acme/widget still goes to npmjs', async () => {
      const scopeOnly = gitlab([`echo "@other:registry=${GITLAB_REGISTRY}" > .npmrc`, 'npm publish']);
      const withToken = gitlab([`echo "@other:registry=${GITLAB_REGISTRY}" > .npmrc`, TOKEN, 'npm publish']);
      expect(sites({ '.gitlab-ci.yml': withToken }, '@acme/widget')).toEqual(['certain npmjs']);
      // The token line hides nothing: the same error as the scope line alone gives.
      const alone = await errors(scopeOnly, '@acme/widget');
      expect(alone).toContain('gitlab-npm-id-token/noIdTokens');
      expect(await errors(withToken, '@acme/widget')).toEqual(alone);
    });

    it('the token line first, the scope line in before_script, a registry=npmjs line', () => {
      const one = (script: string[], opts = {}): string[] => sites({ '.gitlab-ci.yml': gitlab(script, opts) }, '@acme/widget');
      expect(one([TOKEN, `echo "@other:registry=${GITLAB_REGISTRY}" >> .npmrc`, 'npm publish'])).toEqual(['certain npmjs']);
      expect(one([TOKEN, 'npm publish'], { before: [`echo "@other:registry=${GITLAB_REGISTRY}" > .npmrc`] })).toEqual(['certain npmjs']);
      expect(one(['echo "registry=https://registry.npmjs.org/" > .npmrc', TOKEN, 'npm publish'])).toEqual(['certain npmjs']);
    });

    it("controls: the package's own scope, GitLab's template with a variable scope, the token line alone, a scope line in after_script", () => {
      const one = (script: string[], opts = {}, name = '@acme/widget'): string[] => sites({ '.gitlab-ci.yml': gitlab(script, opts) }, name);
      expect(one([`echo "@acme:registry=${GITLAB_REGISTRY}" > .npmrc`, TOKEN, 'npm publish'])).toEqual(['certain other']);
      // GitLab's template: its scope is a variable, not read, so the token line still sends the publish to GitLab.
      const template = [`echo "@\${CI_PROJECT_ROOT_NAMESPACE}:registry=${GITLAB_REGISTRY}" > .npmrc`, TOKEN, 'npm publish'];
      expect(one(template)).toEqual(['certain other']);
      expect(one(template, {}, 'lib')).toEqual(['certain other']);
      expect(one([TOKEN, 'npm publish'])).toEqual(['certain other']);
      // after_script is another shell: its scope line changes nothing for the publish in script.
      expect(one([TOKEN, 'npm publish'], { after: [`echo "@other:registry=${GITLAB_REGISTRY}" > .npmrc`] })).toEqual(['certain other']);
    });
  });

  it('controls: an npmjs token line alone, registry=npmjs, after_script, another file', () => {
    const one = (script: string[], opts = {}): string[] => sites({ '.gitlab-ci.yml': gitlab(script, opts) });
    expect(one(['echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" >> .npmrc', 'npm publish'])).toEqual(['certain npmjs']);
    expect(one(['echo "registry=https://registry.npmjs.org/" >> .npmrc', 'npm publish'])).toEqual(['certain npmjs']);
    expect(one(['npm publish'], { after: [`echo "registry=${OTHER}" >> .npmrc`] })).toEqual(['certain npmjs']);
    expect(one([`echo "registry=${OTHER}" > registry.txt`, 'npm publish'])).toEqual(['certain npmjs']);
    // Written after the publish on its own line.
    expect(one([`npm publish && echo "registry=${OTHER}" > .npmrc`])).toEqual(['certain npmjs']);
  });

  it('reads each line as a GitHub run: block does', () => {
    const lines = [
      `echo "registry=${OTHER}" >> .npmrc`,
      `echo "registry=${OTHER}" >> ~/.npmrc`,
      `echo "registry=${OTHER}" >> packages/lib/.npmrc`,
      `echo "registry=${OTHER}" > registry.txt`,
      `echo "@acme:registry=${OTHER}" >> .npmrc`,
      'echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" >> .npmrc',
      `printf 'registry=%s\\n' "${OTHER}" > .npmrc`,
    ];
    for (const line of lines) {
      const onGithub = sites({ '.github/workflows/release.yml': github([line, 'npm publish']) });
      expect(sites({ '.gitlab-ci.yml': gitlab([line, 'npm publish']) }), line).toEqual(onGithub);
    }
  });
});
