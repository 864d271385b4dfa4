import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { nodeOrbInstall } from '../data/orbs.js';
import { readNodeVersionFile } from '../npm/node-version-file.js';
import type { NodeContext } from '../npm/node-version.js';
import { loadCircleConfig } from './config.js';
import { orbInstallNode } from './orb-node.js';

/** The Node of the first step of job `j` (a node orb `install` with `args`), the orb pinned at `ref`, with `files` in the repository. */
function nodeOf(ref: string, args: string[], files: Record<string, string> = {}) {
  const step = args.length === 0 ? ['- node/install'] : ['- node/install:', ...args.map((a) => `    ${a}`)];
  const yaml = ['version: 2.1', 'orbs:', `  node: ${ref}`, 'jobs:', '  j:', '    machine: { image: ubuntu-2404:current }', '    steps:', ...step.map((l) => `      ${l}`), ''].join('\n');
  const fs = new MemoryFs({ '.circleci/config.yml': yaml, ...files });
  const job = loadCircleConfig(fs).config?.jobs.find((x) => x.name === 'j');
  const ctx = { fs, documents: [], facts: { nodeVersionFile: (f: string) => readNodeVersionFile(fs, f) } } as unknown as NodeContext;
  return orbInstallNode(job!.steps[0]!, ctx);
}

describe('nodeOrbInstall (node-orb install.yml and install-nvm.sh at every tag)', () => {
  it.each([
    ['1.1.6', undefined],
    ['3.0.1', undefined],
    ['4.7', undefined],
    ['5.3.0', ['.nvmrc']],
    ['6.0.0', ['.nvmrc', '.node-version']],
    ['7.2.1', ['.nvmrc', '.node-version']],
  ])('%s reads %j without node-version', (version, files) => {
    expect(nodeOrbInstall(version)?.versionFiles).toEqual(files);
  });

  it('lts: read as none from 5.0.1; the `lts` switch in 4.x; unknown versions and majors are undefined', () => {
    expect(nodeOrbInstall('5.0.0')?.ltsReadsFiles).toBe(false);
    expect(nodeOrbInstall('5.0')?.ltsReadsFiles).toBe(true);
    expect(nodeOrbInstall('4.9.0')?.ltsParameter).toBe('lts');
    expect(nodeOrbInstall('volatile')).toBeUndefined();
    expect(nodeOrbInstall('8.0.0')).toBeUndefined();
  });
});

describe('orbInstallNode', () => {
  it('7.x: .nvmrc, else .node-version, else the LTS', () => {
    expect(nodeOf('circleci/node@7.1.0', [], { '.node-version': '20\n' })).toMatchObject({ spec: '20', origins: [{ label: '.node-version (read by node/install)', kind: 'file' }, { label: 'node/install' }] });
    expect(nodeOf('circleci/node@7.1.0', [], { '.nvmrc': '22\n', '.node-version': '20\n' })).toMatchObject({ spec: '22' });
    expect(nodeOf('circleci/node@7.1.0', [])).toMatchObject({ spec: 'lts/*' });
  });

  it('5.x reads .nvmrc only', () => {
    expect(nodeOf('circleci/node@5.3.0', [], { '.node-version': '20\n' })).toMatchObject({ spec: 'lts/*' });
    expect(nodeOf('circleci/node@5.3.0', [], { '.nvmrc': '20\n' })).toMatchObject({ spec: '20' });
  });

  it('1.x to 4.x install the newest Node without node-version: unknown', () => {
    expect(nodeOf('circleci/node@4.7', [], { '.nvmrc': '20\n' }).unknown).toBe('its `node/install` step has no `node-version`, so "circleci/node@4.7" installs the newest Node release when the job runs');
    expect(nodeOf('circleci/node@2.1.1', ['node-version: ""']).unknown).toContain('installs the newest Node release');
  });

  it('a version tp-doctor cannot tell: unknown without node-version; a literal node-version still decides', () => {
    expect(nodeOf('circleci/node@volatile', [], { '.nvmrc': '22\n' }).unknown).toContain('depends on its version');
    expect(nodeOf('circleci/node@volatile', ['node-version: "22.14"'])).toMatchObject({ spec: '22.14' });
  });

  it('`node-version: lts` from 5.0.1 reads the files; with an unknown orb version, only when there are none', () => {
    expect(nodeOf('circleci/node@6.3.0', ['node-version: lts'], { '.node-version': '20\n' })).toMatchObject({ spec: '20' });
    expect(nodeOf('circleci/node@volatile', ['node-version: lts'], { '.nvmrc': '20\n' }).unknown).toContain('depends on its version');
    expect(nodeOf('circleci/node@volatile', ['node-version: lts']).unknown).toBe('"lts" is not a Node version');
  });

  it('4.x `lts: true` installs the LTS; `lts` unresolvable is unknown', () => {
    expect(nodeOf('circleci/node@4.7', ['node-version: "20"', 'lts: true'])).toMatchObject({ spec: 'lts/*' });
    expect(nodeOf('circleci/node@4.7', ['node-version: "20"', 'lts: false'])).toMatchObject({ spec: '20' });
    expect(nodeOf('circleci/node@7.1.0', ['node-version: "20"', 'lts: true'])).toMatchObject({ spec: '20' });
  });
});
