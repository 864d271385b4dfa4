/**
 * A publish command put into a `run:` by `${{ env.NAME }}` (src/model/github/env-context.ts): GitHub
 * replaces the expression with the `env` context's value before the shell runs. lerna-lite/lerna-lite
 * `.github/workflows/release.yml` writes `LERNA_PUBLISH_QUERY=pnpm run local-lerna publish
 * from-package --force-publish --yes` to `$GITHUB_ENV` (or, in the other branch, the same with
 * `--dry-run`) and runs `pnpm exec ${{ env.LERNA_PUBLISH_QUERY }}` in the next step.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';
import { brief, lintFiles } from '../helpers.js';

const PACKAGE = JSON.stringify({ name: '@o/p', version: '1.0.0', repository: { type: 'git', url: 'https://github.com/o/r' }, devDependencies: { lerna: '^8.0.0' } });

/** The workflow of the task's repro with `steps` after `npm ci`, and `job` lines under the job. */
function workflow(steps: string, job = '', top = ''): string {
  return [
    'name: Release',
    "on: { push: { tags: ['v*'] } }",
    'permissions: { id-token: write, contents: read }',
    top,
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    job,
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with: { node-version: 24 }',
    '      - run: npm ci',
    steps,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

function files(steps: string, job = '', top = ''): Record<string, string> {
  return { 'package.json': PACKAGE, 'lerna.json': '{"version":"1.0.0","packages":["."]}', '.github/workflows/release.yml': `${workflow(steps, job, top)}\n` };
}

/** `certainty label text @line:col-endCol` per publish site. */
function sites(f: Record<string, string>): string[] {
  return loadProject(new MemoryFs(f)).facts.sites.map((s) => {
    const at = s.publish.location;
    return `${s.certainty} ${s.publish.match.label}: ${s.publish.match.text} @${at.start.line}:${at.start.column}-${at.end.column}`;
  });
}

const WRITE = '      - run: echo "PUBLISH_CMD=npx lerna publish from-package --yes" >> "$GITHUB_ENV"';

describe('a publish command run as ${{ env.NAME }}', () => {
  it('written to $GITHUB_ENV by an earlier step: the publish, at the reference (the task repro)', async () => {
    const f = files(`${WRITE}\n      - run: \${{ env.PUBLISH_CMD }}`);
    expect(sites(f)).toEqual(['certain lerna publish: npx lerna publish from-package --yes @13:14-36']);
    const found = await lintFiles(f, { rule: 'publish-tool-supports-oidc' });
    expect(found.map((d) => `${d.severity} ${brief(d)}`)).toEqual(['error tooOld@13:14-13:36']);
  });

  it('control: the same command written in the run: gives the same finding', async () => {
    const found = await lintFiles(files('      - run: npx lerna publish from-package --yes'), { rule: 'publish-tool-supports-oidc' });
    expect(found.map((d) => `${d.severity} ${brief(d)}`)).toEqual(['error tooOld@12:14-12:50']);
  });

  it('inside a larger command, after other lines: placed from the command to the end of the reference', () => {
    const run = '      - run: |\n          echo "Running"\n          npx ${{ env.TOOL }} publish from-package --yes';
    const write = '      - run: echo "TOOL=lerna" >> $GITHUB_ENV';
    expect(sites(files(`${write}\n${run}`))).toEqual(['certain lerna publish: npx lerna publish from-package --yes @15:11-57']);
  });

  it('a value in the job env: (no write): the same', () => {
    expect(sites(files('      - run: ${{ env.PUBLISH_CMD }}', '    env:\n      PUBLISH_CMD: npx lerna publish from-package --yes'))).toEqual([
      'certain lerna publish: npx lerna publish from-package --yes @14:14-36',
    ]);
  });

  it('one value per branch (lerna-lite): each a candidate, likely; a dry run is none', () => {
    const write = [
      '      - run: |',
      '          if [ -n "$DRY" ]; then',
      '            echo "PUBLISH_CMD=npx lerna publish from-package --yes --dry-run" >> $GITHUB_ENV',
      '          else',
      '            echo "PUBLISH_CMD=npx lerna publish from-package --yes" >> $GITHUB_ENV',
      '          fi',
    ].join('\n');
    const run = '      - run: |\n          echo "Running"\n          pnpm exec ${{ env.PUBLISH_CMD }}';
    expect(sites(files(`${write}\n${run}`))).toEqual(['likely lerna publish: pnpm exec npx lerna publish from-package --yes @20:11-43']);
  });

  it('two different values from two steps: each a candidate, likely', () => {
    const writes = `${WRITE}\n      - run: echo "PUBLISH_CMD=npm publish" >> "$GITHUB_ENV"`;
    expect(sites(files(`${writes}\n      - run: \${{ env.PUBLISH_CMD }}`))).toEqual([
      'likely lerna publish: npx lerna publish from-package --yes @14:14-36',
      'likely npm publish: npm publish @14:14-36',
    ]);
  });

  it('a write in a step with an if: may not happen: likely', () => {
    const write = `${WRITE}\n        if: github.ref_type == 'tag'`;
    expect(sites(files(`${write}\n      - run: \${{ env.PUBLISH_CMD }}`))).toEqual(['likely lerna publish: npx lerna publish from-package --yes @14:14-36']);
  });

  it('a job env: and a $GITHUB_ENV write sure to happen: the write replaces the job env (actions/runner), certain', () => {
    const job = '    env:\n      PUBLISH_CMD: echo nothing to publish';
    expect(sites(files(`${WRITE}\n      - run: \${{ env.PUBLISH_CMD }}`, job))).toEqual(['certain lerna publish: npx lerna publish from-package --yes @15:14-36']);
  });

  it('a job env: value after a remote action that may export the name: likely, not certain', () => {
    const job = '    env:\n      PUBLISH_CMD: npx lerna publish from-package --yes';
    const step = "      - uses: aws-actions/aws-secretsmanager-get-secrets@v2\n        with: { secret-ids: /prod/cmd }\n      - run: ${{ env.PUBLISH_CMD }}";
    expect(sites(files(step, job))[0]).toMatch(/^likely lerna publish/);
  });

  it('a job env: and a write of a step with if:: both candidates, likely', () => {
    const job = '    env:\n      PUBLISH_CMD: echo nothing to publish';
    const write = `${WRITE}\n        if: github.event_name == 'push'`;
    expect(sites(files(`${write}\n      - run: \${{ env.PUBLISH_CMD }}`, job))[0]).toMatch(/^likely lerna publish/);
  });

  it("the step's own env: wins over what an earlier step writes", () => {
    const step = `${WRITE}\n      - run: \${{ env.PUBLISH_CMD }}\n        env:\n          PUBLISH_CMD: echo skipped`;
    expect(sites(files(step))).toEqual([]);
  });

  it('a value written from what tp-doctor cannot read: nothing put in, as before', () => {
    for (const value of ['$(cat cmd.txt)', '${{ steps.cmd.outputs.value }}', '$CMD']) {
      const write = `      - run: echo "PUBLISH_CMD=${value}" >> "$GITHUB_ENV"`;
      expect(sites(files(`${write}\n      - run: \${{ env.PUBLISH_CMD }}`))).toEqual([]);
    }
    // A literal write and an unreadable one: unknown too.
    const mixed = `${WRITE}\n      - run: echo "PUBLISH_CMD=$(cat cmd.txt)" >> "$GITHUB_ENV"`;
    expect(sites(files(`${mixed}\n      - run: \${{ env.PUBLISH_CMD }}`))).toEqual([]);
  });

  it('a write after the step, or in the same step, does not reach its env context', () => {
    expect(sites(files(`      - run: \${{ env.PUBLISH_CMD }}\n${WRITE}`))).toEqual([]);
    const same = '      - run: |\n          echo "PUBLISH_CMD=npx lerna publish from-package --yes" >> "$GITHUB_ENV"\n          ${{ env.PUBLISH_CMD }}';
    expect(sites(files(same))).toEqual([]);
  });

  it('a name set nowhere: nothing', () => {
    expect(sites(files('      - run: ${{ env.PUBLISH_CMD }}'))).toEqual([]);
  });

  it('an earlier local action tp-doctor cannot read may write the name: nothing put in', () => {
    const f = files('      - uses: ./.github/actions/set-command\n      - run: ${{ env.PUBLISH_CMD }}', '    env:\n      PUBLISH_CMD: npx lerna publish from-package --yes');
    expect(sites(f)).toEqual([]);
  });

  it('a publish read as written keeps its certainty when the reference in it has several candidates', () => {
    const writes = '      - run: echo "TAG=next" >> "$GITHUB_ENV"\n      - run: echo "TAG=beta" >> "$GITHUB_ENV"';
    expect(sites(files(`${writes}\n      - run: npx lerna publish from-package --yes --dist-tag \${{ env.TAG }}`))).toEqual([
      'certain lerna publish: npx lerna publish from-package --yes --dist-tag ${{ env.TAG }} @14:14-76',
    ]);
  });

  it("a publishing action's input: put in when the value is certain", () => {
    const step = (env: string): string =>
      `${env}      - uses: changesets/action@v1\n        with:\n          publish: \${{ env.PUBLISH_CMD }}`;
    expect(sites(files(step(`${WRITE}\n`)))).toEqual(['certain lerna publish: npx lerna publish from-package --yes @13:15-35']);
    // Control: two candidates are left as written, as before.
    const two = `${WRITE}\n      - run: echo "PUBLISH_CMD=npm publish" >> "$GITHUB_ENV"\n`;
    expect(sites(files(step(two)))).toEqual(['likely changesets/action publish: ${{ env.PUBLISH_CMD }}: ${{ env.PUBLISH_CMD }} @14:15-35']);
  });
});
