import { describe, expect, it } from 'vitest';
import { actionImage, IMAGE_NODE_ACTIONS, NODE_ACTION_DEFAULTS, NODE_ACTIONS, NODE_SETUP_ACTION_NAMES, SETUP_NODE_WRAPPERS, suggestsNodeSetup } from './node-actions.js';

describe('actions that install Node', () => {
  it.each([
    ['actions/setup-node', 'setup-node'],
    ['Actions/Setup-Node', 'setup-node'],
    ['useblacksmith/setup-node', 'setup-node'],
    ['jdx/mise-action', 'mise'],
    ['pnpm/setup', 'pnpm-setup'],
    ['volta-cli/action', 'volta'],
    ['pnpm/action-setup', undefined],
    // Composite actions that run actions/setup-node with inputs of their own.
    ['oxc-project/setup-node', 'setup-node-wrapper'],
    ['sxzz/workflows/setup-js', 'setup-node-wrapper'],
    // Publishing actions that set up Node themselves.
    ['ioBroker/testing-action-deploy', 'setup-node'],
    ['danielroe/uppt/publish', 'setup-node'],
    ['danielroe/uppt/pack', undefined],
  ])('%s is read as %s', (name, reader) => expect(NODE_ACTIONS.get(name.toLowerCase())).toBe(reader));

  it.each([
    // mikeal/merge-release's Dockerfile: `FROM node:18-slim`.
    ['mikeal/merge-release', 'node:18-slim'],
    ['Mikeal/Merge-Release', 'node:18-slim'],
    ['mikeal/merge-release/sub', undefined],
    ['actions/setup-node', undefined],
    [undefined, undefined],
  ])('%s publishes in the image %s', (name, image) => expect(actionImage(name)).toBe(image));

  it('every action image is a `node:` image whose tag names a Node', () => {
    for (const [name, image] of IMAGE_NODE_ACTIONS) expect(image, name).toMatch(/^node:\d+(?:\.\d+){0,2}(?:-[\w.-]+)?$/);
  });

  it('every setup-node wrapper is read as one, and passes a version or a file', () => {
    for (const [name, row] of SETUP_NODE_WRAPPERS) {
      expect(NODE_ACTIONS.get(name), name).toBe('setup-node-wrapper');
      expect(row.nodeVersion !== undefined || row.nodeVersionFile !== undefined, name).toBe(true);
    }
    for (const [name, reader] of NODE_ACTIONS) if (reader === 'setup-node-wrapper') expect(SETUP_NODE_WRAPPERS.has(name), name).toBe(true);
  });

  it('an action with a default Node is one read as setup-node', () => {
    for (const name of NODE_ACTION_DEFAULTS.keys()) expect(NODE_ACTIONS.get(name)).toBe('setup-node');
    expect(NODE_ACTION_DEFAULTS.get('danielroe/uppt/publish')).toBe('24');
    expect(NODE_ACTION_DEFAULTS.has('actions/setup-node')).toBe(false);
  });

  it.each([
    // `*/setup-node*`, `*/setup-js*`, `*/setup*` with node in the name.
    ['acme/setup-node', true],
    // Read (NODE_ACTIONS), so not an unread Node setup.
    ['oxc-project/setup-node', false],
    ['sxzz/workflows/setup-js', false],
    ['acme/setup-node-pnpm', true],
    ['acme/ci/setup-node', true],
    ['acme/workflows/setup-js', true],
    ['nodenv/setup', true],
    ['acme/node-setup', true],
    ['acme/setup-nodejs-and-pnpm', true],
    ['Acme/Setup-Node', true],
    // A toolchain manager that installs Node from a committed file (elbywan/wretch).
    ['moonrepo/setup-toolchain', true],
    ['moonrepo/setup-proto', true],
    ['acme/setup-toolchain', false],
    ['dtolnay/rust-toolchain', false],
    ['acme/action', false],
    // Read by tp-doctor, local, or not about Node.
    ['actions/setup-node', false],
    ['useblacksmith/setup-node', false],
    ['pnpm/setup', false],
    ['volta-cli/action', false],
    ['./.github/actions/setup-node', false],
    ['docker://node-setup', false],
    ['pnpm/action-setup', false],
    ['actions/setup-python', false],
    ['oven-sh/setup-bun', false],
    ['denoland/setup-deno', false],
    ['docker/setup-qemu-action', false],
    ['acme/nodemailer-action', false],
    ['setup-node/checkout', false],
    ['actions/checkout', false],
    // Review of 2026-12-04: named after setup-node, but about its cache.
    ['acme/setup-node-cache-restore', false],
    ['acme/setup-node-cache', false],
    ['acme/node-setup-save', false],
  ])('%s suggests it sets up Node: %s', (name, want) => expect(suggestsNodeSetup(name)).toBe(want));

  it('each name pattern matches its example', () => {
    for (const row of NODE_SETUP_ACTION_NAMES) expect(suggestsNodeSetup(row.example), row.example).toBe(true);
  });
});
