/**
 * tp-doctor's programmatic API. The CLI (`tp-doctor`) and the ESLint plugin
 * (`tp-doctor/eslint-plugin`) are built on the same pieces.
 *
 *     import { lint, DiskFs, rules } from 'tp-doctor';
 *     const outcome = await lint({ fs: new DiskFs('.'), rules });
 */
export { lint, lintSync, type LintOutcome, type LintRequest } from './api.js';
export { rules, findRule } from '../rules/index.js';
export { DiskFs, MemoryFs, type SourceFs, type ReadResult } from './fs/source.js';
export type { Diagnostic, LintSummary, RelatedLocation, Severity } from './diagnostics/diagnostic.js';
export { summarize } from './diagnostics/diagnostic.js';
export type { ResolvedConfig, Publisher, GithubPublisher, GitlabPublisher } from './config/types.js';
export type { AnyRule, RuleDefinition } from './engine/define-rule.js';
export { loadFormatter, formatNames, isFormatName, type FormatName } from './formatters/index.js';
export { INPUT_FILES, COMMITTED_INPUT_GLOBS, isInputFile, type InputPattern } from './model/core/inputs.js';
