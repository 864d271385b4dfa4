/**
 * `parseYaml`: text to a `YamlDocument` with problems and positions. The limit scans live in
 * `scans.ts`, the node wrapper in `node.ts`; this module re-exports both surfaces for importers.
 */
import { Composer, Parser, isScalar, isMap, isNode, type CST, type Document, type Node, YAMLParseError } from 'yaml';
import { LineIndex } from './span.js';
import type { ParseOptions, YamlDocument, YamlProblem, YamlProblemCode } from './document.js';
import { YNode } from './node.js';
import {
  CORE_PREFIX,
  COUNT_FROM_BYTES,
  DEFAULT_MAX_EXPANDED_NODES,
  MAX_NESTING_DEPTH,
  MAX_YAML_VALUES,
  countScalars,
  findAliasBomb,
  scanNodes,
  scanTokens,
} from './scans.js';

export type { ParseOptions, YamlDocument, YamlProblem, YamlProblemCode } from './document.js';
export { YNode, type YKind } from './node.js';
export { MAX_NESTING_DEPTH, MAX_YAML_VALUES } from './scans.js';

const referenceTag = {
  tag: '!reference',
  collection: 'seq' as const,
  default: false,
  resolve: (value: unknown) => value,
};

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

  const docInfo: YamlDocument = { file, text, lines, problems, root: undefined, raw };
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
    const headerInfo: YamlDocument = { file, text, lines, problems: [], root: undefined, raw: headerDoc };
    docInfo.header = new YNode(headerInfo, headerDoc.contents, undefined);
    headerInfo.root = docInfo.header;
  }
  return docInfo;
}

/**
 * The composed document after the limit scans, or the one problem that stops the parse (too many
 * values, too deep, or a parser failure).
 */
function compose(
  text: string,
  lines: LineIndex,
  options: ParseOptions,
): { doc: Document.Parsed; header?: Document.Parsed; hasAliases: boolean } | { problem: YamlProblem } {
  try {
    if (text.length > COUNT_FROM_BYTES && countScalars(text, MAX_YAML_VALUES) > MAX_YAML_VALUES) {
      return {
        problem: {
          code: 'too-many-values',
          message: `the file holds more than ${MAX_YAML_VALUES.toLocaleString('en-US')} YAML keys and values, where tp-doctor reads at most that many; the file was not checked`,
          span: lines.span(0, 0),
        },
      };
    }
    const tokens = Array.from(new Parser().parse(text));
    const scan = scanTokens(tokens, MAX_NESTING_DEPTH);
    const deep = scan.tooDeepAt;
    if (deep !== undefined) {
      return {
        problem: {
          code: 'too-deep',
          message: `collections nest more than ${MAX_NESTING_DEPTH} levels deep`,
          span: lines.span(deep, deep + 1),
        },
      };
    }
    const composed = composeFirst(
      tokens,
      text.length,
      {
        prettyErrors: false,
        // Duplicate keys are found below in one linear pass: the yaml package compares each key
        // with every earlier key of its map, which takes minutes for 150,000 `env:` keys.
        uniqueKeys: false,
        merge: true,
        strict: true,
        customTags: options.gitlabTags ? [referenceTag] : [],
      },
      options.gitlabSpecHeader === true,
    );
    return { ...composed, hasAliases: scan.hasAliases };
  } catch (error) {
    // The yaml package does not throw for bad input; this is a last resort so that a parser bug
    // can never become a stack trace for the user.
    return { problem: { code: 'syntax', message: (error as Error).message, span: lines.span(0, 0) } };
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
  return found.map((f) => f.problem);
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

type ComposeOptions = ConstructorParameters<typeof Composer>[0];

/**
 * What `parseDocument` does, from tokens already parsed: the first document, later ones flagged.
 * With `allowSpecHeader`, a first document that holds only `spec:` is GitLab's header: the second
 * document is the configuration, and only a third one is flagged.
 */
function composeFirst(
  tokens: CST.Token[],
  length: number,
  options: ComposeOptions,
  allowSpecHeader: boolean,
): { doc: Document.Parsed; header?: Document.Parsed } {
  const composer = new Composer(options);
  const docs: Document.Parsed[] = [];
  for (const next of composer.compose(tokens, true, length)) {
    docs.push(next);
    if (docs.length === 3) break;
  }
  // `compose(…, true, …)` always yields at least one document, even for an empty text.
  const first = docs[0];
  if (!first) throw new Error('the YAML composer produced no document');
  let header: Document.Parsed | undefined;
  let doc = first;
  let extra = docs[1];
  if (allowSpecHeader && docs[1] && isSpecHeader(first)) {
    header = first;
    doc = docs[1];
    extra = docs[2];
    // A mistake in the header breaks the file as much as one in the configuration.
    doc.errors.unshift(...first.errors);
  }
  if (extra) {
    doc.errors.push(new YAMLParseError([extra.range[0], extra.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
  }
  return header ? { doc, header } : { doc };
}

/** A document whose root is a map with the single key `spec` (GitLab's header). */
function isSpecHeader(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  if (!isMap(contents) || contents.items.length !== 1) return false;
  const key = contents.items[0]?.key;
  return isScalar(key) && key.value === 'spec';
}
