import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderValidator } from '../../scripts/gen-config-validator.mjs';
import { DiskFs, MemoryFs } from '../fs/source.js';
import { CONFIG_FILE_NAMES, loadConfig } from './load.js';
import { closest, editDistance } from './schema-errors.js';
import type { ConfigError, LoadConfigOptions, LoadConfigResult } from './load.js';
import type { CircleciPublisher, GithubPublisher, GitlabPublisher } from './types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KNOWN_RULES = ['workflow-exists', 'oidc-permission', 'hosted-runner', 'provenance-visibility'];

/** `file:line:column` of an error, for compact assertions. */
function at(error: ConfigError | undefined): string | undefined {
  const loc = error?.location;
  return loc ? `${loc.file}:${loc.start.line}:${loc.start.column}` : undefined;
}

function load(files: Record<string, string>, options: LoadConfigOptions = {}): LoadConfigResult {
  return loadConfig(new MemoryFs(files), { knownRuleIds: KNOWN_RULES, ...options });
}

const GITHUB_YAML = `# tp-doctor config
publishers:
  - provider: github
    repository: acme/widgets
    workflow: publish.yml
    environment: npm
    packages: ["@acme/*"]
    allowedActions: [publish, stage-publish]
  - provider: gitlab
    project: acme/sub/widgets
    environment: production
repository:
  visibility: public
rules:
  hosted-runner: warning
  provenance-visibility: off
runners:
  hosted: [ubuntu-latest-16-cores]
ignore:
  - .github/workflows/experimental-*.yml
`;

