import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import type { Location } from '../../yaml/span.js';
import { circleJobInstances, isPublishingCircleJob, loadCircleConfig, MAX_COMMAND_DEPTH } from './config.js';
import type { CircleConfig, CircleJob, CircleProblem } from './types.js';

const FILE = '.circleci/config.yml';

function load(yaml: string, extra: Record<string, string> = {}, scripts?: Record<string, string>): CircleConfig {
  const result = loadCircleConfig(new MemoryFs({ [FILE]: yaml, ...extra }), FILE, scripts ? { scripts } : {});
  expect(result.fileProblems).toEqual([]);
  expect(result.config).toBeDefined();
  return result.config!;
}

function lines(...l: string[]): string {
  return `${l.join('\n')}\n`;
}

/** `line:column-line:column` of a location. */
function at(loc: Location | undefined): string {
  return loc ? `${loc.start.line}:${loc.start.column}-${loc.end.line}:${loc.end.column}` : '-';
}

function problems(config: CircleConfig): string[] {
  return config.problems.map((p: CircleProblem) => `${p.kind}@${p.location.start.line}:${p.location.start.column}`);
}

function job(config: CircleConfig, name: string): CircleJob {
  const found = config.jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
}

const BASIC = lines(
  'version: 2.1',
  'jobs:',
  '  publish:',
  '    docker:',
  '      - image: cimg/node:24.15',
  '        environment:',
  '          IMAGE_VAR: one',
  '      - image: cimg/postgres:16.3',
  '    resource_class: large',
  '    working_directory: ~/repo',
  '    environment:',
  '      NPM_CONFIG_PROVENANCE: "false"',
  '    steps:',
  '      - checkout',
  '      - run: npm ci',
  '      - run:',
  '          name: Publish',
  '          command: |',
  '            npm run build',
  '            npm publish --access public',
  '          environment:',
  '            STEP_VAR: two',
  '      - persist_to_workspace:',
  '          root: .',
  '          paths: [dist]',
  'workflows:',
  '  release:',
  '    jobs:',
  '      - publish:',
  '          context: [npm-publishing, slack]',
  '          requires: [test]',
  '          filters:',
  '            tags:',
  '              only: /^v.*/',
  '            branches:',
  '              ignore: /.*/',
);

describe('loadCircleConfig: jobs, steps, workflows', () => {
  const config = load(BASIC);
  const publish = job(config, 'publish');

  it('reads the version, the job, its docker images (first = primary) and resource class', () => {
    expect(config.parsed).toBe(true);
    expect(config.version).toBe('2.1');
    expect(config.problems).toEqual([]);
    expect(publish.executorKind).toBe('docker');
    expect(publish.docker.map((d) => d.image.text)).toEqual(['cimg/node:24.15', 'cimg/postgres:16.3']);
    expect(at({ file: FILE, ...publish.docker[0]!.image.node.span })).toBe('5:16-5:31');
    expect(publish.resourceClass).toMatchObject({ selfHosted: false, from: 'job' });
    expect(publish.resourceClass?.value.text).toBe('large');
    expect(publish.workingDirectory?.text).toBe('~/repo');
  });

  it('keeps job and primary-image environment entries with their level and position', () => {
    expect(publish.environment.map((e) => [e.name, e.value?.text, e.level])).toEqual([
      ['NPM_CONFIG_PROVENANCE', 'false', 'job'],
      ['IMAGE_VAR', 'one', 'image'],
    ]);
    expect(at({ file: FILE, ...publish.environment[0]!.node.anchorSpan })).toBe('12:7-12:28');
  });

  it('reads each step, with run commands, their environment and publishes located exactly', () => {
    expect(publish.steps.map((s) => s.kind)).toEqual(['checkout', 'run', 'run', 'persist_to_workspace']);
    const run = publish.steps[2]!.run!;
    expect(run.name?.text).toBe('Publish');
    expect(run.environment.map((e) => [e.name, e.level])).toEqual([['STEP_VAR', 'step']]);
    expect(run.publishes).toHaveLength(1);
    expect(run.publishes[0]!.match.recognizer).toBe('npm-publish');
    expect(at(run.publishes[0]!.location)).toBe('20:13-20:40');
    expect(publish.publishes).toEqual(run.publishes);
    expect(isPublishingCircleJob(publish)).toBe(true);
    expect(publish.steps[3]!.args?.get('root')?.text).toBe('.');
    expect(publish.incomplete).toBe(false);
  });

  it('reads the workflow job: contexts, requires, tag and branch filters, and its instance', () => {
    const wj = config.workflows[0]!.jobs[0]!;
    expect(config.workflows[0]!.name).toBe('release');
    expect(wj).toMatchObject({ workflow: 'release', job: 'publish', name: 'publish', approval: false });
    expect(wj.contexts.map((c) => c.text)).toEqual(['npm-publishing', 'slack']);
    expect(at({ file: FILE, ...wj.contexts[0]!.node.span })).toBe('30:21-30:35');
    expect(wj.requires.map((r) => r.text)).toEqual(['test']);
    expect(wj.filters.tags.only.map((t) => t.text)).toEqual(['/^v.*/']);
    expect(wj.filters.branches.ignore.map((t) => t.text)).toEqual(['/.*/']);
    expect(wj.filters.branches.only).toEqual([]);
    expect(wj.instances).toHaveLength(1);
    expect(wj.instances[0]!.invocation).toBe(wj);
    expect(wj.instances[0]!.publishes).toHaveLength(1);
    expect(circleJobInstances(config)).toEqual([wj.instances[0]]);
  });

  it('reads a context given as a string and a workflow job given as a string', () => {
    const c = load(
      lines('version: 2.1', 'jobs:', '  a:', '    docker: [{ image: node:22 }]', '    steps: [checkout]', 'workflows:', '  w:', '    jobs:', '      - a', '      - a:', '          name: a2', '          context: org-global'),
    );
    const [first, second] = c.workflows[0]!.jobs;
    expect(first).toMatchObject({ job: 'a', name: 'a', contexts: [] });
    expect(second!.name).toBe('a2');
    expect(second!.contexts.map((t) => t.text)).toEqual(['org-global']);
  });
});

