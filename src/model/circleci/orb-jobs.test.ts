/**
 * The circleci/node orb's `run` job (`data/orbs.ts` `ORB_SCRIPT_JOBS`, src/model/circleci/orb-jobs.ts):
 * `- node/run: { npm-run: release }` runs `npm run release` after `checkout` in the orb's executor,
 * so a `release` script that runs `npm publish` is a publish, as certain as in a `run` step, and
 * the job's Node is the executor image's (`version` as its tag in 4.x to 6.x, the default of the
 * version pinned, a 7.x `executor` argument). Controls: a script that does not publish, no script,
 * an orb version tp-doctor cannot tell, another orb with the same alias and job name.
 * (survey900b M2, probes c12 and c21.)
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadCircleConfig } from './config.js';
import { CircleJobFacts } from './job-facts.js';
import type { CircleConfig, CircleJob } from './types.js';

const FILE = '.circleci/config.yml';

function load(ref: string, args: string[], scripts: Record<string, string> = { release: 'npm publish' }): CircleConfig {
  const yaml = ['version: 2.1', 'orbs:', `  node: ${ref}`, 'workflows:', '  release:', '    jobs:', '      - node/run:', '          name: publish', ...args.map((l) => `          ${l}`), ''].join('\n');
  const { config, fileProblems } = loadCircleConfig(new MemoryFs({ [FILE]: yaml }), FILE, { scripts });
  expect(fileProblems).toEqual([]);
  return config!;
}

function instance(config: CircleConfig): CircleJob | undefined {
  return config.workflows[0]!.jobs[0]!.instances[0];
}

describe('the circleci/node orb job node/run', () => {
  it('npm-run: release, whose script runs npm publish: a certain publish at the argument, after checkout, on cimg/node:lts (7.x)', () => {
    const job = instance(load('circleci/node@7.1.0', ['npm-run: release']))!;
    expect(job.steps.map((s) => s.kind)).toEqual(['checkout', 'run']);
    expect(job.steps[1]!.run!.command.text).toBe('npm run release');
    expect(job.publishes.map((p) => [p.match.text, p.match.via.map((v) => v.command).join(), p.certainty, p.location.start.line])).toEqual([['npm run release', 'npm publish', 'certain', 9]]);
    expect(job.docker.map((d) => d.image.text)).toEqual(['cimg/node:lts']);
    expect(job.executor).toMatchObject({ name: 'node/default', orb: 'node', known: { ref: 'circleci/node@7.1.0' } });
    expect(new CircleJobFacts().jobNode(job)).toMatchObject({ spec: 'lts/*' });
  });

  it.each([
    ['circleci/node@6.3.0', ['version: "22.14"'], 'cimg/node:22.14', '22.14'],
    ['circleci/node@5.2.0', [], 'cimg/node:lts', 'lts/*'],
    ['circleci/node@4.9.0', [], 'cimg/node:13.11.0', '13.11.0'],
    ['circleci/node@7.2.1', ['executor: { name: node/default, tag: "24.15" }'], 'cimg/node:24.15', '24.15'],
  ])('%s %j runs in %s', (ref, args, image, spec) => {
    const job = instance(load(ref, ['npm-run: release', ...args]))!;
    expect(job.docker.map((d) => d.image.text)).toEqual([image]);
    expect(new CircleJobFacts().jobNode(job).spec).toBe(spec);
  });

  it('a 7.x executor argument tp-doctor cannot read (another orb): the Node is unknown, the publish stays', () => {
    const config = load('circleci/node@7.1.0', ['npm-run: release', 'executor: other/big']);
    const job = instance(config)!;
    expect(job.publishes.map((p) => p.certainty)).toEqual(['certain']);
    expect(job.incomplete).toBe(true);
    expect(new CircleJobFacts().jobNode(job).unknown).toBeDefined();
  });

  it.each([
    ['yarn', 'circleci/node@6.3.0', ['pkg-manager: yarn', 'yarn-run: release'], 'yarn run release'],
    ['yarn-berry (any other manager runs yarn)', 'circleci/node@6.3.0', ['pkg-manager: yarn-berry', 'yarn-run: release'], 'yarn run release'],
    ['pnpm', 'circleci/node@6.3.0', ['pkg-manager: pnpm', 'pnpm-run: release'], 'pnpm run release'],
  ])('%s: the script the package manager runs', (_name, ref, args, command) => {
    const job = instance(load(ref, args))!;
    expect(job.steps.find((s) => s.kind === 'run')!.run!.command.text).toBe(command);
    expect(job.publishes.map((p) => [p.match.text, p.match.via.map((v) => v.command).join()])).toEqual([[command, 'npm publish']]);
  });

  it('app-dir other than the checkout: the script runs there (the step\'s working directory)', () => {
    const job = instance(load('circleci/node@7.1.0', ['npm-run: release', 'app-dir: ~/project/pkg']))!;
    expect(job.steps[1]!.run!.workingDirectory?.text).toBe('~/project/pkg');
  });

  it.each([
    ['a script that does not publish', 'circleci/node@7.1.0', ['npm-run: test']],
    ['npm-run for a yarn job', 'circleci/node@7.1.0', ['pkg-manager: yarn', 'npm-run: release']],
    ['no script', 'circleci/node@7.1.0', []],
    ['an orb version tp-doctor cannot tell (no name says publish: no stand-in)', 'circleci/node@volatile', ['npm-run: release']],
    ['another orb under the alias node', 'acme/node@1.0.0', ['npm-run: release']],
  ])('%s: no instance', (_name, ref, args) => {
    expect(instance(load(ref, args, { release: 'npm publish', test: 'jest' }))).toBeUndefined();
  });
});
