/**
 * Pipeline configurations beside `.circleci/config.yml` (src/model/circleci/discover.ts): without a
 * declared CircleCI publisher, every other top-level `.circleci/*.yml` / `*.yaml` that is a whole
 * pipeline configuration is read as a pipeline of its own, `discovered` (a pipeline definition runs
 * it only when its config file path names it: CircleCI-Public/sign-and-publish-examples publishes
 * from `.circleci/npm-publish.yml`). Controls: continuations read once, orb sources, files under
 * subdirectories, YAML that is no CircleCI configuration, a declared `configFile`, a setup
 * configuration whose continuation cannot be read.
 */
import { describe, expect, it } from 'vitest';
import { inferPublishers } from '../../src/config/infer.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { MemoryFs } from '../../src/fs/source.js';
import { isPipelineConfigRoot, MAX_DISCOVERED_CONFIGS } from '../../src/model/circleci/discover.js';
import { loadProject, type Project } from '../../src/model/project.js';
import { parseYaml } from '../../src/yaml/parse.js';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0' });
const REMOTE = '[remote "origin"]\n\turl = https://github.com/acme/widget.git\n';
const OIDC = `export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`;

/** A pipeline configuration whose job `name` runs `command`. */
function pipeline(name: string, command: string): string {
  return ['version: 2.1', 'jobs:', `  ${name}:`, '    docker: [{ image: cimg/node:24.16 }]', '    steps:', '      - checkout', '      - run: |', `          ${command}`, 'workflows:', '  main:', `    jobs: [${name}]`, ''].join('\n');
}
const BUILD = pipeline('build', 'npm test');
const PUBLISH = pipeline('npm_publish_example', `${OIDC}\n          npm publish --access public`);

/** A setup configuration continuing with `path` through path-filtering (`config-path`). */
function setup(path: string | undefined): string {
  const args = path === undefined ? '' : `\n          config-path: ${path}`;
  return `version: 2.1\nsetup: true\norbs:\n  path-filtering: circleci/path-filtering@1.0.0\nworkflows:\n  setup:\n    jobs:\n      - path-filtering/filter:\n          base-revision: main${args}\n`;
}

function load(files: Record<string, string>, options: Parameters<typeof loadProject>[1] = {}): Project {
  return loadProject(new MemoryFs({ 'package.json': PKG, '.git/config': REMOTE, ...files }), options);
}

/** `file`, `+` when discovered, `<- setup file` when continued. */
function configs(p: Project): string[] {
  return p.circleci.map((c) => `${c.file}${c.discovered ? ' +' : ''}${c.continuedFrom ? ` <- ${c.continuedFrom.file}` : ''}`);
}

