import { describe, expect, it } from 'vitest';
import { circleciTrustCommand, shellWord, trustCommand, trustCommandProblem } from './trust-command.js';

describe('trustCommand', () => {
  it('GitHub, with an environment and both actions', () => {
    expect(
      trustCommand({ provider: 'github', pkg: '@acme/widget', file: 'release.yml', owner: 'acme/widget', environment: 'npm', actions: ['publish', 'stage-publish'] }),
    ).toBe('npm trust github @acme/widget --file release.yml --repository acme/widget --environment npm --allow-publish --allow-stage-publish');
  });

  it('GitLab, stage publish only, with -y', () => {
    expect(trustCommand({ provider: 'gitlab', pkg: 'widget', file: '.gitlab-ci.yml', owner: 'acme/tools/widget', actions: ['stage-publish'], yes: true })).toBe(
      'npm trust gitlab widget --file .gitlab-ci.yml --project acme/tools/widget --allow-stage-publish -y',
    );
  });

  it('always names an action (npm refuses a publisher without one)', () => {
    expect(trustCommand({ provider: 'github', pkg: 'w', file: 'r.yml', owner: 'o/r', actions: [] })).toMatch(/ --allow-publish$/);
  });

  it('quotes what the shell would split or expand', () => {
    expect(trustCommand({ provider: 'github', pkg: 'w', file: 'r.yml', owner: 'o/r', environment: "prod env's", actions: ['publish'] })).toBe(
      "npm trust github w --file r.yml --repository o/r --environment 'prod env'\\''s' --allow-publish",
    );
    expect(shellWord('$HOME')).toBe("'$HOME'");
    expect(shellWord('@a/b')).toBe('@a/b');
  });
});

describe('trustCommandProblem', () => {
  it.each([
    [{ provider: 'github', file: 'release.yml', owner: 'acme/widget' }, undefined],
    [{ provider: 'gitlab', file: '.gitlab-ci.yml', owner: 'acme/sub/widget' }, undefined],
    [{ provider: 'gitlab', file: 'ci/release.yml', owner: 'acme/widget' }, 'npm trust gitlab accepts only a file name'],
    [{ provider: 'github', file: 'release.json', owner: 'acme/widget' }, 'ending in .yml or .yaml'],
    [{ provider: 'github', file: 'release.yml', owner: 'acme/sub/widget' }, 'as owner/repo'],
    [{ provider: 'gitlab', file: '.gitlab-ci.yml', owner: 'widget' }, 'as group/project'],
  ] as const)('%j', (input, problem) => {
    const got = trustCommandProblem(input);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(problem);
  });
});

describe('circleciTrustCommand', () => {
  it('placeholders for the ids the files cannot tell, unquoted', () => {
    expect(circleciTrustCommand({ pkg: '@acme/widget', vcsOrigin: 'github.com/acme/widget', actions: ['publish'] })).toBe(
      'npm trust circleci @acme/widget --org-id <organization-id> --project-id <project-id> --pipeline-definition-id <pipeline-definition-id> --vcs-origin github.com/acme/widget --allow-publish',
    );
  });

  it('the ids given, context ids, both actions', () => {
    const input = { pkg: 'w', vcsOrigin: 'bitbucket.org/a/w', organizationId: 'o1', projectId: 'p1', pipelineDefinitionId: 'd1', contextIds: ['c1', 'c2'], actions: ['publish', 'stage-publish'] as const };
    expect(circleciTrustCommand(input)).toBe(
      'npm trust circleci w --org-id o1 --project-id p1 --pipeline-definition-id d1 --vcs-origin bitbucket.org/a/w --context-id c1 --context-id c2 --allow-publish --allow-stage-publish',
    );
  });
});
