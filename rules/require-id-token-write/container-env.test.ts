/**
 * require-id-token-write for a publish in a `docker run` container (src/model/npm/container-env.ts):
 * the container gets only the variables its options pass, so npm there needs `GITHUB_ACTIONS` and
 * the token request variables passed in.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lintFiles, releaseRepo as repo, setupNodeWorkflow as workflow } from '../../test/helpers.js';
import { containerOidcGap } from '../../src/model/npm/container-env.js';

const RULE = 'require-id-token-write';
const run = (line: string): Record<string, string> => repo(workflow('          node-version: 24\n', `      - run: ${line}\n`));
const lint = async (line: string): Promise<Diagnostic[]> => (await lintFiles(run(line), { rule: RULE })) as Diagnostic[];

describe(`${RULE}: a publish in a container`, () => {
  it('nothing passed: a warning at the publish, naming the variables and how to pass them', async () => {
    const [d, ...rest] = await lint('docker run --rm -v "$PWD:/w" -w /w node:24 npm publish');
    expect(rest).toEqual([]);
    expect([d?.severity, d?.messageId, d?.line, d?.column]).toEqual(['warning', 'containerEnv', 14, 14]);
    expect(d?.message).toBe('`npm publish` runs in a container of image "node:24", which does not get `GITHUB_ACTIONS`, `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN` from the job: npm inside it cannot get the OIDC token');
    expect(d?.fix).toContain('`-e GITHUB_ACTIONS` `-e ACTIONS_ID_TOKEN_REQUEST_URL` `-e ACTIONS_ID_TOKEN_REQUEST_TOKEN` to the `docker run` command');
  });

  it('the fix names the command that starts the container (`podman run`, `docker container run`)', async () => {
    const [p] = await lint('podman run --rm node:24 npm publish');
    expect([p?.messageId, p?.fix]).toEqual(['containerEnv', expect.stringContaining('to the `podman run` command')]);
    const [t] = await lint('podman run -e NPM_TOKEN node:24 npm publish');
    expect([t?.messageId, t?.fix]).toEqual(['containerEnvToken', expect.stringContaining('to the `podman run` command')]);
    const [c] = await lint('docker container run --env-file ci.env node:24 npm publish');
    expect([c?.messageId, c?.fix]).toEqual(['containerEnvUnread', expect.stringContaining('to the `docker run` command')]);
  });

  it('all passed (by name, with a value, or `NPM_ID_TOKEN`), or the whole environment: quiet', async () => {
    expect(await lint('docker run -e GITHUB_ACTIONS -e ACTIONS_ID_TOKEN_REQUEST_URL -e ACTIONS_ID_TOKEN_REQUEST_TOKEN node:24 npm publish')).toEqual([]);
    expect(await lint('docker run --env GITHUB_ACTIONS=true -e NPM_ID_TOKEN node:24 sh -c "npm publish"')).toEqual([]);
    expect(await lint('podman run --env-host node:24 npm publish')).toEqual([]);
  });

  it('only the token variables: `GITHUB_ACTIONS` is still missing (npm tries OIDC only on a CI it recognises)', async () => {
    const [d] = await lint('docker run -e ACTIONS_ID_TOKEN_REQUEST_URL -e ACTIONS_ID_TOKEN_REQUEST_TOKEN node:24 npm publish');
    expect([d?.severity, d?.data.missing]).toEqual(['warning', '`GITHUB_ACTIONS`']);
  });

  it('a registry token passed in (`-e NPM_TOKEN`): a token may still publish, a warning naming it', async () => {
    const [d, ...rest] = await lint('docker run -e NPM_TOKEN -v "$PWD:/w" -w /w node:24 npm publish');
    expect([rest, d?.severity, d?.messageId, d?.data.token]).toEqual([[], 'warning', 'containerEnvToken', 'NPM_TOKEN']);
    expect(d?.message).toBe('`npm publish` runs in a container of image "node:24", which does not get `GITHUB_ACTIONS`, `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN` from the job: npm inside it cannot use trusted publishing, and publishes only with the token passed in as `NPM_TOKEN`');
  });

  it('an `--env-file` or a variable as the option: a warning naming it', async () => {
    const [d, ...rest] = await lint('docker run --env-file .ci.env node:24 npm publish');
    expect([rest, d?.severity, d?.messageId, d?.data.unread]).toEqual([[], 'warning', 'containerEnvUnread', '--env-file .ci.env']);
  });

  it('control: a publish on the runner itself is not concerned', async () => {
    expect(await lint('npm publish')).toEqual([]);
  });

  it('GitLab and CircleCI need `NPM_ID_TOKEN` and their own CI variable', () => {
    expect(containerOidcGap({ runner: 'docker run', image: 'node:24', env: ['NPM_ID_TOKEN'] }, 'gitlab')).toEqual({ missing: ['GITLAB_CI'] });
    expect(containerOidcGap({ runner: 'docker run', image: 'node:24', env: ['CIRCLECI', 'NPM_ID_TOKEN'] }, 'circleci')).toBeUndefined();
  });
});