describe('loadCircleConfig: executors', () => {
  const EXECUTORS = lines(
    'version: 2.1',
    'executors:',
    '  node:',
    '    parameters:',
    '      tag:',
    '        type: string',
    '        default: "24.15"',
    '    docker:',
    '      - image: cimg/node:<< parameters.tag >>',
    '    resource_class: medium',
    '    environment:',
    '      FROM_EXECUTOR: x',
    '  box:',
    '    machine:',
    '      image: ubuntu-2404:current',
    '  mac:',
    '    macos:',
    '      xcode: "16.0.0"',
    'jobs:',
    '  a:',
    '    executor: node',
    '    steps: [checkout]',
    '  b:',
    '    executor:',
    '      name: node',
    '      tag: "22.14"',
    '    resource_class: large',
    '    environment:',
    '      FROM_JOB: y',
    '    steps: [checkout]',
    '  c:',
    '    executor: box',
    '    steps: [checkout]',
    '  d:',
    '    executor: mac',
    '    steps: [checkout]',
    '  e:',
    '    executor: nope',
    '    steps: [checkout]',
  );
  const config = load(EXECUTORS);

  it('resolves a string reference with the executor defaults', () => {
    const a = job(config, 'a');
    expect(a.executor).toMatchObject({ name: 'node' });
    expect(a.executor?.definition?.key).toBe('node');
    expect(a.docker[0]!.image.text).toBe('cimg/node:24.15');
    expect(a.docker[0]!.image.substituted).toMatchObject([{ name: 'parameters.tag', value: '24.15', from: 'default' }]);
    expect(a.resourceClass).toMatchObject({ from: 'executor' });
    expect(a.environment.map((e) => [e.name, e.level])).toEqual([['FROM_EXECUTOR', 'executor']]);
  });

  it('resolves `{ name, ...args }`, and the job overrides resource class and adds environment', () => {
    const b = job(config, 'b');
    expect(b.docker[0]!.image.text).toBe('cimg/node:22.14');
    const sub = b.docker[0]!.image.substituted[0]!;
    expect(sub).toMatchObject({ value: '22.14', from: 'argument' });
    expect(at({ file: FILE, ...sub.node.span })).toBe('26:12-26:19');
    expect(b.resourceClass?.value.text).toBe('large');
    expect(b.resourceClass?.from).toBe('job');
    expect(b.environment.map((e) => e.name)).toEqual(['FROM_EXECUTOR', 'FROM_JOB']);
  });

  it('reads machine and macOS executors', () => {
    expect(job(config, 'c')).toMatchObject({ executorKind: 'machine', docker: [] });
    expect(job(config, 'c').machine?.image?.text).toBe('ubuntu-2404:current');
    expect(job(config, 'd').executorKind).toBe('macos');
    expect(job(config, 'd').macos?.xcode?.text).toBe('16.0.0');
  });

  it('reports a missing executor at its name, and the job is incomplete', () => {
    const e = job(config, 'e');
    expect(e.executor).toMatchObject({ name: 'nope', missing: true });
    expect(e.incomplete).toBe(true);
    expect(e.executorKind).toBe('none');
    expect(problems(config)).toEqual(['executor-missing@38:15']);
  });

  it('an executor parameter of type executor', () => {
    const c = load(
      lines(
        'version: 2.1',
        'executors:',
        '  node: { docker: [{ image: "cimg/node:24.15" }] }',
        'jobs:',
        '  j:',
        '    parameters:',
        '      e: { type: executor, default: node }',
        '    executor: << parameters.e >>',
        '    steps: [checkout]',
      ),
    );
    expect(job(c, 'j').docker[0]!.image.text).toBe('cimg/node:24.15');
  });
});

