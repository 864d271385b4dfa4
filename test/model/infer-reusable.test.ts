import { describe, expect, it } from 'vitest';
import { inferPublishers } from '../../src/config/infer.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject } from '../../src/model/project.js';

// A reusable workflow that publishes and that no workflow of the repository calls (sxzz/workflows):
// another repository's workflow calls it, and npm checks that caller's repository and top-level
// workflow (docs/domain.md §3), so the inference note says so instead of "no workflow that publishes".
const remote = '[remote "origin"]\n url = https://github.com/acme/workflows.git\n';
const publish = (on: string): string => `on: ${on}\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish\n`;
const caller = (on: string, file: string): string => `on: ${on}\njobs:\n  call:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/${file}\n`;
const ONE =
  'release.yml is a reusable workflow, `on: workflow_call` only, that no workflow of this repository calls: it runs when a workflow of another repository calls it, ' +
  "and npm checks that caller's repository and top-level workflow file, so the trusted publisher names those, not this file";

function infer(files: Record<string, string>) {
  const workflows = Object.fromEntries(Object.entries(files).map(([file, text]) => [`.github/workflows/${file}`, text]));
  return inferPublishers(loadProject(new MemoryFs(workflows)), EMPTY_CONFIG);
}

describe('the inference note for a reusable workflow no workflow here calls', () => {
  it('says the top-level workflow is another repository\'s caller', () => {
    const { config, note } = inferPublishers(loadProject(new MemoryFs({ '.git/config': remote, '.github/workflows/release.yml': publish('workflow_call') })), EMPTY_CONFIG);
    expect(config.publishers).toMatchObject([{ provider: 'github', repository: 'acme/workflows', workflow: undefined, inferred: true }]);
    expect(note).toBe(
      'no trusted publisher declared; inferred a GitHub publisher: repository acme/workflows (from the git remote), ' +
        `no top-level workflow that publishes (${ONE}). Declare it in tp-doctor.yml to also check the workflow name and environment against npmjs.com.`,
    );
  });

  it('infers a publisher and says so with no repository known', () => {
    const { config, note } = infer({ 'release.yml': publish('workflow_call') });
    expect(config.publishers).toMatchObject([{ provider: 'github', repository: undefined, workflow: undefined }]);
    expect(note).toContain(`no repository (no GitHub remote or package.json \`repository\`), no top-level workflow that publishes (${ONE})`);
  });

  it('names the uncalled reusable workflow that calls the publishing one, not the callee', () => {
    const { note } = infer({ 'entry.yml': caller('workflow_call', 'release.yml'), 'release.yml': publish('workflow_call') });
    expect(note).toContain('no top-level workflow that publishes (entry.yml is a reusable workflow, `on: workflow_call` only, that no workflow of this repository calls');
    const two = infer({ 'a.yml': caller('workflow_call', 'release.yml'), 'b.yml': caller('workflow_call', 'release.yml'), 'release.yml': publish('workflow_call') }).note;
    expect(two).toContain('(a.yml, b.yml are reusable workflows, `on: workflow_call` only, that no workflow of this repository calls: they run when a workflow of another repository calls them');
    expect(two).toContain('not these files)');
  });

  it('adds a sentence when a top-level workflow here publishes too', () => {
    const { config, note } = infer({ 'ci.yml': publish('push'), 'release.yml': publish('workflow_call') });
    expect(config.publishers).toMatchObject([{ provider: 'github', workflow: 'ci.yml' }]);
    expect(note).toContain(`, workflow ci.yml. Declare it in tp-doctor.yml`);
    expect(note).toMatch(new RegExp(`against npmjs\\.com\\. Besides, ${ONE.replace(/[.`]/g, '\\$&')}\\.$`));
  });

  it.each([
    ['called from a workflow here', { 'main.yml': caller('push', 'release.yml'), 'release.yml': publish('workflow_call') }, 'workflow main.yml'],
    ['callable and dispatched (its own top-level workflow)', { 'release.yml': publish('[workflow_call, workflow_dispatch]') }, 'workflow release.yml'],
    ['uncalled but publishing nothing', { 'release.yml': publish('workflow_call').replace('npm publish', 'npm test'), 'x.yml': caller('push', 'y.yml') }, undefined],
  ])('is quiet for a reusable workflow %s', (_name, files, named) => {
    const { note } = infer(files);
    if (named === undefined) expect(note).toBeUndefined();
    else expect(note).toContain(`, ${named}. Declare`);
    expect(note ?? '').not.toContain('workflow_call');
  });
});
