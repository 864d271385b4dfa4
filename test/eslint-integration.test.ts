/**
 * The ESLint plugin against the CLI, on every fixture repository: the real ESLint API with the
 * plugin's recommended config (`new ESLint({ overrideConfigFile: true, overrideConfig })`, run from
 * the repository as `npx eslint .` would be) must report exactly the CLI's diagnostics in the files
 * it lints: rule, line, column, end, message, and the core's severity (error → 2, warning and
 * info → 1). Diagnostics in files the recommended config does not lint (package.json, .npmrc...)
 * must belong to rules the plugin README lists as reporting there, or be GitLab findings in a local
 * include outside .gitlab/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint, lintSync } from '../src/api.js';
import { redact } from '../src/diagnostics/redact.js';
import { DiskFs } from '../src/fs/source.js';
import plugin, { projectCache } from '../src/eslint-plugin/index.js';

const ROOT = path.resolve(import.meta.dirname, '../fixtures/repos');
const README = path.resolve(import.meta.dirname, '../src/eslint-plugin/README.md');
const scenarios = readdirSync(ROOT).filter((name) => statSync(path.join(ROOT, name)).isDirectory());

/** Rule ids listed in the plugin README's section on findings outside the linted files. */
function readmeOutsideRules(): Set<string> {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('<!-- outside-rules:start -->');
  const end = text.indexOf('<!-- outside-rules:end -->');
  if (start === -1 || end < start) throw new Error('src/eslint-plugin/README.md lacks the outside-rules markers');
  return new Set([...text.slice(start, end).matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!));
}

const SEVERITY: Record<string, number> = { error: 2, warning: 1, info: 1 };

describe('ESLint plugin = CLI on every fixture repository', () => {
  const outside = readmeOutsideRules();

  it('has fixtures', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });

  for (const scenario of scenarios) {
    it(scenario, async () => {
      const repo = path.join(ROOT, scenario);
      const cli = await lint({ fs: new DiskFs(repo), rules });
      if (!cli.ok) throw new Error(cli.configErrors.map((e) => e.message).join('; '));
      // The synchronous entry point the plugin uses agrees with the CLI's.
      const sync = lintSync({ fs: new DiskFs(repo), rules });
      expect(sync.ok && sync.diagnostics).toEqual(cli.diagnostics);

      const eslint = new ESLint({
        cwd: repo,
        overrideConfigFile: true,
        overrideConfig: plugin.configs.recommended,
        errorOnUnmatchedPattern: false,
      });
      const runsBefore = projectCache.lintRuns;
      const results = await eslint.lintFiles(['.']);
      const linted = new Set(results.map((r) => path.relative(repo, r.filePath).split(path.sep).join('/')));
      // One core lint for the whole repository: every file's text equals the disk.
      expect(projectCache.lintRuns - runsBefore).toBe(linted.size > 0 ? 1 : 0);

      const got = results
        .flatMap((r) =>
          r.messages.map((m) => {
            expect(m.fatal, `${m.message}`).toBeFalsy();
            const file = path.relative(repo, r.filePath).split(path.sep).join('/');
            return `${file}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity} ${m.ruleId} ${m.message}`;
          }),
        )
        .sort();
      const want = cli.diagnostics
        .filter((d) => linted.has(d.file))
        .map((d) => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${SEVERITY[d.severity]} tp-doctor/${d.ruleId} ${redact(d.message)}`) // both redact secrets
        .sort();
      expect(got).toEqual(want);

      for (const d of cli.diagnostics) {
        if (linted.has(d.file)) continue;
        // Not linted because the recommended config does not cover the file (not a lost finding).
        expect(await eslint.calculateConfigForFile(path.join(repo, d.file)), `${d.file} (${d.ruleId})`).toBeUndefined();
        // A GitLab include outside .gitlab/: every GitLab rule may report there (the README says so).
        const gitlabInclude = /\.ya?ml$/.test(d.file) && rules.find((r) => r.id === d.ruleId)?.meta.providers.includes('gitlab');
        expect(outside.has(d.ruleId) || gitlabInclude, `${d.ruleId} reports in ${d.file}: list it in src/eslint-plugin/README.md`).toBe(true);
      }
    });
  }
});