describe('loadCircleConfig: orbs (named, never fetched)', () => {
  const ORBS = lines(
    'version: 2.1',
    'orbs:',
    '  node: circleci/node@5.2.0',
    '  mine:',
    '    commands:',
    '      pub:',
    '        steps:',
    '          - run: npm publish',
    'jobs:',
    '  publish:',
    '    executor: node/default',
    '    steps:',
    '      - checkout',
    '      - node/install:',
    '          node-version: "22.14"',
    '      - mine/pub',
    'workflows:',
    '  w:',
    '    jobs:',
    '      - node/test',
    '      - publish',
  );
  const config = load(ORBS);
  const publish = job(config, 'publish');

  it('lists registry orbs as unreadable, with their position; inline orbs are read', () => {
    expect(config.orbs.map((o) => [o.alias, o.ref, o.inline])).toEqual([
      ['node', 'circleci/node@5.2.0', false],
      ['mine', undefined, true],
    ]);
    expect(config.orbs[0]).toMatchObject({ namespace: 'circleci', orbName: 'node', version: '5.2.0' });
    expect(config.problems.filter((p) => p.kind === 'orb-unreadable').map((p) => `${p.kind}@${at(p.location)}`)).toEqual(['orb-unreadable@3:9-3:28']);
    expect(config.hasUnreadable).toBe(true);
  });

  it('names orb executors and orb commands, and expands inline orb commands', () => {
    // The node orb's `node/default` is one of the orb executors tp-doctor knows (data/orbs.ts).
    expect(publish.executor).toMatchObject({ name: 'node/default', orb: 'node', known: { ref: 'circleci/node@5.2.0', tagDefault: 'lts' } });
    expect(publish.executorKind).toBe('docker');
    expect(publish.steps.map((s) => s.kind)).toEqual(['checkout', 'orb', 'run']);
    expect(publish.steps[1]!.orb).toMatchObject({ alias: 'node', command: 'install', ref: 'circleci/node@5.2.0' });
    expect(publish.steps[1]!.orb?.args.get('node-version')?.text).toBe('22.14');
    expect(publish.steps[2]!.via.map((v) => v.command)).toEqual(['mine/pub']);
    expect(publish.publishes).toHaveLength(1);
    expect(publish.incomplete).toBe(true);
  });

  it('names orb jobs in workflows without instances', () => {
    const [orbJob, local] = config.workflows[0]!.jobs;
    expect(orbJob).toMatchObject({ job: 'node/test', orb: 'node', instances: [] });
    expect(orbJob!.missing).toBeUndefined();
    expect(local!.instances).toHaveLength(1);
  });
});

