import { describe, expect, it } from 'vitest';
import { inferPublishers } from '../../src/config/infer.js';
import { EMPTY_CONFIG } from '../../src/config/types.js';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject, type Project } from '../../src/model/project.js';
import type { Job } from '../../src/model/github/types.js';

const publishesOf = (project: Project, job: Job) => project.facts.trustedSites(job).map((s) => s.publish);

const release = `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@v5
      - run: npm ci
      - run: |
          npm test
          npm run release
`;

describe('loadProject', () => {
  it('finds publish commands through package.json scripts and points at the command', () => {
    const project = loadProject(
      new MemoryFs({
        '.github/workflows/release.yml': release,
        '.github/workflows/notes.txt': 'not a workflow',
        'package.json': JSON.stringify({ name: 'w', scripts: { release: 'changeset publish' } }),
      }),
    );
    expect(project.workflowDirEntries).toEqual(['notes.txt', 'release.yml']);
    const job = project.workflows[0]!.jobs[0]!;
    expect(project.facts.isPublishingJob(job)).toBe(true);
    const [cmd] = publishesOf(project, job);
    expect(cmd?.match.recognizer).toBe('changeset-publish');
    expect(cmd?.match.via.map((v) => v.script)).toEqual(['release']);
    expect(cmd?.location).toEqual({
      file: '.github/workflows/release.yml',
      start: { line: 14, column: 11 },
      end: { line: 14, column: 26 },
    });
  });

  it('uses the package.json of the step working-directory', () => {
    const wf = release.replace('      - run: |', '      - working-directory: packages/a\n        run: |');
    const project = loadProject(
      new MemoryFs({
        '.github/workflows/release.yml': wf,
        'package.json': JSON.stringify({ scripts: { release: 'echo nothing' } }),
        'packages/a/package.json': JSON.stringify({ scripts: { release: 'npm publish' } }),
      }),
    );
    expect(publishesOf(project, project.workflows[0]!.jobs[0]!).map((p) => p.match.recognizer)).toEqual(['npm-publish']);
  });

  it('does not count a script that does not publish', () => {
    const project = loadProject(
      new MemoryFs({
        '.github/workflows/release.yml': release,
        'package.json': JSON.stringify({ scripts: { release: 'echo nothing' } }),
      }),
    );
    expect(project.facts.isPublishingJob(project.workflows[0]!.jobs[0]!)).toBe(false);
  });

  it('looks into local composite actions', () => {
    const project = loadProject(
      new MemoryFs({
        '.github/workflows/release.yml': 'on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/publish\n',
        '.github/actions/publish/action.yml': "name: p\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: npm publish --access public\n",
      }),
    );
    const [cmd] = publishesOf(project, project.workflows[0]!.jobs[0]!);
    expect(cmd?.viaAction).toBe('./.github/actions/publish');
    expect(cmd?.location.file).toBe('.github/actions/publish/action.yml');
    expect(cmd?.location.start).toEqual({ line: 6, column: 12 });
    expect(project.documents.map((d) => d.file)).toContain('.github/actions/publish/action.yml');
  });

  it('records unusable files as problems', () => {
    const project = loadProject(
      new MemoryFs({
        '.github/workflows/a.yml': 'a: [',
        '.github/workflows/b.yaml': '- just\n- a list\n',
        '.github/workflows/c.yml': '',
        '.github/workflows/d.yml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
      }),
    );
    expect(project.problems.map((p) => `${p.file} ${p.kind}`)).toEqual([
      '.github/workflows/a.yml yaml',
      '.github/workflows/b.yaml shape',
      '.github/workflows/c.yml shape',
      '.github/workflows/d.yml read',
    ]);
    expect(project.workflows).toEqual([]);
  });
});

