import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LineIndex, Location } from '../yaml/span.js';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty = every rule. */
  ruleIds: string[];
  location: Location;
  /** Lines [from, to] the directive covers (inclusive), for disable-* kinds. */
  from: number;
  to: number;
  /** Rule ids (or '*') that suppressed at least one diagnostic. */
  used: Set<string>;
}

/**
 * `# tp-doctor-disable-next-line <ids> -- reason`, `# tp-doctor-disable-line <ids>`,
 * `# tp-doctor-disable <ids>` … `# tp-doctor-enable <ids>`. The `#` must start a comment (line
 * start or after white space), so text inside a quoted string is rarely mistaken for one.
 */
const DIRECTIVE = /(?:^|\s)#\s*tp-doctor-(disable-next-line|disable-line|disable|enable)\b([^\n]*)$/;

export function parseDirectives(file: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  const open: Directive[] = [];
  for (let line = 1; line <= lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (!text.includes('tp-doctor-')) continue;
    const m = DIRECTIVE.exec(text);
    if (!m) continue;
    const kind = m[1] as DirectiveKind;
    const rest = (m[2] ?? '').split(/\s--\s|\s--$/)[0] ?? '';
    const ruleIds = rest
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const column = text.indexOf('#', m.index) + 1;
    const location: Location = {
      file,
      start: { line, column },
      end: { line, column: text.length + 1 },
    };
    if (kind === 'enable') {
      for (const d of open) {
        if (d.to !== Infinity) continue;
        if (ruleIds.length === 0 || d.ruleIds.length === 0 || d.ruleIds.some((id) => ruleIds.includes(id))) {
          d.to = line;
        }
      }
      continue;
    }
    const range =
      kind === 'disable-next-line' ? [line + 1, line + 1] : kind === 'disable-line' ? [line, line] : [line, Infinity];
    const directive: Directive = { kind, ruleIds, location, from: range[0]!, to: range[1]!, used: new Set() };
    out.push(directive);
    if (kind === 'disable') open.push(directive);
  }
  return out;
}

/** Drops suppressed diagnostics and marks the directives that did the suppressing. */
export function applyDirectives(diagnostics: Diagnostic[], directives: Map<string, Directive[]>): Diagnostic[] {
  return diagnostics.filter((d) => {
    const list = directives.get(d.file);
    if (!list) return true;
    let suppressed = false;
    for (const dir of list) {
      if (d.line < dir.from || d.line > dir.to) continue;
      if (dir.ruleIds.length === 0) {
        dir.used.add('*');
        suppressed = true;
      } else if (dir.ruleIds.includes(d.ruleId)) {
        dir.used.add(d.ruleId);
        suppressed = true;
      }
    }
    return !suppressed;
  });
}
