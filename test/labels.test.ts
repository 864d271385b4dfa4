/**
 * The labelled corpus as a test: `../shared/corpus/LABELS.tsv` judges every finding tp-doctor made
 * on the corpus (TP, FP, DEBATABLE) and lists the problems it missed. This test rebuilds each
 * repository the way `../shared/tools/label-score` does and checks, with a finding matching a row
 * when rule, file and line (within 2) agree:
 * - every TP row is still reported;
 * - no FP row is reported;
 * - every MISS row that names a rule is reported;
 * - every `publish-detection` MISS is a (possible) publish the model lists;
 * - every finding is judged: by a LABELS.tsv row, or by our own verdict in
 *   `test/data/label-verdicts.tsv` (with the reason, written after reading the files). A new finding
 *   on the corpus therefore needs a verdict before it lands.
 * Where we disagree with a label, `label-verdicts.tsv` says why (verdict `DISAGREE`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint, type LintOutcome } from '../src/api.js';
import { MemoryFs } from '../src/fs/source.js';
import { labelRepos } from './corpus-helpers.js';
import { requireShared } from './shared.js';

interface Row {
  repo: string;
  rule: string;
  file: string;
  line: number;
  verdict: string;
  reason: string;
}

function readRows(file: string): Row[] {
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const cols = (header ?? '').split('\t');
  const at = (name: string): number => cols.indexOf(name);
  return lines.map((l) => {
    const c = l.split('\t');
    return { repo: c[at('repo')] ?? '', rule: c[at('rule_id')] ?? '', file: c[at('file')] ?? '', line: Number(c[at('line')] ?? 0), verdict: c[at('verdict')] ?? '', reason: c[at('reason')] ?? '' };
  });
}

const corpus = requireShared('corpus', 'test/labels.test.ts');
const labels = corpus ? readRows(path.join(corpus, 'LABELS.tsv')) : [];
const ours = readRows(path.join(import.meta.dirname, 'data', 'label-verdicts.tsv'));
const repos = corpus ? labelRepos(corpus) : [];

type Linted = Extract<LintOutcome, { ok: true }>;
const results = new Map<string, Linted>();

async function linted(repo: string): Promise<Linted> {
  const cached = results.get(repo);
  if (cached) return cached;
  const found = repos.find((r) => r.repo === repo);
  if (!found) throw new Error(`LABELS.tsv names ${repo}, which is not in the corpus`);
  const outcome = await lint({ fs: new MemoryFs(found.files), rules });
  if (!outcome.ok) throw new Error(outcome.configErrors.map((e) => e.message).join('; '));
  results.set(repo, outcome);
  return outcome;
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 2;
const reported = (o: Linted, r: Row): boolean => o.diagnostics.some((d) => d.ruleId === r.rule && d.file === r.file && near(d.line, r.line));

describe.skipIf(!corpus)('LABELS.tsv', () => {
  it('has rows', () => expect(labels.length).toBeGreaterThan(90));

  for (const r of labels) {
    const title = `${r.verdict} ${r.repo} ${r.rule} ${r.file}:${r.line}`;
    if (r.verdict === 'TP') it(`${title} stays reported`, async () => expect(reported(await linted(r.repo), r)).toBe(true));
    else if (r.verdict === 'FP') it(`${title} is gone`, async () => expect(reported(await linted(r.repo), r)).toBe(false));
    else if (r.verdict === 'MISS' && r.rule === 'publish-detection') {
      it(`${title} is listed as a (possible) publish`, async () => {
        const o = await linted(r.repo);
        const listed = o.project.facts.sites.some((s) => s.publish.location.file === r.file && near(s.publish.location.start.line, r.line));
        expect(listed).toBe(true);
      });
    } else if (r.verdict === 'MISS') it(`${title} is found`, async () => expect(reported(await linted(r.repo), r)).toBe(true));
  }

  it('every finding on the labelled repositories is judged (LABELS.tsv or test/data/label-verdicts.tsv)', async () => {
    const judged = [...labels, ...ours];
    const unjudged: string[] = [];
    for (const repo of repos) {
      const o = await linted(repo.repo);
      for (const d of o.diagnostics) {
        if (!judged.some((r) => r.repo === repo.repo && r.rule === d.ruleId && r.file === d.file && near(d.line, r.line))) {
          unjudged.push(`${repo.repo}\t${d.ruleId}\t${d.severity}\t${d.file}\t${d.line}\t${d.messageId}\t?\t${d.message.slice(0, 100)}`);
        }
      }
    }
    expect(unjudged, 'add a verdict with its reason to test/data/label-verdicts.tsv').toEqual([]);
  });

  it('our own verdicts still match a finding (remove rows that no longer apply)', async () => {
    const stale: string[] = [];
    for (const r of ours) {
      if (r.verdict === 'DISAGREE') continue;
      if (!reported(await linted(r.repo), r)) stale.push(`${r.repo} ${r.rule} ${r.file}:${r.line}`);
    }
    expect(stale).toEqual([]);
  });

  it('no error rests on a guess: every error comes from a certain publish', async () => {
    const guessed: string[] = [];
    for (const repo of repos) {
      for (const d of (await linted(repo.repo)).diagnostics) {
        if (d.severity === 'error' && /\b(?:appears to publish|may publish)\b/.test(d.message)) guessed.push(`${repo.repo} ${d.ruleId} ${d.file}:${d.line}`);
      }
    }
    expect(guessed).toEqual([]);
  });
});