describe('loadCircleConfig: reusable commands and parameters', () => {
  it('expands commands recursively with their parameters and records the chain', () => {
    const c = load(
      lines(
        'version: 2.1',
        'commands:',
        '  release:',
        '    parameters:',
        '      tag: { type: string, default: latest }',
        '    steps:',
        '      - setup',
        '      - run: npm publish --tag << parameters.tag >>',
        '  setup:',
        '    steps:',
        '      - run: sudo npm install -g npm@11.11.0',
        'jobs:',
        '  j:',
        '    docker: [{ image: cimg/node:24.15 }]',
        '    steps:',
        '      - release:',
        '          tag: next',
        '      - release',
      ),
    );
    const j = job(c, 'j');
    expect(j.steps.map((s) => [s.run?.command.text, s.via.map((v) => v.command)])).toEqual([
      ['sudo npm install -g npm@11.11.0', ['release', 'setup']],
      ['npm publish --tag next', ['release']],
      ['sudo npm install -g npm@11.11.0', ['release', 'setup']],
      ['npm publish --tag latest', ['release']],
    ]);
    // The publish is located in the command's template: the expanded text is not in the file.
    expect(j.publishes.map((p) => [p.match.flags.tag, at(p.location)])).toEqual([
      ['next', '8:14-8:52'],
      ['latest', '8:14-8:52'],
    ]);
    expect(j.steps[1]!.run!.command.substituted).toMatchObject([{ name: 'parameters.tag', value: 'next', from: 'argument' }]);
    expect(j.steps[1]!.via[0]!.node.span.start).toEqual({ line: 16, column: 9 });
    expect(c.problems).toEqual([]);
  });

  it('splices a steps parameter where it is used', () => {
    const c = load(
      lines(
        'version: 2.1',
        'commands:',
        '  with-setup:',
        '    parameters:',
        '      steps: { type: steps }',
        '    steps:',
        '      - checkout',
        '      - << parameters.steps >>',
        'jobs:',
        '  j:',
        '    docker: [{ image: node:24 }]',
        '    parameters:',
        '      access: { type: string, default: public }',
        '    steps:',
        '      - with-setup:',
        '          steps:',
        '            - run: npm publish --access << parameters.access >>',
      ),
    );
    const j = job(c, 'j');
    expect(j.steps.map((s) => s.run?.command.text ?? s.kind)).toEqual(['checkout', 'npm publish --access public']);
    expect(j.publishes[0]?.match.flags.access).toBe('public');
  });

  it('reports a command cycle and a too deep chain, and never throws', () => {
    const cyc = load(lines('version: 2.1', 'commands:', '  a: { steps: [b] }', '  b: { steps: [a] }', 'jobs:', '  j:', '    docker: [{ image: node:24 }]', '    steps: [a]'));
    expect(cyc.problems.map((p) => (p.kind === 'command-cycle' ? p.chain.join(' > ') : p.kind))).toEqual(['a > b > a']);
    expect(job(cyc, 'j').incomplete).toBe(true);

    const chain = Array.from({ length: MAX_COMMAND_DEPTH + 4 }, (_, i) => `  c${i}: { steps: [${i === MAX_COMMAND_DEPTH + 3 ? 'checkout' : `c${i + 1}`}] }`);
    const deep = load(lines('version: 2.1', 'commands:', ...chain, 'jobs:', '  j:', '    docker: [{ image: node:24 }]', '    steps: [c0]'));
    expect(deep.problems.map((p) => p.kind)).toEqual(['command-depth']);
    expect(job(deep, 'j').steps).toEqual([]);
  });

  it('keeps pipeline values, and parameters without a value, as unknown placeholders; a pipeline default is read', () => {
    const c = load(
      lines(
        'version: 2.1',
        'parameters:',
        '  dist-tag: { type: string, default: latest }',
        'jobs:',
        '  j:',
        '    parameters:',
        '      version: { type: string }',
        '    docker: [{ image: "cimg/node:<< parameters.version >>" }]',
        '    steps:',
        '      - run: npm publish --tag << pipeline.parameters.dist-tag >> && echo << pipeline.git.tag >>',
      ),
    );
    const j = job(c, 'j');
    expect(j.docker[0]!.image).toMatchObject({ text: 'cimg/node:<< parameters.version >>', unknown: ['parameters.version'] });
    expect(j.steps[0]!.run!.command).toMatchObject({ text: 'npm publish --tag latest && echo << pipeline.git.tag >>', unknown: ['pipeline.git.tag'] });
    expect(j.steps[0]!.run!.command.substituted).toMatchObject([{ name: 'pipeline.parameters.dist-tag', value: 'latest', from: 'pipeline-default' }]);
    expect(j.incomplete).toBe(true);
    expect(c.pipelineParameters.get('dist-tag')?.default?.text).toBe('latest');
  });

  it('reports a parameter the job does not declare', () => {
    const c = load(lines('version: 2.1', 'jobs:', '  j:', '    docker: [{ image: node:24 }]', '    steps:', '      - run: echo << parameters.nope >>'));
    expect(problems(c)).toEqual(['parameter-undeclared@6:14']);
    expect(job(c, 'j').steps[0]!.run!.command.unknown).toEqual(['parameters.nope']);
  });
});

