/**
 * The circleci/node orb's `default` executor (`data/orbs.ts` `ORB_EXECUTORS`): a job on it runs in
 * the executor's image, with its `tag` argument or the default of the orb version pinned under
 * `orbs:`, and no environment; a version tp-doctor cannot tell leaves the default tag unknown.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadCircleConfig } from './config.js';
import { whereToSetCircleNode } from './facts.js';
import { CircleJobFacts } from './job-facts.js';
import type { CircleJob } from './types.js';

const FILE = '.circleci/config.yml';

/** The job `j` with `executor` (one line, indented four spaces, or several), the node orb pinned at `ref`. */
function jobOn(ref: string, executor: string[], extra: string[] = []): CircleJob {
  const yaml = ['version: 2.1', 'orbs:', `  node: ${ref}`, 'jobs:', '  j:', ...executor.map((l) => `    ${l}`), ...extra.map((l) => `    ${l}`), '    steps: [checkout]', ''].join('\n');
  const { config, fileProblems } = loadCircleConfig(new MemoryFs({ [FILE]: yaml }));
  expect(fileProblems).toEqual([]);
  const job = config?.jobs.find((x) => x.name === 'j');
  if (!job) throw new Error('no job j');
  return job;
}

describe('the circleci/node orb executor node/default', () => {
  it.each([
    // The legacy `circleci/` images were frozen on 2021-12-31: `latest` there is no release tp-doctor can name.
    ['circleci/node@1.1.6', 'circleci/node:latest', undefined],
    ['circleci/node@2', 'cimg/node:13.11', '13.11'],
    ['circleci/node@4.7', 'cimg/node:13.11', '13.11'],
    ['circleci/node@4.9.0', 'cimg/node:13.11', '13.11'],
    ['circleci/node@5.0.0', 'cimg/node:lts', 'lts/*'],
    ['circleci/node@7.2.1', 'cimg/node:lts', 'lts/*'],
    ['CircleCI/Node@6.1', 'cimg/node:lts', 'lts/*'],
  ])('%s runs in %s (the default tag of that version), with no environment', (ref, image, spec) => {
    const job = jobOn(ref, ['executor: node/default']);
    expect(job.executorKind).toBe('docker');
    expect(job.docker.map((d) => d.image.text)).toEqual([image]);
    expect(job.environment).toEqual([]);
    expect(job.incomplete).toBe(false);
    expect(job.executor).toMatchObject({ name: 'node/default', orb: 'node', known: { ref } });
    const node = new CircleJobFacts().jobNode(job);
    expect(node.spec).toBe(spec);
    if (spec === undefined) expect(node.unknown).toMatch(/legacy `circleci\/` images, which have not changed since 2021-12-31/);
    expect(node.origins.map((o) => [o.label, o.at && 'span' in o.at ? o.at.span.start.line : undefined])).toEqual([
      [`image "${image.replace(/:[^:]+$/, ':<< parameters.tag >>')}" of the orb executor "node/default"`, 6],
      [`parameters.tag = "${image.split(':')[1]}" (default of ${ref})`, 3],
    ]);
  });

  it.each([
    ['a map with `tag:`', ['executor:', '  name: node/default', '  tag: "24.15"']],
    ['a tag from a job parameter', ['parameters: { v: { type: string, default: "24.15" } }', 'executor: { name: node/default, tag: << parameters.v >> }']],
  ])('%s: the argument wins over the default', (_name, executor) => {
    const job = jobOn('circleci/node@4.7', executor);
    expect(job.docker[0]!.image.text).toBe('cimg/node:24.15');
    expect(new CircleJobFacts().jobNode(job)).toMatchObject({ spec: '24.15', version: '24.15.0', npm: { min: '11.12.1' } });
  });

  it.each([['circleci/node@volatile'], ['circleci/node@dev:alpha'], ['circleci/node'], ['circleci/node@8.0.0']])(
    '%s: the default tag depends on a version tp-doctor cannot tell; the job is incomplete',
    (ref) => {
      const job = jobOn(ref, ['executor: node/default']);
      expect(job.docker[0]!.image).toMatchObject({ text: 'cimg/node:<< parameters.tag >>', unknown: ['parameters.tag'] });
      expect(job.incomplete).toBe(true);
      expect(new CircleJobFacts().jobNode(job).unknown).toBe(
        `the job runs on the orb executor "node/default" (image "cimg/node:<< parameters.tag >>"), whose default \`tag\` depends on the version of "${ref}", which tp-doctor cannot tell`,
      );
      // A tag argument still decides.
      expect(new CircleJobFacts().jobNode(jobOn(ref, ['executor: { name: node/default, tag: "22.14" }'])).spec).toBe('22.14');
    },
  );

  it("the job's own docker image overrides the executor's", () => {
    const job = jobOn('circleci/node@7.1', ['executor: node/default'], ['docker: [{ image: node:26 }]']);
    expect(job.docker.map((d) => d.image.text)).toEqual(['node:26']);
  });

  it.each([
    ['another executor of the node orb', 'circleci/node@7.1', 'executor: node/other'],
    ['an executor of another orb', 'acme/node@7.1', 'executor: node/default'],
  ])('%s stays unread', (_name, ref, executor) => {
    const job = jobOn(ref, [executor]);
    expect(job.docker).toEqual([]);
    expect(job.incomplete).toBe(true);
    expect(job.executor?.known).toBeUndefined();
    expect(new CircleJobFacts().jobNode(job).unknown).toMatch(/^the job runs on the orb executor "node\/\w+", which tp-doctor does not read$/);
  });

  it('a fix names the executor tag (a cimg tag: major.minor)', () => {
    const job = jobOn('circleci/node@4.7', ['executor: node/default']);
    const node = new CircleJobFacts().jobNode(job);
    expect(whereToSetCircleNode(node, '24.14', job)).toBe('pass `tag: "24.14"` to the executor `node/default`');
    expect(whereToSetCircleNode(node, '24', job)).toMatch(/^pass `tag: "24\.\d+"` to the executor `node\/default`$/);
  });
});
