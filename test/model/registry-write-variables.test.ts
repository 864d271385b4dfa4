/**
 * A registry a script writes from a shell variable it set to a literal earlier (survey900b M3,
 * owlstronaut/circleci-trust-publish-test: `REGISTRY="https://registry.npmjs.org/"` then `npm config
 * set registry "$REGISTRY"` left the registry unknown, the publish possible, and npm 10.9.2 on
 * CircleCI an info instead of an error). The writes read the variable as a publish's `--registry
 * "$registry"` does (src/model/npm/shell-definitions.ts), with the same limits.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../src/fs/source.js';
import { registryWrites } from '../../src/model/npm/registry.js';
import { splitCommands } from '../../src/model/npm/shell.js';
import { loadProject } from '../../src/model/project.js';
import { gitlabRepo, lintFiles } from '../helpers.js';

const npmjs = 'https://registry.npmjs.org/';
const github = 'https://npm.pkg.github.com/';

describe('registryWrites: a URL that is a variable the script sets once to a literal', () => {
  /** The URLs of a script's registry writes, read with the script's text. */
  const urls = (script: string): string[] => registryWrites(splitCommands(script), script).map((w) => `${w.key} ${w.url}`);

  const resolved: [name: string, script: string, expected: string[]][] = [
    ['npm config set registry "$X"', `REGISTRY="${npmjs}"\nnpm config set registry "$REGISTRY"`, [`registry ${npmjs}`]],
    ['npm config set registry ${X}, export X=', `export REGISTRY=${npmjs}\nnpm config set registry \${REGISTRY}`, [`registry ${npmjs}`]],
    ['npm set registry=$X', `R=${npmjs}\nnpm set registry=$R`, [`registry ${npmjs}`]],
    ['another registry gives that registry', `REGISTRY=${github}\nnpm config set registry "$REGISTRY"`, [`registry ${github}`]],
    ['an .npmrc line echoed', `R=${github}\necho "@acme:registry=$R" >> ~/.npmrc`, [`@acme:registry ${github}`]],
    ['an unquoted heredoc into an .npmrc', `R=${github}\ncat <<EOF > .npmrc\nregistry=$R\nEOF`, [`registry ${github}`]],
    ['export NPM_CONFIG_REGISTRY=$X', `R=${github}\nexport NPM_CONFIG_REGISTRY="$R"`, [`registry ${github}`]],
    ['yarn config set', `R=${github}\nyarn config set npmPublishRegistry "$R"`, [`npmPublishRegistry ${github}`]],
    ['literal text and references', `host=npm.pkg.github.com\nR="https://\${host}/"\nnpm config set registry "$R"`, [`registry ${github}`]],
    // survey914a (adobe/react-spectrum verdaccio-deploy.sh): the key `registry` of `npm set registry` is text for npm, no second setter of `$registry`.
    [
      'a program\'s argument named like the variable sets nothing',
      'port=4000\nregistry="http://localhost:$port"\nyarn config set npmPublishRegistry $registry\nyarn config set npmRegistryServer $registry\nnpm set registry $registry',
      ['npmPublishRegistry http://localhost:4000', 'npmRegistryServer http://localhost:4000', 'registry http://localhost:4000'],
    ],
    ['nor a key=value argument or one for env', `registry=${github}\nenv registry=x true\nnpm config set registry=$registry`, [`registry ${github}`]],
  ];
  for (const [name, script, expected] of resolved) {
    it(`resolved: ${name}`, () => expect(urls(script)).toEqual(expected));
  }

  const unknown: [name: string, script: string][] = [
    ['never set', 'npm config set registry "$REGISTRY"'],
    ['set in a branch', `if [ -n "$CI" ]; then\n  REGISTRY=${npmjs}\nfi\nnpm config set registry "$REGISTRY"`],
    ['set after &&', `[ -n "$CI" ] && REGISTRY=${npmjs}\nnpm config set registry "$REGISTRY"`],
    ['set twice', `REGISTRY=${npmjs}\nREGISTRY=${github}\nnpm config set registry "$REGISTRY"`],
    ['set after the write', `npm config set registry "$REGISTRY"\nREGISTRY=${npmjs}`],
    ['set from $(...)', 'REGISTRY=$(npm config get registry)\nnpm config set registry "$REGISTRY"'],
    ['set from another unknown variable', 'REGISTRY="$BASE"\nnpm config set registry "$REGISTRY"'],
    ['set with a default', `REGISTRY=\${NPM_REGISTRY:-${npmjs}}\nnpm config set registry "$REGISTRY"`],
    ['also read into', `REGISTRY=${npmjs}\nread -r REGISTRY < f\nnpm config set registry "$REGISTRY"`],
    ['a sourced file may set it', `REGISTRY=${npmjs}\nsource ./env.sh\nnpm config set registry "$REGISTRY"`],
    ['single quotes: written as is', `R=${github}\necho '@acme:registry=$R' >> ~/.npmrc`],
    ['a quoted heredoc: written as is', `R=${github}\ncat <<'EOF' > .npmrc\nregistry=$R\nEOF`],
    ['more than a reference', `R=${npmjs}\nnpm config set registry "$R/x"`],
    // The commands whose arguments do set a variable by its name (src/model/npm/shell-setters.ts).
    ['unset', `registry=${npmjs}\nunset registry\nnpm config set registry "$registry"`],
    ['read after a reserved word, through `command`', `registry=${npmjs}\nif command read -r registry < f; then :; fi\nnpm config set registry "$registry"`],
    ['an arithmetic command', `registry=${npmjs}\n(( x = registry = 1 ))\nnpm config set registry "$registry"`],
    ['a trap action', `registry=${npmjs}\ntrap 'registry=x' DEBUG\nnpm config set registry "$registry"`],
    ['a command whose name the shell computes', `registry=${npmjs}\n$SET registry\nnpm config set registry "$registry"`],
  ];
  for (const [name, script] of unknown) {
    it(`left as written: ${name}`, () => expect(urls(script).map((u) => u.split(' ')[1]!.startsWith('$'))).toEqual([true]));
  }

  it('without the script text, as written; with a shell it is part of, read there', () => {
    const line = 'npm config set registry "$R"';
    expect(registryWrites(splitCommands(line)).map((w) => w.url)).toEqual(['$R']);
    const shell = `R=${github}\n${line}`;
    const [write] = registryWrites(splitCommands(line), undefined, { text: shell, offset: shell.indexOf('\n') + 1 });
    expect(write?.url).toBe(github);
    expect(write?.valueNote).toBe(` (\`$R\` set to ${github} earlier in the script)`);
  });
});