describe('pipeline configurations beside .circleci/config.yml', () => {
  it('a second configuration that publishes is read as its own pipeline; its publish is likely (sign-and-publish-examples)', () => {
    const p = load({ '.circleci/config.yml': BUILD, '.circleci/npm-publish.yml': PUBLISH });
    expect(configs(p)).toEqual(['.circleci/config.yml', '.circleci/npm-publish.yml +']);
    const sites = p.facts.sites;
    expect(sites.map((s) => [s.provider === 'circleci' ? s.config.file : '', s.certainty])).toEqual([['.circleci/npm-publish.yml', 'likely']]);
    const { config, note } = inferPublishers(p, EMPTY_CONFIG);
    expect(config.publishers.map((x) => (x.provider === 'circleci' ? x.configFile : x.provider))).toEqual(['.circleci/npm-publish.yml']);
    expect(note).toContain('config .circleci/npm-publish.yml (not the default .circleci/config.yml: a pipeline runs it only when its config file path names it)');
    expect(note).not.toContain('Other CircleCI configurations');
  });

  it('control: the same publish in config.yml is certain and the note says nothing of a config file path', () => {
    const p = load({ '.circleci/config.yml': PUBLISH });
    expect(configs(p)).toEqual(['.circleci/config.yml']);
    expect(p.facts.sites.map((s) => s.certainty)).toEqual(['certain']);
    expect(inferPublishers(p, EMPTY_CONFIG).note).not.toContain('config file path');
  });

  it('without a config.yml, and as .yaml, the file is read all the same', () => {
    expect(configs(load({ '.circleci/npm-publish.yaml': PUBLISH }))).toEqual(['.circleci/npm-publish.yaml +']);
  });

  it('two pipelines that publish get a publisher each', () => {
    const p = load({ '.circleci/config.yml': PUBLISH, '.circleci/next.yml': PUBLISH });
    const { config, note } = inferPublishers(p, EMPTY_CONFIG);
    expect(config.publishers.map((x) => (x.provider === 'circleci' ? x.configFile : x.provider))).toEqual(['.circleci/config.yml', '.circleci/next.yml']);
    expect(note).toContain('inferred CircleCI publishers: VCS origin github.com/acme/widget (from the git remote), one for each of 2 pipeline configurations that publish (.circleci/config.yml, .circleci/next.yml (not the default');
  });

  it('a 2.0 configuration with jobs and no workflows is read', () => {
    const v2 = 'version: 2\njobs:\n  build:\n    docker: [{ image: cimg/node:24.16 }]\n    steps: [checkout, { run: npm publish }]\n';
    expect(configs(load({ '.circleci/config.yml': BUILD, '.circleci/release.yml': v2 }))).toEqual(['.circleci/config.yml', '.circleci/release.yml +']);
  });

  it('a continuation of config.yml is read once, as a continuation, not as a pipeline of its own', () => {
    const p = load({ '.circleci/config.yml': setup(undefined), '.circleci/continue_config.yml': PUBLISH, '.circleci/other.yml': BUILD });
    expect(configs(p)).toEqual(['.circleci/config.yml', '.circleci/continue_config.yml <- .circleci/config.yml', '.circleci/other.yml +']);
    expect(p.facts.sites.map((s) => s.certainty)).toEqual(['certain']);
    expect(inferPublishers(p, EMPTY_CONFIG).config.publishers.map((x) => (x.provider === 'circleci' ? x.configFile : ''))).toEqual(['.circleci/config.yml']);
  });

  it('a continuation of a discovered setup configuration is read once, with that pipeline', () => {
    const p = load({ '.circleci/config.yml': BUILD, '.circleci/a-setup.yml': setup('.circleci/z-continued.yml'), '.circleci/z-continued.yml': PUBLISH });
    expect(configs(p)).toEqual(['.circleci/config.yml', '.circleci/a-setup.yml +', '.circleci/z-continued.yml + <- .circleci/a-setup.yml']);
    expect(inferPublishers(p, EMPTY_CONFIG).config.publishers.map((x) => (x.provider === 'circleci' ? x.configFile : ''))).toEqual(['.circleci/a-setup.yml']);
  });

  it('a setup configuration whose continuation cannot be read: no other file is taken for a pipeline', () => {
    const runtime = setup('/tmp/generated.yml');
    expect(configs(load({ '.circleci/config.yml': runtime, '.circleci/module-a.yml': PUBLISH }))).toEqual(['.circleci/config.yml']);
  });

  it.each([
    ['an orb source (commands and jobs, no workflows)', 'version: 2.1\ndescription: Publish things\ncommands:\n  go:\n    steps: [{ run: npm publish }]\njobs:\n  publish:\n    docker: [{ image: cimg/node:24.16 }]\n    steps: [go]\n'],
    ['an orb source (executors and jobs)', 'version: 2.1\nexecutors:\n  default:\n    docker: [{ image: cimg/node:24.16 }]\njobs:\n  publish:\n    executor: default\n    steps: [{ run: npm publish }]\n'],
    ['a file of orbs only', 'version: 2.1\norbs:\n  node: circleci/node@7\n'],
    ['YAML that is no CircleCI configuration', 'images:\n  - cimg/node:24.16\nworkflows: none\n'],
    ['a configuration without version', 'jobs:\n  publish:\n    docker: [{ image: cimg/node:24.16 }]\n    steps: [{ run: npm publish }]\nworkflows:\n  main:\n    jobs: [publish]\n'],
    ['YAML that does not parse', 'version: 2.1\njobs: [unclosed\nworkflows:\n'],
    ['a list', '- version: 2.1\n'],
  ])('not a pipeline, not read, no problem: %s', (_name, text) => {
    const p = load({ '.circleci/config.yml': BUILD, '.circleci/extra.yml': text });
    expect(configs(p)).toEqual(['.circleci/config.yml']);
    expect(p.problems.filter((x) => x.file === '.circleci/extra.yml')).toEqual([]);
  });

  it('files under subdirectories, other extensions, ignored files and a declared configFile are not read', () => {
    const files = { '.circleci/config.yml': BUILD, '.circleci/orbs/release.yml': PUBLISH, '.circleci/src/@orb.yml': PUBLISH, '.circleci/publish.yml.bak': PUBLISH, '.circleci/ignored.yml': PUBLISH };
    expect(configs(load(files, { isIgnored: (f) => f === '.circleci/ignored.yml' }))).toEqual(['.circleci/config.yml']);
    expect(configs(load({ '.circleci/config.yml': BUILD, '.circleci/npm-publish.yml': PUBLISH }, { circleciConfigFiles: ['.circleci/config.yml'] }))).toEqual(['.circleci/config.yml']);
    // Control: the declared file itself is read, undiscovered.
    expect(configs(load({ '.circleci/npm-publish.yml': PUBLISH }, { circleciConfigFiles: ['.circleci/npm-publish.yml'] }))).toEqual(['.circleci/npm-publish.yml']);
  });

  it(`at most ${MAX_DISCOVERED_CONFIGS} are read, in name order; the next one that publishes is named in the note`, () => {
    const files: Record<string, string> = { '.circleci/config.yml': BUILD };
    for (let i = 0; i < MAX_DISCOVERED_CONFIGS; i++) files[`.circleci/b${String(i).padStart(2, '0')}.yml`] = BUILD;
    files['.circleci/z-publish.yml'] = pipeline('publish', 'npm publish');
    const p = load(files);
    expect(p.circleci).toHaveLength(MAX_DISCOVERED_CONFIGS + 1);
    expect(inferPublishers(p, EMPTY_CONFIG).note).toContain('not read (a pipeline may run one; name it in a CircleCI publisher\'s `configFile` to check it): .circleci/z-publish.yml.');
  });

  it('isPipelineConfigRoot', () => {
    const root = (text: string) => parseYaml('x.yml', text).root!;
    expect(isPipelineConfigRoot(root('version: 2.1\nworkflows: {}\n'))).toBe(true);
    expect(isPipelineConfigRoot(root('version: 2.1\ncommands: {}\nworkflows: {}\n'))).toBe(true);
    expect(isPipelineConfigRoot(root('version: 2.1\njobs: {}\n'))).toBe(true);
    expect(isPipelineConfigRoot(root('version: 2.1\njobs: {}\ncommands: {}\n'))).toBe(false);
    expect(isPipelineConfigRoot(root('version: 2.1\norbs: {}\n'))).toBe(false);
    expect(isPipelineConfigRoot(root('workflows: {}\n'))).toBe(false);
  });
});
