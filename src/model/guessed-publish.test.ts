import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/source.js';
import { loadProject } from './project.js';
import { guessedPublish } from './guessed-publish.js';

const WORKFLOW = (run: string): string =>
  `on: workflow_dispatch\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n`;

function guesses(run: string): Record<string, string | undefined> {
  const project = loadProject(
    new MemoryFs({
      'package.json': JSON.stringify({ name: 'root', private: true, packageManager: 'pnpm@10.20.0' }),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/cli/package.json': JSON.stringify({ name: '@rcd/cli', version: '1.0.0' }),
      'packages/web/package.json': JSON.stringify({ name: '@rcd/web', version: '1.0.0', private: true }),
      'tools/publish.mjs': 'import { execSync } from "node:child_process";\nexecSync("pnpm publish --filter @rcd/cli", { stdio: "inherit" });\n',
      '.github/workflows/release.yml': WORKFLOW(run),
    }),
  );
  const out: Record<string, string | undefined> = {};
  for (const pkg of project.facts.coverage([])) out[pkg.name ?? pkg.dir] = guessedPublish(project.facts, pkg)?.certainty;
  return out;
}

describe('guessedPublish', () => {
  it('a script that publishes: its public candidates, at most likely; not a private package', () => {
    expect(guesses('node tools/publish.mjs')).toEqual({ root: undefined, '@rcd/cli': 'likely', '@rcd/web': undefined });
  });

  it('a certain publish of the package: not a guess', () => {
    expect(guesses('pnpm publish --filter @rcd/cli')).toEqual({ root: undefined, '@rcd/cli': undefined, '@rcd/web': undefined });
  });

  it('no publish: nothing', () => {
    expect(guesses('pnpm build')).toEqual({ root: undefined, '@rcd/cli': undefined, '@rcd/web': undefined });
  });
});