describe('loadCircleConfig: workflow invocations', () => {
  const WF = lines(
    'version: 2.1',
    'jobs:',
    '  publish:',
    '    parameters:',
    '      node: { type: string, default: "24.15" }',
    '      dry: { type: boolean, default: false }',
    '    docker: [{ image: "cimg/node:<< parameters.node >>" }]',
    '    steps:',
    '      - when:',
    '          condition: << parameters.dry >>',
    '          steps: [{ run: npm publish --dry-run }]',
    '      - unless:',
    '          condition: << parameters.dry >>',
    '          steps: [{ run: npm publish }]',
    '      - when:',
    '          condition: { equal: [main, << pipeline.git.branch >>] }',
    '          steps: [{ run: echo main }]',
    'workflows:',
    '  w:',
    '    jobs:',
    '      - hold: { type: approval }',
    '      - publish:',
    '          node: "22.14"',
    '          requires: [hold]',
    '          pre-steps: [{ run: npm ci }]',
    '          post-steps: [{ run: echo done }]',
    '      - publish:',
    '          name: publish-matrix',
    '          matrix:',
    '            parameters:',
    '              node: ["22.14", "24.15", "26.14"]',
    '            exclude:',
    '              - node: "26.14"',
    '      - missing-job',
  );
  const config = load(WF);
  const [hold, passed, matrix, missing] = config.workflows[0]!.jobs;

  it('binds the invocation arguments, and adds pre- and post-steps', () => {
    expect(hold).toMatchObject({ approval: true, instances: [] });
    const instance = passed!.instances[0]!;
    expect(instance.docker[0]!.image.text).toBe('cimg/node:22.14');
    expect(instance.steps.map((s) => [s.origin, s.run?.command.text, s.conditional])).toEqual([
      ['pre-steps', 'npm ci', false],
      ['job', 'npm publish', false],
      ['job', 'echo main', true],
      ['post-steps', 'echo done', false],
    ]);
    expect(job(config, 'publish').docker[0]!.image.text).toBe('cimg/node:24.15');
  });

  it('instantiates each matrix combination, minus the excluded ones', () => {
    expect(matrix!.name).toBe('publish-matrix');
    expect(matrix!.instances.map((i) => [i.matrix, i.docker[0]!.image.text])).toEqual([
      [{ node: '22.14' }, 'cimg/node:22.14'],
      [{ node: '24.15' }, 'cimg/node:24.15'],
    ]);
    expect(matrix!.instances[0]!.docker[0]!.image.substituted[0]).toMatchObject({ from: 'matrix' });
  });

  it('reports a workflow job that names no job', () => {
    expect(missing).toMatchObject({ job: 'missing-job', missing: true, instances: [] });
    expect(problems(config)).toEqual(['job-missing@34:9']);
  });

  it('lists the instances of every invocation', () => {
    expect(circleJobInstances(config)).toHaveLength(3);
  });
});

