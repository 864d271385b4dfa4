/**
 * A script that `pushd`s into the sub-packages it lists and publishes there (girder/girder
 * `.circleci/publish_npm.sh`, run through `npm run publish-all`: `for directory in
 * "${PUBLISHED_NPM_PACKAGES[@]}"; do pushd "$directory"; npm publish; popd; done`) publishes
 * those packages, never the root one (survey919c F3): a root `package.json` script that only hands
 * on to the file is read through (src/model/npm/script-file-targets.ts), and a loop over a bash
 * array of literal words reads its words (value-targets.ts `withArrays`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const pkg = (name: string, more: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '1.0.0', ...more });

const REPO = {
  'package.json': pkg('@acme/lint', { scripts: { 'publish-all': './.circleci/publish_npm.sh' } }),
  'packages/a/package.json': pkg('@acme/a'),
  'packages/b/package.json': pkg('@acme/b'),
  'tools/c/package.json': pkg('@acme/c'),
};

function circle(command: string): string {
  return ['version: 2.1', 'jobs:', '  publish:', '    docker:', '      - image: cimg/node:24.15', '    steps:', '      - checkout', `      - run: ${command}`, 'workflows:', '  release:', '    jobs: [publish]', ''].join('\n');
}

/** `certainty kind[names]` of each site. */
function sites(script: string, command = 'npm run publish-all'): string[] {
  const files = { ...REPO, '.circleci/publish_npm.sh': `#!/bin/bash\nset -e\n${script}\n`, '.circleci/config.yml': circle(command) };
  return loadProject(new MemoryFs(files), {}).facts.sites.map((s) => {
    const list = s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages;
    return `${s.certainty} ${s.targets.kind}[${list.map((p) => p.name).join(',')}]`;
  });
}

const ARRAY = 'readonly PUBLISHED_NPM_PACKAGES=(\n  packages/a\n  packages/b\n)\n';
const LOOP = (words: string): string => `for directory in ${words}; do\n  pushd "$directory"\n  npm publish --access public\n  popd\ndone`;

describe('a script that pushd-s into listed sub-packages publishes them, not the root package', () => {
  it('girder/girder: `npm run` of a root script, a loop over a bash array of literal words', () => {
    expect(sites(ARRAY + LOOP('"${PUBLISHED_NPM_PACKAGES[@]}"'))).toEqual(['likely unknown[@acme/a,@acme/b]']);
  });
  it('the same loop over literal words', () => {
    expect(sites(LOOP('packages/a packages/b'))).toEqual(['likely unknown[@acme/a,@acme/b]']);
  });
  it('the script run directly', () => {
    expect(sites(ARRAY + LOOP('"${PUBLISHED_NPM_PACKAGES[@]}"'), './.circleci/publish_npm.sh')).toEqual(['likely unknown[@acme/a,@acme/b]']);
  });
  it('the loop in the run step itself', () => {
    expect(sites('true', `for d in packages/a packages/b; do pushd "$d"; npm publish; popd; done`)).toEqual(['certain unknown[@acme/a,@acme/b]']);
  });
  it('control: a script that publishes where it runs publishes the root package', () => {
    expect(sites('npm publish --access public')).toEqual(['likely unknown[@acme/lint]']);
  });
});
