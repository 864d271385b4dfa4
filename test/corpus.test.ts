/**
 * The real-world corpus (../shared/corpus): every repository is rebuilt in memory with its files at
 * their original paths and linted with every rule, like the CLI would in a clone. Results are pinned
 * per repository in __snapshots__/corpus.test.ts.snap (regenerate with
 * `npx vitest run test/corpus.test.ts -u` and review the diff: each changed line is a finding that
 * appeared or disappeared on a real repository).
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint, type LintOutcome } from '../src/api.js';
import { MemoryFs } from '../src/fs/source.js';
import { corpusRepos, peerRepos, summarizeOutcome } from './corpus-helpers.js';
import { requireShared } from './shared.js';

type Linted = Extract<LintOutcome, { ok: true }>;

async function lintRepo(files: Record<string, string>): Promise<Linted> {
  const outcome = await lint({ fs: new MemoryFs(files), rules });
  if (!outcome.ok) {
    throw new Error(`config errors: ${outcome.configErrors.map((e) => e.message).join('; ')}`);
  }
  expect(outcome.internalErrors).toEqual([]);
  return outcome;
}

const corpus = requireShared('corpus', 'test/corpus.test.ts');
const repos = corpus ? corpusRepos(corpus) : [];
const github = repos.filter((r) => r.kinds.has('github'));
const gitlab = repos.filter((r) => !r.kinds.has('github') && r.kinds.has('gitlab'));
const peers = corpus ? peerRepos(corpus) : [];

describe.skipIf(!corpus)('corpus: GitHub repositories', () => {
  it('has the repositories the corpus README describes', () => {
    expect(github.length).toBeGreaterThanOrEqual(70);
  });

  for (const repo of github) {
    it(repo.repo, async () => {
      const outcome = await lintRepo(repo.files);
      const workflowFiles = Object.keys(repo.files).filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f));
      // Kept in the project, or checked while loading and dropped (a workflow nothing project-wide needs).
      const loaded = [...outcome.project.workflows.map((w) => w.file), ...(outcome.project.streamed ?? [])];
      expect(loaded.sort(), 'every workflow file loads').toEqual(workflowFiles.sort());
      expect(summarizeOutcome(outcome)).toMatchSnapshot();
    });
  }

  it('diagnostics per rule and message (summary)', async () => {
    const counts = new Map<string, number>();
    for (const repo of github) {
      for (const d of (await lintRepo(repo.files)).diagnostics) {
        const key = `${d.ruleId} ${d.messageId}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const lines = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, n]) => `${k}: ${n}`);
    expect(lines.join('\n')).toMatchSnapshot();
  });
});

describe.skipIf(!corpus)('corpus: GitLab repositories', () => {
  it('has GitLab repositories', () => {
    expect(gitlab.length).toBeGreaterThan(0);
  });

  // GitLab support comes later: for now the files sit at their original paths and must not upset
  // the loader or any rule.
  for (const repo of gitlab) {
    it(repo.repo, async () => {
      const outcome = await lintRepo(repo.files);
      expect(summarizeOutcome(outcome)).toMatchSnapshot();
    });
  }
});

describe.skipIf(!corpus)('corpus: peer linters fixtures', () => {
  it('has the zizmor and actionlint fixtures', () => {
    expect(peers.some((p) => p.name.startsWith('peer:zizmor/'))).toBe(true);
    expect(peers.some((p) => p.name.startsWith('peer:actionlint/'))).toBe(true);
  });

  for (const peer of peers) {
    it(peer.name, async () => {
      const outcome = await lintRepo(peer.files);
      expect(summarizeOutcome(outcome)).toMatchSnapshot();
    });
  }
});
