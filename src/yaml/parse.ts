/**
 * `parseYaml`: text to a `YamlDocument` with problems and positions. The limit scans live in
 * `scans.ts`, the composing in `compose.ts`, the node wrapper in `node.ts`; this module re-exports
 * their surfaces for importers.
 */
import { isScalar, isNode, type Document, type Node } from 'yaml';
import { compose } from './compose.js';
import { LineIndex } from './span.js';
import type { ParseOptions, YamlDocument, YamlProblem, YamlProblemCode } from './document.js';
import { YNode } from './node.js';
import { compactTree } from './compact.js';
import { repairQuotedIndent } from './quoted-indent.js';
import { CORE_PREFIX, DEFAULT_MAX_EXPANDED_NODES, findAliasBomb, scanNodes } from './scans.js';

export type { ParseOptions, YamlDocument, YamlProblem, YamlProblemCode } from './document.js';
export { YNode, type YKind } from './node.js';
export { MAX_NESTING_DEPTH, MAX_YAML_VALUES } from './scans.js';
export { rawDocument } from './raw-index.js';

function errorCode(code: string): YamlProblemCode {
  if (code === 'DUPLICATE_KEY') return 'duplicate-key';
  return 'syntax';
}

/**
 * Parses YAML text and never throws: syntax errors, duplicate keys, several documents and alias
 * bombs come back as problems with positions. Comments stay in the text (suppression comments
 * are read from it by the engine).
 */
export function parseYaml(file: string, text: string, options: ParseOptions = {}): YamlDocument {
  const doc = parseText(file, text, options);
  if (doc.problems.length === 0 || !options.quotedContinuation) return doc;
  // Continuation lines the platform accepts and the yaml library does not (quoted-indent.ts): only
  // when the parser stopped at an unclosed quote, never for a file over a limit (too deep, too big).
  if (!doc.problems.some((p) => p.code === 'syntax' && /Missing closing .?quote/.test(p.message))) return doc;
  const repaired = repairQuotedIndent(text, options.quotedContinuation);
  const again = repaired === undefined ? undefined : parseText(file, repaired, options);
  if (!again || again.problems.length > 0) return doc;
  again.indentRepaired = true;
  return again;
}

function parseText(file: string, text: string, options: ParseOptions): YamlDocument {
  const lines = new LineIndex(text);
  const problems: YamlProblem[] = [];
  const composed = compose(text, lines, options);
  if ('problem' in composed) {
    problems.push(composed.problem);
    return { file, text, lines, problems, root: undefined, raw: undefined };
  }
  const { doc: raw, header: headerDoc, hasAliases } = composed;
  problems.push(...documentProblems(raw, headerDoc, text, lines, options.gitlabTags === true));
  if (problems.length > 0) return { file, text, lines, problems, root: undefined, raw };

  const docInfo: YamlDocument = { file, text, lines, problems, root: undefined, raw, parsedWith: options };
  const contents = raw.contents;
  if (contents && isNode(contents)) {
    const limit = options.maxExpandedNodes ?? DEFAULT_MAX_EXPANDED_NODES;
    // Without a single alias nothing expands: the walk (a memo entry per node) is skipped.
    const bomb = hasAliases ? findAliasBomb(raw, contents, limit, lines) : undefined;
    if (bomb) {
      problems.push({
        code: 'alias-bomb',
        message: `aliases expand the document to more than ${limit.toLocaleString('en-US')} nodes`,
        span: bomb,
      });
      return docInfo;
    }
    docInfo.root = new YNode(docInfo, contents, undefined);
  }
  if (headerDoc && isNode(headerDoc.contents)) {
    // The header is a document of its own: its aliases resolve against it, not the body.
    const headerInfo: YamlDocument = { file, text, lines, problems: [], root: undefined, raw: headerDoc, parsedWith: options, isHeader: true };
    docInfo.header = new YNode(headerInfo, headerDoc.contents, undefined);
    headerInfo.root = docInfo.header;
  }
  return docInfo;
}

/**
 * Lets the yaml library's tree of a document go, for a document kept for the whole run (a
 * publishing workflow, a GitLab or CircleCI configuration): every wrapper's children are computed
 * and the wrappers keep what they read (`compactTree`), and `raw` goes: `rawDocument`
 * (`raw-index.ts`) parses the text again when a fixer asks, and keeps that parse only until another
 * document is asked for. The wrappers answer exactly as before. A document that `parseYaml` did not make (JSON) or
 * that is already compacted is left as it is.
 */