describe('loadConfig: valid configurations', () => {
  it('reads a YAML config with publishers of both providers', () => {
    const { config, errors } = load({ 'tp-doctor.yml': GITHUB_YAML });
    expect(errors).toEqual([]);
    expect(config.file).toBe('tp-doctor.yml');
    expect(config.inferred).toBe(false);
    expect(config.repository).toEqual({ visibility: 'public' });
    expect(config.rules).toEqual({ 'hosted-runner': 'warning', 'provenance-visibility': 'off' });
    expect(config.runners.hosted).toEqual(['ubuntu-latest-16-cores']);
    expect(config.ignore).toEqual(['.github/workflows/experimental-*.yml']);
    expect(config.publishers).toHaveLength(2);

    const gh = config.publishers[0] as GithubPublisher;
    expect(gh).toMatchObject({
      provider: 'github',
      repository: 'acme/widgets',
      workflow: 'publish.yml',
      environment: 'npm',
      packages: ['@acme/*'],
      allowedActions: ['publish', 'stage-publish'],
      inferred: false,
    });
    expect(gh.location).toMatchObject({ file: 'tp-doctor.yml', start: { line: 3, column: 5 } });
    expect(gh.fieldLocations['workflow']).toEqual({
      file: 'tp-doctor.yml',
      start: { line: 5, column: 15 },
      end: { line: 5, column: 26 },
    });
    expect(Object.keys(gh.fieldLocations).sort()).toEqual(
      ['allowedActions', 'environment', 'packages', 'provider', 'repository', 'workflow'].sort(),
    );

    const gl = config.publishers[1] as GitlabPublisher;
    expect(gl).toMatchObject({
      provider: 'gitlab',
      project: 'acme/sub/widgets',
      ciFile: '.gitlab-ci.yml',
      environment: 'production',
      inferred: false,
    });
    expect(gl.fieldLocations['ciFile']).toBeUndefined();
    expect(gl.fieldLocations['project']).toMatchObject({ start: { line: 10, column: 14 } });
  });

  it('reads a CircleCI publisher: ids, VCS origin, context ids with their own positions, allowed actions, config file', () => {
    const yaml = [
      'publishers:',
      '  - provider: circleci',
      '    organizationId: 8b4e1c2a-1111-4a5b-9c3d-0123456789ab',
      '    projectId: 5f6a7b8c-2222-4d5e-8f90-abcdef012345',
      '    pipelineDefinitionId: 0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3',
      '    vcsOrigin: github.com/acme/widget',
      '    contextIds: [c0ffee00-4444-4abc-8def-0123456789ab, c0ffee00-5555-4abc-8def-0123456789ab]',
      '    allowedActions: [publish]',
      '    packages: [widget]',
      '',
    ].join('\n');
    const { config, errors } = load({ 'tp-doctor.yml': yaml });
    expect(errors).toEqual([]);
    const p = config.publishers[0] as CircleciPublisher;
    expect(p).toMatchObject({
      provider: 'circleci',
      organizationId: '8b4e1c2a-1111-4a5b-9c3d-0123456789ab',
      projectId: '5f6a7b8c-2222-4d5e-8f90-abcdef012345',
      pipelineDefinitionId: '0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3',
      vcsOrigin: 'github.com/acme/widget',
      contextIds: ['c0ffee00-4444-4abc-8def-0123456789ab', 'c0ffee00-5555-4abc-8def-0123456789ab'],
      allowedActions: ['publish'],
      packages: ['widget'],
      configFile: '.circleci/config.yml',
      inferred: false,
    });
    expect(p.environment).toBeUndefined();
    expect(p.fieldLocations['vcsOrigin']).toMatchObject({ start: { line: 6, column: 16 } });
    expect(p.fieldLocations['contextIds[1]']).toEqual({ file: 'tp-doctor.yml', start: { line: 7, column: 56 }, end: { line: 7, column: 92 } });

    const custom = load({ 'tp-doctor.yml': yaml.replace('    packages: [widget]', '    configFile: ci/circle.yml') });
    expect(custom.errors).toEqual([]);
    expect(custom.config.publishers[0]).toMatchObject({ configFile: 'ci/circle.yml' });
  });

  it('accepts allowedActions on every provider', () => {
    const yaml = [
      'publishers:',
      '  - provider: gitlab',
      '    project: g/p',
      '    allowedActions: [stage-publish]',
      '    packages: [a]',
      '  - provider: circleci',
      '    organizationId: o',
      '    projectId: p',
      '    pipelineDefinitionId: d',
      '    vcsOrigin: github.com/a/b',
      '    allowedActions: [publish, stage-publish]',
      '    packages: [b]',
      '',
    ].join('\n');
    const { config, errors } = load({ 'tp-doctor.yml': yaml });
    expect(errors).toEqual([]);
    expect(config.publishers.map((p) => p.allowedActions)).toEqual([['stage-publish'], ['publish', 'stage-publish']]);
  });

  it('reads a JSON config with positions', () => {
    const json = JSON.stringify(
      {
        $schema: './node_modules/tp-doctor/schemas/tp-doctor.schema.json',
        publishers: [{ provider: 'gitlab', project: 'g/p', ciFile: 'ci/main.yml', host: 'gitlab.com' }],
      },
      null,
      2,
    );
    const { config, errors } = load({ '.tp-doctor.json': json });
    expect(errors).toEqual([]);
    expect(config.file).toBe('.tp-doctor.json');
    expect(config.publishers[0]).toMatchObject({ provider: 'gitlab', ciFile: 'ci/main.yml', host: 'gitlab.com' });
    expect(config.publishers[0]?.fieldLocations['host']).toMatchObject({ start: { line: 8, column: 15 } });
  });

  it('reads the tpDoctor key of package.json', () => {
    const pkg = JSON.stringify({
      name: '@acme/widgets',
      tpDoctor: { publishers: [{ provider: 'github', repository: 'acme/widgets', workflow: 'release.yaml' }] },
    });
    const { config, errors } = load({ 'package.json': pkg });
    expect(errors).toEqual([]);
    expect(config.file).toBe('package.json');
    expect(config.inferred).toBe(false);
    expect(config.publishers[0]).toMatchObject({ provider: 'github', workflow: 'release.yaml' });
    expect(config.publishers[0]?.location?.file).toBe('package.json');
  });

  it('reads an explicit --config path relative to the repository root', () => {
    const { config, errors } = load(
      {
        'tp-doctor.yml': 'publishers: []\n',
        'config/tp.yaml': 'publishers:\n  - provider: github\n    repository: a/b\n    workflow: p.yml\n',
      },
      { configPath: './config/tp.yaml' },
    );
    expect(errors).toEqual([]);
    expect(config.file).toBe('config/tp.yaml');
    expect(config.publishers[0]?.location?.file).toBe('config/tp.yaml');
  });

  it('reads an explicit --config path given as an absolute path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tp-doctor-config-'));
    try {
      const file = path.join(dir, 'shared.yml');
      writeFileSync(file, 'rules:\n  hosted-runner: info\n');
      const { config, errors } = load({}, { configPath: file });
      expect(errors).toEqual([]);
      expect(config.rules).toEqual({ 'hosted-runner': 'info' });
      expect(config.file).toBe(file.replace(/\\/g, '/'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names an absolute --config path inside a repository on disk relative to the root', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tp-doctor-repo-'));
    try {
      mkdirSync(path.join(dir, 'ci'));
      writeFileSync(path.join(dir, 'ci', 'tp.json'), '{"ignore": ["vendor/**"]}');
      const { config, errors } = loadConfig(new DiskFs(dir), { configPath: path.join(dir, 'ci', 'tp.json') });
      expect(errors).toEqual([]);
      expect(config.file).toBe('ci/tp.json');
      expect(config.ignore).toEqual(['vendor/**']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['no config at all', {}],
    ['a package.json without tpDoctor', { 'package.json': '{"name": "x", "description": "no tpDoctor here"}' }],
  ])('returns the empty, inferred config for %s', (_name, files) => {
    const { config, errors } = load(files);
    expect(errors).toEqual([]);
    expect(config).toEqual({ publishers: [], inferred: true, rules: {}, runners: { hosted: [] }, ignore: [] });
  });

  it.each([
    ['an empty file', ''],
    ['a file with only comments', '# nothing yet\n'],
    ['an empty publishers list', 'publishers: []\n'],
  ])('treats %s as a config without publishers', (_name, text) => {
    const { config, errors } = load({ 'tp-doctor.yaml': text });
    expect(errors).toEqual([]);
    expect(config.file).toBe('tp-doctor.yaml');
    expect(config.publishers).toEqual([]);
    expect(config.inferred).toBe(true);
  });

  it('looks the files up in the documented order', () => {
    expect(CONFIG_FILE_NAMES).toEqual([
      'tp-doctor.yml',
      'tp-doctor.yaml',
      '.tp-doctor.yml',
      '.tp-doctor.yaml',
      'tp-doctor.json',
      '.tp-doctor.json',
    ]);
  });
});

