import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LineIndex, Location } from '../yaml/span.js';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named (each once, in order); empty = every rule. */
  ruleIds: string[];
  location: Location;
  /** Lines [from, to] the directive covers (inclusive), for disable-* kinds. */
  from: number;
  to: number;
  /**
   * For a block `disable`: the last covered line of the rules that a later `# tp-doctor-enable
   * <ids>` switched back on while the directive stayed open for its other rules.
   */
  endsFor?: Map<string, number>;
  /** Rule ids (or '*') that suppressed at least one diagnostic. */
  used: Set<string>;
}

/**
 * `# tp-doctor-disable-next-line <ids> -- reason`, `# tp-doctor-disable-line <ids>`,
 * `# tp-doctor-disable <ids>` … `# tp-doctor-enable <ids>`; no ids = every rule. Ids are separated
 * by commas and/or spaces; a reason follows ` -- ` (as in ESLint).
 *
 * The `#` must start a comment (line start or after white space), so text inside a quoted string
 * is rarely mistaken for one. Lines are read as text, so a directive written as a shell comment
 * inside a `run: |` block counts too: that is the only way to put a directive right above one
 * line of a script, and the shell ignores it.
 */
const DIRECTIVE = /(?:^|\s)#\s*tp-doctor-(disable-next-line|disable-line|disable|enable)(?=\s|$)([^\n]*)$/;
const REASON = /\s-{2,}(?:\s|$)/;

/** The ids of a directive's text (after the kind), without its reason. */
export function directiveRuleIds(rest: string): string[] {
  const ids = (rest.split(REASON)[0] ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(ids)];
}

const MARK = 'tp-doctor-';

/**
 * The lines that hold `tp-doctor-`, in order: found in the whole text, not by cutting each line out of
 * it (issue 17: most documents have none, and the 846 bench workflows have 100,000 lines).
 */
function markedLines(lines: LineIndex): number[] {
  const out: number[] = [];
  const text = lines.text;
  for (let at = text.indexOf(MARK); at >= 0; ) {
    const line = lines.position(at).line;
    out.push(line);
    if (line >= lines.lineCount) break;
    at = text.indexOf(MARK, lines.lineStart(line + 1));
  }
  return out;
}

export function parseDirectives(file: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  const open: Directive[] = [];
  for (const line of markedLines(lines)) {
    const text = lines.lineText(line);
    const m = DIRECTIVE.exec(text);
    if (!m) continue;
    const kind = m[1] as DirectiveKind;
    const ruleIds = directiveRuleIds(m[2] ?? '');
    const column = text.indexOf('#', m.index) + 1;
    const location: Location = {
      file,
      start: { line, column },
      end: { line, column: text.length + 1 },
    };
    if (kind === 'enable') {
      for (const d of open) {
        if (d.to !== Infinity) continue;
        if (ruleIds.length === 0) {
          d.to = line;
          continue;
        }
        // Switch the named rules back on; the directive stays open for the others.
        for (const id of ruleIds) {
          if (d.ruleIds.length > 0 && !d.ruleIds.includes(id)) continue;
          d.endsFor ??= new Map();
          if (!d.endsFor.has(id)) d.endsFor.set(id, line);
        }
        if (d.ruleIds.length > 0 && d.ruleIds.every((id) => d.endsFor?.has(id))) {
          d.to = Math.max(...d.ruleIds.map((id) => d.endsFor?.get(id) ?? line));
          d.endsFor = undefined;
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
      const to = dir.endsFor?.get(d.ruleId) ?? dir.to;
      if (d.line < dir.from || d.line > to) continue;
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
