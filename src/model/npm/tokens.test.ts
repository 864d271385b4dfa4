import { describe, expect, it } from 'vitest';
import { findTokenWrites } from './tokens.js';

describe('findTokenWrites', () => {
  // [script, the values of the token writes found]
  it.each([
    ['npm config set //registry.npmjs.org/:_authToken "$T"', ['$T']],
    ['npm config set //localhost:4000/:_authToken abc', []],
    ['yarn config set npmAuthToken abc', ['abc']],
    // semaphore-protocol/semaphore: a top-level npmAuthToken echoed into .yarnrc.yml.
    ['echo npmAuthToken: "$NODE_AUTH_TOKEN" >> ./.yarnrc.yml', ['$NODE_AUTH_TOKEN']],
    ["printf 'npmAuthToken: %s\\n' \"$T\" > .yarnrc.yml", ['%s\\n']],
    ['echo "npmScopes:\\n  acme:\\n    npmAuthToken: $T" >> .yarnrc.yml', []],
    ['echo npmAuthToken: "$T" >> notes.txt', []],
    ['echo npmAuthToken: "" >> .yarnrc.yml', []],
    ['yarn config set npmPublishRegistry http://localhost:4000\necho npmAuthToken: "$T" >> .yarnrc.yml', []],
    // Yarn 2+ sends a top-level npmAuthToken to its own registry: after a registry that is not
    // npmjs (or that tp-doctor cannot read) it is that registry's token, as `//localhost:4000/` is for npm.
    ['yarn config set npmPublishRegistry http://localhost:4000\nyarn config set npmAuthToken abc', []],
    ['yarn config set npmAuthToken abc\nyarn config set -H npmRegistryServer http://localhost:4000', []],
    ['yarn config set npmPublishRegistry "$REGISTRY"\nyarn config set npmAuthToken abc', []],
    ['yarn config set npmPublishRegistry https://registry.npmjs.org\nyarn config set npmAuthToken abc', ['abc']],
    ['yarn config set npmRegistryServer https://registry.yarnpkg.com\nyarn config set npmAuthToken abc', ['abc']],
    // A scope's registry elsewhere says nothing of the top-level token; npm's registry neither.
    ['yarn config set npmScopes.acme.npmPublishRegistry http://localhost:4000\nyarn config set npmAuthToken abc', ['abc']],
    ['npm config set registry http://localhost:4000\nyarn config set npmAuthToken abc', ['abc']],
  ])('%s', (script, values) => {
    expect(findTokenWrites(script).map((w) => w.value)).toEqual(values);
  });
});
