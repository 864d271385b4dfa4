/**
 * A `run:` step whose own command says publish and names npm (`pantry publish --npm`) is a possible
 * publish even when another step of the job has a recognised one (src/model/github/publishes.ts
 * `besideRecognised`, src/model/npm/possible-publish.ts `saysNpmPublish`): stacksjs/stacks runs
 * `pantry publish --npm --access public 'core/*'` and later `bun publish` in one job, and the pantry
 * step used to drop out of the publishes, the findings and the note. Guesses from a step's name or
 * the job's signs alone stay out beside a recognised publish: that would be noise.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const PKG = JSON.stringify({ name: 'acme', version: '1.0.0', scripts: { build: 'tsc' } });

/** `certainty label` of the sites, in step order. */
function sites(workflow: string): string[] {
  return loadProject(new MemoryFs({ 'package.json': PKG, '.github/workflows/release.yml': workflow })).facts.sites.map((s) => `${s.certainty} ${s.publish.match.label}`);
}

/** A job with `id-token: write` and an npm token: the step under test, then a recognised publish (or before it, with `first`). */
function job(name: string, run: string, recognised = '      - run: bun publish --access public', first = false): string {
  const step = [`      - name: ${name}`, `        run: ${run}`];
  return [
    'on: push',
    'permissions:',
    '  contents: read',
    '  id-token: write',
    'jobs:',
    '  npm:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: oven-sh/setup-bun@v2',
    ...(first ? [recognised, ...step] : [...step, recognised]),
    '',
  ].join('\n');
}

const BUN = 'certain bun publish';

const cases: [what: string, workflow: string, want: string[]][] = [
  ['stacksjs/stacks: pantry publish --npm before a bun publish', job('Publish framework', "pantry publish --npm --access public 'core/*'"), ['possible "pantry publish --npm --access public \'core/*\'"', BUN]],
  ['after the recognised publish', job('Publish framework', 'pantry publish --npm', undefined, true), [BUN, 'possible "pantry publish --npm"']],
  ['beside a certain npm publish', job('Publish framework', 'pantry publish --npm', '      - run: npm publish'), ['possible "pantry publish --npm"', 'certain npm publish']],
  ['a node script given `--npm --publish`', job('Ship', 'node scripts/ship.mjs --npm --publish'), ['possible "node scripts/ship.mjs --npm --publish"', BUN]],
  // Through a runner it is a recognised guess already (an unknown bin's `publish` subcommand).
  ['through a runner', job('Publish', 'bunx pantry publish --npm'), ['likely pantry publish', BUN]],
  ['a script file named for it', job('Ship', './scripts/publish-npm.sh'), ['possible "./scripts/publish-npm.sh"', BUN]],
  // Controls: nothing in the command itself says publish to npm.
  ['control: a build', job('Build', 'npm run build && bun run bundle'), [BUN]],
  ['control: a git push', job('Push tags', 'git push --follow-tags'), [BUN]],
  ['control: a GitHub release', job('Release', 'gh release create v1 --notes "publish to npm"'), [BUN]],
  ['control: a step named for npm with an unreadable command', job('Publish to npm', './scripts/release.sh'), [BUN]],
  ['control: the command says publish but not npm', job('Publish framework', 'pantry publish --access public'), [BUN]],
  ['control: a test of the publish', job('Test publish', 'node scripts/test-npm-publish.js'), [BUN]],
  ['control: a check of the publish', job('Check', 'pantry verify publish --npm'), [BUN]],
  ['control: a dry run', job('Publish framework', 'pantry publish --npm --dry-run'), [BUN]],
  ['control: a path that holds npm', job('Publish framework', 'pantry publish /tmp/npm-cache'), [BUN]],
  ['control: a message that says it', job('Notify', 'echo "publish to npm done"'), [BUN]],
];

describe('a command that says publish to npm beside a recognised publish', () => {
  it.each(cases)('%s', (_what, workflow, want) => {
    expect(sites(workflow)).toEqual(want);
  });
});
