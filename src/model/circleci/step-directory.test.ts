/**
 * A `run` step below the repository root (its own `working_directory`, else the job's, read
 * below the checkout: ./checkout-dir.ts) runs the package.json scripts and script files of that
 * directory: its commands are read from there (jobs.ts `rereadStepsInDirectories`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';

const pkg = (name: string, scripts: Record<string, string> = {}): string => JSON.stringify({ name, version: '1.0.0', scripts });
const FILES = {
  'package.json': pkg('root', { release: 'echo root release' }),
  'scripts/release.sh': 'echo nothing to publish here\n',
  'packages/x/package.json': pkg('@acme/x', { release: 'npm publish --access public' }),
  'packages/x/scripts/release.sh': '#!/bin/sh\nnpm publish --access public\n',
};

/** A CircleCI job `publish`: `job` lines under the job, `steps` under `steps:` after `checkout`. */
function config(steps: readonly string[], job: readonly string[] = [], checkout = '- checkout'): string {
  return ['version: 2.1', 'jobs:', '  publish:', '    docker:', '      - image: cimg/node:24.15', ...job.map((l) => `    ${l}`), '    steps:', `      ${checkout}`, ...steps.map((s) => `      ${s}`), 'workflows:', '  release:', '    jobs: [publish]', ''].join('\n');
}

/** Each site: `certainty directory packages via`; a script file's publish has unknown targets (`?`), as on GitHub. */
function sites(yaml: string, files: Record<string, string> = FILES): string[] {
  const p = loadProject(new MemoryFs({ ...files, '.circleci/config.yml': yaml }));
  return p.facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? '?' : s.targets.packages.map((x) => x.name).join(',');
    return `${s.certainty} ${s.directory ?? '?'} ${list} ${s.publish.match.via.map((v) => v.script).join('>')}`;
  });
}

describe('CircleCI: the scripts of a step below the root are read from its directory', () => {
  it.each([
    ['./scripts/release.sh', 'likely packages/x ? packages/x/scripts/release.sh'],
    ['sh scripts/release.sh', 'likely packages/x ? packages/x/scripts/release.sh'],
    ['npm run release', 'certain packages/x @acme/x release'],
  ])('a step `working_directory: packages/x` running %s', (command, site) => {
    for (const wd of ['packages/x', '~/project/packages/x', '/home/circleci/project/packages/x']) {
      expect(sites(config(['- run:', `    command: ${command}`, `    working_directory: ${wd}`])), wd).toEqual([site]);
    }
  });

  it('the job\'s `working_directory` below the checkout, and a step\'s relative one read from it', () => {
    const job = ['working_directory: ~/repo/packages/x'];
    expect(sites(config(['- run: ./scripts/release.sh'], job, '- checkout: { path: ~/repo }'))).toEqual(['likely packages/x ? packages/x/scripts/release.sh']);
    expect(sites(config(['- run:', '    command: npm run release', '    working_directory: x'], ['working_directory: ~/repo/packages'], '- checkout: { path: ~/repo }'))).toEqual(['certain packages/x @acme/x release']);
  });

  it('a directory without the script or package.json scripts has none of the root\'s', () => {
    const files = { ...FILES, 'packages/y/package.json': pkg('@acme/y') };
    const labels = (yaml: string): string[] => loadProject(new MemoryFs({ ...files, '.circleci/config.yml': yaml })).facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`);
    // As on GitHub: a script the package does not have is a publish tp-doctor cannot rule out.
    expect(labels(config(['- run:', '    command: npm run release && ./scripts/release.sh', '    working_directory: packages/y']))).toEqual(['likely npm run release (script not found)']);
  });

  it('controls: at the root, and a directory tp-doctor cannot place (no script read)', () => {
    expect(sites(config(['- run: ./scripts/release.sh']))).toEqual([]);
    expect(sites(config(['- run:', '    command: ./scripts/release.sh', '    working_directory: /tmp/build']))).toEqual([]);
    // Without a script file, the step's own command is read as it is.
    expect(sites(config(['- run:', '    command: npm publish', '    working_directory: packages/x']))).toEqual(['certain packages/x @acme/x ']);
  });
});

describe('CircleCI: an earlier `run` step packs the tarball a publish sends (TargetInput.packRuns)', () => {
  it('read from the directory that step runs in, as a GitHub job\'s earlier `run:` step', () => {
    const steps = (pack: readonly string[]): string[] => [...pack, '- run: npm publish dist/acme-x-1.0.0.tgz'];
    expect(sites(config(steps(['- run:', '    command: npm pack --pack-destination ../../dist', '    working_directory: packages/x'])))).toEqual(['certain  @acme/x ']);
    // Control: packed from the root, the file is the root package's, not `@acme/x`'s.
    expect(sites(config(steps(['- run: npm pack --pack-destination dist'])))).toEqual(['certain  ? ']);
  });
});
