import { describe, expect, it } from 'vitest';
import { analyzeScript } from './publish-commands.js';
import { clearedOidcGap, environmentCommand } from './environment-runs.js';
import { ENVIRONMENT_RUNNERS } from '../data/environment-runs.js';

const runner = (id: string) => ENVIRONMENT_RUNNERS.find((r) => r.id === id)!;

describe('environmentCommand: the command an environment manager runs', () => {
  const rows: [id: string, words: string[], from: number, expected: ReturnType<typeof environmentCommand>][] = [
    ['nix-develop', ['nix', 'develop', '--command', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'nix develop --command' }],
    ['nix-develop', ['nix', 'develop', '.#ci', '-c', 'npm', 'publish', '--tag', 'next'], 2, { rest: ['npm', 'publish', '--tag', 'next'], runtime: 'nix develop .#ci -c' }],
    // A value that is `-c` is an option's, not the command's start.
    ['nix-develop', ['nix', 'develop', '--arg', 'x', '-c', '--phase', '-c', '-c', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'nix develop --arg x -c --phase -c -c' }],
    ['nix-develop', ['nix', 'shell', 'nixpkgs#nodejs_24', 'nixpkgs#jq', '-c', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'nix shell nixpkgs#nodejs_24 nixpkgs#jq -c' }],
    // Without a command: an interactive shell, nothing read.
    ['nix-develop', ['nix', 'develop', '.#ci'], 2, undefined],
    ['nix-shell', ['nix-shell', '-p', 'nodejs', '--run', 'npm publish'], 1, { rest: [], command: 'npm publish', runtime: 'nix-shell -p nodejs --run' }],
    ['nix-shell', ['nix-shell', '--argstr', 'a', '--run', '--command=npm publish'], 1, { rest: [], command: 'npm publish', runtime: 'nix-shell --argstr a --run --command' }],
    ['nix-shell', ['nix-shell', 'shell.nix'], 1, undefined],
    ['devbox-run', ['devbox', 'run', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'devbox run' }],
    ['devbox-run', ['devbox', 'run', '-c', 'tools', '--pure', '--', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'devbox run -c tools --pure --' }],
    ['direnv-exec', ['direnv', 'exec', '.', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'direnv exec .' }],
    ['direnv-exec', ['direnv', 'exec', 'packages/a'], 2, undefined],
    ['flox-activate', ['flox', 'activate', '-d', 'env', '--', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'flox activate -d env --' }],
    ['flox-activate', ['flox', 'activate'], 2, undefined],
    // Clearing the environment: the variables kept (`-k`, `--keep VAR`, `--keep-env-var=VAR`), none by default.
    ['nix-develop', ['nix', 'develop', '-i', '-c', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'nix develop -i -c', keptEnv: [] }],
    ['nix-develop', ['nix', 'develop', '--ignore-env', '-k', 'A', '--keep', 'B', '--keep-env-var=C', '-c', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'nix develop --ignore-env -k A --keep B --keep-env-var=C -c', keptEnv: ['A', 'B', 'C'] }],
    ['nix-develop', ['nix', 'shell', '--ignore-environment', 'nixpkgs#nodejs', '-c', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'nix shell --ignore-environment nixpkgs#nodejs -c', keptEnv: [] }],
    // `--keep` alone keeps, it does not clear; a kept variable is a value, not the installable.
    ['nix-develop', ['nix', 'develop', '-k', 'A', '-c', 'npm', 'publish'], 2, { rest: ['npm', 'publish'], runtime: 'nix develop -k A -c' }],
    ['nix-shell', ['nix-shell', '--pure', '--keep', 'A', '--run', 'npm publish'], 1, { rest: [], command: 'npm publish', runtime: 'nix-shell --pure --keep A --run', keptEnv: ['A'] }],
  ];
  it.each(rows)('%s %j', (id, words, from, expected) => {
    const r = runner(id);
    expect(environmentCommand(r.environment, r.valueFlags, words, from)).toEqual(expected);
  });
});

describe('a publish an environment manager runs: read, with the environment\'s npm (PathShim.environment)', () => {
  const rows: [script: string, recognizer: string, shim: string][] = [
    ["nix develop --command bash -c '\n  set -euo pipefail\n  npm ci\n  npm publish\n'", 'npm-publish', 'nix develop --command'],
    ['nix --extra-experimental-features "nix-command flakes" develop -c npm publish', 'npm-publish', 'nix --extra-experimental-features nix-command flakes develop -c'],
    ["nix-shell --run 'npx semantic-release'", 'semantic-release', 'nix-shell --run'],
    ['devbox run -- pnpm publish -r', 'pnpm-publish', 'devbox run --'],
    ['direnv exec . npx changeset publish', 'changeset-publish', 'direnv exec .'],
    ['flox activate -- npm publish', 'npm-publish', 'flox activate --'],
  ];
  it.each(rows)('%s', (script, recognizer, shim) => {
    const { matches, unread } = analyzeScript(script, { dir: '' });
    expect(matches.map((m) => [m.recognizer, m.pathShim])).toEqual([[recognizer, { path: shim, holds: 'runtime', environment: true }]]);
    expect(unread).toEqual([]);
  });
  it('reads nothing from a manager that runs no command, and leaves its other uses unread as before', () => {
    expect(analyzeScript('nix develop').matches).toEqual([]);
    expect(analyzeScript('nix run .#publish').unread.map((u) => u.text)).toEqual(['nix run .#publish']);
    expect(analyzeScript('devbox run release').unread.map((u) => u.text)).toEqual(['devbox run release']);
  });
});

describe('clearedOidcGap: what npm lacks for the OIDC exchange in a cleared environment', () => {
  it.each([
    [[], 'github', ['GITHUB_ACTIONS', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']],
    [['GITHUB_ACTIONS', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'], 'github', []],
    [['GITHUB_ACTIONS', 'NPM_ID_TOKEN'], 'github', []],
    [['ACTIONS_ID_TOKEN_REQUEST_URL'], 'github', ['GITHUB_ACTIONS', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']],
    [['NPM_ID_TOKEN'], 'gitlab', ['GITLAB_CI']],
  ] as const)('%j on %s', (kept, provider, missing) => {
    expect(clearedOidcGap(kept, provider)).toEqual(missing);
  });
});