interface ErrorCase {
  name: string;
  files: Record<string, string>;
  options?: LoadConfigOptions;
  message: string | RegExp;
  /** `file:line:column` of the error, or undefined for an error without a location. */
  at: string | undefined;
  /** End of the location, `line:column`. */
  end?: string;
}

const ERROR_CASES: ErrorCase[] = [
  {
    name: 'missing explicit config',
    files: { 'tp-doctor.yml': '{}' },
    options: { configPath: 'ci/tp-doctor.yml' },
    message: 'cannot read the config file `ci/tp-doctor.yml` given with --config: the file does not exist',
    at: undefined,
  },
  {
    name: 'explicit config that is code',
    files: { 'tp-doctor.config.js': 'export default {}' },
    options: { configPath: 'tp-doctor.config.js' },
    message: /`tp-doctor.config.js` looks like code: tp-doctor reads its configuration from YAML or JSON only/,
    at: undefined,
  },
  {
    name: 'two config files',
    files: { 'tp-doctor.yml': 'publishers: []\n', '.tp-doctor.json': '{}' },
    message:
      'found 2 config files, `tp-doctor.yml` and `.tp-doctor.json`: keep only one ' +
      '(tp-doctor reads `tp-doctor.yml` and ignores the other)',
    at: '.tp-doctor.json:1:1',
  },
  {
    name: 'config file and package.json tpDoctor',
    files: { 'tp-doctor.yml': 'publishers: []\n', 'package.json': '{\n  "tpDoctor": {}\n}\n' },
    message: /both `tp-doctor.yml` and the `tpDoctor` key of `package.json` configure tp-doctor/,
    at: 'package.json:2:3',
  },
  {
    name: 'YAML syntax error',
    files: { 'tp-doctor.yml': 'publishers:\n  - provider: github\n    workflow: a: b.yml\n' },
    message: '`tp-doctor.yml` is not valid YAML: Nested mappings are not allowed in compact mappings',
    at: 'tp-doctor.yml:3:15',
  },
  {
    name: 'duplicate key',
    files: { 'tp-doctor.yml': 'rules: {}\nrules: {}\n' },
    message: /^`tp-doctor.yml` is not valid YAML: .*unique/i,
    at: 'tp-doctor.yml:2:1',
  },
  {
    name: 'JSON syntax error',
    files: { 'tp-doctor.json': '{\n  "publishers": [\n}\n' },
    message: /^`tp-doctor.json` is not valid JSON: /,
    at: 'tp-doctor.json:3:1',
  },
  {
    name: 'wrong provider enum',
    files: { 'tp-doctor.yml': 'publishers:\n  - provider: githb\n    repository: a/b\n' },
    message: '`publishers[0].provider` must be one of "github", "gitlab", "circleci" (got "githb")',
    at: 'tp-doctor.yml:2:15',
    end: '2:20',
  },
  {
    name: 'missing workflow for github',
    files: {
      'tp-doctor.yml': 'publishers:\n  - provider: gitlab\n    project: g/p\n  - provider: github\n    repository: a/b\n',
    },
    message: '`publishers[1]` is missing the key `workflow`, which a GitHub Actions trusted publisher requires',
    at: 'tp-doctor.yml:4:5',
  },
  {
    name: 'missing provider',
    files: { 'tp-doctor.yml': 'publishers:\n  - repository: a/b\n    workflow: p.yml\n' },
    message: '`publishers[0]` is missing the key `provider`, which a trusted publisher requires',
    at: 'tp-doctor.yml:2:5',
  },
  {
    name: 'missing project for gitlab, in package.json',
    files: { 'package.json': '{\n  "tpDoctor": {\n    "publishers": [{ "provider": "gitlab" }]\n  }\n}\n' },
    message: '`tpDoctor.publishers[0]` is missing the key `project`, which a GitLab CI/CD trusted publisher requires',
    at: 'package.json:3:20',
  },
  {
    name: 'missing CircleCI ids',
    files: { 'tp-doctor.yml': 'publishers:\n  - provider: circleci\n    vcsOrigin: github.com/a/b\n' },
    message:
      '`publishers[0]` is missing the keys `organizationId`, `projectId` and `pipelineDefinitionId`, which a CircleCI trusted publisher requires',
    at: 'tp-doctor.yml:2:5',
  },
  {
    name: 'environment on a CircleCI publisher',
    files: {
      'tp-doctor.yml':
        'publishers:\n  - provider: circleci\n    organizationId: o\n    projectId: p\n    pipelineDefinitionId: d\n    vcsOrigin: github.com/a/b\n    environment: npm\n',
    },
    message:
      '`publishers[0].environment` is not a known key of a CircleCI trusted publisher (expected one of `provider`, `organizationId`, ' +
      '`projectId`, `pipelineDefinitionId`, `vcsOrigin`, `contextIds`, `configFile`, `packages`, `allowedActions`)',
    at: 'tp-doctor.yml:7:5',
  },
  {
    name: 'contextIds given as a string',
    files: {
      'tp-doctor.yml':
        'publishers:\n  - provider: circleci\n    organizationId: o\n    projectId: p\n    pipelineDefinitionId: d\n    vcsOrigin: github.com/a/b\n    contextIds: abc\n',
    },
    message: '`publishers[0].contextIds` must be a list of strings (got "abc"; for a single entry write ["abc"])',
    at: 'tp-doctor.yml:7:17',
  },
  {
    name: 'unknown key with a typo (reported once, not also as a missing key)',
    files: {
      'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: a/b\n    workflw: publish.yml\n',
    },
    message: '`publishers[0].workflw` is not a known key (did you mean `workflow`?)',
    at: 'tp-doctor.yml:4:5',
    end: '4:12',
  },
  {
    name: 'key of the other provider',
    files: {
      'tp-doctor.yml': 'publishers:\n  - provider: github\n    repository: a/b\n    workflow: p.yml\n    ciFile: x.yml\n',
    },
    message:
      '`publishers[0].ciFile` is not a known key of a GitHub Actions trusted publisher (expected one of ' +
      '`provider`, `repository`, `workflow`, `environment`, `packages`, `allowedActions`)',
    at: 'tp-doctor.yml:5:5',
  },
  {
    name: 'unknown top-level key',
    files: { 'tp-doctor.yml': 'publisher: []\n' },
    message: '`publisher` is not a known key (did you mean `publishers`?)',
    at: 'tp-doctor.yml:1:1',
  },
  {
    name: 'packages as a string instead of a list',
    files: {
      'tp-doctor.yml':
        'publishers:\n  - provider: github\n    repository: a/b\n    workflow: p.yml\n    packages: "@scope/*"\n',
    },
    message:
      '`publishers[0].packages` must be a list of strings (got "@scope/*"; for a single entry write ["@scope/*"])',
    at: 'tp-doctor.yml:5:15',
  },
  {
    name: 'number where a string is expected',
    files: { 'tp-doctor.yml': 'publishers:\n  - provider: gitlab\n    project: g/p\n    environment: 2024\n' },
    message: '`publishers[0].environment` must be a string (got 2024; quote it: "2024")',
    at: 'tp-doctor.yml:4:18',
  },
  {
    name: 'empty value points at the key',
    files: { 'tp-doctor.yml': 'publishers:\n  - provider: gitlab\n    project:\n' },
    message: '`publishers[0].project` must be a string (got an empty value)',
    at: 'tp-doctor.yml:3:5',
  },
  {
    name: 'blank string',
    files: { 'tp-doctor.yml': 'ignore: ["  "]\n' },
    message: '`ignore[0]` must be a non-empty string (got "  ")',
    at: 'tp-doctor.yml:1:10',
  },
  {
    name: 'publisher entry that is not a map',
    files: { 'tp-doctor.yml': 'publishers:\n  - github\n' },
    message: '`publishers[0]` must be a map (got "github")',
    at: 'tp-doctor.yml:2:5',
  },
  {
    name: 'configuration that is not a map',
    files: { 'tp-doctor.yml': '- provider: github\n' },
    message: 'the configuration must be a map (got a list)',
    at: 'tp-doctor.yml:1:1',
  },
  {
    name: 'unknown rule id with a suggestion',
    files: { 'tp-doctor.yml': 'rules:\n  workflow-exist: error\n' },
    message: '`rules.workflow-exist` is not a known rule id (did you mean `workflow-exists`?)',
    at: 'tp-doctor.yml:2:3',
  },
  {
    name: 'unknown rule id without a close match',
    files: { 'tp-doctor.yml': 'rules:\n  something-else: error\n' },
    message: '`rules.something-else` is not a known rule id',
    at: 'tp-doctor.yml:2:3',
  },
  {
    name: 'invalid severity',
    files: { 'tp-doctor.yml': 'rules:\n  hosted-runner: warn\n' },
    message: '`rules.hosted-runner` must be one of "error", "warning", "info", "off" (got "warn")',
    at: 'tp-doctor.yml:2:18',
  },
  {
    name: 'invalid allowed action',
    files: {
      'tp-doctor.yml':
        'publishers:\n  - provider: github\n    repository: a/b\n    workflow: p.yml\n    allowedActions: [publsh]\n',
    },
    message: '`publishers[0].allowedActions[0]` must be one of "publish", "stage-publish" (got "publsh")',
    at: 'tp-doctor.yml:5:22',
  },
  {
    name: 'invalid visibility',
    files: { 'tp-doctor.yml': 'repository: { visibility: internal }\n' },
    message: '`repository.visibility` must be one of "public", "private" (got "internal")',
    at: 'tp-doctor.yml:1:27',
  },
];

