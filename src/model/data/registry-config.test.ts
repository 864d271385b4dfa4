import { describe, expect, it } from 'vitest';
import { normalizeRegistryKey, npmEnvConfigKey, registryConfigKey, yarnEnvRegistryKey, yarnKeyParts, yarnPublishKeys } from './registry-config.js';

describe('registry keys a `config set` writes', () => {
  // [bin, key as written, configuration file, key kept] (undefined: not a registry key of that bin)
  it.each([
    ['npm', 'registry', 'npmrc', 'registry'],
    ['npm', '@Acme:registry', 'npmrc', '@acme:registry'],
    ['pnpm', 'registry', 'npmrc', 'registry'],
    ['yarn', 'registry', 'yarnrc', 'registry'],
    ['yarn', '@acme:registry', 'yarnrc', '@acme:registry'],
    ['yarn', 'npmPublishRegistry', 'yarnrc-yml', 'npmPublishRegistry'],
    ['yarn', 'npmRegistryServer', 'yarnrc-yml', 'npmRegistryServer'],
    ['yarn', 'npmScopes.acme.npmPublishRegistry', 'yarnrc-yml', 'npmScopes.acme.npmPublishRegistry'],
    ['yarn', 'npmScopes["my-co"].npmRegistryServer', 'yarnrc-yml', 'npmScopes.my-co.npmRegistryServer'],
    ['yarn', "npmScopes['Acme'].npmPublishRegistry", 'yarnrc-yml', 'npmScopes.acme.npmPublishRegistry'],
    // Yarn 2+ settings are case-sensitive, and npm has none of Yarn's.
    ['yarn', 'npmpublishregistry', undefined, undefined],
    ['npm', 'npmPublishRegistry', undefined, undefined],
    ['yarn', 'npmAuthToken', undefined, undefined],
    ['yarn', 'npmScopes.acme.npmAuthToken', undefined, undefined],
    ['bun', 'registry', undefined, undefined],
  ])('%s config set %s → %s %s', (bin, key, file, kept) => {
    const row = registryConfigKey(bin, key);
    expect(row?.file).toBe(file);
    expect(row && normalizeRegistryKey(row, key)).toBe(kept);
  });

  it('only Yarn 2+ keys have a home configuration, and only npm-style keys take `key=value`', () => {
    expect(registryConfigKey('yarn', 'npmPublishRegistry')).toMatchObject({ homeFile: 'home-yarnrc-yml', assignment: false });
    expect(registryConfigKey('yarn', 'registry')).toMatchObject({ assignment: true });
    expect(registryConfigKey('yarn', 'registry')?.homeFile).toBeUndefined();
  });

  it.each([
    [undefined, ['npmPublishRegistry', 'npmRegistryServer']],
    ['@Acme', ['npmScopes.acme.npmPublishRegistry', 'npmScopes.acme.npmRegistryServer', 'npmPublishRegistry', 'npmRegistryServer']],
  ])('Yarn 2+ reads the publish registry of scope %s from %j', (scope, keys) => {
    expect(yarnPublishKeys(scope)).toEqual(keys);
  });

  it.each([
    ['npmPublishRegistry', { name: 'npmPublishRegistry' }],
    ['npmScopes.acme.npmRegistryServer', { scope: 'acme', name: 'npmRegistryServer' }],
    ['npmScopes.acme.js.npmPublishRegistry', { scope: 'acme.js', name: 'npmPublishRegistry' }],
  ])('%s is read from the .yarnrc.yml as %j', (key, parts) => {
    expect(yarnKeyParts(key)).toEqual(parts);
  });
});

describe('the configuration key an environment variable sets', () => {
  // @npmcli/config `loadEnv`: `npm_config_` in any case, the rest lowercased, `_` after the first character read as `-`; `//` keys as written.
  it.each([
    ['npm_config_registry', 'registry'],
    ['NPM_CONFIG_REGISTRY', 'registry'],
    ['NPM_CONFIG_@ACME:REGISTRY', '@acme:registry'],
    ['npm_config_@my_co:registry', '@my-co:registry'],
    ['npm_config__auth', '_auth'],
    ['npm_config_//registry.npmjs.org/:_authToken', '//registry.npmjs.org/:_authToken'],
    ['npm_config_', undefined],
    ['NPM_TOKEN', undefined],
  ])('npm: %s → %s', (name, key) => {
    expect(npmEnvConfigKey(name)).toBe(key);
  });

  // Yarn 2+ `getEnvironmentSettings`: `yarn_` in any case, the rest camel-cased.
  it.each([
    ['YARN_NPM_PUBLISH_REGISTRY', 'npmPublishRegistry'],
    ['yarn_npm_registry_server', 'npmRegistryServer'],
    ['YARN_NPM_AUTH_TOKEN', undefined],
    ['NPM_CONFIG_REGISTRY', undefined],
  ])('Yarn 2+: %s → %s', (name, key) => {
    expect(yarnEnvRegistryKey(name)).toBe(key);
  });
});
