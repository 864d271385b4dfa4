/**
 * A reusable workflow running semantic-release, called by a `pull_request`-only workflow and by a
 * `push` one: only the push caller's runs can publish (docs/domain.md A.36), so the inference and
 * `init` name only it as the workflow to register (../model/github/pull-request-runs.ts
 * `publishingChains`); when unsure (npm publish, `--no-ci`) both callers stay.
 */
import { describe, expect, it } from 'vitest';
import { loadLintInput } from '../api.js';
import { inferPublishers } from '../config/infer.js';
import { EMPTY_CONFIG } from '../config/types.js';
import { repoFacts } from '../facts/repo-facts.js';
import { MemoryFs } from '../fs/source.js';
import { loadProject } from '../model/project.js';
import { planInit } from './plan.js';

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'git+https://github.com/o/widget.git' } });

const callee = (command: string): string =>
  `on: workflow_call\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v5\n      - run: ${command}\n`;
const call = (on: string): string => `on: ${on}\njobs:\n  call:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/release.yml\n`;

function files(command: string, prOn = 'pull_request', mainOn = 'push'): Record<string, string> {
  return { 'package.json': PKG, '.github/workflows/release.yml': callee(command), '.github/workflows/pr.yml': call(prOn), '.github/workflows/main.yml': call(mainOn) };
}

function inferred(f: Record<string, string>): (string | undefined)[] {
  return inferPublishers(loadProject(new MemoryFs(f)), EMPTY_CONFIG).config.publishers.map((p) => (p.provider === 'github' ? p.workflow : undefined));
}

/** The files `init` plans a publisher for, and those it names as also publishing a planned package. */
function planned(f: Record<string, string>): string[] {
  const input = loadLintInput({ fs: new MemoryFs(f), config: EMPTY_CONFIG });
  if (!input.ok) throw new Error('config errors');
  const plan = planInit(repoFacts(input.project, input.config));
  return [...plan.publishers.map((p) => p.file), ...plan.duplicates.flatMap((d) => d.also.map((a) => `also ${a}`))];
}

describe('the callers of a reusable workflow that can publish', () => {
  it('semantic-release with a pull_request caller and a push caller: only the push caller is inferred and planned', () => {
    expect(inferred(files('npx semantic-release'))).toEqual(['main.yml']);
    expect(planned(files('npx semantic-release'))).toEqual(['main.yml']);
  });

  it('a pull_request_target caller and a release caller: the release caller', () => {
    expect(planned(files('npx semantic-release', 'pull_request_target', 'release'))).toEqual(['main.yml']);
  });

  it.each([
    ['npm publish (publishes in any run)', 'npm publish'],
    ['semantic-release --no-ci', 'npx semantic-release --no-ci'],
  ])('%s: both callers stay', (_name, command) => {
    expect(inferred(files(command))).toEqual([undefined]);
    expect(planned(files(command))).toEqual(['main.yml', 'also .github/workflows/pr.yml']);
  });

  it('a caller on pull_request and push: kept beside the push caller', () => {
    expect(planned(files('npx semantic-release', '[pull_request, push]'))).toEqual(['main.yml', 'also .github/workflows/pr.yml']);
  });
});
