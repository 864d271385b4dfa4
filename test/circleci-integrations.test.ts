/**
 * CircleCI in the integrations: the pre-commit hook's file list, the ESLint plugin's recommended
 * config, and SARIF output (rule, location on `.circleci/config.yml`, provider-neutral fields).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../src/cli/main.js';
import { findRoot } from '../src/eslint-plugin/context.js';
import plugin, { RECOMMENDED_FILES } from '../src/eslint-plugin/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const ID = 'export NPM_ID_TOKEN=$(circleci run oidc get --claims \'{"aud":"npm:registry.npmjs.org"}\')';
/** `npx np` on CircleCI: publish-tool-supports-oidc `circleciNever` on line 7, at the command. */
const CIRCLE = ['version: 2.1', 'jobs:', '  release:', '    docker:', '      - image: cimg/node:24.15', '    steps:', `      - run: ${ID} && npx np --yolo`, 'workflows:', '  main:', '    jobs: [release]', ''].join('\n');
/** The 1-based column of `npx np --yolo` on line 7. */
const NP_COLUMN = (CIRCLE.split('\n')[6] ?? '').indexOf('npx np --yolo') + 1;
const PKG = `${JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' }, devDependencies: { np: '11.0.2' } })}\n`;
const NP_MESSAGE = '`np` runs np, which cannot publish with trusted publishing on CircleCI';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-circleci-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('pre-commit hook', () => {
  it('runs on a change to .circleci/config.yml', () => {
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; files: string }[];
    expect(hooks.length).toBeGreaterThan(0);
    for (const hook of hooks) {
      const files = new RegExp(hook.files);
      expect(files.test('.circleci/config.yml'), hook.id).toBe(true);
      expect(files.test('src/.circleci/config.yml.bak'), hook.id).toBe(false);
    }
  });
});

describe('ESLint plugin', () => {
  it('the recommended config covers .circleci/config.yml and the pipeline configurations beside it', async () => {
    expect(RECOMMENDED_FILES).toContain('.circleci/*.{yml,yaml}');
    const cwd = repo({ 'package.json': PKG });
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    expect(await eslint.isPathIgnored(path.join(cwd, '.circleci/config.yml'))).toBe(false);
    expect(await eslint.isPathIgnored(path.join(cwd, '.circleci/npm-publish.yml'))).toBe(false);
    const calculated = (await eslint.calculateConfigForFile(path.join(cwd, '.circleci/config.yml'))) as { rules?: Record<string, unknown> };
    expect(Object.keys(calculated.rules ?? {})).toContain('tp-doctor/publish-tool-supports-oidc');
  });

  it('the root of .circleci/config.yml is the parent of .circleci', () => {
    const cwd = repo({ 'package.json': PKG });
    expect(findRoot(path.join(cwd, '.circleci/config.yml'))).toBe(cwd);
  });

  it('reports a CircleCI finding on the configuration as edited', async () => {
    const cwd = repo({ 'package.json': PKG, '.circleci/config.yml': CIRCLE.replace('npx np --yolo', 'npm publish') });
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const [result] = await eslint.lintText(CIRCLE, { filePath: path.join(cwd, '.circleci/config.yml') });
    const messages = result!.messages.filter((m) => m.ruleId === 'tp-doctor/publish-tool-supports-oidc');
    expect(messages.map((m) => `${m.line}:${m.column}-${m.endColumn} ${m.severity}`)).toEqual([`7:${NP_COLUMN}-${NP_COLUMN + 13} 2`]);
    expect(messages[0]!.message).toContain(NP_MESSAGE);
  });
});

describe('SARIF', () => {
  it('a CircleCI finding has its rule and a location in .circleci/config.yml', async () => {
    const cwd = repo({ 'package.json': PKG, '.circleci/config.yml': CIRCLE });
    let stdout = '';
    const code = await run(['--format', 'sarif', '.'], { stdout: (t) => (stdout += t), stderr: () => undefined, env: {}, isTTY: false, cwd });
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endColumn: number } } }[] }[] }[];
    };
    const results = log.runs[0]!.results.filter((r) => r.ruleId === 'publish-tool-supports-oidc');
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result!.level).toBe('error');
    expect(result!.message.text).toContain(NP_MESSAGE);
    const loc = result!.locations[0]!.physicalLocation;
    expect(loc.artifactLocation.uri).toBe('.circleci/config.yml');
    expect(loc.region).toMatchObject({ startLine: 7, startColumn: NP_COLUMN, endColumn: NP_COLUMN + 'npx np --yolo'.length });
    expect(log.runs[0]!.tool.driver.rules.map((r) => r.id)).toContain('publish-tool-supports-oidc');
  });
});

describe('ESLint plugin on a pipeline configuration beside config.yml', () => {
  it('reports its finding as a warning (a pipeline runs the file only if its config file path names it)', async () => {
    const cwd = repo({ 'package.json': PKG, '.circleci/npm-publish.yml': CIRCLE.replace('npx np --yolo', 'npm publish') });
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
    const [result] = await eslint.lintText(CIRCLE, { filePath: path.join(cwd, '.circleci/npm-publish.yml') });
    const messages = result!.messages.filter((m) => m.ruleId === 'tp-doctor/publish-tool-supports-oidc');
    expect(messages.map((m) => `${m.line}:${m.column}-${m.endColumn} ${m.severity}`)).toEqual([`7:${NP_COLUMN}-${NP_COLUMN + 13} 1`]);
  });
});
