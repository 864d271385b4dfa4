/**
 * One core rule as an ESLint rule. No detection here: the rule asks the shared `ProjectCache` for
 * the core findings of the linted file and reports those of its own id, at the same places, with
 * the same message ids and texts. The core's severity of each report goes into the `SeverityBook`
 * for the plugin's processor (ESLint has one severity per rule; the core has one per message).
 */
import type { Rule } from 'eslint';
import type { Fix, Severity } from '../diagnostics/diagnostic.js';
import { docsUrl } from '../diagnostics/docs-url.js';
import type { AnyRule, MessageSpec } from '../engine/define-rule.js';
import type { Finding, ProjectCache } from './context.js';

/** The message id for what is not a core diagnostic (config and internal errors): text as given. */
export const RAW_MESSAGE_ID = 'tpDoctorRaw';

/** Core template `{name}` → ESLint template `{{name}}` (the core's only placeholder syntax). */
export function eslintTemplate(text: string): string {
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, '{{$1}}');
}

/** ESLint's own interpolation (eslint/lib/linter/interpolate.js), to check a report renders as the core's. */
export function eslintInterpolate(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{([^{}]+)\}\}/gu, (whole, term: string) => {
    const key = term.trim();
    return key in data ? String(data[key]) : whole;
  });
}

/** Where the processor finds the core severity of each reported message, per file and lint pass. */
export class SeverityBook {
  private readonly files = new Map<string, { source: object; entries: Map<string, Severity> }>();

  static key(ruleId: string, line: number, column: number, message: string): string {
    return `${ruleId}\0${line}\0${column}\0${message}`;
  }

  record(filename: string, source: object, key: string, severity: Severity): void {
    let file = this.files.get(filename);
    if (!file || file.source !== source) {
      file = { source, entries: new Map() };
      this.files.set(filename, file);
    }
    file.entries.set(key, severity);
  }

  /** The recorded severities of a file, forgotten once read (the processor reads them once per pass). */
  take(filename: string): Map<string, Severity> | undefined {
    const file = this.files.get(filename);
    this.files.delete(filename);
    return file?.entries;
  }
}

interface SourceLike {
  text: string;
  getLocFromIndex?(index: number): { line: number; column: number };
}

/**
 * Core position (1-based line and column, lines split at `\n`) → ESLint's (1-based line, 0-based
 * column). Through the text offset when the language can map it, so that ESLint's own line breaks
 * (it also splits at `\r` and U+2028) never shift a report.
 */
function toEslintPosition(source: SourceLike, starts: number[], line: number, column: number): { line: number; column: number } {
  const lineStart = starts[line - 1];
  if (lineStart === undefined || !source.getLocFromIndex) return { line, column: column - 1 };
  const offset = Math.min(lineStart + column - 1, source.text.length);
  try {
    return source.getLocFromIndex(offset);
  } catch {
    return { line, column: column - 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The core fix and suggestions of a finding as ESLint's `fix` and `suggest`. The core's offsets are
 * into the text it linted, which is the editor's text of this file (the overlay), so they apply as
 * they are; an edit past the text's end (it changed meanwhile) drops the fix.
 */
function eslintFixes(f: Finding, length: number): Pick<Rule.ReportDescriptorOptions, 'fix' | 'suggest'> {
  const fits = (fix: Fix): boolean => fix.edits.every((e) => e.start >= 0 && e.end <= length && e.start <= e.end);
  const toFixer = (fix: Fix): Rule.ReportFixer => (fixer) => fix.edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text));
  const out: Pick<Rule.ReportDescriptorOptions, 'fix' | 'suggest'> = {};
  if (f.autofix && fits(f.autofix)) out.fix = toFixer(f.autofix);
  const suggest = (f.suggestions ?? []).filter(fits).map((s) => ({ desc: s.description, fix: toFixer(s) }));
  if (suggest.length > 0) out.suggest = suggest;
  return out;
}

export function adaptRule(rule: AnyRule, cache: ProjectCache, book: SeverityBook): Rule.RuleModule {
  const specs = rule.meta.messages as Record<string, MessageSpec>;
  const messages: Record<string, string> = { [RAW_MESSAGE_ID]: '{{message}}' };
  for (const [id, spec] of Object.entries(specs)) messages[id] = eslintTemplate(spec.text);

  const descriptor = (f: Finding, loc: Rule.ReportDescriptorLocation, length: number): Rule.ReportDescriptor => {
    const data = Object.fromEntries(Object.entries(f.data).map(([k, v]) => [k, String(v)]));
    const template = f.messageId !== undefined ? messages[f.messageId] : undefined;
    const fixes = eslintFixes(f, length);
    if (f.messageId !== undefined && template !== undefined && eslintInterpolate(template, data) === f.message) {
      return { ...loc, messageId: f.messageId, data, ...fixes };
    }
    return { ...loc, messageId: RAW_MESSAGE_ID, data: { message: f.message }, ...fixes };
  };

  return {
    meta: {
      type: 'problem',
      docs: { description: rule.meta.summary, url: docsUrl(rule.id), recommended: true },
      messages,
      schema: [],
      ...(rule.meta.fixable ? { fixable: 'code' as const } : {}),
      ...(rule.meta.hasSuggestions ? { hasSuggestions: true } : {}),
    },
    create(context) {
      const found = cache.findings(context).byRule.get(rule.id);
      if (!found) return {};
      const source = context.sourceCode as unknown as SourceLike;
      const starts = lineStarts(source.text);
      const filename = context.physicalFilename ?? context.filename;
      for (const f of found) {
        const start = toEslintPosition(source, starts, f.line, f.column);
        const end = toEslintPosition(source, starts, f.endLine, f.endColumn);
        context.report(descriptor(f, { loc: { start, end } }, source.text.length));
        book.record(filename, context.sourceCode, SeverityBook.key(rule.id, start.line, start.column + 1, f.message), f.severity);
      }
      return {};
    },
  };
}
