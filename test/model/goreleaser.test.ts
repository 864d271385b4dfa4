/**
 * GoReleaser Pro's npm publish (src/model/npm/goreleaser.ts, `GORELEASER` in
 * src/model/data/publish-tools.ts): whether a `goreleaser` command publishes, the `npms:` of the
 * configuration it reads, and the whole model and rules on unkeyed/unkey's release workflow
 * (goreleaser-action with `distribution: goreleaser-pro`, a split build, then `continue --merge`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { goreleaserRun } from '../../src/model/npm/goreleaser.js';
import { analyzeScript } from '../../src/model/npm/publish-commands.js';
import { loadProject } from '../../src/model/project.js';
import { lintFiles, toolConfigFiles } from '../helpers.js';

describe('goreleaserRun: whether the command publishes', () => {
  it.each([
    [[], { publishes: true }],
    [['release', '--clean'], { publishes: true }],
    [['r'], { publishes: true }],
    [['--clean', '--timeout', '60m'], { publishes: true }],
    [['continue', '--merge'], { publishes: true }],
    [['publish', '--merge'], { publishes: true }],
    [['release', '-f', '.goreleaser-pro.yml'], { publishes: true, config: '.goreleaser-pro.yml' }],
    [['release', '--config=ci/goreleaser.yml'], { publishes: true, config: 'ci/goreleaser.yml' }],
    [['release', '--snapshot', '--clean'], { publishes: false }],
    [['release', '--clean', '--split'], { publishes: false }],
    [['release', '--prepare'], { publishes: false }],
    [['release', '--skip=announce,publish'], { publishes: false }],
    [['release', '--skip', 'publish'], { publishes: false }],
    [['release', '--skip-publish'], { publishes: false }],
    [['release', '--nightly'], { publishes: false }],
    [['release', '--skip=announce'], { publishes: true }],
    [['release', '--snapshot=false'], { publishes: true }],
    [['build', '--snapshot'], { publishes: false }],
    [['check'], { publishes: false }],
    [['healthcheck'], { publishes: false }],
    [['announce', '--merge'], { publishes: false }],
    // The value of a configuration option is no command.
    [['-f', 'check.yml'], { publishes: true, config: 'check.yml' }],
    [['$GORELEASER_ARGS'], { publishes: 'unknown' }],
    [['release', '-f', '$CONFIG'], { publishes: 'unknown' }],
  ])('%j → %j', (args, want) => expect(goreleaserRun(args)).toEqual(want));
});

describe('a `goreleaser` command and the `npms:` of its configuration', () => {
  const read = (script: string, files: Record<string, string>, dir: string | null = ''): { matches: string[]; unread: string[] } => {
    const a = analyzeScript(script, { toolConfig: toolConfigFiles(files), ...(dir === null ? {} : { dir }) }, { unread: true });
    return { matches: a.matches.map((m) => `${m.recognizer} ${m.confidence} [${(m.generatedNames ?? []).join(',')}]`), unread: a.unread.map((u) => u.words.join(' ')) };
  };
  const NPMS = 'version: 2\nnpms:\n  - name: "@acme/cli"\n  - name: "acme-{{ .Os }}"\n';
  it.each<{ name: string; script: string; files: Record<string, string>; want: string[] }>([
    { name: 'npms: a guess of its named packages (a templated name left out)', script: 'goreleaser release --clean', files: { '.goreleaser.yaml': NPMS }, want: ['goreleaser-release heuristic [@acme/cli]'] },
    { name: 'GoReleaser looks in `.config/` first', script: 'goreleaser release', files: { '.config/goreleaser.yml': NPMS, '.goreleaser.yml': 'version: 2\n' }, want: ['goreleaser-release heuristic [@acme/cli]'] },
    { name: '`-f` names the file read', script: 'goreleaser release -f .goreleaser-npm.yml', files: { '.goreleaser.yaml': 'version: 2\n', '.goreleaser-npm.yml': NPMS }, want: ['goreleaser-release heuristic [@acme/cli]'] },
    // go-task/task's nightly configuration includes the release one.
    { name: 'Pro `includes: from_file` are followed', script: 'goreleaser release', files: { '.goreleaser.yaml': 'includes:\n  - from_file:\n      path: ./base.yml\n', 'base.yml': NPMS }, want: ['goreleaser-release heuristic [@acme/cli]'] },
    { name: 'a disabled entry publishes nothing', script: 'goreleaser release', files: { '.goreleaser.yaml': 'npms:\n  - name: x\n    disable: true\n' }, want: [] },
    { name: 'no npms: no npm publish', script: 'goreleaser release --clean', files: { '.goreleaser.yaml': 'version: 2\nbuilds:\n  - main: .\n' }, want: [] },
    { name: 'no configuration at all: the defaults, no npms', script: 'goreleaser release --clean', files: {}, want: [] },
    { name: 'a snapshot publishes nothing', script: 'goreleaser release --snapshot', files: { '.goreleaser.yaml': NPMS }, want: [] },
  ])('$name', ({ script, files, want }) => {
    expect(read(script, files)).toEqual({ matches: want, unread: [] });
  });

  it('a configuration tp-doctor cannot read leaves a command it cannot read (a possible publish at most)', () => {
    const url = { '.goreleaser.yaml': 'includes:\n  - from_url:\n      url: https://example.com/goreleaser.yaml\n' };
    expect(read('goreleaser release', url)).toEqual({ matches: [], unread: ['goreleaser release'] });
    // A directory tp-doctor does not know (a `working-directory` expression).
    expect(read('goreleaser release', { '.goreleaser.yaml': NPMS }, null)).toEqual({ matches: [], unread: ['goreleaser release'] });
    expect(read('goreleaser release -f missing.yml', { '.goreleaser.yaml': NPMS })).toEqual({ matches: [], unread: ['goreleaser release -f missing.yml'] });
  });
});

/** unkeyed/unkey's release workflow, in short: a split build on a Depot runner, then the merge that publishes. */
function unkey(options: { node?: string; permissions?: string; distribution?: string } = {}): Record<string, string> {
  const { node = '"24.16.0"', permissions = '      contents: write\n      id-token: write\n', distribution = 'goreleaser-pro' } = options;
  const workflow = `name: Release
on:
  push:
    tags: ["cli/v*"]
permissions:
  contents: read
jobs:
  prepare:
    runs-on: depot-ubuntu-24.04-4
    steps:
      - uses: goreleaser/goreleaser-action@v7
        with:
          distribution: ${distribution}
          args: release --clean --split
  release:
    needs: prepare
    runs-on: ubuntu-latest
    permissions:
${permissions}    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: ${node}
      - uses: goreleaser/goreleaser-action@v7
        with:
          distribution: ${distribution}
          args: continue --merge
        env:
          GORELEASER_KEY: \${{ secrets.GORELEASER_KEY }}
          NPM_CONFIG_PROVENANCE: "true"
`;
  return {
    'package.json': JSON.stringify({ name: 'unkey-monorepo', private: true, workspaces: ['web/*'] }),
    'web/api/package.json': JSON.stringify({ name: '@unkey/api', version: '1.0.0' }),
    '.goreleaser.yaml': 'version: 2\nnpms:\n  - name: "unkey"\n    repository: "https://github.com/unkeyed/unkey"\n',
    '.github/workflows/release.yaml': workflow,
  };
}