describe('loadConfig: errors', () => {
  it.each(ERROR_CASES)('$name', (c) => {
    const { errors } = load(c.files, c.options);
    expect(errors, JSON.stringify(errors, null, 2)).toHaveLength(1);
    const [error] = errors;
    if (typeof c.message === 'string') expect(error?.message).toBe(c.message);
    else expect(error?.message).toMatch(c.message);
    expect(at(error)).toBe(c.at);
    if (c.end !== undefined) {
      const end = error?.location?.end;
      expect(end && `${end.line}:${end.column}`).toBe(c.end);
    }
  });

  it('reports every problem of a file, sorted by position, and keeps the valid parts', () => {
    const { config, errors } = load({
      'tp-doctor.yml': [
        'publishers:',
        '  - provider: github',
        '    repository: a/b',
        '  - provider: gitlab',
        '    project: g/p',
        'rules:',
        '  hosted-runner: loud',
        '  oidc-permission: error',
      ].join('\n'),
    });
    expect(errors.map(at)).toEqual(['tp-doctor.yml:2:5', 'tp-doctor.yml:7:18']);
    expect(config.publishers.map((p) => p.provider)).toEqual(['github', 'gitlab']);
    expect(config.rules).toEqual({ 'oidc-permission': 'error' });
  });

  it('names all missing keys of one entry in one message', () => {
    const { errors } = load({ 'tp-doctor.yml': 'publishers:\n  - provider: github\n' });
    expect(errors.map((e) => e.message)).toEqual([
      '`publishers[0]` is missing the keys `repository` and `workflow`, which a GitHub Actions trusted publisher requires',
    ]);
  });

  it('accepts any rule id when no list of known ids is given', () => {
    const { config, errors } = loadConfig(new MemoryFs({ 'tp-doctor.yml': 'rules:\n  future-rule: info\n' }));
    expect(errors).toEqual([]);
    expect(config.rules).toEqual({ 'future-rule': 'info' });
  });
});

