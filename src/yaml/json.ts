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
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { YNode, type YamlDocument } from './parse.js';
import { LineIndex, type Span } from './span.js';

export interface JsonDuplicateKey {
  key: string;
  /** The repeated key, whose value wins (as in JSON.parse and npm). */
  span: Span;
  /** The first occurrence, whose value is ignored. */
  first: Span;
  /** The key at the top level of the document under which the repeated key lies (the key itself at the top level); undefined under a top-level array. */
  topKey: string | undefined;
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

/**
 * The scanner: one pass over `text` with an explicit stack of open containers (no recursion).
 * Throws `JsonSyntaxError` at the first error, as JSON.parse stops at the first one.
 */
class JsonScanner {
  i = 0;
  readonly n: number;
  readonly lines: LineIndex;
  readonly duplicates: JsonDuplicateKey[] = [];
  root: YAMLMap | YAMLSeq | Scalar | undefined;
  private readonly stack: Container[] = [];
  /** True when a value comes next; otherwise `,` or the innermost closing bracket does. */
  private expectValue = true;

  constructor(readonly text: string) {
    this.n = text.length;
    this.lines = new LineIndex(text);
  }

  scan(): void {
    for (;;) {
      this.skipWs();
      if (this.expectValue) {
        this.readValue();
        continue;
      }
      const top = this.stack[this.stack.length - 1];
      if (!top) break;
      this.readSeparator(top);
    }
    if (this.i < this.n) throw new JsonSyntaxError(`unexpected ${show(this.text, this.i)} after the end of the JSON value`, this.i);
  }

  /** A value: an object or array opened (closed at once when empty), or a scalar read. */
  private readValue(): void {
    const c = this.text.charCodeAt(this.i);
    if (c === 0x7b /* { */) {
      const node = new YAMLMap();
      node.flow = true;
      const top: Container = { kind: 'map', node, start: this.i, keys: new Map() };
      this.stack.push(top);
      this.i++;
      this.skipWs();
      if (this.text.charCodeAt(this.i) === 0x7d) {
        this.i++;
        this.close();
      } else {
        this.readKey(top);
      }
    } else if (c === 0x5b /* [ */) {
      const node = new YAMLSeq();
      node.flow = true;
      this.stack.push({ kind: 'seq', node, start: this.i });
      this.i++;
      this.skipWs();
      if (this.text.charCodeAt(this.i) === 0x5d) {
        this.i++;
        this.close();
      }
    } else if (c === 0x22) {
      this.place(this.readString());
    } else if (c === 0x2d || isDigit(c)) {
      this.place(this.readNumber());
    } else {
      this.place(this.readLiteral());
    }
  }

  /** After a value inside a container: `,` and the next entry, or the container's closing bracket. */
  private readSeparator(top: Container): void {
    const c = this.text.charCodeAt(this.i);
    if (c === 0x2c /* , */) {
      const comma = this.i;
      this.i++;
      this.skipWs();
      const next = this.text.charCodeAt(this.i);
      if (top.kind === 'map') {
        if (next === 0x7d) throw new JsonSyntaxError('a trailing `,` before `}`: JSON allows no comma after the last entry', comma);
        this.readKey(top);
      } else {
        if (next === 0x5d) throw new JsonSyntaxError('a trailing `,` before `]`: JSON allows no comma after the last item', comma);
        this.expectValue = true;
      }
      return;
    }
    if (c === (top.kind === 'map' ? 0x7d : 0x5d)) {
      this.i++;
      this.close();
      return;
    }
    throw new JsonSyntaxError(`expected \`,\` or \`${top.kind === 'map' ? '}' : ']'}\`, found ${show(this.text, this.i)}`, this.i, this.i < this.n ? 1 : 0);
  }

  private skipWs(): void {
    while (this.i < this.n && isWs(this.text.charCodeAt(this.i))) this.i++;
  }

  private readString(): Scalar {
    const start = this.i;
    this.i++; // the opening quote
    let value = '';
    let run = this.i;
    for (;;) {
      if (this.i >= this.n) throw new JsonSyntaxError('a string is not closed (`"` missing) before the end of the file', start);
      const c = this.text.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c < 0x20) throw new JsonSyntaxError(`a string contains ${show(this.text, this.i)}; JSON needs it escaped`, this.i);
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      value += this.text.slice(run, this.i);
      const e = this.text[this.i + 1] ?? '';
      if (e === 'u') {
        let ok = true;
        for (let k = 2; k < 6; k++) ok &&= isHex(this.text.charCodeAt(this.i + k));
        if (!ok) throw new JsonSyntaxError('`\\u` must be followed by four hexadecimal digits', this.i, 2);
        value += String.fromCharCode(Number.parseInt(this.text.slice(this.i + 2, this.i + 6), 16));
        this.i += 6;
      } else if (ESCAPES[e] !== undefined) {
        value += ESCAPES[e];
        this.i += 2;
      } else {
        throw new JsonSyntaxError(`\`\\${e}\` is not a JSON escape (allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`, this.i, 2);
      }
      run = this.i;
    }
    value += this.text.slice(run, this.i);
    this.i++; // the closing quote
    const scalar = new Scalar(value);
    scalar.type = 'QUOTE_DOUBLE';
    scalar.range = [start, this.i, this.i];
    return scalar;
  }

