/**
 * `npm|pnpm|yarn run -- <script>`: the `--` before the script name only ends the runner's options
 * (src/model/npm/script-runs.ts, `ScriptRunner.dashesBeforeName`), so the script still runs and its
 * publish is found, on every provider. Survey 400a §1: jcoreio/clarity-plugin-toolkit's
 * `pnpm -r --workspace-concurrency=1 run --if-present -- tc release` (@jcoreio/toolchain-circle).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { circleConfig } from '../repos.js';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', scripts: { pub: 'npm publish', release: 'semantic-release' } });

function github(run: string): Record<string, string> {
  return { 'package.json': PKG, '.github/workflows/main.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n` };
}
const gitlab = (run: string): Record<string, string> => ({ 'package.json': PKG, '.gitlab-ci.yml': `release:\n  image: node:24\n  script:\n    - ${run}\n` });
const circle = (run: string): Record<string, string> => ({ 'package.json': PKG, '.circleci/config.yml': circleConfig([`- run: ${run}`]) });

function sites(repo: Record<string, string>): string[] {
  return loadProject(new MemoryFs(repo)).facts.sites.map((s) => `${s.publish.match.label} ${s.certainty}`);
}

describe('`run -- <script>` runs the script', () => {
  it.each([
    ['npm run -- pub', ['npm publish certain']],
    ['npm run -- pub --tag next', ['npm publish certain']],
    ['pnpm run -- pub', ['npm publish certain']],
    ['yarn run -- release', ['semantic-release certain']],
  ])('%s on GitHub, GitLab and CircleCI', (run, want) => {
    expect(sites(github(run))).toEqual(want);
    expect(sites(gitlab(run))).toEqual(want);
    expect(sites(circle(run))).toEqual(want);
  });

  it('control: the same runs without `--` find the same publishes', () => {
    expect(sites(github('npm run pub'))).toEqual(['npm publish certain']);
    expect(sites(github('yarn run release'))).toEqual(sites(github('yarn run -- release')));
  });

  it('control: `yarn -- release` is Yarn 1 without a command (an install), no script', () => {
    expect(sites(github('yarn -- release'))).toEqual([]);
  });
});
