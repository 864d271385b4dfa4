/**
 * `nodeTooOld` on GitLab and CircleCI (survey700a coverage note): semantic-release 25 needs Node
 * `^22.14.0 || >=24.10.0` (docs/domain.md §0) wherever the job runs, and the Node of a GitLab or
 * CircleCI job is the one npm-supports-oidc reads (`image:`, the primary `docker:` image).
 */
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

const RULE = { rule: 'publish-tool-supports-oidc' };
const pkg = (host: string, deps: Record<string, string> = { 'semantic-release': '^25.0.3' }): string =>
  JSON.stringify({ name: '@acme/w', version: '1.0.0', devDependencies: deps, repository: { url: `git+https://${host}/acme/w.git` } });

const gitlab = (image: string, extra = ''): string =>
  `publish:\n  image: ${image}\n${extra}  id_tokens:\n    NPM_ID_TOKEN:\n      aud: npm:registry.npmjs.org\n  script:\n    - npm ci\n    - npx semantic-release\n`;

const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';
const circle = (image: string): string =>
  ['version: 2.1', 'workflows:', '  main:', '    jobs: [publish]', 'jobs:', '  publish:', `    docker: [{image: "${image}"}]`, '    steps:', '      - checkout', `      - run: ${ID} && npx semantic-release`, ''].join('\n');

const summary = (found: { severity: string; messageId: string }[]): string[] => found.map((d) => `${d.severity} ${d.messageId}`);

describe('publish-tool-supports-oidc nodeTooOld on GitLab', () => {
  it('semantic-release ^25 in `image: node:20`: a warning at the publish, fixed with the image', async () => {
    const found = await lintFiles({ 'package.json': pkg('gitlab.com'), '.gitlab-ci.yml': gitlab('node:20') }, RULE);
    expect(summary(found)).toEqual(['warning nodeTooOld']);
    expect(found[0]).toMatchObject({ file: '.gitlab-ci.yml', line: 8 });
    expect(found[0]!.message).toBe(
      '`semantic-release` runs semantic-release "^25.0.3" (`devDependencies` in package.json) on Node 20.20.2 ("20") (image "node:20"); semantic-release 25 and later need Node ^22.14.0 || >=24.10.0',
    );
    expect(found[0]!.fix).toBe('Run the job on Node 24: use the image `node:24`');
  });

  it('an image whose version a variable gives: the fix names the variable', async () => {
    const files = { 'package.json': pkg('gitlab.com'), '.gitlab-ci.yml': gitlab('node:$NODE_VERSION', '  variables:\n    NODE_VERSION: "22.12"\n') };
    const found = await lintFiles(files, RULE);
    expect(summary(found)).toEqual(['warning nodeTooOld']);
    expect(found[0]!.fix).toBe('Run the job on Node 24: set variable NODE_VERSION to `24`');
  });

  it.each(['node:22.14', 'node:24', 'node:lts'])('control: %s satisfies semantic-release 25', async (image) => {
    expect(summary(await lintFiles({ 'package.json': pkg('gitlab.com'), '.gitlab-ci.yml': gitlab(image) }, RULE))).toEqual([]);
  });

  it('control: an image whose Node is unknown says nothing about engines', async () => {
    expect(summary(await lintFiles({ 'package.json': pkg('gitlab.com'), '.gitlab-ci.yml': gitlab('ruby:3.3') }, RULE))).toEqual([]);
  });

  it('control: semantic-release 24 on node:20 is tooOld only', async () => {
    const found = await lintFiles({ 'package.json': pkg('gitlab.com', { 'semantic-release': '24.2.8' }), '.gitlab-ci.yml': gitlab('node:20') }, RULE);
    expect(summary(found)).toEqual(['error tooOld']);
  });
});

describe('publish-tool-supports-oidc nodeTooOld on CircleCI', () => {
  it('probe s1: semantic-release ^25 on cimg/node:20.19, fixed with a cimg/node 24 image', async () => {
    const found = await lintFiles({ 'package.json': pkg('github.com'), '.circleci/config.yml': circle('cimg/node:20.19') }, RULE);
    expect(summary(found)).toEqual(['warning nodeTooOld']);
    expect(found[0]).toMatchObject({ file: '.circleci/config.yml', line: 10 });
    expect(found[0]!.message).toContain('on Node 20.19.0 ("20.19") (image "cimg/node:20.19"); semantic-release 25 and later need Node ^22.14.0 || >=24.10.0');
    expect(found[0]!.fix).toMatch(/^Run the job on Node 24: use the image `cimg\/node:24\.\d+`$/);
    expect(found[0]!.related.map((r) => r.label)).toEqual(['Node version: image "cimg/node:20.19"']);
  });

  it('snyk/java-call-graph-builder: `npx semantic-release` with no local copy (the latest release) on node:14', async () => {
    const files = { 'package.json': JSON.stringify({ name: 'w', version: '1.0.0', repository: { url: 'https://github.com/acme/w' } }), '.circleci/config.yml': circle('node:14') };
    const found = await lintFiles(files, RULE);
    expect(summary(found)).toEqual(['warning nodeTooOld']);
    expect(found[0]!.message).toContain('runs semantic-release (the latest release) on Node 14.');
    expect(found[0]!.fix).toBe('Run the job on Node 24: use the image `node:24`');
  });

  it.each(['cimg/node:22.14', 'cimg/node:24.15', 'cimg/node:lts'])('control: %s satisfies semantic-release 25', async (image) => {
    expect(summary(await lintFiles({ 'package.json': pkg('github.com'), '.circleci/config.yml': circle(image) }, RULE))).toEqual([]);
  });
});