describe('each provider reads the variable (CircleCI: the survey900b c22 probe)', () => {
  const pkg = JSON.stringify({ name: 'widget', version: '1.0.0', repository: 'github:acme/widget' });
  const sites = (files: Record<string, string>): string[] => loadProject(new MemoryFs({ 'package.json': pkg, ...files })).facts.sites.map((s) => `${s.certainty} ${s.registry.registry}`);
  /** The lines of a script with `registry` set through a variable, then `npm publish`. */
  const script = (assignment: string): string[] => [assignment, 'npm config set registry "$REGISTRY"', 'npm publish'];

  const circleci = (lines: string[], image = 'cimg/node:22.14'): string =>
    ['version: 2.1', 'jobs:', '  publish:', '    docker:', `      - image: ${image}`, '    steps:', '      - checkout', '      - run:', '          command: |', ...lines.map((l) => `            ${l}`), 'workflows:', '  release:', '    jobs:', '      - publish', ''].join('\n');
  const c22 = circleci([`REGISTRY="${npmjs}"`, 'npm config set registry "$REGISTRY"', `export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":"npm:registry.npmjs.org"}')`, 'npm publish']);

  it('CircleCI: npmjs, a certain publish, and npm 10.9.2 an error (c22)', async () => {
    expect(sites({ '.circleci/config.yml': c22 })).toEqual(['certain npmjs']);
    const found = await lintFiles({ 'package.json': pkg, '.circleci/config.yml': c22 }, { rule: 'npm-supports-oidc' });
    expect(found.map((d) => `${d.severity} ${d.messageId}`)).toEqual(['error bundledTooOld']);
  });

  it('CircleCI controls: another registry, a variable set in a branch or from $(...)', () => {
    expect(sites({ '.circleci/config.yml': circleci(script(`REGISTRY=${github}`)) })).toEqual(['certain other']);
    expect(sites({ '.circleci/config.yml': circleci(['if [ -n "$CI" ]; then', `  REGISTRY=${npmjs}`, 'fi', ...script('true').slice(1)]) })).toEqual(['possible unknown']);
    expect(sites({ '.circleci/config.yml': circleci(script('REGISTRY=$(cat .registry)')) })).toEqual(['possible unknown']);
  });

  const workflow = (lines: string[]): string =>
    ['on:', '  push:', '    tags: [v*]', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - uses: actions/checkout@v5', '      - uses: actions/setup-node@v5', '        with:', '          node-version: 24', '      - run: |', ...lines.map((l) => `          ${l}`), ''].join('\n');

  it('GitHub: a run: block', () => {
    expect(sites({ '.github/workflows/release.yml': workflow(script(`REGISTRY=${npmjs}`)) })).toEqual(['certain npmjs']);
    expect(sites({ '.github/workflows/release.yml': workflow(script(`REGISTRY=${github}`)) })).toEqual(['certain other']);
    expect(sites({ '.github/workflows/release.yml': workflow([`REGISTRY=${npmjs}`, `REGISTRY=${github}`, ...script('true').slice(1)]) })).toEqual(['possible unknown']);
  });

  const gitlab = (before: string[], lines: string[]): string =>
    ['release:', '  image: node:24', '  id_tokens:', '    NPM_ID_TOKEN:', '      aud: npm:registry.npmjs.org', '  before_script:', ...before.map((l) => `    - ${l}`), '  script:', ...lines.map((l) => `    - ${l}`), ''].join('\n');

  it('GitLab: a variable of before_script read by a script line (one shell); not across to after_script', () => {
    const gl = (ci: string): string[] => loadProject(new MemoryFs({ ...gitlabRepo(ci) })).facts.sites.map((s) => `${s.certainty} ${s.registry.registry}`);
    expect(gl(gitlab([`REGISTRY=${npmjs}`], script('true').slice(1)))).toEqual(['certain npmjs']);
    expect(gl(gitlab([`export REGISTRY=${github}`], ['export NPM_CONFIG_REGISTRY="$REGISTRY"', 'npm publish']))).toEqual(['certain other']);
    expect(gl(gitlab([`REGISTRY=${npmjs}`, `REGISTRY=${github}`], script('true').slice(1)))).toEqual(['possible unknown']);
    const after = `${gitlab(['true'], ['npm config set registry "$REGISTRY"', 'npm publish'])}  after_script:\n    - REGISTRY=${npmjs}\n`;
    expect(gl(after)).toEqual(['possible unknown']);
  });

  it('CircleCI: a committed script publishing to a local Verdaccio through `$registry` (survey914a, adobe/react-spectrum)', async () => {
    const root = JSON.stringify({ name: 'mono', private: true, packageManager: 'yarn@4.10.3', workspaces: ['packages/*'], repository: 'github:acme/mono' });
    const deploy = (registry: string): string =>
      ['#!/bin/bash', 'set -e', 'port=4000', registry, 'yarn config set npmPublishRegistry $registry', 'npm set registry $registry', 'yarn workspaces foreach --all --no-private -pt npm publish --tag latest', ''].join('\n');
    const files = (script: string): Record<string, string> => ({
      'package.json': root,
      'packages/a/package.json': JSON.stringify({ name: '@acme/a', version: '1.0.0' }),
      '.circleci/config.yml': circleci(['./scripts/verdaccio-deploy.sh'], 'cimg/node:24.15'),
      'scripts/verdaccio-deploy.sh': script,
    });
    const local = files(deploy('registry="http://localhost:$port"'));
    expect(loadProject(new MemoryFs(local)).facts.sites.map((s) => `${s.certainty} ${s.registry.registry} ${s.registry.setting?.source}`)).toEqual([
      'likely other `yarn config set npmPublishRegistry` in scripts/verdaccio-deploy.sh (`$registry` set to http://localhost:4000 earlier in the script)',
    ]);
    expect(await lintFiles(local, { rule: 'circleci-npm-id-token' })).toEqual([]);
    // Control: set from a command, the registry stays unknown and the publish possible (info).
    const found = await lintFiles(files(deploy('registry="$(cat .registry)"')), { rule: 'circleci-npm-id-token' });
    expect(found.map((d) => `${d.severity} ${d.line}:${d.column} ${d.messageId}`)).toEqual(['info 10:13 missing']);
  });

  it('a committed shell script', () => {
    const wf = workflow(['./scripts/release.sh']);
    const run = (text: string): string[] => sites({ '.github/workflows/release.yml': wf, 'scripts/release.sh': `#!/usr/bin/env bash\n${text}\n` });
    expect(run(script(`REGISTRY=${github}`).join('\n'))).toEqual(['likely other']);
    expect(run(script('REGISTRY="$1"').join('\n'))).toEqual(['possible unknown']);
  });
});
