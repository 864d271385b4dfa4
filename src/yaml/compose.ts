/**
 * Parsing text into the yaml library's document after the limit scans: what `parseYaml` builds on,
 * and what `rawDocument` (`raw-index.ts`) parses a compacted document with again.
 */
import { Composer, Parser, isScalar, isMap, type CST, type Document, YAMLParseError } from 'yaml';
import type { LineIndex } from './span.js';
import type { ParseOptions, YamlProblem } from './document.js';
import { COUNT_FROM_BYTES, MAX_NESTING_DEPTH, MAX_YAML_VALUES, countScalars, scanTokens } from './scans.js';

const referenceTag = {
  tag: '!reference',
  collection: 'seq' as const,
  default: false,
  resolve: (value: unknown) => value,
};

/**
 * The composed document after the limit scans, or the one problem that stops the parse (too many
 * values, too deep, or a parser failure).
 */
export function compose(
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
