/**
 * GitLab jobs that choose the registry, or the `_authToken` key, through a variable their
 * `variables:` set (survey 300f §2 and §3: rxap/schematics and rxap/plugins publish one template to
 * three registries, `npm publish --registry $PACKAGE_REGISTRY` after
 * `npm config set "${PACKAGE_REGISTRY#https?}:_authToken=${PACKAGE_REGISTRY_TOKEN}"`).
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { loadProject, type Project } from '../../src/model/project.js';
import { putShellValues } from '../../src/model/npm/shell-values.js';
import { findTokenWrites } from '../../src/model/npm/tokens.js';
import { gitlabRepo, lintFiles } from '../helpers.js';

const GIT = { '.git/config': '[remote "origin"]\n\turl = https://gitlab.com/acme/widget.git\n' };
const PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0' });

/** rxap's template and its jobs; `write`: the token line (none when empty); `registries`: `PACKAGE_REGISTRY` of each job. */
function rxap(write: string, registries: Record<string, string | undefined>, publish = 'npm publish --registry $PACKAGE_REGISTRY --access public', first = ''): string {
  const jobs = Object.entries(registries).flatMap(([name, registry]) => [
    `${name}:`,
    '  extends: .publish',
    '  variables:',
    ...(registry === undefined ? [] : [`    PACKAGE_REGISTRY: ${registry}`]),
    '    PACKAGE_REGISTRY_TOKEN: "$NPM_TOKEN"',
  ]);
  return ['.publish:', '  image: node:24', '  script:', ...(first ? [`    - ${first}`] : []), ...(write ? [`    - ${write}`] : []), `    - ${publish}`, ...jobs, ''].join('\n');
}
const WRITE = 'npm config set "${PACKAGE_REGISTRY#https?}:_authToken=${PACKAGE_REGISTRY_TOKEN}"';
const THREE = { 'publish:npm': 'https://registry.npmjs.org/', 'publish:rxap': 'https://npm.rxap.dev/', 'publish:gitlab': '"${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/npm/"' };

function load(ci: string): Project {
  return loadProject(new MemoryFs({ 'package.json': PKG, '.gitlab-ci.yml': ci }));
}

/** `job certainty registry` per site. */
function sites(p: Project): string[] {
  return p.facts.sites.map((s) => `${s.provider === 'github' ? s.job.id : s.job.name} ${s.certainty} ${s.registry.registry}`);
}

describe('putShellValues', () => {
  const values: Record<string, string> = { R: 'https://registry.npmjs.org/', G: '${CI_API_V4_URL}/packages/npm/', F: 'a.b.c' };
  const put = (word: string): string => putShellValues(word, (name) => values[name]);
  it.each([
    ['--registry=$R', '--registry=https://registry.npmjs.org/'],
    ['${R}', 'https://registry.npmjs.org/'],
    ['${R#https?}:_authToken', '//registry.npmjs.org/:_authToken'],
    ['${R#https:}', '//registry.npmjs.org/'],
    ['${R##*/}', ''],
    ['${R%/}', 'https://registry.npmjs.org'],
    ['${F%.*}', 'a.b'],
    ['${F%%.*}', 'a'],
    ['${F#*.}', 'b.c'],
    ['${F##*.}', 'c'],
    ['${F#[ab].}', 'b.c'],
    // A plain reference takes a value that holds references of its own, as it is.
    ['$G', '${CI_API_V4_URL}/packages/npm/'],
  ])('%s → %s', (word, expected) => {
    expect(put(word)).toBe(expected);
  });
  it.each([
    // Controls: an unknown name, another expansion form, a removal on a value tp-doctor cannot read, a pattern that expands.
    ['$UNKNOWN/x'],
    ['${R:-https://x/}'],
    ['${#R}'],
    ['${G#https?}'],
    ['${R#$P}'],
  ])('%s stays as written', (word) => {
    expect(put(word)).toBe(word);
  });
});

describe('findTokenWrites with a key built from a variable', () => {
  const values: Record<string, string> = { NPMJS: 'https://registry.npmjs.org/', OTHER: 'https://npm.example.com/' };
  const variableKeys = (key: string): string => putShellValues(key, (name) => values[name]);
  const registries = (text: string): string[] => findTokenWrites(text, { variableKeys }).map((w) => w.registry ?? 'npmjs');
  it('without the option such keys are not read (every other caller)', () => {
    expect(findTokenWrites('npm config set "${NPMJS#https?}:_authToken=$T"')).toEqual([]);
  });
  it.each([
    ['npm config set "${NPMJS#https?}:_authToken=$T"', ['npmjs']],
    ['npm config set "${NPMJS#https:}:_authToken" "$T"', ['npmjs']],
    ['npm config set "//${HOST}/:_authToken=$T"', ['unknown']],
    ['npm config set "${UNSET#https?}:_authToken=$T"', ['unknown']],
    ['echo "${NPMJS#https:}:_authToken=${T}" >> .npmrc', ['npmjs']],
    ['echo "${UNSET#https:}:_authToken=${T}" >> ~/.npmrc', ['unknown']],
    // Controls: another registry, GitLab's own registry, an empty value.
    ['npm config set "${OTHER#https?}:_authToken=$T"', []],
    ['npm config set "${CI_API_V4_URL#https?}/projects/${CI_PROJECT_ID}/packages/npm/:_authToken=$T"', []],
    ['echo "${OTHER#https:}:_authToken=${T}" >> .npmrc', []],
    ['npm config set "${NPMJS#https?}:_authToken="', []],
  ])('%s', (text, expected) => {
    expect(registries(text)).toEqual(expected);
  });
  it('a literal key is read as before, with or without the option', () => {
    expect(registries('npm config set //registry.npmjs.org/:_authToken "$T"')).toEqual(['npmjs']);
  });
});

