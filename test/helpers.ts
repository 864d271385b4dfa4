import { expect, it } from 'vitest';
import { rules as registry } from '../rules/index.js';
import { lint } from '../src/api.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { defineRule, type AnyRule } from '../src/engine/define-rule.js';
import { MemoryFs } from '../src/fs/source.js';
import { parseYaml, type YamlDocument } from '../src/yaml/parse.js';
import type { ToolConfigFiles } from '../src/model/npm/tool-config.js';
import type { Location } from '../src/yaml/span.js';

export {
  circleConfig,
  circlePublisherConfig,
  circleRepo,
  gitlabRepo,
  GITHUB_PKG,
  GITLAB_PKG,
  publisherConfig,
  releaseRepo,
  releaseWorkflow,
  scriptPublishWorkflow,
  setupNodeWorkflow,
} from './repos.js';

export interface LintFilesOptions {
  /** Only report this rule's diagnostics (all rules still run unless `rules` is given). */
  rule?: string;
  rules?: readonly AnyRule[];
}

/**
 * Lints an in-memory repository the way the CLI lints a directory (config lookup, inference,
 * every rule) and returns the diagnostics. Config errors and internal errors fail the test.
 */
export async function lintFiles(
  files: Record<string, string | Uint8Array>,
  options: LintFilesOptions = {},
): Promise<Diagnostic[]> {
  const outcome = await lint({ fs: new MemoryFs(files), rules: options.rules ?? registry });
  if (!outcome.ok) {
    throw new Error(`config errors: ${outcome.configErrors.map((e) => e.message).join('; ')}`);
  }
  if (outcome.internalErrors.length > 0) {
    throw new Error(`internal errors: ${outcome.internalErrors.map((e) => `${e.ruleId}: ${e.message}`).join('; ')}`);
  }
  return options.rule ? outcome.diagnostics.filter((d) => d.ruleId === options.rule) : outcome.diagnostics;
}

/** The fields a rule test asserts, in a compact shape: `messageId@line:col-endLine:endCol`. */
export function brief(d: Diagnostic): string {
  return `${d.messageId}@${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
}

/** One row of a rule's table test. */
export interface RuleCase {
  name: string;
  files: Record<string, string>;
  /** The diagnostics of the rule, as `brief` strings. */
  want: string[];
  /** A subset of the first diagnostic's `data`. */
  data?: Record<string, string | number>;
  /** The related-location labels of the first diagnostic. */
  related?: string[];
}

async function checkRuleCase(rule: string, c: RuleCase): Promise<void> {
  const found = await lintFiles(c.files, { rule });
  expect(found.map(brief)).toEqual(c.want);
  if (c.data) expect(found[0]?.data).toMatchObject(c.data);
  if (c.related) expect(found[0]?.related.map((r) => r.label)).toEqual(c.related);
}

/**
 * Registers one test per case, named by `c.name` (call inside a `describe`).
 * @deprecated Rule suites use `ruleTester.run(RULE, fromRuleCases(cases))` (test/rule-tester.ts), which runs the rule alone and checks message-id coverage.
 */
export function ruleCases(rule: string, cases: readonly RuleCase[]): void {
  for (const c of cases) {
    it(c.name, () => checkRuleCase(rule, c));
  }
}

/**
 * Like ruleCases, through `it.each(cases)('$name', …)` (vitest quotes and shortens those names).
 * @deprecated See `ruleCases`.
 */
export function ruleCaseTable(rule: string, cases: readonly RuleCase[]): void {
  it.each(cases)('$name', (c) => checkRuleCase(rule, c));
}

/**
 * A made-up rule that reports every occurrence of `word` in any YAML document (message id `found`;
 * with `extraMessage`, a second id `never` it never reports), for tests of the machinery around
 * rules (suppressions, the rule tester) that must not depend on a real rule's logic.
 */
export function wordRule(id: string, word: string, extraMessage = false): AnyRule {
  const found = { text: 'Found "{word}" in this line', why: 'Test rule', fix: 'Remove it' };
  return defineRule({
    id,
    meta: {
      severity: 'error',
      providers: ['github'],
      summary: `Reports the word ${word}`,
      messages: extraMessage ? { found, never: { ...found, text: 'Never reported by this rule' } } : { found },
    },
    hooks: {
      // A workflow's own text from its workflow hook (a workflow the loader streams is not among
      // `project.documents`); the other documents (local actions, CI files) from the project hook.
      githubWorkflow(workflow, ctx) {
        reportWord(workflow.doc, word, ctx);
      },
      project(project, ctx) {
        const workflows = new Set(project.workflows.map((w) => w.file));
        for (const doc of project.documents) if (!workflows.has(doc.file)) reportWord(doc, word, ctx);
      },
    },
  });
}

function reportWord(doc: YamlDocument, word: string, ctx: { report(d: { messageId: 'found'; data: { word: string }; at: Location }): void }): void {
  for (let line = 1; line <= doc.lines.lineCount; line++) {
    const column = doc.lines.lineText(line).indexOf(word) + 1;
    if (column === 0) continue;
    ctx.report({ messageId: 'found', data: { word }, at: { file: doc.file, start: { line, column }, end: { line, column: column + word.length } } });
  }
}

/** `ToolConfigFiles` over in-memory files (the release-tool configuration readers' view of a repository). */
export function toolConfigFiles(files: Record<string, string>): ToolConfigFiles {
  const yaml = (f: string) => (files[f] === undefined ? undefined : parseYaml(f, files[f]!).root);
  return { exists: (f) => f in files, yaml, packageRoot: (d) => yaml(d === '' ? 'package.json' : `${d}/package.json`), text: (f) => files[f] };
}
