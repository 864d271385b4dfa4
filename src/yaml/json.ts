/**
 * Strict JSON with positions, for package.json.
 *
 * npm reads package.json with `JSON.parse` (through json-parse-even-better-errors): a file that is
 * not RFC 8259 JSON fails every npm command with EJSONPARSE, and a repeated key keeps its LAST
 * value. tp-doctor must agree with that, and also keep a position for every value it reports on.
 * Neither tool does both: `JSON.parse` gives no positions (and its error messages vary, some
 * without a position, some quoting the text), and the YAML parser accepts YAML that is not JSON
 * (`name: x`, comments, single quotes, trailing commas in flow collections), refuses some JSON
 * (keys over 1024 characters, tab indentation in places) and checks duplicate keys in quadratic
 * time. So this is a small hand-written scanner: one pass, an explicit stack (no recursion, so
 * any nesting depth is safe), the grammar of RFC 8259 exactly (a property test checks that it
 * accepts what `JSON.parse` accepts), and it builds the same node objects the YAML parser builds,
 * so the model reads package.json through the usual `YNode` wrapper.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { YNode, type YamlDocument } from './parse.js';
import { LineIndex, type Span } from './span.js';

export interface JsonDuplicateKey {
  key: string;
  /** The repeated key, whose value wins (as in JSON.parse and npm). */
  span: Span;
  /** The first occurrence, whose value is ignored. */
  first: Span;
}

export interface JsonResult {
  /** The document; `root` is undefined when the text is not JSON. */
  doc: YamlDocument;
  /** The first syntax error, with its position (JSON.parse stops at the first one too). */
  error?: { message: string; span: Span };
  /** Keys repeated within one object, in text order. */
  duplicates: JsonDuplicateKey[];
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length = 1,
  ) {
    super(message);
  }
}

