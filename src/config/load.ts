/**
 * The configuration: found (`lookup.ts`), parsed, validated with errors in the user's terms
 * (`schema-errors.ts`) and resolved into what the rest of tp-doctor reads (`resolve.ts`).
 */
import type { SourceFs } from '../fs/source.js';
import { parseYaml } from '../yaml/parse.js';
import type { YNode } from '../yaml/parse.js';
import validateSchema from './generated/config-validator.js';
import { findConfig } from './lookup.js';
import { resolve } from './resolve.js';
import { pathErrors, schemaErrors, sortErrors, unknownRuleErrors } from './schema-errors.js';
import { code, startOf } from './source.js';
import type { ConfigError, ConfigSource } from './source.js';
import type { ResolvedConfig } from './types.js';

export type { ConfigError } from './source.js';
export { CONFIG_FILE_NAMES, PACKAGE_JSON_KEY } from './lookup.js';

export interface LoadConfigResult {
  config: ResolvedConfig;
  errors: ConfigError[];
}

export interface LoadConfigOptions {
  /** `--config`: repository-relative or absolute. A missing explicit config is an error. */
  configPath?: string;
  /** Rule ids that exist; when given, unknown ids under `rules:` are errors. */
  knownRuleIds?: readonly string[];
}

function emptyConfig(): ResolvedConfig {
  return { publishers: [], inferred: true, rules: {}, runners: { hosted: [] }, ignore: [] };
}

/**
 * Finds, reads, validates and resolves the configuration. Never throws: every problem becomes a
 * ConfigError, and the config returned holds whatever parts of the file were valid.
 */
export function loadConfig(fs: SourceFs, options: LoadConfigOptions = {}): LoadConfigResult {
  const errors: ConfigError[] = [];
  const source = findConfig(fs, options.configPath, errors);
  if (!source) return { config: emptyConfig(), errors };
  const config = readConfig(source, options.knownRuleIds, errors);
  return { config, errors: sortErrors(errors) };
}

// Parsing and validation

function readConfig(
  source: ConfigSource,
  knownRuleIds: readonly string[] | undefined,
  errors: ConfigError[],
): ResolvedConfig {
  const config = emptyConfig();
  config.file = source.file;
  const doc = parseYaml(source.file, source.text);
  const problem = doc.problems[0];
  if (problem) {
    // Only the first problem: after a syntax error the parser's further complaints are echoes.
    const what = source.file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML';
    errors.push({
      message: `${code(source.file)} is not valid ${what}: ${problem.message}`,
      location: { file: source.file, ...problem.span },
    });
    return config;
  }

  let root: YNode | undefined = doc.root;
  if (source.key !== undefined) {
    root = root?.isMap ? root.get(source.key) : undefined;
    if (!root) return config;
  }
  // An empty file (or one with only comments) is an empty configuration.
  if (!root || root.isNull) return config;

  const data = root.toJS();
  if (data === undefined) {
    errors.push({ message: `${code(source.file)} is too large to be a tp-doctor configuration`, location: startOf(source.file) });
    return config;
  }
  if (!validateSchema(data)) {
    errors.push(...schemaErrors(validateSchema.errors ?? [], root, data, source));
  }
  if (knownRuleIds) errors.push(...unknownRuleErrors(root, knownRuleIds, source));
  errors.push(...pathErrors(root, source));
  resolve(root, source.file, knownRuleIds, config);
  return config;
}
