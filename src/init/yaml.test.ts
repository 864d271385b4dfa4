import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { MemoryFs } from '../fs/source.js';
import type { PlannedPublisher } from './plan.js';
import { mergeInto, renderNew } from './yaml.js';

const GITHUB: PlannedPublisher = {
  provider: 'github',
  owner: 'acme/widget',
  ownerFrom: 'git remote origin',
  file: 'release.yml',
  path: '.github/workflows/release.yml',
  environment: 'npm',
  allowedActions: ['publish'],
  packages: ['@acme/widget', 'widget-cli'],
  commands: ['npm publish'],
  notes: [],
};

const GITLAB: PlannedPublisher = {
  provider: 'gitlab',
  owner: 'acme/tools/widget',
  ownerFrom: 'package.json `repository`',
  file: '.gitlab-ci.yml',
  path: '.gitlab-ci.yml',
  allowedActions: ['publish', 'stage-publish'],
  packages: ['gl-widget'],
  commands: ['npm publish', 'npm stage publish'],
  notes: ['the publishing jobs run in different environments (none, "prod"); npm matches one: set `environment:` to the registered one'],
};

function read(text: string) {
  const loaded = loadConfig(new MemoryFs({ 'tp-doctor.yml': text }), { knownRuleIds: ['no-long-lived-token'] });
  expect(loaded.errors).toEqual([]);
  return loaded.config;
}

describe('renderNew', () => {
  it('writes a valid config that reads back as planned, with a comment on every key', () => {
    const text = renderNew([GITHUB, GITLAB], []);
    const config = read(text);
    expect(config.publishers).toMatchObject([
      { provider: 'github', repository: 'acme/widget', workflow: 'release.yml', environment: 'npm', allowedActions: ['publish'], packages: ['@acme/widget', 'widget-cli'] },
      { provider: 'gitlab', project: 'acme/tools/widget', ciFile: '.gitlab-ci.yml', allowedActions: ['publish', 'stage-publish'], packages: ['gl-widget'] },
    ]);
    expect(config.publishers[1]!.environment).toBeUndefined();
    const lines = text.split('\n');
    for (const key of ['repository', 'workflow', 'environment', 'allowedActions', 'packages', 'project', 'ciFile']) {
      const at = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
      expect(lines[at - 1]!.trimStart(), `comment above ${key}`).toMatch(/^# \S/);
    }
    expect(text).toContain('# .github/workflows/release.yml publishes with `npm publish`.');
    expect(text).toContain('# CHECK: the publishing jobs run in different environments');
    expect(text).toContain('allowedActions: [publish, stage-publish]');
    expect(text).toContain('stage-publish (the workflow runs a publish and a stage publish)');
    expect(renderNew([{ ...GITHUB, actionsGuessed: true }], [])).toContain('stage-publish (assumed: no publish command was recognised for certain)');
  });

  it('leaves `packages` out for a single publisher whose packages are unknown (it covers every package)', () => {
    const config = read(renderNew([{ ...GITHUB, packages: [] }], []));
    expect(config.publishers[0]!.packages).toBeUndefined();
  });

  it('names the files left out', () => {
    expect(renderNew([GITHUB], ['.github/workflows/manual.yml'])).toContain('Not declared (their packages are declared under another publisher): .github/workflows/manual.yml');
  });
});

describe('mergeInto', () => {
  const existing = [
    '# Our publishing setup. Keep this comment.',
    'publishers:',
    '  # the release workflow',
    '  - provider: github',
    '    repository: acme/old-name # renamed in 2026',
    '    workflow: release.yml',
    '    environment: old-env',
    '  - provider: github',
    '    repository: acme/widget',
    '    workflow: gone.yml',
    'rules:',
    '  no-long-lived-token: info # we still have one token',
    '',
  ].join('\n');

  it('updates the matching entry in place, keeps comments and other keys, removes entries that no longer publish', () => {
    const merged = mergeInto(existing, 'tp-doctor.yml', [GITHUB]);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.kept).toEqual(['publishers[0] (release.yml)']);
    expect(merged.removed).toEqual(['publishers[1] (gone.yml)']);
    expect(merged.text).toContain('# Our publishing setup. Keep this comment.');
    expect(merged.text).toContain('# the release workflow');
    expect(merged.text).toContain('repository: acme/widget # renamed in 2026');
    expect(merged.text).toContain('no-long-lived-token: info # we still have one token');
    expect(merged.text).not.toContain('gone.yml');
    const config = read(merged.text);
    expect(config.publishers).toMatchObject([{ repository: 'acme/widget', workflow: 'release.yml', environment: 'npm', packages: ['@acme/widget', 'widget-cli'] }]);
    expect(config.rules).toEqual({ 'no-long-lived-token': 'info' });
  });

  it('keeps a value the analysis could not fill (an environment given as an expression)', () => {
    const merged = mergeInto(existing, 'tp-doctor.yml', [{ ...GITHUB, environment: undefined }]);
    expect(merged.ok && read(merged.text).publishers[0]!.environment).toBe('old-env');
  });

  it('adds new publishers after the matching ones', () => {
    const merged = mergeInto(existing, 'tp-doctor.yml', [GITHUB, GITLAB]);
    expect(merged.ok && read(merged.text).publishers.map((p) => p.provider)).toEqual(['github', 'gitlab']);
  });

  it('refuses a file that is not valid YAML', () => {
    expect(mergeInto('publishers: [\n', 'tp-doctor.yml', [GITHUB])).toMatchObject({ ok: false, message: expect.stringContaining('not valid YAML') });
    expect(mergeInto('- a\n- b\n', 'tp-doctor.yml', [GITHUB])).toEqual({ ok: false, message: 'cannot update tp-doctor.yml: its top level is not a map of keys' });
  });

  it('fills an empty file', () => {
    const merged = mergeInto('# nothing yet\n', 'tp-doctor.yml', [GITHUB]);
    expect(merged.ok && merged.text.startsWith('# nothing yet\n')).toBe(true);
    expect(merged.ok && read(merged.text).publishers).toHaveLength(1);
  });
});