describe('loadCircleConfig: bad input never throws', () => {
  const fileProblems = (files: Record<string, string | Uint8Array>) => loadCircleConfig(new MemoryFs(files));

  it('a missing file gives no config; an ignored one neither', () => {
    expect(fileProblems({})).toEqual({ fileProblems: [], documents: [] });
    expect(loadCircleConfig(new MemoryFs({ [FILE]: 'version: 2.1\n' }), FILE, { isIgnored: () => true })).toEqual({ fileProblems: [], documents: [] });
  });

  it('an unreadable file, invalid YAML, an empty file and a list are file problems with an unparsed config', () => {
    const binary = fileProblems({ [FILE]: new Uint8Array([0, 1, 2]) });
    expect(binary.fileProblems.map((p) => p.kind)).toEqual(['read']);
    expect(binary.config?.parsed).toBe(false);
    const yaml = fileProblems({ [FILE]: 'jobs:\n  a: [\n' });
    expect(yaml.fileProblems.map((p) => p.kind)).toEqual(['yaml']);
    expect(yaml.config).toMatchObject({ parsed: false, jobs: [] });
    const empty = fileProblems({ [FILE]: '# nothing\n' });
    expect(empty.fileProblems).toMatchObject([{ kind: 'shape', shape: 'empty' }]);
    const list = fileProblems({ [FILE]: '- version: 2.1\n' });
    expect(list.fileProblems).toMatchObject([{ kind: 'shape', shape: 'not-a-map', location: { start: { line: 1, column: 1 } } }]);
    expect(list.config?.parsed).toBe(false);
    expect(list.documents).toHaveLength(1);
  });

  it('reports a missing `jobs:`, a wrong version and a setup configuration', () => {
    const c = load(lines('version: 2', 'setup: true', 'workflows:', '  w:', '    jobs: [a]'));
    expect(problems(c)).toEqual(['setup-config@2:1', 'no-jobs@3:1', 'job-missing@5:12']);
    expect(c.setup?.value).toBe(true);
    expect(problems(load(lines('jobs: {}')))).toEqual(['version@1:1']);
    expect(problems(load(lines('version: 3', 'jobs: {}')))).toEqual(['version@1:10']);
  });

  it.each([
    ['jobs is a list', lines('version: 2.1', 'jobs: [a, b]'), ['shape@2:7']],
    ['a job is a string', lines('version: 2.1', 'jobs:', '  a: npm publish'), ['shape@3:6']],
    ['steps missing', lines('version: 2.1', 'jobs:', '  a:', '    docker: [{ image: node:24 }]'), ['shape@3:3']],
    ['steps is a map', lines('version: 2.1', 'jobs:', '  a:', '    steps: { run: x }'), ['shape@4:12']],
    ['docker is a string', lines('version: 2.1', 'jobs:', '  a:', '    docker: node:24', '    steps: [checkout]'), ['shape@4:13']],
    ['an image without image', lines('version: 2.1', 'jobs:', '  a:', '    docker: [{ auth: x }]', '    steps: [checkout]'), ['shape@4:14']],
    ['a step with two keys', lines('version: 2.1', 'jobs:', '  a:', '    steps:', '      - run: a', '        name: b'), ['shape@5:9']],
    ['run without command', lines('version: 2.1', 'jobs:', '  a:', '    steps:', '      - run: { name: x }'), ['shape@5:9']],
    ['an unknown step', lines('version: 2.1', 'jobs:', '  a:', '    steps: [frobnicate]'), ['command-missing@4:13']],
    ['an unknown orb command', lines('version: 2.1', 'jobs:', '  a:', '    steps: [x/y]'), ['command-missing@4:13']],
    ['workflow jobs is a map', lines('version: 2.1', 'jobs: {}', 'workflows:', '  w:', '    jobs: { a: 1 }'), ['shape@5:11']],
    ['a workflow is a string', lines('version: 2.1', 'jobs: {}', 'workflows:', '  w: a'), ['shape@4:6']],
    ['orbs is a list', lines('version: 2.1', 'orbs: [a]', 'jobs: {}'), ['shape@2:7']],
    ['environment is a string', lines('version: 2.1', 'jobs:', '  a:', '    environment: X=1', '    steps: [checkout]'), ['shape@4:18']],
    ['a matrix without parameters', lines('version: 2.1', 'jobs:', '  a: { steps: [checkout] }', 'workflows:', '  w:', '    jobs:', '      - a: { matrix: [1] }'), ['shape@7:22']],
  ])('%s', (_name, yaml, want) => {
    const c = load(yaml);
    expect(problems(c)).toEqual(want);
  });

  it('a huge matrix gets one instance with its parameters unknown', () => {
    const values = Array.from({ length: 9 }, (_, i) => `"${i}"`).join(', ');
    const c = load(
      lines(
        'version: 2.1',
        'jobs:',
        '  a:',
        '    parameters: { x: { type: string }, y: { type: string } }',
        '    docker: [{ image: "node:<< parameters.x >>" }]',
        '    steps: [checkout]',
        'workflows:',
        '  w:',
        '    jobs:',
        `      - a: { matrix: { parameters: { x: [${values}], y: [${values}] } } }`,
      ),
    );
    expect(c.problems.map((p) => (p.kind === 'matrix-too-large' ? p.combinations : p.kind))).toEqual([81]);
    const instances = c.workflows[0]!.jobs[0]!.instances;
    expect(instances).toHaveLength(1);
    expect(instances[0]!.docker[0]!.image.unknown).toEqual(['parameters.x']);
  });

  it.each([
    'version: 2.1\nexecutors: { a: 1, b: { docker: 1 } }\njobs:\n  j: { executor: {}, steps: [null, 1, [a], {}] }\n  k: { executor: a, steps: [checkout] }\n  l: { executor: b, steps: [checkout] }\n',
    'version: 2.1\ncommands: { a: [1], b: { parameters: [x], steps: 1 } }\njobs:\n  j: { steps: [a, b, { b: [1] }] }\n',
    'version: 2.1\norbs: { a: null, b: [1] }\nparameters: [1]\njobs:\n  j:\n    parameters: [x]\n    docker: [1, null, { image: [x] }]\n    machine: 7\n    resource_class: [x]\n    steps: [{ when: 1 }, { unless: { condition: true, steps: 1 } }, { run: { command: [1] } }, { run: null }]\n',
    'version: 2.1\njobs: { j: { steps: [checkout] } }\nworkflows:\n  version: 2\n  w: { jobs: [{ j: 1, k: 2 }, [x], null, { j: { matrix: { parameters: { a: null } }, requires: 5, context: {}, filters: [] } }] }\n  v: { jobs: null }\n',
    'version: 2.1\ndefaults: &d\n  docker: [{ image: node:24 }]\n  steps: &s [checkout, { run: [x] }]\njobs:\n  j: *d\n  k: { <<: *d, executor: *d, steps: [*s] }\n',
  ])('never throws on hostile shapes (%#)', (yaml) => {
    const result = loadCircleConfig(new MemoryFs({ [FILE]: yaml }));
    expect(result.config?.parsed).toBe(true);
    expect(result.config?.problems.length).toBeGreaterThan(0);
    expect(result.config?.problems.every((p) => p.kind !== 'shape' || p.path !== '')).toBe(true);
  });

  it('a self-referencing alias is a YAML problem, not a hang', () => {
    const result = loadCircleConfig(new MemoryFs({ [FILE]: 'version: 2.1\njobs:\n  j:\n    steps: &s [checkout, { run: *s }]\n' }));
    expect(result.fileProblems.map((p) => (p.kind === 'yaml' ? p.problem.code : p.kind))).toEqual(['alias-bomb']);
    expect(result.config?.parsed).toBe(false);
  });

  it('reads environment given as a list of maps', () => {
    const c = load(lines('version: 2.1', 'jobs:', '  a:', '    environment:', '      - NPM_TOKEN: $X', '      - B: "1"', '    steps: [checkout]'));
    expect(job(c, 'a').environment.map((e) => e.name)).toEqual(['NPM_TOKEN', 'B']);
  });

  it('a step fan-out is bounded', () => {
    // 10 commands each calling the next one 3 times: 3^10 steps without the bound.
    const cmds = Array.from({ length: 10 }, (_, i) => `  k${i}: { steps: [${i === 9 ? 'checkout, checkout, checkout' : `k${i + 1}, k${i + 1}, k${i + 1}`}] }`);
    const c = load(lines('version: 2.1', 'commands:', ...cmds, 'jobs:', '  j:', '    steps: [k0]'));
    expect(c.problems.map((p) => p.kind)).toEqual(['step-limit']);
    expect(job(c, 'j').steps.length).toBeLessThanOrEqual(5000);
  });
});

describe('loadCircleConfig: publishes through package.json scripts', () => {
  it('follows `npm run release` with the scripts given', () => {
    const c = load(lines('version: 2.1', 'jobs:', '  j:', '    docker: [{ image: node:24 }]', '    steps:', '      - run: npm run release'), {}, { release: 'npm publish --provenance' });
    const p = job(c, 'j').publishes[0]!;
    expect(p.match.via.map((v) => v.script)).toEqual(['release']);
    expect(p.match.flags.provenance).toBe(true);
  });

  it('tells apart a publish to another registry', () => {
    const c = load(lines('version: 2.1', 'jobs:', '  j:', '    steps:', '      - run: npm publish --registry https://npm.pkg.github.com'));
    expect(job(c, 'j').publishes[0]?.match.flags.registry).toBe('https://npm.pkg.github.com');
    expect(isPublishingCircleJob(job(c, 'j'))).toBe(false);
  });
});