describe('GitLab: `--registry $VAR` from the job\'s `variables:` (rxap/schematics)', () => {
  it('each job publishes where its own variables say: npmjs for one, another registry for the others', () => {
    expect(sites(load(rxap(WRITE, THREE)))).toEqual(['publish:npm certain npmjs', 'publish:rxap certain other', 'publish:gitlab certain other']);
  });
  it('the site names where the value came from', () => {
    const site = load(rxap(WRITE, THREE)).facts.sites[0];
    expect(site?.registry.setting?.source).toBe('`--registry` on `npm publish` (with the `variables:` of `publish:npm`)');
  });
  it('control: a variable the configuration does not set stays unknown (a possible publish)', () => {
    expect(sites(load(rxap(WRITE, { 'publish:npm': undefined })))).toEqual(['publish:npm possible unknown']);
  });
  it('control: a script line that changes the variable first leaves it unknown', () => {
    expect(sites(load(rxap(WRITE, { 'publish:npm': 'https://registry.npmjs.org/' }, undefined, 'export PACKAGE_REGISTRY=$(cat .registry)')))).toEqual(['publish:npm possible unknown']);
  });
  it('`npm config set registry $R`, `NPM_CONFIG_REGISTRY=$R npm publish` and an `NPM_CONFIG_REGISTRY: $R` variable', () => {
    const job = (lines: string[], vars = '    R: https://npm.example.com/'): string => ['publish:', '  image: node:24', '  variables:', vars, '  script:', ...lines.map((l) => `    - ${l}`), ''].join('\n');
    expect(sites(load(job(['npm config set registry $R', 'npm publish'])))).toEqual(['publish certain other']);
    expect(sites(load(job(['NPM_CONFIG_REGISTRY=$R npm publish'])))).toEqual(['publish certain other']);
    expect(sites(load(job(['npm publish'], '    R: https://npm.example.com/\n    NPM_CONFIG_REGISTRY: $R')))).toEqual(['publish certain other']);
    // Control: the same with R unset is unknown.
    expect(sites(load(job(['npm config set registry $R', 'npm publish'], '    X: "1"')))).toEqual(['publish possible unknown']);
  });
});

describe('GitLab: a token written under a key built from a variable stands in for trusted publishing (no error)', () => {
  const idToken = (ds: { ruleId: string; severity: string; data?: Record<string, unknown> }[]): string[] =>
    ds.filter((d) => d.ruleId === 'gitlab-npm-id-token').map((d) => `${String(d.data?.['job'])} ${d.severity}`);
  it('rxap: the npmjs job is a certain publish that authenticates with $NPM_TOKEN: a warning, and no finding for the other registries', async () => {
    const found = await lintFiles({ ...gitlabRepo(rxap(WRITE, THREE)), ...GIT });
    expect(found.filter((d) => d.severity === 'error')).toEqual([]);
    expect(idToken(found)).toEqual(['publish:npm warning']);
    expect(found.find((d) => d.ruleId === 'no-long-lived-token')?.message).toContain('CI/CD variable `$NPM_TOKEN`');
  });
  it('control: without the token line the npmjs job has no token: an error', async () => {
    expect(idToken(await lintFiles({ ...gitlabRepo(rxap('', THREE)), ...GIT }))).toEqual(['publish:npm error']);
  });
  it('a key tp-doctor cannot put in is a token for an unknown registry: still no error', async () => {
    const literal = 'npm publish --registry https://registry.npmjs.org/';
    const found = await lintFiles({ ...gitlabRepo(rxap(WRITE, { 'publish:npm': undefined }, literal)), ...GIT });
    expect(idToken(found)).toEqual(['publish:npm warning']);
    const why = found.find((d) => d.ruleId === 'gitlab-npm-id-token')?.why;
    expect(why).toContain('a token its script writes into the npm configuration, for a registry a variable names');
    // Not reported as an npm token: the registry is not known to be npmjs.
    expect(found.filter((d) => d.ruleId === 'no-long-lived-token')).toEqual([]);
    // Control: a key the job's variables make another registry's is no npm token: the error stays.
    const elsewhere = rxap(WRITE, { 'publish:npm': 'https://npm.example.com/' }, literal);
    expect(idToken(await lintFiles({ ...gitlabRepo(elsewhere), ...GIT }))).toEqual(['publish:npm error']);
  });
});
