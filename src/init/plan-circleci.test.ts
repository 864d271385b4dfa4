import { describe, expect, it } from 'vitest';
import { loadLintInput } from '../api.js';
import { EMPTY_CONFIG } from '../config/types.js';
import { MemoryFs } from '../fs/source.js';
import { repoFacts } from '../facts/repo-facts.js';
import { circleConfig, GITHUB_PKG, releaseWorkflow } from '../../test/helpers.js';
import { planInit, type InitPlan } from './plan.js';

function plan(files: Record<string, string>): InitPlan {
  const input = loadLintInput({ fs: new MemoryFs(files), config: EMPTY_CONFIG });
  if (!input.ok) throw new Error('config errors');
  return planInit(repoFacts(input.project, input.config));
}

const CIRCLE = '.circleci/config.yml';
const OIDC = `- run: |\n          export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')\n          npm publish`;
const withContext = (config: string, context: string): string => config.replace('      - publish\n', `      - publish:\n          context: ${context}\n`);
const IDS_NOTE =
  'the organization, project and pipeline definition ids are known only to CircleCI: `organizationId` from Organization Settings > Overview (organization ID); ' +
  '`projectId` from Project Settings > Overview (project ID); `pipelineDefinitionId` from Project Settings > Project Setup (the ID of the pipeline definition that runs this configuration)';
const PLACEHOLDERS = '--org-id <organization-id> --project-id <project-id> --pipeline-definition-id <pipeline-definition-id>';

describe('planInit on CircleCI', () => {
  it('a job that publishes with NPM_ID_TOKEN: the VCS origin, the configuration, the package, a command with placeholders', () => {
    const p = plan({ 'package.json': GITHUB_PKG, [CIRCLE]: circleConfig([OIDC]) });
    expect(p.publishers).toEqual([
      {
        provider: 'circleci',
        owner: 'github.com/acme/widget',
        ownerFrom: 'package.json `repository`',
        file: CIRCLE,
        path: CIRCLE,
        allowedActions: ['publish'],
        packages: ['widget'],
        commands: ['npm publish'],
        notes: [IDS_NOTE],
      },
    ]);
    expect(p.commands).toEqual([{ pkg: 'widget', command: `npm trust circleci widget ${PLACEHOLDERS} --vcs-origin github.com/acme/widget --allow-publish`, fillIn: true }]);
    expect(p.warnings).toEqual([`${CIRCLE}: ${IDS_NOTE}`]);
  });

  it('a job that publishes with a token from a context: planned the same, the context named', () => {
    const token = '- run: |\n          echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc\n          npm publish';
    const p = plan({ 'package.json': GITHUB_PKG, [CIRCLE]: withContext(circleConfig([token]), 'npm') });
    expect(p.publishers.map((x) => [x.provider, x.owner, x.packages, x.contexts])).toEqual([['circleci', 'github.com/acme/widget', ['widget'], ['npm']]]);
    expect(p.publishers[0]!.notes[1]).toBe(
      'the publishing job runs with the context "npm": to bind the publisher to it, register its id (Organization Settings > Contexts) and list it under `contextIds` (optional)',
    );
    expect(p.commands[0]!.command).toBe(`npm trust circleci widget ${PLACEHOLDERS} --vcs-origin github.com/acme/widget --allow-publish`);
  });

  it('a monorepo: every workspace package, one command each; a Bitbucket remote is the VCS origin', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], repository: 'https://bitbucket.org/acme/mono.git' }),
      'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0' }),
      'packages/b/package.json': JSON.stringify({ name: '@acme/b', version: '1.0.0' }),
      [CIRCLE]: circleConfig([OIDC.replace('npm publish', 'npm stage publish --workspaces')]),
    };
    const p = plan(files);
    expect(p.publishers.map((x) => [x.owner, x.packages, x.allowedActions])).toEqual([['bitbucket.org/acme/mono', ['@acme/a', '@acme/b'], ['stage-publish']]]);
    expect(p.commands.map((c) => c.command)).toEqual([
      `npm trust circleci @acme/a ${PLACEHOLDERS} --vcs-origin bitbucket.org/acme/mono --allow-stage-publish`,
      `npm trust circleci @acme/b ${PLACEHOLDERS} --vcs-origin bitbucket.org/acme/mono --allow-stage-publish`,
    ]);
  });

  it('no VCS origin: a note, and no command until it is filled in', () => {
    const p = plan({ 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0' }), [CIRCLE]: circleConfig([OIDC]) });
    expect(p.publishers[0]!.owner).toBeUndefined();
    expect(p.publishers[0]!.notes[0]).toMatch(/^the VCS origin could not be read .*`github\.com\/owner\/repo` or `bitbucket\.org\/owner\/repo`$/);
    expect(p.commands).toEqual([{ pkg: 'widget', problem: 'the VCS origin is unknown; fill it in tp-doctor.yml first' }]);
  });

  it('GitHub and CircleCI in one repository: both planned, GitHub first', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], repository: 'github:acme/mixed' }),
      'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0' }),
      'packages/b/package.json': JSON.stringify({ name: '@acme/b', version: '1.0.0' }),
      '.github/workflows/release.yml': releaseWorkflow('npm publish --workspace packages/a'),
      [CIRCLE]: circleConfig([OIDC.replace('npm publish', 'npm publish --workspace packages/b')]),
    };
    const p = plan(files);
    expect(p.publishers.map((x) => [x.provider, x.file, x.owner, x.packages])).toEqual([
      ['github', 'release.yml', 'acme/mixed', ['@acme/a']],
      ['circleci', CIRCLE, 'github.com/acme/mixed', ['@acme/b']],
    ]);
    expect(p.commands.map((c) => c.command)).toEqual([
      'npm trust github @acme/a --file release.yml --repository acme/mixed --allow-publish',
      `npm trust circleci @acme/b ${PLACEHOLDERS} --vcs-origin github.com/acme/mixed --allow-publish`,
    ]);
  });
});
