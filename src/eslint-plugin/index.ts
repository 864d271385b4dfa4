/**
 * `tp-doctor/eslint-plugin`: the core rules as ESLint rules, generated from the registry.
 *
 *   import tpDoctor from 'tp-doctor/eslint-plugin';
 *   export default [...tpDoctor.configs.recommended];
 *
 * See README.md in this folder for the design and for what the editor shows and does not show.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import { rules as registry } from '../../rules/index.js';
import { SEVERITY_RANK, type Severity } from '../diagnostics/diagnostic.js';
import type { AnyRule, MessageSpec } from '../engine/define-rule.js';
import { EDITOR_INPUT_GLOBS } from '../model/core/inputs.js';
import { adaptRule, SeverityBook } from './adapt-rule.js';
import { ProjectCache } from './context.js';
import { parser, type TolerantParser } from './parser.js';
import { pluginVersion } from './version.js';

export const NAMESPACE = 'tp-doctor';

/**
 * The files the recommended config lints, relative to the folder of eslint.config.js: the YAML
 * files among tp-doctor's inputs where findings are located (src/model/core/inputs.ts).
 */
export const RECOMMENDED_FILES: readonly string[] = EDITOR_INPUT_GLOBS;

const cache = new ProjectCache(registry);
const book = new SeverityBook();

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(
  registry.map((rule) => [rule.id, adaptRule(rule, cache, book)]),
);

const ESLINT_SEVERITY: Record<Severity, 1 | 2> = { error: 2, warning: 1, info: 1 };

/**
 * The loudest severity a rule reports with by default: its own, or a louder message's (an info
 * rule with one certain failure as error). The processor lowers each message from there.
 */
export function loudestDefault(rule: AnyRule): Severity {
  let loudest = rule.meta.severity;
  for (const spec of Object.values(rule.meta.messages as Record<string, MessageSpec>)) {
    if (spec.severity && SEVERITY_RANK[spec.severity] > SEVERITY_RANK[loudest]) loudest = spec.severity;
  }
  return loudest;
}

/**
 * Lowers each tp-doctor message to the core's severity of that finding (a warning-level message of
 * an error-level rule stays a warning; info becomes a warning, ESLint's quietest level). The text
 * goes through unchanged as one block, so other rules' fixes still apply.
 */
const severityProcessor: Linter.Processor = {
  meta: { name: 'tp-doctor/severity', version: pluginVersion() },
  supportsAutofix: true,
  preprocess: (text) => [text],
  postprocess(messages, filename) {
    const severities = book.take(filename);
    const flat = messages.flat();
    if (!severities) return flat;
    return flat.map((m) => {
      if (!m.ruleId) return m;
      const core = severities.get(SeverityBook.key(m.ruleId.slice(m.ruleId.lastIndexOf('/') + 1), m.line, m.column, m.message));
      if (core === undefined || ESLINT_SEVERITY[core] >= m.severity) return m;
      return { ...m, severity: ESLINT_SEVERITY[core] };
    });
  },
};

export interface TpDoctorPlugin extends ESLint.Plugin {
  meta: { name: string; namespace: string; version: string };
  rules: Record<string, Rule.RuleModule>;
  processors: { severity: Linter.Processor };
  /** The parser the recommended config uses: yaml-eslint-parser that never refuses a file. */
  parser: TolerantParser;
  configs: { recommended: Linter.Config[] };
}

const plugin: TpDoctorPlugin = {
  meta: { name: 'tp-doctor', namespace: NAMESPACE, version: pluginVersion() },
  rules,
  processors: { severity: severityProcessor },
  parser,
  configs: { recommended: [] },
};

plugin.configs.recommended.push(
  {
    name: 'tp-doctor/recommended',
    files: [...RECOMMENDED_FILES],
    plugins: { [NAMESPACE]: plugin },
    languageOptions: { parser },
    processor: `${NAMESPACE}/severity`,
    rules: Object.fromEntries(
      registry.map((rule) => [`${NAMESPACE}/${rule.id}`, loudestDefault(rule) === 'error' ? 'error' : 'warn']),
    ),
  },
);

/** `projectCache.lintRuns` counts core lint runs (for tests of the caching). */
export { parser, cache as projectCache };
export const configs = plugin.configs;
export const meta = plugin.meta;
export { rules };
export default plugin;
