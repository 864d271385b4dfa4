/**
 * The ESLint parser for the files the plugin lints: yaml-eslint-parser, made tolerant.
 *
 * The tp-doctor rules read only the file's text and name, never the AST; the AST is there for
 * ESLint itself (directive comments: `# eslint-disable-next-line tp-doctor/<id>`) and for other YAML
 * rules a user may run on the same files. When yaml-eslint-parser refuses a file (a syntax error, a
 * duplicate key), ESLint would report "Parsing error" and run no rule at all; this parser returns an
 * empty program instead, with the file's comments, so that tp-doctor's `invalid-yaml` reports the
 * problem exactly as the CLI does and ESLint's directive comments still work in the broken file.
 */
import { Lexer } from 'yaml';
import { parseForESLint as parseYamlForESLint, VisitorKeys, type AST } from 'yaml-eslint-parser';
import { pluginVersion } from './version.js';

/** Lexer tokens that stand for structure and have no characters in the source. */
const CONTROL_TOKENS = new Set(['\u0002', '\u0018', '\u001f']);

/** Line starts of a text, for offset → line/column (ESLint: 1-based line, 0-based column). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

function positionAt(starts: number[], offset: number): AST.Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) };
}

/** The `#` comments of a YAML text, found by the `yaml` lexer, which never gives up on bad input. */
export function yamlComments(text: string): AST.Comment[] {
  const starts = lineStarts(text);
  const comments: AST.Comment[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL_TOKENS.has(token)) continue;
    if (token.startsWith('#')) {
      const end = offset + token.length;
      comments.push({
        type: 'Line',
        value: token.slice(1),
        range: [offset, end],
        loc: { start: positionAt(starts, offset), end: positionAt(starts, end) },
      });
    }
    offset += token.length;
  }
  return comments;
}

/** The program ESLint gets for a file yaml-eslint-parser refused: no documents, only comments. */
function emptyProgram(text: string): AST.YAMLProgram {
  const starts = lineStarts(text);
  return {
    type: 'Program',
    body: [],
    comments: yamlComments(text),
    tokens: [],
    sourceType: 'module',
    range: [0, text.length],
    loc: { start: { line: 1, column: 0 }, end: positionAt(starts, text.length) },
    parent: null,
  };
}

export interface TolerantParser {
  meta: { name: string; version: string };
  parseForESLint(code: string, options?: Record<string, unknown>): ReturnType<typeof parseYamlForESLint>;
}

export const parser: TolerantParser = {
  meta: { name: 'tp-doctor/yaml', version: pluginVersion() },
  parseForESLint(code, options) {
    try {
      return parseYamlForESLint(code, options);
    } catch {
      return { ast: emptyProgram(code), visitorKeys: VisitorKeys, services: { isYAML: true } };
    }
  },
};
