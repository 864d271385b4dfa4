/**
 * Rebuilds the repositories of the real-world corpus (`../shared/corpus`, see its README.md) in
 * memory: every file goes back to the path it had in its repository (INDEX.tsv `original_path`),
 * and each repository gets a `.git/config` whose origin is the repository (github.com, or gitlab.com
 * for GitLab-only ones), as in a clone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LintOutcome } from '../src/api.js';

/*
 * Every function takes the corpus folder that `requireShared('corpus', ...)` (test/shared.ts) gave
 * the suite: a suite finds out there whether the shared data is present, and skips or fails there.
 */

export interface IndexRow {
  localFile: string;
  repo: string;
  commit: string;
  originalPath: string;
  provider: string;
  publishTool: string;
  trusted: string;
  notes: string;
}

export function readIndex(corpusRoot: string): IndexRow[] {
  const text = readFileSync(path.join(corpusRoot, 'INDEX.tsv'), 'utf8');
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!header?.startsWith('local_file\trepo\t')) throw new Error(`unexpected INDEX.tsv header: ${header}`);
  return lines.map((line) => {
    const [localFile, repo, commit, originalPath, provider, publishTool, trusted, ...notes] = line.split('\t');
    if (!localFile || !repo || !originalPath || !provider) throw new Error(`malformed INDEX.tsv row: ${line}`);
    return {
      localFile,
      repo,
      commit: commit ?? '',
      originalPath,
      provider,
      publishTool: publishTool ?? '',
      trusted: trusted ?? '',
      notes: notes.join('\t'),
    };
  });
}

export interface CorpusRepo {
  /** `owner/repo`. */
  repo: string;
  /** Which providers' CI files it holds (from INDEX.tsv `provider`). */
  kinds: Set<'github' | 'gitlab'>;
  /** Repository-relative path → content. */
  files: Record<string, string>;
}

function kindOf(provider: string): 'github' | 'gitlab' | 'extra' | 'peer' {
  if (provider.startsWith('github-actions')) return 'github';
  if (provider === 'gitlab-ci') return 'gitlab';
  if (provider === 'extra') return 'extra';
  if (provider.startsWith('peer:')) return 'peer';
  throw new Error(`unknown provider in INDEX.tsv: ${provider}`);
}

/** Every non-peer repository of the corpus, with its CI files and extras at their original paths. */
export function corpusRepos(corpusRoot: string): CorpusRepo[] {
  const rows = readIndex(corpusRoot);
  const listed = new Set(rows.map((r) => r.localFile));
  // Every file on disk must be indexed, or it would silently drop out of the test.
  for (const dir of ['github', 'gitlab', 'extras']) {
    for (const name of readdirSync(path.join(corpusRoot, dir))) {
      if (!listed.has(`${dir}/${name}`)) throw new Error(`corpus file ${dir}/${name} has no INDEX.tsv row`);
    }
  }
  const repos = new Map<string, CorpusRepo>();
  for (const row of rows) {
    const kind = kindOf(row.provider);
    if (kind === 'peer') continue;
    let repo = repos.get(row.repo);
    if (!repo) {
      repo = { repo: row.repo, kinds: new Set(), files: {} };
      repos.set(row.repo, repo);
    }
    if (kind !== 'extra') repo.kinds.add(kind);
    if (repo.files[row.originalPath] !== undefined) throw new Error(`${row.repo}: two files at ${row.originalPath}`);
    repo.files[row.originalPath] = readFileSync(path.join(corpusRoot, row.localFile), 'utf8');
  }
  for (const repo of repos.values()) {
    // A clone's origin: GitHub for repositories with GitHub workflows, gitlab.com for GitLab-only ones.
    const host = repo.kinds.has('github') ? 'github.com' : 'gitlab.com';
    repo.files['.git/config'] = `[remote "origin"]\n\turl = https://${host}/${repo.repo}.git\n`;
  }
  return [...repos.values()].sort((a, b) => (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : 0));
}