describe('closest', () => {
  it.each([
    ['workflw', ['provider', 'workflow'], 'workflow'],
    ['Workflow', ['workflow'], 'workflow'],
    ['hosted-runners', KNOWN_RULES, 'hosted-runner'],
    ['zzz', KNOWN_RULES, undefined],
  ])('%s → %s', (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });

  it('computes the edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('schema and generated validator', () => {
  const schemaText = readFileSync(path.join(ROOT, 'schemas/tp-doctor.schema.json'), 'utf8');
  const jsFile = path.join(ROOT, 'src/config/generated/config-validator.js');
  const dtsFile = path.join(ROOT, 'src/config/generated/config-validator.d.ts');

  it('is up to date with the schema (run `node scripts/gen-config-validator.mjs`)', () => {
    const fresh = renderValidator(JSON.parse(schemaText));
    // A boolean rather than a diff: the generated file is long and mostly one-line constants.
    const hint = 'out of date: run `node scripts/gen-config-validator.mjs`';
    expect(readFileSync(jsFile, 'utf8') === fresh.js, `${jsFile} ${hint}`).toBe(true);
    expect(readFileSync(dtsFile, 'utf8') === fresh.dts, `${dtsFile} ${hint}`).toBe(true);
  });

  it('has no imports: it runs without ajv installed', () => {
    const js = readFileSync(jsFile, 'utf8');
    expect(js).not.toMatch(/\brequire\s*\(/);
    expect(js).not.toMatch(/^\s*import\b/m);
    expect(js).not.toMatch(/\bimport\s*\(/);
    expect(js).not.toMatch(/\bfrom\s+["']/);
  });

  it('documents every property with a title and a description', () => {
    const missing: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        node.forEach((item, i) => visit(item, `${where}/${i}`));
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      for (const [key, value] of Object.entries(obj)) {
        if ((key === 'properties' || key === 'definitions') && value && typeof value === 'object') {
          for (const [name, sub] of Object.entries(value as Record<string, unknown>)) {
            const s = sub as Record<string, unknown>;
            const documented = typeof s['$ref'] === 'string' || (typeof s['title'] === 'string' && typeof s['description'] === 'string');
            // In `then`/`if` branches `provider` is re-declared with `const`: still documented.
            if (!documented && !(key === 'properties' && 'const' in s && where.includes('/if'))) {
              missing.push(`${where}/${key}/${name}`);
            }
          }
        }
        visit(value, `${where}/${key}`);
      }
    };
    visit(JSON.parse(schemaText), '#');
    expect(missing).toEqual([]);
  });

  it('uses no keyword whose standalone code needs the ajv runtime', () => {
    expect(schemaText).not.toMatch(/"(minLength|maxLength|uniqueItems|format)"\s*:/);
  });
});