describe('inferPublishers', () => {
  const files = {
    '.github/workflows/release.yml': release.replace('npm run release', 'npm publish'),
    '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
  };

  it('infers repository from the git remote and the one publishing workflow', () => {
    const project = loadProject(new MemoryFs({ ...files, '.git/config': '[remote "origin"]\n url = https://github.com/Acme/widget.git\n' }));
    const { config, note } = inferPublishers(project, EMPTY_CONFIG);
    expect(config.publishers).toMatchObject([{ provider: 'github', repository: 'Acme/widget', workflow: 'release.yml', inferred: true }]);
    expect(note).toContain('Acme/widget');
    expect(note).toContain('release.yml');
  });

  it.each([
    ["github.event_name == 'push'", 'release.yml', 'workflow release.yml'],
    ["github.event_name != 'push'", undefined, '2 workflows that publish (checks.yml, nightly.yml)'],
    ["github.ref == 'refs/heads/main'", undefined, '3 workflows that publish (checks.yml, nightly.yml, release.yml)'],
  ])('infers only the top-level workflows whose runs get past `if: %s` (a called workflow sees its caller\'s event)', (condition, workflow, named) => {
    const caller = (on: string): string => `on: ${on}\njobs:\n  checks:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/checks.yml\n`;
    const project = loadProject(
      new MemoryFs({
        '.git/config': '[remote "origin"]\n url = https://github.com/Acme/widget.git\n',
        '.github/workflows/nightly.yml': caller('schedule'),
        '.github/workflows/release.yml': caller('push'),
        '.github/workflows/checks.yml': `on: [pull_request, workflow_call]\njobs:\n  publish:\n    if: ${condition}\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish\n`,
      }),
    );
    const { config, note } = inferPublishers(project, EMPTY_CONFIG);
    expect(config.publishers[0]).toMatchObject({ provider: 'github', workflow });
    expect(note).toContain(named);
  });

  it('falls back to package.json repository', () => {
    const project = loadProject(new MemoryFs({ ...files, 'package.json': '{"repository": {"type": "git", "url": "git+https://github.com/a/b.git"}}' }));
    expect(inferPublishers(project, EMPTY_CONFIG).config.publishers[0]).toMatchObject({ repository: 'a/b' });
  });

  it('leaves a declared config alone', () => {
    const project = loadProject(new MemoryFs(files));
    const declared = { ...EMPTY_CONFIG, inferred: false, publishers: [{ provider: 'github' as const, repository: 'x/y', workflow: 'r.yml', inferred: false, fieldLocations: {} }] };
    expect(inferPublishers(project, declared).config).toBe(declared);
  });

  it('names the calls to reusable workflows of other repositories that may publish', () => {
    const caller = (uses: string, secrets = ''): string => `on: release\njobs:\n  release:\n    uses: ${uses}\n${secrets}`;
    const remote = '[remote "origin"]\n url = https://github.com/Acme/widget.git\n';
    const note = (text: string): string | undefined => inferPublishers(loadProject(new MemoryFs({ '.git/config': remote, '.github/workflows/on-release.yml': text })), EMPTY_CONFIG).note;
    const named = note(caller('acme/workflows/.github/workflows/npmPublish.yml@main'));
    expect(named).toContain('no workflow that publishes in a way tp-doctor can read');
    expect(named).toContain('which may publish and which tp-doctor does not read: on-release.yml job "release" (acme/workflows/.github/workflows/npmPublish.yml@main)');
    expect(note(caller('acme/workflows/.github/workflows/ship.yml@v1', '    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n'))).toContain('job "release" (acme/workflows/.github/workflows/ship.yml@v1)');
    // Nothing that looks like a publish, and the repository's own calls (read as local ones): not named.
    expect(note(caller('acme/workflows/.github/workflows/lint.yml@v1'))).not.toContain('other repositories');
    expect(note(caller('Acme/widget/.github/workflows/publish.yml@main'))).not.toContain('other repositories');
  });

  it('reads a call to the repository itself as local when only package.json `repository` names it, case-insensitively (Trendyol/baklava)', () => {
    const caller = (uses: string): string => `on: { push: { branches: [main] } }\njobs:\n  release:\n    uses: ${uses}\n`;
    const callee = 'on: workflow_call\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish\n';
    const load = (uses: string, repository: string | undefined, extra: Record<string, string> = {}) =>
      loadProject(new MemoryFs({ 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0', ...(repository ? { repository } : {}) }), '.github/workflows/main.yml': caller(uses), '.github/workflows/release.yml': callee, ...extra }));
    for (const [uses, repository] of [
      ['acme/widget/.github/workflows/release.yml@main', 'github:Acme/widget'],
      ['Acme/widget/.github/workflows/release.yml@main', 'git+https://github.com/acme/WIDGET.git'],
    ] as const) {
      const project = load(uses, repository);
      expect(project.selfRepository?.toLowerCase()).toBe('acme/widget');
      const job = project.workflows.find((w) => w.fileName === 'main.yml')!.jobs[0]!;
      expect(project.callGraph.callee(job)?.fileName).toBe('release.yml');
      const { config, note } = inferPublishers(project, EMPTY_CONFIG);
      expect(config.publishers[0]).toMatchObject({ workflow: 'main.yml' });
      expect(note).not.toContain('other repositories');
    }
    // Controls: another owner's call stays remote; and the git remote, when it names another
    // repository, wins over package.json (a fork or a mirror under another name).
    const other = load('acme/tools/.github/workflows/release.yml@main', 'github:Acme/widget');
    expect(other.callGraph.callee(other.workflows.find((w) => w.fileName === 'main.yml')!.jobs[0]!)).toBeUndefined();
    expect(inferPublishers(other, EMPTY_CONFIG).note).toContain('which may publish and which tp-doctor does not read: main.yml job "release" (acme/tools/.github/workflows/release.yml@main)');
    const fork = load('acme/widget/.github/workflows/release.yml@main', 'github:Acme/widget', { '.git/config': '[remote "origin"]\n url = https://github.com/someone/widget-fork.git\n' });
    expect(fork.selfRepository).toBe('someone/widget-fork');
    expect(inferPublishers(fork, EMPTY_CONFIG).note).toContain('(acme/widget/.github/workflows/release.yml@main)');
  });

  it('names a call to another repository\'s workflow with no repository known (a private root package.json, only workspace packages have `repository`)', () => {
    const workspace = {
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'pnpm-workspace.yaml': 'packages: [packages/*]\n',
      'packages/core/package.json': JSON.stringify({ name: '@x/core', version: '1.0.0', repository: { type: 'git', url: 'https://github.com/o/r.git', directory: 'packages/core' } }),
    };
    const caller = (uses: string): string => `on: { push: { branches: [main] } }\njobs:\n  release:\n    permissions: { contents: write, id-token: write }\n    uses: ${uses}\n`;
    const infer = (uses: string) => inferPublishers(loadProject(new MemoryFs({ ...workspace, '.github/workflows/release.yml': caller(uses) })), EMPTY_CONFIG);
    const { config, note } = infer('org/config/.github/workflows/release-reusable.yml@v1');
    // Only the root package.json and the git remote name the repository, as for every inferred publisher.
    expect(config.publishers).toMatchObject([{ provider: 'github', repository: undefined, workflow: undefined, inferred: true }]);
    expect(note).toContain('no repository (no GitHub remote or package.json `repository`), no workflow that publishes in a way tp-doctor can read');
    expect(note).toContain('which may publish and which tp-doctor does not read: release.yml job "release" (org/config/.github/workflows/release-reusable.yml@v1)');
    // Control: a call whose path says nothing of publishing infers nothing, as before.
    expect(infer('org/config/.github/workflows/lint.yml@v1')).toEqual({ config: EMPTY_CONFIG });
  });

  it('infers nothing for a repository that does not publish and has no remote', () => {
    const project = loadProject(new MemoryFs({ '.github/workflows/ci.yml': files['.github/workflows/ci.yml'] }));
    expect(inferPublishers(project, EMPTY_CONFIG)).toEqual({ config: EMPTY_CONFIG });
  });
});

describe('GitLab in the project', () => {
  const ci = `publish:
  image: node:24
  id_tokens:
    NPM_ID_TOKEN:
      aud: npm:registry.npmjs.org
  script:
    - npm publish
`;

  it('loads .gitlab-ci.yml and infers a GitLab publisher from a gitlab.com remote', () => {
    const project = loadProject(
      new MemoryFs({ '.gitlab-ci.yml': ci, '.git/config': '[remote "origin"]\n  url = git@gitlab.com:acme/tools/widget.git\n' }),
    );
    expect(project.gitlab.map((p) => p.ciFile)).toEqual(['.gitlab-ci.yml']);
    expect(project.gitlab[0]?.jobs.map((j) => j.name)).toEqual(['publish']);
    expect(project.documents.map((d) => d.file)).toContain('.gitlab-ci.yml');
    const { config, note } = inferPublishers(project, EMPTY_CONFIG);
    expect(config.publishers).toMatchObject([{ provider: 'gitlab', project: 'acme/tools/widget', ciFile: '.gitlab-ci.yml', inferred: true }]);
    expect(note).toContain('acme/tools/widget');
  });

  it('infers GitLab without a remote when only GitLab publishes', () => {
    const project = loadProject(new MemoryFs({ '.gitlab-ci.yml': ci }));
    expect(inferPublishers(project, EMPTY_CONFIG).config.publishers).toMatchObject([{ provider: 'gitlab', project: undefined }]);
  });

  // sikt-no/sds-komponentbibliotek: the project lives on gitlab.sikt.no (a GitHub mirror was read).
  it('a project on a self-managed GitLab: the note says npm trusts GitLab.com only', () => {
    const note = (files: Record<string, string>): string => inferPublishers(loadProject(new MemoryFs({ '.gitlab-ci.yml': ci, ...files })), EMPTY_CONFIG).note ?? '';
    const selfManaged = 'npm trusted publishing accepts ID tokens from GitLab.com only';
    expect(note({ '.git/config': '[remote "origin"]\n  url = https://gitlab.sikt.no/designsystem/sds.git\n' })).toContain(`the git remote is on gitlab.sikt.no: ${selfManaged}`);
    const repository = JSON.stringify({ name: 'x', repository: { url: 'git+https://gitlab.sikt.no/designsystem/sds.git' } });
    expect(note({ 'package.json': repository, '.git/config': '[remote "origin"]\n  url = https://github.com/mirror/sds\n' })).toContain(
      `the package.json \`repository\` is on gitlab.sikt.no: ${selfManaged}`,
    );
    expect(note({ 'package.json': JSON.stringify({ name: 'x', repository: 'github:acme/x' }) })).not.toContain(selfManaged);
  });

  it('infers one publisher per CI system that publishes, whatever the remote (each file gets its own rules)', () => {
    const project = loadProject(
      new MemoryFs({
        '.gitlab-ci.yml': ci,
        '.github/workflows/release.yml': release.replace('npm run release', 'npm publish'),
        '.git/config': '[remote "origin"]\n  url = https://github.com/acme/widget\n',
      }),
    );
    const inference = inferPublishers(project, EMPTY_CONFIG);
    expect(inference.config.publishers).toMatchObject([
      { provider: 'github', repository: 'acme/widget' },
      { provider: 'gitlab', project: undefined, ciFile: '.gitlab-ci.yml' },
    ]);
    expect(inference.note).toContain('inferred a GitLab publisher: no project');
  });

  it('reads child pipelines (`trigger: include: local:`) under the top-level CI file', () => {
    const project = loadProject(
      new MemoryFs({
        '.gitlab-ci.yml': 'deploy:\n  trigger:\n    include:\n      - local: ci/deploy.yml\n',
        'ci/deploy.yml': 'publish:\n  script:\n    - npm publish\n',
      }),
    );
    expect(project.gitlab.map((p) => `${p.ciFile} ${p.sourceFile ?? '-'} ${p.jobs.map((j) => j.name).join(',')}`)).toEqual([
      '.gitlab-ci.yml - deploy',
      '.gitlab-ci.yml ci/deploy.yml publish',
    ]);
  });

  it('a child pipeline generated at run time (`trigger: include: artifact:`): a GitLab publisher is inferred and the note names it', () => {
    const trigger = 'release:\n  trigger:\n    include:\n      - artifact: child.yml\n        job: generate\n';
    const project = loadProject(new MemoryFs({ '.gitlab-ci.yml': `generate:\n  script: ./gen.sh > child.yml\n${trigger}` }));
    const { config, note } = inferPublishers(project, EMPTY_CONFIG);
    expect(config.publishers).toMatchObject([{ provider: 'gitlab', ciFile: '.gitlab-ci.yml' }]);
    expect(note).toContain('no job that publishes in a way tp-doctor can read');
    expect(note).toContain('GitLab child pipelines generated at run time, where a publish is not checked: job "release" in .gitlab-ci.yml (artifact `child.yml` of job "generate").');
    // Control: a committed child pipeline is read, and is no such note.
    const local = loadProject(new MemoryFs({ '.gitlab-ci.yml': 'release:\n  trigger:\n    include: ci/child.yml\n', 'ci/child.yml': 'build:\n  script: make\n' }));
    expect(inferPublishers(local, EMPTY_CONFIG).config.publishers).toEqual([]);
  });

  it('reads a declared ciFile instead of the default', () => {
    const project = loadProject(new MemoryFs({ 'ci/main.yml': ci, '.gitlab-ci.yml': 'x: [' }), { gitlabCiFiles: ['ci/main.yml'] });
    expect(project.gitlab.map((p) => p.ciFile)).toEqual(['ci/main.yml']);
    expect(project.problems).toEqual([]);
  });
});

describe('publishes to other registries', () => {
  it('are kept on the step but do not make a trusted-publishing job', () => {
    const project = loadProject(
      new MemoryFs({
        '.github/workflows/gpr.yml': `on: push
jobs:
  gpr:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v6
        with:
          registry-url: https://npm.pkg.github.com
      - run: npm publish
  npm:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
`,
      }),
    );
    const [gpr, npm] = project.workflows[0]!.jobs;
    expect(project.facts.jobSites(gpr!).map((s) => s.registry.registry)).toEqual(['other']);
    expect(project.facts.isPublishingJob(gpr!)).toBe(false);
    expect(publishesOf(project, gpr!)).toEqual([]);
    expect(project.facts.isPublishingJob(npm!)).toBe(true);
    expect(project.facts.jobSites(npm!).map((s) => s.registry.registry)).toEqual(['npmjs']);
  });
});

describe('the inference note on publishes to other registries', () => {
  // material-components/material-web: npm publish through Google's Wombat Dressing Room proxy.
  const job = (id: string, registry: string, run = 'npm publish'): string =>
    `  ${id}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          registry-url: ${registry}\n      - run: ${run}\n`;
  const wombat = 'https://wombat-dressing-room.appspot.com/';
  const gpr = 'https://npm.pkg.github.com';
  const remote = '[remote "origin"]\n url = https://github.com/Acme/widget.git\n';
  const cases: [string, Record<string, string>, string][] = [
    ['a publish through a proxy', { 'publish.yml': job('publish', wombat) }, 'no workflow that publishes to registry.npmjs.org (1 publish goes to another registry: wombat-dressing-room.appspot.com from publish.yml job "publish")'],
    [
      'publishes to two other registries',
      { 'publish.yml': job('publish', wombat), 'gpr.yml': job('gpr', gpr) },
      'no workflow that publishes to registry.npmjs.org (2 publishes go to other registries: npm.pkg.github.com from gpr.yml job "gpr", wombat-dressing-room.appspot.com from publish.yml job "publish")',
    ],
    [
      'with a call to a reusable workflow of another repository',
      { 'publish.yml': job('publish', wombat), 'call.yml': '  release:\n    uses: acme/workflows/.github/workflows/npm-publish.yml@v1\n' },
      'no workflow that publishes to registry.npmjs.org in a way tp-doctor can read (1 publish goes to another registry: wombat-dressing-room.appspot.com from publish.yml job "publish")',
    ],
    ['no publish at all', { 'ci.yml': job('test', wombat, 'npm test') }, 'no workflow that publishes. '],
  ];
  it.each(cases)('%s', (_name, workflows, said) => {
    const files: Record<string, string> = { '.git/config': remote, 'package.json': '{"name": "@acme/widget", "version": "1.0.0"}' };
    for (const [file, jobs] of Object.entries(workflows)) files[`.github/workflows/${file}`] = `on: push\njobs:\n${jobs}`;
    expect(inferPublishers(loadProject(new MemoryFs(files)), EMPTY_CONFIG).note).toContain(said);
  });
});

describe('calls into the same repository by name', () => {
  it('are local when they name the git remote (any case)', () => {
    const project = loadProject(
      new MemoryFs({
        '.git/config': '[remote "origin"]\n  url = https://github.com/Acme/Widget.git\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  release:\n    uses: acme/widget/.github/workflows/publish.yml@main\n',
        '.github/workflows/publish.yml': 'on: workflow_call\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n',
      }),
    );
    const publish = project.workflows.find((w) => w.fileName === 'publish.yml')!;
    expect(project.callGraph.entryChains(publish).map((c) => `${c.entry.fileName}: ${c.callers.map((j) => j.id).join(' > ')}`)).toEqual([
      'ci.yml: release',
    ]);
  });
});

describe('MemoryFs', () => {
  it('lists the repository root', () => {
    const fs = new MemoryFs({ 'package.json': '{}', 'packages/a/package.json': '{}' });
    expect(fs.list('')).toEqual([
      { name: 'package.json', isDir: false },
      { name: 'packages', isDir: true },
    ]);
    expect(fs.list('.')).toEqual(fs.list(''));
  });
});