type Container = { kind: 'map'; node: YAMLMap; start: number; keys: Map<string, Scalar>; key?: Scalar } | { kind: 'seq'; node: YAMLSeq; start: number };

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** A character for a message: printable ones quoted, others as code points. Never more than one. */
function show(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const cp = text.codePointAt(offset) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return `the control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\`${String.fromCodePoint(cp)}\``;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJson(file: string, text: string): JsonResult {
  const lines = new LineIndex(text);
  const doc: YamlDocument = { file, text, lines, problems: [], root: undefined, raw: undefined };
  const duplicates: JsonDuplicateKey[] = [];
  let i = 0;
  const n = text.length;

  const skipWs = (): void => {
    while (i < n && isWs(text.charCodeAt(i))) i++;
  };

  const readString = (): Scalar => {
    const start = i;
    i++; // the opening quote
    let value = '';
    let run = i;
    for (;;) {
      if (i >= n) throw new JsonSyntaxError('a string is not closed (`"` missing) before the end of the file', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) throw new JsonSyntaxError(`a string contains ${show(text, i)}; JSON needs it escaped`, i);
      if (c !== 0x5c) {
        i++;
        continue;
      }
      value += text.slice(run, i);
      const e = text[i + 1] ?? '';
      if (e === 'u') {
        let ok = true;
        for (let k = 2; k < 6; k++) ok &&= isHex(text.charCodeAt(i + k));
        if (!ok) throw new JsonSyntaxError('`\\u` must be followed by four hexadecimal digits', i, 2);
        value += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else if (ESCAPES[e] !== undefined) {
        value += ESCAPES[e];
        i += 2;
      } else {
        throw new JsonSyntaxError(`\`\\${e}\` is not a JSON escape (allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`, i, 2);
      }
      run = i;
    }
    value += text.slice(run, i);
    i++; // the closing quote
    const scalar = new Scalar(value);
    scalar.type = 'QUOTE_DOUBLE';
    scalar.range = [start, i, i];
    return scalar;
  };

  const readNumber = (): Scalar => {
    const start = i;
    if (text.charCodeAt(i) === 0x2d) i++;
    if (text.charCodeAt(i) === 0x30) {
      i++;
    } else if (isDigit(text.charCodeAt(i))) {
      while (isDigit(text.charCodeAt(i))) i++;
    } else {
      throw new JsonSyntaxError(`expected a digit after \`-\`, found ${show(text, i)}`, i);
    }
    if (text.charCodeAt(i) === 0x2e) {
      i++;
      if (!isDigit(text.charCodeAt(i))) throw new JsonSyntaxError(`expected a digit after \`.\`, found ${show(text, i)}`, i);
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      if (!isDigit(text.charCodeAt(i))) throw new JsonSyntaxError(`expected a digit in the exponent, found ${show(text, i)}`, i);
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const source = text.slice(start, i);
    const scalar = new Scalar(Number(source));
    scalar.type = 'PLAIN';
    scalar.source = source;
    scalar.range = [start, i, i];
    return scalar;
  };

  const readLiteral = (): Scalar => {
    const start = i;
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        const scalar = new Scalar(value);
        scalar.type = 'PLAIN';
        scalar.source = word;
        scalar.range = [start, i, i];
        return scalar;
      }
    }
    if (i >= n) throw new JsonSyntaxError('unexpected end of the file: a value is missing', i, 0);
    const hint = text[i] === "'" ? ' (JSON strings use double quotes)' : /[A-Za-z_]/.test(text[i] ?? '') ? ' (JSON keys and strings are written in double quotes)' : '';
    throw new JsonSyntaxError(`expected a value, found ${show(text, i)}${hint}`, i);
  };

  const stack: Container[] = [];
  let root: YAMLMap | YAMLSeq | Scalar | undefined;
  /** True when a value comes next; otherwise `,` or the innermost closing bracket does. */
  let expectValue = true;

  /** Places a finished value in the innermost container (or as the root). */
  const place = (value: YAMLMap | YAMLSeq | Scalar): void => {
    const top = stack[stack.length - 1];
    if (!top) root = value;
    else if (top.kind === 'seq') top.node.items.push(value);
    else top.node.items.push(new Pair(top.key, value));
    expectValue = false;
  };

  /** Closes the innermost container at `i` (its bracket already consumed). */
  const close = (): void => {
    const done = stack.pop()!;
    done.node.range = [done.start, i, i];
    place(done.node);
  };

  /** Reads `"key" :` inside the innermost object; a value comes next. */
  const readKey = (top: Extract<Container, { kind: 'map' }>): void => {
    skipWs();
    if (text.charCodeAt(i) !== 0x22) {
      const hint = text[i] === "'" ? ' (JSON uses double quotes)' : '';
      throw new JsonSyntaxError(`expected a key in double quotes, found ${show(text, i)}${hint}`, i, i < n ? 1 : 0);
    }
    const key = readString();
    skipWs();
    if (text.charCodeAt(i) !== 0x3a) throw new JsonSyntaxError(`expected \`:\` after the key, found ${show(text, i)}`, i, i < n ? 1 : 0);
    i++;
    const name = key.value as string;
    const first = top.keys.get(name);
    if (first?.range && key.range) {
      duplicates.push({ key: name, span: lines.span(key.range[0], key.range[1]), first: lines.span(first.range[0], first.range[1]) });
    }
    top.keys.set(name, key);
    top.key = key;
    expectValue = true;
  };

  try {
    for (;;) {
      skipWs();
      if (expectValue) {
        const c = text.charCodeAt(i);
        if (c === 0x7b /* { */) {
          const node = new YAMLMap();
          node.flow = true;
          const top: Container = { kind: 'map', node, start: i, keys: new Map() };
          stack.push(top);
          i++;
          skipWs();
          if (text.charCodeAt(i) === 0x7d) {
            i++;
            close();
          } else {
            readKey(top);
          }
        } else if (c === 0x5b /* [ */) {
          const node = new YAMLSeq();
          node.flow = true;
          stack.push({ kind: 'seq', node, start: i });
          i++;
          skipWs();
          if (text.charCodeAt(i) === 0x5d) {
            i++;
            close();
          }
        } else if (c === 0x22) {
          place(readString());
        } else if (c === 0x2d || isDigit(c)) {
          place(readNumber());
        } else {
          place(readLiteral());
        }
        continue;
      }
      const top = stack[stack.length - 1];
      if (!top) break;
      const c = text.charCodeAt(i);
      if (c === 0x2c /* , */) {
        const comma = i;
        i++;
        skipWs();
        const next = text.charCodeAt(i);
        if (top.kind === 'map') {
          if (next === 0x7d) throw new JsonSyntaxError('a trailing `,` before `}`: JSON allows no comma after the last entry', comma);
          readKey(top);
        } else {
          if (next === 0x5d) throw new JsonSyntaxError('a trailing `,` before `]`: JSON allows no comma after the last item', comma);
          expectValue = true;
        }
        continue;
      }
      if (c === (top.kind === 'map' ? 0x7d : 0x5d)) {
        i++;
        close();
        continue;
      }
      throw new JsonSyntaxError(`expected \`,\` or \`${top.kind === 'map' ? '}' : ']'}\`, found ${show(text, i)}`, i, i < n ? 1 : 0);
    }
    if (i < n) throw new JsonSyntaxError(`unexpected ${show(text, i)} after the end of the JSON value`, i);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const at = Math.min(error.offset, n);
    return { doc, error: { message: error.message, span: lines.span(at, Math.min(at + error.length, n)) }, duplicates };
  }
  if (root) doc.root = new YNode(doc, root, undefined);
  return { doc, duplicates };
}