export function compactDocument(doc: YamlDocument): void {
  if (!doc.parsedWith || !doc.root || doc.compacted) return;
  compactTree(doc.root);
  doc.raw = undefined;
  doc.compacted = true;
  const header = doc.header;
  if (header && header.doc !== doc) {
    compactTree(header);
    header.doc.raw = undefined;
    header.doc.compacted = true;
  }
}

/** The parser's errors and the scan's repeated keys and unsupported tags, in the order of the text. */
function documentProblems(
  raw: Document.Parsed,
  headerDoc: Document.Parsed | undefined,
  text: string,
  lines: LineIndex,
  gitlabTags: boolean,
): YamlProblem[] {
  const found: { offset: number; problem: YamlProblem }[] = [];
  for (const err of raw.errors) {
    const [start, end] = err.pos;
    // The parser's own words, without its position and source excerpt.
    const excerpt = err.message.search(/ at line \d+, column \d+/);
    const message = excerpt < 0 ? err.message : err.message.slice(0, excerpt);
    if (err.code === 'MULTIPLE_DOCS') {
      // Point at the first line of the second document (its `---`), not at all of it.
      const line = lines.position(start).line;
      const lineEnd = lines.lineStart(line) + lines.lineText(line).length;
      found.push({ offset: start, problem: { code: 'multiple-documents', message, span: lines.span(start, Math.min(end, lineEnd)) } });
    } else {
      found.push({ offset: start, problem: { code: errorCode(err.code), message, span: lines.span(start, end) } });
    }
  }
  // The header first: its problems break the file as much as the configuration's.
  for (const d of headerDoc ? [headerDoc, raw] : [raw]) {
    for (const hit of scanNodes(d.contents, gitlabTags)) {
      const start = (hit.node.range ?? [0, 0])[0];
      found.push({ offset: start, problem: nodeProblem(hit, text, lines) });
    }
  }
  // In the order of the text (a stable sort keeps the parser's order at equal offsets).
  found.sort((a, b) => a.offset - b.offset);
  // One syntax error per file: after the first, the parser's recovery reports follow-on errors of
  // the same cause (an unclosed `[` gave 14, a tab 5), which would bury the one that matters.
  // Repeated keys and tags are each their own mistake and stay.
  const firstSyntax = found.findIndex((f) => f.problem.code === 'syntax');
  return found.filter((f, i) => f.problem.code !== 'syntax' || i === firstSyntax).map((f) => f.problem);
}

/** A repeated key or an unsupported tag found by `scanNodes`. */
function nodeProblem(hit: { kind: 'duplicate' | 'tag'; node: Node }, text: string, lines: LineIndex): YamlProblem {
  const [start, end] = hit.node.range ?? [0, 0];
  const source = text.slice(start, end);
  const span = source.includes('\n') ? lines.span(start, start + 1) : lines.span(start, end);
  if (hit.kind === 'duplicate') {
    const name = isScalar(hit.node) ? JSON.stringify(String(hit.node.value)) : source.trim();
    const shown = name.length > 60 ? `${name.slice(0, 57)}...` : name;
    const message = name ? `${shown} is repeated in the same mapping; keys must be unique` : 'a key is repeated in the same mapping; keys must be unique';
    return { code: 'duplicate-key', message, span };
  }
  // The node's range starts after its tag: point at the tag (`!!js/function "…"`) too.
  let bang = start;
  while (bang > 0 && (text[bang - 1] === ' ' || text[bang - 1] === '\t')) bang--;
  const floor = Math.max(0, bang - 256);
  while (bang > floor && !/\s/.test(text[bang - 1]!)) bang--;
  const tagSpan = text[bang] === '!' ? lines.span(bang, source.includes('\n') ? start + 1 : end) : span;
  const tag = hit.node.tag ?? '';
  const shown = tag.startsWith(CORE_PREFIX) ? `!!${tag.slice(CORE_PREFIX.length)}` : tag;
  const message = `the tag \`${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown}\` is not a standard YAML tag (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are)`;
  return { code: 'unsupported-tag', message, span: tagSpan };
}

