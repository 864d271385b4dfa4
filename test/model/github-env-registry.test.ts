/**
 * A `--registry` that names a literal `env:` value through `${{ env.NAME }}` in the publishing
 * step's own `run` (google/zx: `npm publish --registry https://${{ env.GOOGLE_NPM_REGISTRY }}` with
 * the host in the job's `env:`): GitHub puts the value in before the shell runs, so the registry is
 * that value's (src/model/github/steps.ts `withLiteralEnv`), unless the value is not a plain
 * literal or an earlier step may write the name to `$GITHUB_ENV`.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

const FLAG = '--registry https://${{ env.HOST }}';

/** A workflow with `env:` at `level` setting HOST to `value`, earlier `steps`, and `publish` as the last step. */
function workflow(level: 'workflow' | 'job' | 'step' | 'none', value: string, steps = '', publish = `npm publish ${FLAG}`): string {
  const env = (indent: string): string => `${indent}env:\n${indent}  HOST: ${value}\n`;
  return [
    'on: push\n',
    level === 'workflow' ? env('') : '',
    'jobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n',
    level === 'job' ? env('    ') : '',
    '    steps:\n      - uses: actions/checkout@v5\n',
    steps,
    `      - run: ${publish}\n`,
    level === 'step' ? env('        ') : '',
  ].join('');
}

function registries(yml: string, scripts: Record<string, string> = {}): { registry: string[]; publishing: boolean } {
  const p = loadProject(new MemoryFs({ 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', scripts }), '.github/workflows/release.yml': yml }));
  const job = p.workflows[0]!.jobs[0]!;
  return { registry: p.facts.sites.map((s) => s.registry.registry), publishing: p.facts.isPublishingJob(job) };
}

describe('--registry https://${{ env.NAME }} in the publishing step', () => {
  const GITHUB_ENV_WRITE = '      - run: echo "HOST=registry.npmjs.org" >> "$GITHUB_ENV"\n';
  const rows: [name: string, yml: string, registry: string[], publishing: boolean][] = [
    ["a literal in the job's env: (zx, GitHub Packages)", workflow('job', 'npm.pkg.github.com'), ['other'], false],
    ["a literal in the job's env: (zx, Google's publish proxy)", workflow('job', 'wombat-dressing-room.appspot.com'), ['other'], false],
    ["a literal in the workflow's env:", workflow('workflow', 'npm.pkg.github.com'), ['other'], false],
    ["a literal in the step's env:", workflow('step', 'npm.pkg.github.com'), ['other'], false],
    ['a literal naming npmjs: a publish to npm', workflow('job', 'registry.npmjs.org'), ['npmjs'], true],
    ['a $GITHUB_ENV write after the publish does not count', workflow('job', 'npm.pkg.github.com', '', `npm publish ${FLAG}\n      - run: echo "HOST=x" >> "$GITHUB_ENV"`), ['other'], false],
    // Controls: the value is not certain, the registry stays unknown (a possible publish to npm).
    // actions/runner: a `$GITHUB_ENV` line replaces the job's `env:` entry for the later steps.
    ["an earlier step's literal $GITHUB_ENV write replaces the job env: npmjs", workflow('job', 'npm.pkg.github.com', GITHUB_ENV_WRITE), ['npmjs'], true],
    ["a write of a step with if: may not happen: unknown", workflow('job', 'npm.pkg.github.com', GITHUB_ENV_WRITE.replace('\n', "\n        if: github.event_name == 'push'\n")), ['unknown'], true],
    ['the env value is an expression', workflow('job', '${{ vars.HOST }}'), ['unknown'], true],
    ['no env: sets the name', workflow('none', 'x'), ['unknown'], true],
    ['another expression in the flag', workflow('job', 'npm.pkg.github.com', '', 'npm publish --registry https://${{ vars.HOST }}'), ['unknown'], true],
  ];
  it.each(rows)('%s', (_name, yml, registry, publishing) => {
    expect(registries(yml)).toEqual({ registry, publishing });
  });

  it('a package.json script is not expanded by GitHub: its ${{ env.NAME }} stays unknown', () => {
    const got = registries(workflow('job', 'npm.pkg.github.com', '', 'npm run release'), { release: `npm publish ${FLAG}` });
    expect(got.registry).toEqual(['unknown']);
  });
});
