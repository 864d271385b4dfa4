/**
 * A local JavaScript or Docker action (`uses: ./.github/actions/x` whose `action.yml` runs
 * `node20`, `node24` or `docker`) is read like an unknown remote action: its path, `name` and
 * `description` with the job's npm signs make it a possible publish. A JavaScript action's `main`
 * file is read as committed text, like `node <file>`: a literal `npm publish` there is a likely
 * publish (survey904c M12).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const workflow = (uses: string, extra = ''): string =>
  ['on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    permissions: { id-token: write }', '    steps:', '      - uses: actions/checkout@v5', '      - uses: actions/setup-node@v5', '        with: { node-version: 20 }', `      - uses: ${uses}`, extra, ''].join('\n');

const action = (using: string, description = 'Publish the package to npm', name = 'release'): string =>
  `name: ${name}\ndescription: ${description}\nruns:\n  using: ${using}\n${using === 'docker' ? '  image: Dockerfile' : '  main: index.js'}\n`;

const PUBLISHES = 'const { execSync } = require("child_process");\nexecSync("npm publish --provenance", { stdio: "inherit" });\n';
const QUIET = 'const core = require("@actions/core");\ncore.info("done");\n';

function sites(files: Record<string, string>, uses = './.github/actions/npm-publish', extra = ''): string[] {
  const fs = new MemoryFs({ 'package.json': JSON.stringify({ name: '@acme/widget', version: '1.0.0' }), '.github/workflows/release.yml': workflow(uses, extra), ...files });
  return loadProject(fs).facts.sites.map((s) => `${s.certainty} ${s.publish.match.tool} ${s.publish.match.label}`);
}

describe('a local JavaScript or Docker action', () => {
  it('whose main file runs `npm publish`: a likely npm publish, read from that file', () => {
    const files = { '.github/actions/npm-publish/action.yml': action('node20'), '.github/actions/npm-publish/index.js': PUBLISHES };
    expect(sites(files)).toEqual(['likely npm npm publish (run by .github/actions/npm-publish/index.js)']);
  });

  it.each(['node20', 'node24', 'docker'])('`using: %s` named for a publish, whose program tp-doctor cannot read: a possible publish', (using) => {
    const files = { '.github/actions/npm-publish/action.yml': action(using), '.github/actions/npm-publish/index.js': QUIET };
    expect(sites(files).map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['possible other']);
  });

  it('the action\'s description alone says publish (its path and name do not)', () => {
    const files = { '.github/actions/ship/action.yml': action('node20', 'Publish the package to npm', 'ship') };
    expect(sites(files, './.github/actions/ship').map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['possible other']);
  });

  it('control: a local action that says nothing of publishing is not one', () => {
    const files = { '.github/actions/lint/action.yml': action('node20', 'Lint the sources', 'lint'), '.github/actions/lint/index.js': QUIET };
    expect(sites(files, './.github/actions/lint')).toEqual([]);
  });

  it('control: the same remote action was already a possible publish', () => {
    expect(sites({}, 'acme/npm-publish-action@v1').map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['possible other']);
  });

  it('control: a local composite action is still read step by step', () => {
    const composite = 'name: release\ndescription: Publish the package to npm\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n';
    expect(sites({ '.github/actions/npm-publish/action.yml': composite })).toEqual([]);
  });
});