describe('unkeyed/unkey: goreleaser-action with GoReleaser Pro and `npms:`', () => {
  it('the merge job publishes "unkey", certain; the split build publishes nothing', () => {
    const sites = loadProject(new MemoryFs(unkey())).facts.sites;
    expect(sites.map((s) => [s.provider === 'github' ? s.job.id : '', s.certainty, s.registry.registry, s.targets.kind, s.targets.generatedNames])).toEqual([['release', 'certain', 'npmjs', 'unknown', ['unkey']]]);
  });

  it('GoReleaser OSS (no `distribution`) publishes nothing', () => {
    expect(loadProject(new MemoryFs(unkey({ distribution: 'goreleaser' }))).facts.sites).toEqual([]);
  });

  it('passes the trusted-publishing checks on Node 24.16 with `id-token: write`', async () => {
    const found = await lintFiles(unkey());
    expect(found.map((d) => `${d.ruleId}@${d.severity}`)).toEqual(['require-environment-protection@info']);
  });

  it('without `id-token: write`, an error; on Node 22 the npm finding is a warning (which npm GoReleaser runs is reported, not read)', async () => {
    const noToken = await lintFiles(unkey({ permissions: '      contents: write\n' }), { rule: 'require-id-token-write' });
    expect(noToken.map((d) => `${d.messageId}@${d.severity}`)).toEqual([expect.stringMatching(/@error$/)]);
    const node22 = await lintFiles(unkey({ node: '22' }), { rule: 'npm-supports-oidc' });
    expect(node22.map((d) => `${d.messageId}@${d.severity}`)).toEqual(['bundledTooOld@warning']);
    expect(node22[0]?.message).toContain('`goreleaser (runs npm publish)` runs with npm 10.9');
  });
});
