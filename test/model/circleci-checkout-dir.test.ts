/**
 * Where a CircleCI job's steps see the repository (src/model/circleci/checkout-dir.ts): a `cd` or
 * `working_directory` to the checkout directory or below it, written from the root or the home,
 * runs in the repository path below it (WTTJ/welcome-ui, CircleCI-Public/sign-and-publish-examples);
 * any other path keeps the directory unknown.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { canonicalPath } from '../../src/model/circleci/checkout-dir.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ version: '1.0.0', ...fields });

const FILES = {
  'package.json': pkg({ name: 'main', private: true, workspaces: ['packages/*'] }),
  'packages/a/package.json': pkg({ name: '@acme/a' }),
  'lib/package.json': pkg({ name: 'welcome-ui' }),
};

interface JobShape {
  executor?: string;
  job?: string;
  checkout?: string;
  steps: string;
}

function config({ executor = '    docker:\n      - image: cimg/node:24.11\n', job = '', checkout = '      - checkout\n', steps }: JobShape): string {
  return `version: 2.1\njobs:\n  release:\n${executor}${job}    steps:\n${checkout}${steps}workflows:\n  main:\n    jobs:\n      - release\n`;
}

/** `directory targets[packages]` of each publish. */
function sites(shape: JobShape): string[] {
  const project = loadProject(new MemoryFs({ ...FILES, '.circleci/config.yml': config(shape) }));
  return project.facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.directory ?? '?'} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

const run = (command: string): string => `      - run: ${command}\n`;

describe('CircleCI: a path from the root or the home into the checkout', () => {
  it('welcome-ui: `checkout: path: /home/circleci/welcome-ui` on cimg/node, then `cd /home/circleci/welcome-ui/lib`', () => {
    const checkout = '      - checkout:\n          path: /home/circleci/welcome-ui\n';
    const steps = run('cd /home/circleci/welcome-ui/lib && npm publish --registry https://registry.npmjs.org');
    // The job's steps start in ~/project, above nothing of the repository: only the absolute `cd` tells.
    expect(sites({ checkout, steps })).toEqual(['lib single[welcome-ui]']);
    // With the job's `working_directory` at the checkout too (welcome-ui's other jobs).
    expect(sites({ checkout, steps, job: '    working_directory: /home/circleci/welcome-ui\n' })).toEqual(['lib single[welcome-ui]']);
    // Control: a relative `cd` from where the steps start (outside the checkout) stays unknown.
    expect(sites({ checkout, steps: run('cd lib && npm publish') })).toEqual(['? unknown[@acme/a]']);
    // Control: another image, whose user and home tp-doctor does not know: `~` may be /root.
    const node = '    docker:\n      - image: node:22\n';
    expect(sites({ checkout: '      - checkout:\n          path: ~/welcome-ui\n', steps, executor: node })).toEqual(['? unknown[@acme/a]']);
    // ...while the checkout path written as the same absolute path needs no home.
    expect(sites({ checkout, steps, executor: node })).toEqual(['lib single[welcome-ui]']);
  });

  it('sign-and-publish-examples: `working_directory: ~/project/npm` with `checkout: path: ~/project` runs in `npm`', () => {
    const files = { 'npm/package.json': pkg({ name: '@circleci/example' }) };
    const text = config({ job: '    working_directory: ~/project/npm\n', checkout: '      - checkout:\n          path: ~/project\n', steps: run('npm publish --access public') });
    const project = loadProject(new MemoryFs({ ...files, '.circleci/config.yml': text }));
    expect(project.facts.sites.map((s) => `${s.directory} ${s.targets.kind}`)).toEqual(['npm single']);
    // A relative `checkout` `path:` is read from the job's working directory.
    expect(sites({ job: '    working_directory: ~/work\n', checkout: '      - checkout:\n          path: repo\n', steps: run('cd ~/work/repo/packages/a && npm publish') })).toEqual(['packages/a single[@acme/a]']);
    // Control: a `path:` holding a parameter without a value.
    const unread = '      - checkout:\n          path: << pipeline.git.branch >>\n';
    expect(sites({ checkout: unread, steps: run('cd ~/project/packages/a && npm publish') })).toEqual(['? unknown[@acme/a]']);
  });

  it('the default `~/project`: `cd ~/project/x`, `cd $HOME/project/x`, `cd /home/circleci/project/x` on cimg', () => {
    for (const target of ['~/project/packages/a', '$HOME/project/packages/a', '"${HOME}/project/packages/a"', '/home/circleci/project/packages/a', '/home/circleci/project/ && cd packages/a']) {
      expect(sites({ steps: run(`cd ${target} && npm publish`) }), target).toEqual(['packages/a single[@acme/a]']);
    }
    // A step `working_directory` written from the root.
    expect(sites({ steps: `      - run:\n          command: npm publish\n          working_directory: /home/circleci/project/packages/a\n` })).toEqual(['packages/a single[@acme/a]']);
  });

  it('`working_directory: ~/repo` with `cd ~/repo/packages/a`; not `cd ~/project/packages/a`', () => {
    const job = '    working_directory: ~/repo\n';
    expect(sites({ job, steps: run('cd ~/repo/packages/a && npm publish') })).toEqual(['packages/a single[@acme/a]']);
    expect(sites({ job, steps: run('cd ~/project/packages/a && npm publish') })).toEqual(['? unknown[@acme/a]']);
  });

  it('controls: another image, another absolute path, a quoted `~`, a `..` out of the checkout', () => {
    const node = '    docker:\n      - image: node:22\n';
    const job = '    working_directory: ~/repo\n';
    expect(sites({ job, executor: node, steps: run('cd /home/circleci/repo/packages/a && npm publish') })).toEqual(['? unknown[@acme/a]']);
    // The same job on cimg/node: the control's positive twin.
    expect(sites({ job, steps: run('cd /home/circleci/repo/packages/a && npm publish') })).toEqual(['packages/a single[@acme/a]']);
    // On node:22 the `~` form is still safe.
    expect(sites({ job, executor: node, steps: run('cd ~/repo/packages/a && npm publish') })).toEqual(['packages/a single[@acme/a]']);
    for (const target of ['/tmp/x', '/tmp/packages/a', '"~/repo/packages/a"', '~/repo/../other/packages/a', '~circleci/repo/packages/a', '$REPO/packages/a']) {
      expect(sites({ job, steps: run(`cd ${target} && npm publish`) }), target).toEqual(['? unknown[@acme/a]']);
    }
  });

  it('the machine executor runs as `circleci`; a Windows or self-hosted machine does not tell', () => {
    const steps = run('cd /home/circleci/project/packages/a && npm publish');
    expect(sites({ executor: '    machine:\n      image: ubuntu-2404:current\n', steps })).toEqual(['packages/a single[@acme/a]']);
    expect(sites({ executor: '    machine:\n      image: windows-server-2022-gui:current\n', steps })).toEqual(['? unknown[@acme/a]']);
    expect(sites({ executor: '    machine: true\n    resource_class: acme/runner\n', steps })).toEqual(['? unknown[@acme/a]']);
  });
});

