/**
 * The real GitLab CI files of the corpus (../shared/corpus/gitlab), each loaded as the top-level
 * CI file of its repository (rebuilt in memory at the original paths, see corpus-helpers.ts).
 * Counts are pinned: a change in what the model reads shows up here.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadGitlabPipeline } from '../../src/model/gitlab/pipeline.js';
import type { GitlabPipeline } from '../../src/model/gitlab/types.js';
import { corpusRepos, readIndex } from '../corpus-helpers.js';
import { requireShared } from '../shared.js';

interface Expected {
  jobs: number;
  templates: number;
  documents: number;
  problems: Record<string, number>;
  publishing: string[];
}

const EXPECTED: Record<string, Expected> = {
  'AntonPieper/hell-ui .gitlab-ci.yml': { jobs: 5, templates: 3, documents: 3, problems: { 'include-unreadable': 9 }, publishing: [] },
  'AntonPieper/hell-ui .gitlab/ci/base.yml': { jobs: 0, templates: 3, documents: 1, problems: {}, publishing: [] },
  'AntonPieper/hell-ui .gitlab/ci/release.yml': {
    jobs: 5,
    templates: 0,
    documents: 1,
    problems: { 'extends-missing': 5, 'reference-missing': 1 },
    publishing: [],
  },
  // `parallel: matrix:` jobs count once per combination (6 + 5 for 2 jobs).
  'DataDog/browser-sdk .gitlab-ci.yml': { jobs: 52, templates: 10, documents: 1, problems: { 'include-remote': 1, 'extends-missing': 2 }, publishing: [] },
  // A possible publish: `node ./scripts/deploy/publish-npm.ts` cannot be read, and names npm.
  'DataDog/browser-sdk .gitlab/deploy-auto.yml': { jobs: 11, templates: 3, documents: 1, problems: { 'include-remote': 1, 'extends-missing': 1 }, publishing: ['step-6_publish-npm'] },
  'andrelmlins/ci-npm-publish examples/.gitlab.yml': { jobs: 2, templates: 0, documents: 1, problems: {}, publishing: ['deploy'] },
  'gitlabhq/gitlabhq lib/gitlab/ci/templates/npm.gitlab-ci.yml': { jobs: 2, templates: 0, documents: 1, problems: {}, publishing: ['publish_package'] },
  // `parallel: matrix:` jobs count once per combination.
  'html-validate/html-validate .gitlab-ci.yml': { jobs: 31, templates: 2, documents: 1, problems: { 'include-remote': 3 }, publishing: [] },
  'jitesoft/babel-preset-main .gitlab-ci.yml': { jobs: 0, templates: 0, documents: 1, problems: { 'include-remote': 1 }, publishing: [] },
  // publish_to_npm has no script of its own: it comes from `.semantic-release`, in a project include (a possible publish).
  'nickbrandt/gitlab-ui .gitlab-ci.yml': { jobs: 24, templates: 9, documents: 1, problems: { 'include-remote': 8, 'extends-missing': 1 }, publishing: ['publish_to_npm'] },
  'nosana-ci/nosana-kit .gitlab-ci.yml': { jobs: 8, templates: 0, documents: 1, problems: { 'include-remote': 1, 'extends-missing': 1 }, publishing: ['npm publish prod'] },
  'pushrocks/smartfile .gitlab-ci.yml': { jobs: 9, templates: 0, documents: 1, problems: {}, publishing: ['release'] },
  'shortlink-org/gitlab-templates templates/npm_publish/template.yml': {
    jobs: 1,
    templates: 0,
    documents: 1,
    problems: { 'include-unreadable': 1 },
    publishing: ['publish:npm'],
  },
  'zavoloklom/eslint-formatter-gitlab .gitlab-ci.yml': { jobs: 1, templates: 0, documents: 2, problems: {}, publishing: ['release__semantic-release'] },
  'zavoloklom/eslint-formatter-gitlab .gitlab/ci/release.yml': { jobs: 1, templates: 0, documents: 1, problems: {}, publishing: ['release__semantic-release'] },
};

const corpus = requireShared('corpus', 'test/model/gitlab-corpus.test.ts');
const repos = new Map((corpus ? corpusRepos(corpus) : []).map((r) => [r.repo, r]));
const rows = (corpus ? readIndex(corpus) : []).filter((r) => r.provider === 'gitlab-ci');

function loadRow(repo: string, ciFile: string): GitlabPipeline {
  const files = repos.get(repo)?.files;
  if (!files) throw new Error(`no corpus repository ${repo}`);
  const { pipeline, fileProblems } = loadGitlabPipeline(new MemoryFs(files), ciFile, {});
  expect(fileProblems).toEqual([]);
  if (!pipeline) throw new Error(`no pipeline for ${repo} ${ciFile}`);
  return pipeline;
}

describe.skipIf(!corpus)('GitLab corpus', () => {
  it('has the 15 files pinned here', () => {
    expect(rows.map((r) => `${r.repo} ${r.originalPath}`).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(rows.map((r) => [`${r.repo} ${r.originalPath}`, r.repo, r.originalPath] as const))('%s', (key, repo, ciFile) => {
    const pipeline = loadRow(repo, ciFile);
    const problems: Record<string, number> = {};
    for (const p of pipeline.problems) problems[p.kind] = (problems[p.kind] ?? 0) + 1;
    expect({
      jobs: pipeline.jobs.length,
      templates: pipeline.templates.length,
      documents: pipeline.documents.length,
      problems,
      publishing: pipeline.jobs.filter((j) => j.publishes.length > 0).map((j) => j.name),
    }).toEqual(EXPECTED[key]);
  });

  it('reads the effective jobs the way GitLab builds them', () => {
    const hell = loadRow('AntonPieper/hell-ui', '.gitlab-ci.yml');
    const publish = hell.jobs.find((j) => j.name === 'release:publish')!;
    expect(publish.image && `${publish.image.expanded} ${publish.image.origin.via}:${publish.image.origin.from} ${publish.image.origin.node.file}:${publish.image.origin.node.span.start.line}`).toBe(
      'node:22 extends:.node-job .gitlab/ci/base.yml:51',
    );
    expect(publish.tags.map((t) => t.value)).toEqual(['docker']);
    expect(publish.scripts.map((s) => `${s.section} ${s.text}`)).toEqual([
      'before_script corepack enable',
      'script node tools/release/gitlab-release-projection.mjs publish artifacts/package',
    ]);
    // `.node-job` caches through nested `!reference [.caches, pnpm, key]`.
    const gate = hell.jobs.find((j) => j.name === 'release:gate')!;
    expect(gate.incomplete).toBe(false);
    const cache = gate.keywords.get('cache');
    expect(cache?.kind === 'leaf' && cache.items?.[0]?.kind === 'map' ? [...cache.items[0].entries.keys()] : []).toEqual(['key', 'paths', 'policy']);

    const datadog = loadRow('DataDog/browser-sdk', '.gitlab-ci.yml');
    const ciImage = datadog.jobs.find((j) => j.name === 'ci-image')!;
    expect([...(ciImage.idTokens?.tokens.values() ?? [])].map((t) => `${t.name}=${t.aud[0]?.raw} ${t.origin.via}`)).toEqual([
      'DDOCTOSTS_ID_TOKEN=dd-octo-sts extends',
      'DDSIGN_ID_TOKEN=image-integrity job',
    ]);
    expect(ciImage.image?.expanded).toBe('registry.ddbuild.io/images/docker:27.3.1');
    expect(datadog.jobs.find((j) => j.name === 'format')?.image?.expanded).toBe('registry.ddbuild.io/ci/browser-sdk:121');

    const zavoloklom = loadRow('zavoloklom/eslint-formatter-gitlab', '.gitlab-ci.yml');
    expect(zavoloklom.includes.map((i) => `${i.value} -> ${i.resolved.join(',')}`)).toEqual(['.gitlab/ci/*.yml -> .gitlab/ci/release.yml']);
    expect(zavoloklom.jobs[0]?.image?.expanded).toBe('node:20.14.0-alpine3.20');

    const gitlabUi = loadRow('nickbrandt/gitlab-ui', '.gitlab-ci.yml');
    const npm = gitlabUi.jobs.find((j) => j.name === 'publish_to_npm')!;
    expect(npm.incomplete).toBe(true);
    expect(gitlabUi.problems.find((p) => p.kind === 'extends-missing')).toMatchObject({ target: '.semantic-release', possiblyRemote: true });
    expect(npm.tags.map((t) => `${t.value} ${t.origin.via}`)).toEqual(['gitlab-org default']);
    expect(npm.publishes.map((p) => `${p.certainty} ${p.match.label} ${p.location.start.line}`)).toEqual(['possible "extends: .semantic-release" 348']);

    const htmlValidate = loadRow('html-validate/html-validate', '.gitlab-ci.yml');
    expect(htmlValidate.documents[0]?.header?.keys()).toEqual(['spec']);
    expect(htmlValidate.jobs.find((j) => j.name === 'Node')?.image?.name).toBe('node:${VERSION}');
    expect(htmlValidate.jobs.filter((j) => j.kind === 'trigger')).toHaveLength(11);
  });
});