const CIRCLE: PlannedPublisher = {
  provider: 'circleci',
  owner: 'github.com/acme/widget',
  ownerFrom: 'git remote origin',
  file: '.circleci/config.yml',
  path: '.circleci/config.yml',
  allowedActions: ['publish'],
  packages: ['circle-widget'],
  commands: ['npm publish'],
  contexts: ['npm'],
  notes: ['the organization, project and pipeline definition ids are known only to CircleCI'],
};

describe('a CircleCI publisher', () => {
  it('is written as a comment (its ids are only on CircleCI): alone, under an empty list, so the publisher is still inferred', () => {
    const text = renderNew([CIRCLE], []);
    expect(read(text).publishers).toEqual([]);
    const entry = text.slice(text.indexOf('publishers: []\n') + 'publishers: []\n'.length);
    expect(entry).toBe(
      [
        '  # CircleCI publisher for .circleci/config.yml, written as a comment:',
        '  # change `publishers: []` above to `publishers:`, fill in the ids CircleCI shows, remove the `# ` in front of each line below; until then tp-doctor infers this publisher (without its ids) and checks the configuration as before.',
        '  # # .circleci/config.yml publishes with `npm publish`.',
        '  # # CHECK: the organization, project and pipeline definition ids are known only to CircleCI',
        '  # - provider: circleci # CircleCI cloud',
        '  #   # UUID from CircleCI: Organization Settings > Overview (organization ID)',
        '  #   organizationId: <organization-id>',
        '  #   # UUID from CircleCI: Project Settings > Overview (project ID)',
        '  #   projectId: <project-id>',
        '  #   # UUID from CircleCI: Project Settings > Project Setup (the ID of the pipeline definition that runs this configuration)',
        '  #   pipelineDefinitionId: <pipeline-definition-id>',
        '  #   # host/owner/repo, no scheme, as CircleCI names the repository (from the git remote origin)',
        '  #   vcsOrigin: github.com/acme/widget',
        '  #   # the configuration the pipeline definition runs',
        '  #   configFile: .circleci/config.yml',
        '  #   # what the publisher may do on npmjs.com: publish, stage-publish (the configuration runs a publish)',
        '  #   allowedActions: [publish]',
        '  #   # the packages this publisher covers, exact names; each package needs this publisher registered on npmjs.com',
        '  #   packages:',
        '  #     - circle-widget',
        '',
      ].join('\n'),
    );
  });

  it('beside a GitHub publisher: the GitHub one declared, the CircleCI one a comment saying it is not checked until filled in', () => {
    const text = renderNew([GITHUB, CIRCLE], []);
    expect(read(text).publishers).toMatchObject([{ provider: 'github', workflow: 'release.yml' }]);
    expect(text).toContain('until then tp-doctor does not check this configuration against a CircleCI publisher.');
  });

  it('--force updates a filled-in CircleCI entry in place, its ids kept, and adds a new one as a comment only once', () => {
    const ids = '    organizationId: 0a1b2c3d-1111-4e5f-a6b7-c8d9e0f1a2b3\n    projectId: p\n    pipelineDefinitionId: d\n';
    const existing = `publishers:\n  - provider: circleci\n${ids}    vcsOrigin: github.com/old/name\n    allowedActions: [publish]\n`;
    const merged = mergeInto(existing, 'tp-doctor.yml', [{ ...CIRCLE, allowedActions: ['stage-publish'] }]);
    expect(merged.ok && merged.kept).toEqual(['publishers[0]']);
    const text = merged.ok ? merged.text : '';
    expect(text).toContain(ids);
    expect(read(text).publishers).toMatchObject([{ provider: 'circleci', vcsOrigin: 'github.com/acme/widget', allowedActions: ['stage-publish'], configFile: '.circleci/config.yml' }]);
    const fresh = mergeInto('rules: {}\n', 'tp-doctor.yml', [CIRCLE]);
    const once = fresh.ok ? fresh.text : '';
    expect(once).toContain('publishers: []\n  # CircleCI publisher for .circleci/config.yml');
    const again = mergeInto(once, 'tp-doctor.yml', [CIRCLE]);
    expect(again.ok && again.text).toBe(once);
  });
});