describe('CircleCI: a step `working_directory` relative to steps that start above the checkout', () => {
  const step = (command: string, wd?: string): string => `      - run:\n          command: ${command}\n${wd ? `          working_directory: ${wd}\n` : ''}`;
  const files = {
    ...FILES,
    'package.json': pkg({ name: 'main', private: true, workspaces: ['packages/*'], scripts: { 'publish-all': './.circleci/publish_npm.sh' } }),
    '.circleci/publish_npm.sh': '#!/bin/bash\nset -e\ncd packages/a\nnpm publish --access public\n',
  };
  /** `directory certainty` of each publish, with the checkout at `path:` when given. */
  const publishes = (steps: string, path?: string): string[] => {
    const checkout = path === undefined ? undefined : `      - checkout:\n          path: ${path}\n`;
    const project = loadProject(new MemoryFs({ ...files, '.circleci/config.yml': config({ steps, ...(checkout ? { checkout } : {}) }) }));
    return project.facts.sites.map((s) => `${s.directory ?? '?'} ${s.publish.certainty}`);
  };

  it('girder/girder: `checkout: path: girder` with the step in `girder` runs at the root: its committed script is read', () => {
    // What the same step reads at the root, without `path:` and `working_directory`: the script's
    // `npm publish` (its `cd` is followed when the script runs directly).
    expect(publishes(step('npm run publish-all'))).toEqual(['? likely']);
    expect(publishes(step('./.circleci/publish_npm.sh'))).toEqual(['packages/a likely']);
    expect(publishes(step('npm run publish-all', 'girder'), 'girder')).toEqual(['? likely']);
    expect(publishes(step('./.circleci/publish_npm.sh', 'girder'), 'girder')).toEqual(['packages/a likely']);
    // Below the checkout: the relative directory is the repository's `packages/a`.
    expect(publishes(step('npm publish', 'girder/packages/a'), 'girder')).toEqual(['packages/a certain']);
  });

  it('controls: a directory beside the checkout, and `girder` with no `path:` (a directory of the repository)', () => {
    expect(publishes(step('./.circleci/publish_npm.sh', 'other'), 'girder').filter((s) => !s.endsWith('possible'))).toEqual([]);
    expect(publishes(step('./.circleci/publish_npm.sh', 'girder')).filter((s) => !s.endsWith('possible'))).toEqual([]);
  });
});

describe('canonicalPath', () => {
  it('spells a path from the home one way, and only a readable one', () => {
    expect(canonicalPath('$HOME/a/./b/', false)).toBe('~/a/b');
    expect(canonicalPath('/home/circleci/a', true)).toBe('~/a');
    expect(canonicalPath('/home/circleci/a', false)).toBe('/home/circleci/a');
    expect(canonicalPath('/home/circleci2/a', true)).toBe('/home/circleci2/a');
    expect(canonicalPath('~', false)).toBe('~');
    expect(canonicalPath('/', false)).toBe('/');
    expect(canonicalPath('a/b', false)).toBeUndefined();
    expect(canonicalPath('~/../x', false)).toBeUndefined();
    expect(canonicalPath('~/$X', false)).toBeUndefined();
  });
});