  private readNumber(): Scalar {
    const start = this.i;
    if (this.text.charCodeAt(this.i) === 0x2d) this.i++;
    if (this.text.charCodeAt(this.i) === 0x30) {
      this.i++;
    } else if (isDigit(this.text.charCodeAt(this.i))) {
      while (isDigit(this.text.charCodeAt(this.i))) this.i++;
    } else {
      throw new JsonSyntaxError(`expected a digit after \`-\`, found ${show(this.text, this.i)}`, this.i);
    }
    if (this.text.charCodeAt(this.i) === 0x2e) {
      this.i++;
      if (!isDigit(this.text.charCodeAt(this.i))) throw new JsonSyntaxError(`expected a digit after \`.\`, found ${show(this.text, this.i)}`, this.i);
      while (isDigit(this.text.charCodeAt(this.i))) this.i++;
    }
    const e = this.text.charCodeAt(this.i);
    if (e === 0x65 || e === 0x45) {
      this.i++;
      const sign = this.text.charCodeAt(this.i);
      if (sign === 0x2b || sign === 0x2d) this.i++;
      if (!isDigit(this.text.charCodeAt(this.i))) throw new JsonSyntaxError(`expected a digit in the exponent, found ${show(this.text, this.i)}`, this.i);
      while (isDigit(this.text.charCodeAt(this.i))) this.i++;
    }
    const source = this.text.slice(start, this.i);
    const scalar = new Scalar(Number(source));
    scalar.type = 'PLAIN';
    scalar.source = source;
    scalar.range = [start, this.i, this.i];
    return scalar;
  }

  private readLiteral(): Scalar {
    const start = this.i;
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        const scalar = new Scalar(value);
        scalar.type = 'PLAIN';
        scalar.source = word;
        scalar.range = [start, this.i, this.i];
        return scalar;
      }
    }
    if (this.i >= this.n) throw new JsonSyntaxError('unexpected end of the file: a value is missing', this.i, 0);
    const hint = this.text[this.i] === "'" ? ' (JSON strings use double quotes)' : /[A-Za-z_]/.test(this.text[this.i] ?? '') ? ' (JSON keys and strings are written in double quotes)' : '';
    throw new JsonSyntaxError(`expected a value, found ${show(this.text, this.i)}${hint}`, this.i);
  }

  /** Places a finished value in the innermost container (or as the this.root). */
  private place(value: YAMLMap | YAMLSeq | Scalar): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) this.root = value;
    else if (top.kind === 'seq') top.node.items.push(value);
    else top.node.items.push(new Pair(top.key, value));
    this.expectValue = false;
  }

  /** Closes the innermost container at `i` (its bracket already consumed). */
  private close(): void {
    const done = this.stack.pop()!;
    done.node.range = [done.start, this.i, this.i];
    this.place(done.node);
  }

  /** Reads `"key" :` inside the innermost object; a value comes next. */
  private readKey(top: Extract<Container, { kind: 'map' }>): void {
    this.skipWs();
    if (this.text.charCodeAt(this.i) !== 0x22) {
      const hint = this.text[this.i] === "'" ? ' (JSON uses double quotes)' : '';
      throw new JsonSyntaxError(`expected a key in double quotes, found ${show(this.text, this.i)}${hint}`, this.i, this.i < this.n ? 1 : 0);
    }
    const key = this.readString();
    this.skipWs();
    if (this.text.charCodeAt(this.i) !== 0x3a) throw new JsonSyntaxError(`expected \`:\` after the key, found ${show(this.text, this.i)}`, this.i, this.i < this.n ? 1 : 0);
    this.i++;
    const name = key.value as string;
    const first = top.keys.get(name);
    if (first?.range && key.range) {
      const outer = this.stack[0];
      const topKey = this.stack.length === 1 ? name : outer?.kind === 'map' ? (outer.key?.value as string | undefined) : undefined;
      this.duplicates.push({ key: name, span: this.lines.span(key.range[0], key.range[1]), first: this.lines.span(first.range[0], first.range[1]), topKey });
    }
    top.keys.set(name, key);
    top.key = key;
    this.expectValue = true;
  }
}

export function parseJson(file: string, text: string): JsonResult {
  const scanner = new JsonScanner(text);
  const { lines, duplicates } = scanner;
  const doc: YamlDocument = { file, text, lines, problems: [], root: undefined, raw: undefined };
  try {
    scanner.scan();
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const at = Math.min(error.offset, text.length);
    return { doc, error: { message: error.message, span: lines.span(at, Math.min(at + error.length, text.length)) }, duplicates };
  }
  if (scanner.root) {
    // A document of the library around the tree, so that the fixers find its nodes the way they
    // find a YAML file's (`YNode.node`, `rawDocument`).
    const raw = new Document();
    raw.contents = scanner.root;
    doc.raw = raw as Document.Parsed;
    doc.root = new YNode(doc, scanner.root, undefined);
  }
  return { doc, duplicates };
}
