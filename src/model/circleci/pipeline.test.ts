/**
 * Pipeline parameters: `<< pipeline.parameters.x >>` takes the literal `default:` of the top-level
 * `parameters:` entry wherever the model reads values (step commands, images, environment, resource
 * classes, contexts, job and command parameter defaults, matrix values), marked `pipeline-default`;
 * a parameter without a literal default stays unknown as before. A value that rests on one is what
 * runs by default, not certainly: publishes on it are `likely`, and step conditions stay open.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { circleJobInstances, loadCircleConfig } from './config.js';
import { CircleJobFacts } from './job-facts.js';
import { pipelineDefaults } from './template.js';
import type { CircleConfig, CircleJob, CircleText } from './types.js';

const FILE = '.circleci/config.yml';

const PARAMS = [
  'parameters:',
  '  node: { type: string, default: "22.10" }',
  '  tag: { type: string, default: next }',
  '  cmd: { type: string, default: npm publish }',
  '  release: { type: boolean, default: false }',
  '  ship: { type: boolean, default: true }',
  '  registry: { type: string, default: "https://npm.pkg.github.com" }',
  '  class: { type: string, default: acme/runner }',
  '  ctx: { type: string, default: npm-publishing }',
  '  nodefault: { type: string }',
  '  listy: { type: string, default: [a] }',
  '  nested: { type: string, default: "<< pipeline.git.tag >>" }',
];

function load(job: string[], workflow: string[] = ['      - j'], params: string[] = PARAMS): CircleConfig {
  const yaml = ['version: 2.1', ...params, 'jobs:', '  j:', ...job.map((l) => `    ${l}`), 'workflows:', '  main:', '    jobs:', ...workflow, ''].join('\n');
  const result = loadCircleConfig(new MemoryFs({ [FILE]: yaml }), FILE);
  expect(result.fileProblems).toEqual([]);
  return result.config!;
}

function instance(config: CircleConfig): CircleJob {
  const [first] = circleJobInstances(config);
  if (!first) throw new Error('no job instance');
  return first;
}

function command(config: CircleConfig, index = 0): CircleText {
  const run = instance(config).steps[index]?.run;
  if (!run) throw new Error(`step ${index} is no run step`);
  return run.command;
}

describe('pipeline parameter defaults', () => {
  const image = ['docker: [{ image: "cimg/node:<< pipeline.parameters.node >>" }]'];

  it.each([
    ['a step command', ['steps:', '  - run: npm publish --tag << pipeline.parameters.tag >>'], 'npm publish --tag next', []],
    ['a whole command is chosen by the trigger: not its default', ['steps:', '  - run: << pipeline.parameters.cmd >>'], '<< pipeline.parameters.cmd >>', ['pipeline.parameters.cmd']],
    ['a parameter without a default stays unknown', ['steps:', '  - run: echo << pipeline.parameters.nodefault >>'], 'echo << pipeline.parameters.nodefault >>', ['pipeline.parameters.nodefault']],
    ['a default that is not a scalar stays unknown', ['steps:', '  - run: echo << pipeline.parameters.listy >>'], 'echo << pipeline.parameters.listy >>', ['pipeline.parameters.listy']],
    ['a default holding a placeholder stays unknown', ['steps:', '  - run: echo << pipeline.parameters.nested >>'], 'echo << pipeline.parameters.nested >>', ['pipeline.parameters.nested']],
    ['an undeclared pipeline parameter stays unknown', ['steps:', '  - run: echo << pipeline.parameters.nope >>'], 'echo << pipeline.parameters.nope >>', ['pipeline.parameters.nope']],
    ['other pipeline values stay unknown', ['steps:', '  - run: echo << pipeline.git.tag >>'], 'echo << pipeline.git.tag >>', ['pipeline.git.tag']],
  ])('%s', (_name, job, text, unknown) => {
    const c = command(load(job));
    expect(c.text).toBe(text);
    expect(c.unknown).toEqual(unknown);
    expect(pipelineDefaults(c).length > 0).toBe(unknown.length === 0);
  });

  it('records where each default sits in the expanded text and where it is written', () => {
    const c = command(load(['steps:', '  - run: npm publish --tag << pipeline.parameters.tag >>; echo << pipeline.parameters.tag >>']));
    expect(c.text).toBe('npm publish --tag next; echo next');
    expect(c.substituted.map((s) => [s.name, s.value, s.from, s.offset, s.end, s.node.span.start.line])).toEqual([
      ['pipeline.parameters.tag', 'next', 'pipeline-default', 18, 22, 4],
      ['pipeline.parameters.tag', 'next', 'pipeline-default', 29, 33, 4],
    ]);
    expect(pipelineDefaults(c, 0, 11)).toEqual([]);
    expect(pipelineDefaults(c, 12, 20)).toHaveLength(1);
  });

  it('reaches images, environment values, resource classes, working directories and contexts', () => {
    const config = load(
      [...image, 'resource_class: << pipeline.parameters.class >>', 'working_directory: ~/<< pipeline.parameters.tag >>', 'environment:', '  NPM_CONFIG_REGISTRY: << pipeline.parameters.registry >>', 'steps: [checkout]'],
      ['      - j:', '          context: << pipeline.parameters.ctx >>'],
    );
    const j = instance(config);
    expect(j.docker[0]!.image.text).toBe('cimg/node:22.10');
    expect(j.resourceClass).toMatchObject({ selfHosted: true, value: { text: 'acme/runner' } });
    expect(j.workingDirectory?.text).toBe('~/next');
    expect(j.environment.map((e) => e.value?.text)).toEqual(['https://npm.pkg.github.com']);
    expect(j.invocation?.contexts.map((t) => t.text)).toEqual(['npm-publishing']);
  });

  it('reaches job, command and executor parameter defaults, and workflow arguments, and stays marked through them', () => {
    const config = load(
      [
        'parameters:',
        '  version: { type: string, default: "<< pipeline.parameters.node >>" }',
        '  flags: { type: string, default: "" }',
        'docker: [{ image: "cimg/node:<< parameters.version >>" }]',
        'steps:',
        '  - run: npm publish << parameters.flags >>',
      ],
      ['      - j:', '          flags: --tag << pipeline.parameters.tag >>'],
    );
    const j = instance(config);
    expect(j.docker[0]!.image.text).toBe('cimg/node:22.10');
    expect(j.docker[0]!.image.substituted.map((s) => [s.name, s.from])).toEqual([
      ['parameters.version', 'default'],
      ['pipeline.parameters.node', 'pipeline-default'],
    ]);
    const run = j.steps[0]!.run!.command;
    expect(run.text).toBe('npm publish --tag next');
    expect(pipelineDefaults(run).map((s) => [s.offset, s.end])).toEqual([[18, 22]]);
  });

  it('a Node read from a pipeline default is known, and marked assumed', () => {
    const node = new CircleJobFacts().jobNode(instance(load([...image, 'steps: [checkout]'])));
    expect(node).toMatchObject({ spec: '22.10', version: '22.10.0' });
    expect(node.assumed).toMatch(/`pipeline\.parameters\.node`, whose default is "22\.10"/);
    expect(node.origins.map((o) => o.label)).toContain('pipeline.parameters.node = "22.10" (pipeline default)');
    expect(new CircleJobFacts().jobNode(instance(load(['docker: [{ image: cimg/node:22.10 }]', 'steps: [checkout]']))).assumed).toBeUndefined();
  });

  it('a node/install node-version from a pipeline default is read, and marked assumed', () => {
    const withOrb = (job: string[]): CircleConfig => {
      const yaml = ['version: 2.1', 'orbs:', '  node: circleci/node@7.1.0', ...PARAMS, 'jobs:', '  j:', ...job.map((l) => `    ${l}`), ''].join('\n');
      return loadCircleConfig(new MemoryFs({ [FILE]: yaml }), FILE).config!;
    };
    const install = ['docker: [{ image: cimg/base:current }]', 'steps:', '  - node/install:', '      node-version: << pipeline.parameters.node >>'];
    const node = new CircleJobFacts().jobNode(instance(withOrb(install)));
    expect(node).toMatchObject({ spec: '22.10', origins: [{ label: 'node/install `node-version: 22.10`' }] });
    expect(node.assumed).toMatch(/`node-version` comes from `pipeline\.parameters\.node`/);
    const unknown = new CircleJobFacts().jobNode(instance(withOrb([...install.slice(0, 3), '      node-version: << pipeline.parameters.nodefault >>'])));
    expect(unknown.unknown).toMatch(/cannot resolve/);
  });

  it.each([
    ['a publish written in the step is certain', 'npm publish', 'certain'],
    ['a publish whose flags come from a pipeline default is likely', 'npm publish --tag << pipeline.parameters.tag >>', 'likely'],
    ['a default elsewhere in the step does not touch the publish', 'echo << pipeline.parameters.tag >> && npm publish', 'certain'],
  ])('%s', (_name, run, certainty) => {
    const j = instance(load([...image, 'steps:', `  - run: ${run}`]));
    expect(j.publishes.map((p) => p.certainty)).toEqual([certainty]);
  });

  describe('a command that is nothing but a pipeline parameter', () => {
    const release = (job: string[], workflow?: string[]): CircleJob => instance(load(['docker: [{ image: cimg/node:22.12 }]', ...job], workflow));

    it.each([
      ['written in the step', ['steps:', '  - run: << pipeline.parameters.cmd >>']],
      ['as `command:` with spaces around it', ['steps:', '  - run:', '      name: Ship', '      command: "  <<pipeline.parameters.cmd>> "']],
      ['through a job parameter whose default is the pipeline parameter', ['parameters:', '  c: { type: string, default: "<< pipeline.parameters.cmd >>" }', 'steps:', '  - run: << parameters.c >>']],
    ])('%s: unread (its default `npm publish` is no publish), the job incomplete', (_name, job) => {
      const j = release(job);
      const run = j.steps[0]!.run!;
      expect(run.command).toMatchObject({ text: '<< pipeline.parameters.cmd >>', unknown: ['pipeline.parameters.cmd'], substituted: [] });
      expect(run.triggerChosen).toMatchObject({ name: 'pipeline.parameters.cmd', value: 'npm publish', from: 'pipeline-default' });
      expect(run.publishes).toEqual([]);
      expect(j.incomplete).toBe(true);
    });

    it('passed by the workflow to a job parameter: unread as well', () => {
      const j = release(['parameters:', '  c: { type: string }', 'steps:', '  - run: << parameters.c >>'], ['      - j:', '          c: << pipeline.parameters.cmd >>']);
      expect(j.steps[0]!.run!.triggerChosen?.name).toBe('pipeline.parameters.cmd');
    });

    it.each([
      ['a flag', 'npm publish --tag << pipeline.parameters.tag >>', 'npm publish --tag next'],
      ['a version', 'npx npm@<< pipeline.parameters.node >> publish', 'npx npm@22.10 publish'],
      ['an argument of echo before a publish', 'echo << pipeline.parameters.cmd >> && npm publish --tag << pipeline.parameters.tag >>', 'echo npm publish && npm publish --tag next'],
      ['quoted, in a command position of the quoted text', 'echo "done; << pipeline.parameters.cmd >>" && npm publish --tag << pipeline.parameters.tag >>', 'echo "done; npm publish" && npm publish --tag next'],
    ])('a default used inside a command (%s) is kept', (_name, command, text) => {
      const run = release(['steps:', `  - run: ${command}`]).steps[0]!.run!;
      expect(run.command.text).toBe(text);
      expect(run.triggerChosen).toBeUndefined();
      expect(run.publishes.map((p) => p.certainty)).toEqual(['likely']);
    });

    it.each([
      ['first, before other commands', '<< pipeline.parameters.cmd >> && echo done', 'pipeline.parameters.cmd && echo done'],
      ['after `&&`', 'npm ci && << pipeline.parameters.cmd >>', 'npm ci && pipeline.parameters.cmd'],
      ['after `;`', 'npm ci; << pipeline.parameters.cmd >> --yes', 'npm ci; pipeline.parameters.cmd --yes'],
      ['run by eval', 'eval << pipeline.parameters.cmd >>', 'eval pipeline.parameters.cmd'],
    ])('in a command position (%s): the trigger chooses it, its default `npm publish` is not read', (_name, command, text) => {
      const run = release(['steps:', `  - run: ${command}`]).steps[0]!.run!;
      expect(run.command.text).toBe(text);
      expect(run.command.unknown).toContain('pipeline.parameters.cmd');
      expect(run.triggerChosen).toMatchObject({ name: 'pipeline.parameters.cmd', value: 'npm publish', offset: text.indexOf('pipeline.'), end: text.indexOf('pipeline.') + 'pipeline.parameters.cmd'.length });
      expect(run.publishes).toEqual([]);
    });

    it('in a command position, the rest of the command is read: a publish after it is certain', () => {
      const run = release(['steps:', '  - run: << pipeline.parameters.cmd >> && npm publish']).steps[0]!.run!;
      expect(run.triggerChosen?.name).toBe('pipeline.parameters.cmd');
      expect(run.publishes.map((p) => [p.match.text, p.certainty])).toEqual([['npm publish', 'certain']]);
    });

    it.each([
      ['a release job with a context that says npm', 'ExecuteRelease', ['      - ExecuteRelease:', '          context: [npm-release]'], ['the job gets the context "npm-release"']],
      ['a job named publish with an npm token', 'publish', ['      - publish:', '          context: [secrets]'], []],
    ])('%s: a possible publish, its default named in the reason', (_name, name, workflow, signals) => {
      const params = [...PARAMS, '  release_command: { type: string, default: "echo no release command was specified" }'];
      const env = signals.length === 0 ? ['environment:', '  NPM_TOKEN: $NPM_TOKEN'] : [];
      const yaml = ['version: 2.1', ...params, 'jobs:', `  ${name}:`, '    docker: [{ image: cimg/node:22.12 }]', ...env.map((l) => `    ${l}`), '    steps:', '      - run: << pipeline.parameters.release_command >>', 'workflows:', '  main:', '    jobs:', ...workflow, ''].join('\n');
      const j = instance(loadCircleConfig(new MemoryFs({ [FILE]: yaml }), FILE).config!);
      expect(j.publishes).toHaveLength(1);
      const [p] = j.publishes;
      expect(p).toMatchObject({ certainty: 'possible', match: { recognizer: 'unread-command', text: '<< pipeline.parameters.release_command >>' } });
      expect(p!.because).toContain('is a pipeline parameter, so the trigger chooses the command (its default, "echo no release command was specified", runs only when none is passed)');
      for (const s of signals) expect(p!.because).toContain(s);
    });

    it('without a publish word or a sign of npm it is no possible publish', () => {
      expect(release(['steps:', '  - run: << pipeline.parameters.cmd >>']).publishes).toEqual([]);
      const yaml = ['version: 2.1', ...PARAMS, 'jobs:', '  ExecuteRelease:', '    docker: [{ image: cimg/node:22.12 }]', '    steps:', '      - run: << pipeline.parameters.cmd >>', 'workflows:', '  main:', '    jobs:', '      - ExecuteRelease', ''].join('\n');
      expect(instance(loadCircleConfig(new MemoryFs({ [FILE]: yaml }), FILE).config!).publishes).toEqual([]);
    });
  });

  it.each([
    ['when: on a pipeline default that is false', 'when', 'release'],
    ['when: on a pipeline default that is true', 'when', 'ship'],
    ['unless: on a pipeline default that is false', 'unless', 'release'],
  ])('%s: the steps stay, conditional (a trigger may pass another value)', (_name, key, param) => {
    const j = instance(load([...image, 'steps:', `  - ${key}:`, `      condition: << pipeline.parameters.${param} >>`, '      steps:', '        - run: npm publish']));
    expect(j.steps.map((s) => [s.kind, s.conditional])).toEqual([['run', true]]);
    expect(j.publishes).toHaveLength(1);
  });

  it('a literal condition still decides', () => {
    const j = instance(load([...image, 'steps:', '  - when:', '      condition: false', '      steps:', '        - run: npm publish']));
    expect(j.steps).toEqual([]);
  });

  it('without top-level parameters nothing changes', () => {
    const c = command(load(['steps:', '  - run: npm publish --tag << pipeline.parameters.tag >>'], undefined, []));
    expect(c.unknown).toEqual(['pipeline.parameters.tag']);
    expect(instance(load(['steps:', '  - run: npm publish'], undefined, [])).publishes.map((p) => p.certainty)).toEqual(['certain']);
  });
});
