/**
 * A publish run through a bash array (TryGhost/algolia `.github/workflows/publish.yml`:
 * `args=(release publish "--projects=$PROJECTS")`, an `args+=(--dry-run)` in an `if`, then `pnpm nx
 * "${args[@]}"`) is read with the array's words put in (src/model/npm/shell-arrays.ts), where bash
 * runs the script: a `run:` with `shell: bash`, or without `shell:` on a Linux or macOS runner, and a
 * composite action's `run` with `shell: bash`. `sh`, PowerShell on Windows and GitLab's shell (not
 * known) keep the reference as written.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const REPO = { 'package.json': JSON.stringify({ name: 'root', private: true, repository: 'github:o/r', packageManager: 'pnpm@11.22.0', devDependencies: { nx: '23.1.1' } }) };
const indent = (text: string, by: string): string => text.split('\n').map((l) => by + l).join('\n');

const ALGOLIA = ['args=(release publish "--projects=$PROJECTS")', 'if [[ "$DRY_RUN" == "true" ]]; then args+=(--dry-run); fi', 'pnpm nx "${args[@]}"'].join('\n');

function github(run: string, opts: { shell?: string; runsOn?: string } = {}): Record<string, string> {
  const shell = opts.shell === undefined ? '' : `        shell: ${opts.shell}\n`;
  return {
    '.github/workflows/publish.yml': `on: workflow_dispatch\njobs:\n  publish:\n    runs-on: ${opts.runsOn ?? 'ubuntu-latest'}\n    permissions: { id-token: write }\n    steps:\n      - uses: actions/checkout@v6\n      - run: pnpm install\n      - name: Publish\n${shell}        run: |\n${indent(run, '          ')}\n`,
  };
}

/** `certainty label (text)` of each recognised site. */
function sites(files: Record<string, string>): string[] {
  return loadProject(new MemoryFs({ ...REPO, ...files })).facts.sites.filter((s) => s.certainty !== 'possible').map((s) => `${s.certainty} ${s.publish.match.label} (${s.publish.match.text})`);
}

describe('a publish through a bash array', () => {
  it('TryGhost/algolia: `pnpm nx "${args[@]}"` with `shell: bash` is nx release, likely (the `--dry-run` is appended in a branch)', () => {
    expect(sites(github(ALGOLIA, { shell: 'bash' }))).toEqual(['likely nx release (pnpm nx "${args[@]}")']);
    // as likely as the command written out
    expect(sites(github('pnpm nx release publish "--projects=$PROJECTS"', { shell: 'bash' }))).toEqual(['likely nx release (pnpm nx release publish "--projects=$PROJECTS")']);
  });

  it('zama-ai/sdk: `npm publish "${flags[@]}"` with `flags+=(--dry-run)` in a branch stays certain, as the command as written is', () => {
    const run = 'flags=(--access public --tag "${NPM_TAG}")\nif [[ "${DRY_RUN}" == "true" ]]; then\n  flags+=(--dry-run)\nfi\nnpm publish "${flags[@]}"';
    expect(sites(github(run, { shell: 'bash' }))).toEqual(['certain npm publish (npm publish "${flags[@]}")']);
  });

  it('without `shell:` on a Linux runner (bash), and with `bash -e {0}`', () => {
    const run = 'args=(publish --access public)\nnpm "${args[@]}"';
    expect(sites(github(run))).toEqual(['certain npm publish (npm "${args[@]}")']);
    expect(sites(github(run, { shell: 'bash --noprofile --norc -eo pipefail {0}' }))).toEqual(['certain npm publish (npm "${args[@]}")']);
  });

  it('a dry run the array always holds is no publish', () => {
    expect(sites(github('args=(publish --dry-run)\nnpm "${args[@]}"'))).toEqual([]);
  });

  it('control: `shell: sh` and a Windows runner (pwsh) have no arrays: nothing read, as before', () => {
    expect(sites(github(ALGOLIA, { shell: 'sh' }))).toEqual([]);
    expect(sites(github('args=(publish)\nnpm "${args[@]}"', { runsOn: 'windows-latest' }))).toEqual([]);
  });

  it('control: GitLab (the runner chooses the shell): nothing read, as before', () => {
    expect(sites({ '.gitlab-ci.yml': `release:\n  script:\n    - |\n${indent('args=(publish)\nnpm "${args[@]}"', '      ')}\n` })).toEqual([]);
  });

  it('a composite action whose `run` has `shell: bash`; control: `shell: sh`', () => {
    const action = (shell: string): Record<string, string> => ({
      '.github/actions/release/action.yml': `name: release\nruns:\n  using: composite\n  steps:\n    - shell: ${shell}\n      run: |\n        args=(publish --tag next)\n        npm "\${args[@]}"\n`,
      '.github/workflows/publish.yml': 'on: workflow_dispatch\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v6\n      - uses: ./.github/actions/release\n',
    });
    expect(sites(action('bash'))).toEqual(['certain npm publish (npm "${args[@]}")']);
    expect(sites(action('sh'))).toEqual([]);
  });
});