/**
 * The corpus repositories as `../shared/tools/label-score` and LABELS.tsv see them: every file at
 * its original path, `.git/config` naming `https://github.com/<owner>/<name>.git` unless
 * REMOTES.tsv gives another remote (keyed by `owner__name`).
 */
export function labelRepos(corpusRoot: string): CorpusRepo[] {
  const remotes = new Map(
    readFileSync(path.join(corpusRoot, 'REMOTES.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.split('\t') as [string, string]),
  );
  return corpusRepos(corpusRoot).map((repo) => {
    const url = remotes.get(repo.repo.replace('/', '__')) ?? `https://github.com/${repo.repo}.git`;
    return { ...repo, files: { ...repo.files, '.git/config': `[remote "origin"]\n\turl = ${url}\n` } };
  });
}

export interface PeerRepo {
  name: string;
  files: Record<string, string>;
}

/**
 * The peer linters' fixtures: each workflow in a repository of its own at `.github/workflows/`.
 * A composite action keeps its relative path; actionlint's project fixture stays one repository
 * (its `actionlint.yaml` config and `workflows/` are a `.github` folder).
 */
export function peerRepos(corpusRoot: string): PeerRepo[] {
  const rows = readIndex(corpusRoot).filter((r) => kindOf(r.provider) === 'peer' && /\.ya?ml$/.test(r.localFile));
  const out = new Map<string, PeerRepo>();
  for (const row of rows) {
    const content = readFileSync(path.join(corpusRoot, row.localFile), 'utf8');
    const project = /testdata\/projects\/([^/]+)\/(.+)$/.exec(row.originalPath);
    const action = /test-data\/(.+\/action\.ya?ml)$/.exec(row.originalPath);
    let name: string;
    let file: string;
    if (project) {
      name = `${row.provider}/projects/${project[1]}`;
      file = `.github/${project[2]}`;
    } else if (action) {
      name = `${row.provider}/${action[1]}`;
      file = action[1]!.replace(/^use-trusted-publishing\//, '');
    } else {
      name = `${row.provider}/${path.posix.basename(row.originalPath)}`;
      file = `.github/workflows/${path.posix.basename(row.originalPath)}`;
    }
    const repo = out.get(name) ?? { name, files: {} };
    repo.files[file] = content;
    out.set(name, repo);
  }
  for (const dir of ['peers/zizmor', 'peers/actionlint']) {
    for (const entry of readdirSync(path.join(corpusRoot, dir))) {
      if (/\.ya?ml$/.test(entry) && !rows.some((r) => r.localFile === `${dir}/${entry}`)) {
        throw new Error(`corpus file ${dir}/${entry} has no INDEX.tsv row`);
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The reviewable summary of one lint: a line per diagnostic (`file:line:col severity rule-id
 * messageId`), then the notes, then what the model recognised as publishing (so a publish it missed
 * or invented shows up in review).
 */
export function summarizeOutcome(outcome: Extract<LintOutcome, { ok: true }>): string {
  const lines = outcome.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.messageId}`);
  for (const note of outcome.notes) lines.push(`note: ${note}`);
  for (const site of outcome.project.facts.sites) {
    const p = site.publish;
    const via = p.viaAction ? ` via ${p.viaAction}` : '';
    const where = site.provider === 'github' ? `${site.job.workflow.file} job ${site.job.id}` : site.provider === 'gitlab' ? `${site.pipeline.ciFile} job ${site.job.name}` : `${site.config.file} job ${site.job.name}`;
    const targets = site.targets.kind === 'unknown' ? 'unknown' : `${site.targets.kind}[${site.targets.packages.map((t) => t.name).join(',')}]`;
    lines.push(`publish: ${where} ${p.location.file}:${p.location.start.line} ${p.match.tool} ${site.certainty} registry=${site.registry.registry} targets=${targets}${via}`);
  }
  return lines.join('\n');
}
