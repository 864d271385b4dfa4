/**
 * Quoted scalars whose continuation lines are less indented than YAML 1.2 asks, which the CI
 * platforms' own parsers accept and the yaml library does not:
 *
 *     stale-issue-message: 'This issue has been opened for more than 2 months. If the issue is
 *   still here, please comment'
 *
 * GitHub Actions parses workflows with YamlDotNet, whose scanner checks the indentation of a
 * multi-line *double-quoted* scalar only ("While scanning a multi-line double-quoted scalar, found
 * wrong indentation", `Scanner.ScanFlowScalar`); a single-quoted one is read whatever its
 * continuation lines' indentation (react-native-device-info's stale.yml runs). GitLab (Ruby's
 * Psych, on libyaml) and CircleCI (SnakeYAML, on PyYAML's scanner) check neither. So a file the
 * yaml library rejects only for such lines is no invalid file: `repairQuotedIndent` indents those
 * lines just enough (the folded value is the same: a continuation line's leading blanks are
 * dropped) and `parseYaml` reads the repaired text when, and only when, it then parses cleanly.
 * Line numbers stay; columns on the repaired lines move by the spaces added.
 */
import { CST, Parser } from 'yaml';

/** Which quoted scalars the platform accepts with under-indented continuation lines. */
export type QuotedContinuation = 'single' | 'any';

/** Scalars repaired in one file, at most (each needs a parse of its own). */
const MAX_REPAIRS = 32;

/** The index just past the closing quote of the scalar starting at `start` (a quote), or -1 when `text` ends first. */
function closingQuote(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** The first quoted scalar of `text` that the yaml library's lexer ended at a line it found under-indented. */
function firstUnterminated(text: string, quotes: QuotedContinuation): { offset: number; indent: number; quote: string } | undefined {
  let found: { offset: number; indent: number; quote: string } | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document' || found) continue;
    CST.visit(token, (item) => {
      for (const t of [item.key, item.value]) {
        if (found || !t || (t.type !== 'single-quoted-scalar' && t.type !== 'double-quoted-scalar')) continue;
        const quote = t.type === 'single-quoted-scalar' ? "'" : '"';
        if (quote === '"' && quotes === 'single') continue;
        // A closed scalar's source ends with its closing quote; the lexer cut an unclosed one at a line end.
        if (closingQuote(t.source, 0, quote) === t.source.length) continue;
        found = { offset: t.offset, indent: t.indent, quote };
        return CST.visit.BREAK;
      }
      return undefined;
    });
  }
  return found;
}

/**
 * `text` with the continuation lines of its under-indented quoted scalars indented (see the file
 * comment), or undefined when it has none tp-doctor can repair (no such scalar, a scalar that never
 * closes, a document marker inside one, or more than `MAX_REPAIRS`).
 */
export function repairQuotedIndent(text: string, quotes: QuotedContinuation): string | undefined {
  try {
    return repair(text, quotes);
  } catch (error) {
    // The CST walk recurses per nesting level; a file nested deep enough to exhaust the stack is
    // not repaired (the parse's own problems stand).
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function repair(text: string, quotes: QuotedContinuation): string | undefined {
  let current = text;
  for (let round = 0; round < MAX_REPAIRS; round++) {
    const scalar = firstUnterminated(current, quotes);
    if (!scalar) return round === 0 ? undefined : current;
    const end = closingQuote(current, scalar.offset, scalar.quote);
    if (end < 0) return undefined;
    const need = scalar.indent + 1;
    let out = current.slice(0, scalar.offset);
    let changed = false;
    const lines = current.slice(scalar.offset, end).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (i > 0 && /^(?:---|\.\.\.)(?:\s|$)/.test(line)) return undefined;
      const indent = line.length - line.trimStart().length;
      const pad = i > 0 && line.trim() !== '' && indent < need ? ' '.repeat(need - indent) : '';
      if (pad) changed = true;
      out += (i > 0 ? '\n' : '') + pad + line;
    }
    if (!changed) return undefined;
    current = out + current.slice(end);
  }
  return undefined;
}
