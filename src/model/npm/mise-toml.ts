/**
 * The `[tools]` of a mise configuration file (`mise.toml`), read with a small TOML reader: table
 * headers (`[tools]`, `[tools.node]`, `[tools."npm:npm"]`; `[[x]]` ends the tools), dotted and
 * quoted keys (`tools.node = …`, `node.version = …`), `tools = { … }` at the top (any other value
 * of `tools`, or `[[tools]]`, is `invalid`), and the values mise takes for a tool: basic
 * and literal strings, arrays (over several lines too) and inline tables; anything else (a number,
 * a multi-line string, a date) is kept as its text, which mise rejects for a tool. The project has
 * no TOML dependency, and this is all tp-doctor reads of TOML; a file this reader cannot follow is
 * `invalid`, never read in part.
 */

/** A value: a string with the offsets of its text inside the quotes, an array, an inline table, or anything else as written. */
export type TomlValue =
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'array'; items: TomlValue[] }
  | { kind: 'table'; entries: Map<string, TomlValue> }
  | { kind: 'other'; text: string; start: number };

/** One entry of `[tools]`: its key (unquoted) and its value, a table for `[tools.<key>]` and dotted keys. */
export interface TomlTool {
  key: string;
  value: TomlValue;
}

/** Arrays and inline tables nested deeper than this make the file `invalid` (no tool value nests that deep). */
const MAX_NESTING = 16;

class Invalid extends Error {}

class Reader {
  i = 0;
  constructor(readonly t: string) {}

  fail(what: string): never {
    throw new Invalid(what);
  }

  /** Skips blanks and comments; across line ends only when `lines`. */
  skip(lines: boolean): void {
    for (;;) {
      const c = this.t[this.i];
      if (c === ' ' || c === '\t' || (lines && (c === '\n' || c === '\r'))) this.i++;
      else if (c === '#') while (this.i < this.t.length && this.t[this.i] !== '\n') this.i++;
      else return;
    }
  }

  /** A dotted key: bare (`A-Za-z0-9_-`), basic or literal quoted segments. */
  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skip(false);
      const c = this.t[this.i];
      if (c === '"' || c === "'") {
        const s = this.string();
        if (s.kind !== 'string') this.fail('a multi-line string as a key');
        parts.push(s.value);
      } else {
        const from = this.i;
        while (this.i < this.t.length && /[\w-]/.test(this.t[this.i]!)) this.i++;
        if (from === this.i) this.fail('a key');
        parts.push(this.t.slice(from, this.i));
      }
      this.skip(false);
      if (this.t[this.i] !== '.') return parts;
      this.i++;
    }
  }

  string(): TomlValue {
    const quote = this.t[this.i]!;
    const start = this.i;
    if (this.t.startsWith(quote.repeat(3), this.i)) {
      const close = this.t.indexOf(quote.repeat(3), this.i + 3);
      if (close < 0) this.fail('the end of a multi-line string');
      this.i = close + 3;
      return { kind: 'other', text: this.t.slice(start, this.i), start };
    }
    this.i++;
    let value = '';
    for (;;) {
      const c = this.t[this.i];
      if (c === undefined || c === '\n' || c === '\r') this.fail('the end of a string');
      if (c === quote) break;
      if (c === '\\' && quote === '"') {
        const e = this.t[this.i + 1];
        value += e === 'n' ? '\n' : e === 't' ? '\t' : e === '"' || e === '\\' ? e : `\\${e ?? ''}`;
        this.i += 2;
        continue;
      }
      value += c;
      this.i++;
    }
    this.i++;
    return { kind: 'string', value, start: start + 1, end: this.i - 1 };
  }

  value(depth: number): TomlValue {
    if (depth > MAX_NESTING) this.fail('a value nested this deep');
    const c = this.t[this.i];
    if (c === '"' || c === "'") return this.string();
    if (c === '[') return this.array(depth);
    if (c === '{') return this.table(depth);
    const start = this.i;
    while (this.i < this.t.length && !/[,\]}\n\r#]/.test(this.t[this.i]!)) this.i++;
    const text = this.t.slice(start, this.i).trim();
    if (text === '') this.fail('a value');
    return { kind: 'other', text, start };
  }

  array(depth: number): TomlValue {
    this.i++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skip(true);
      if (this.t[this.i] === ']') break;
      items.push(this.value(depth + 1));
      this.skip(true);
      if (this.t[this.i] === ',') this.i++;
      else if (this.t[this.i] !== ']') this.fail('`,` or `]` in an array');
    }
    this.i++;
    return { kind: 'array', items };
  }

  table(depth: number): TomlValue {
    this.i++;
    const entries = new Map<string, TomlValue>();
    for (;;) {
      this.skip(true);
      if (this.t[this.i] === '}') break;
      const key = this.key();
      if (this.t[this.i] !== '=') this.fail('`=` in an inline table');
      this.i++;
      this.skip(false);
      entries.set(key.join('.'), this.value(depth + 1));
      this.skip(true);
      if (this.t[this.i] === ',') this.i++;
      else if (this.t[this.i] !== '}') this.fail('`,` or `}` in an inline table');
    }
    this.i++;
    return { kind: 'table', entries };
  }
}

/** Where a key path lands among the tools: `[tool, field]` (field undefined for the tool's own value), or undefined outside `[tools]`. */
function toolPath(path: readonly string[]): [string, string | undefined] | undefined {
  if (path[0] !== 'tools' || path.length < 2) return undefined;
  return [path[1]!, path.length === 2 ? undefined : path.slice(2).join('.')];
}

/** The tools of one file as they are read: a tool's own value, or the fields of its table. */
class Tools {
  readonly order = new Set<string>();
  readonly values = new Map<string, TomlValue>();
  readonly tables = new Map<string, Map<string, TomlValue>>();
  /** `tools = { … }` was read: nothing more may go into the tools. */
  private inline = false;
  /** A `[tools…]` header was read. */
  private header = false;
  constructor(private readonly r: Reader) {}

  /**
   * `tools = { node = "24" }` at the top: the same table as `[tools]`, each entry a tool (a dotted
   * key in it, `node.version = "24"`, a field of the tool's table). Any other value, or `tools`
   * also written as a table before or after it, and mise rejects the file.
   */
  private putInline(value: TomlValue): void {
    if (value.kind !== 'table') this.r.fail('a table as the value of `tools`');
    if (this.order.size > 0 || this.header) this.r.fail('`tools` set twice');
    for (const [key, entry] of value.entries) this.put(['tools', ...key.split('.')], entry);
    this.inline = true;
  }

  /** `[tools]` or `[tools.<tool>]` as a header: refused after `tools = { … }` (TOML does not reopen an inline table). */
  headerSeen(): void {
    if (this.inline) this.r.fail('`tools` set twice');
    this.header = true;
  }

  /** `[tools.<tool>]` (or a table under it): the tool is a table. */
  open(tool: string): Map<string, TomlValue> {
    this.order.add(tool);
    if (this.values.has(tool)) this.r.fail(`\`${tool}\` set twice`);
    const table = this.tables.get(tool) ?? new Map<string, TomlValue>();
    this.tables.set(tool, table);
    return table;
  }

  put(path: readonly string[], value: TomlValue): void {
    if (this.inline) this.r.fail('`tools` set twice');
    if (path.length === 1 && path[0] === 'tools') {
      this.putInline(value);
      return;
    }
    const at = toolPath(path);
    if (!at) return;
    const [tool, field] = at;
    if (field !== undefined) {
      this.open(tool).set(field, value);
      return;
    }
    this.order.add(tool);
    if (this.values.has(tool) || this.tables.has(tool)) this.r.fail(`\`${tool}\` set twice`);
    this.values.set(tool, value);
  }

  list(): TomlTool[] {
    return [...this.order].map((key) => ({ key, value: this.values.get(key) ?? { kind: 'table', entries: this.tables.get(key)! } }));
  }
}

/**
 * The entries of `[tools]` of a mise configuration, in the order written; `invalid` (with what the
 * reader missed) for a file it cannot read as TOML: mise then stops with a parse error.
 */
export function miseTomlTools(text: string): TomlTool[] | { invalid: string } {
  const r = new Reader(text);
  const tools = new Tools(r);
  try {
    // The table the lines belong to: `[]` at the top, undefined under an array of tables (`[[x]]`).
    let header: string[] | undefined = [];
    for (;;) {
      r.skip(true);
      if (r.i >= text.length) break;
      if (text[r.i] === '[') {
        const many = text[r.i + 1] === '[';
        r.i += many ? 2 : 1;
        const key = r.key();
        if (!text.startsWith(many ? ']]' : ']', r.i)) r.fail('the end of a table header');
        r.i += many ? 2 : 1;
        if (many && key[0] === 'tools') r.fail('a table, not an array of tables, as `tools`');
        header = many ? undefined : key;
        if (header?.[0] === 'tools') tools.headerSeen();
        const tool = header && toolPath(header);
        if (tool) tools.open(tool[0]);
        continue;
      }
      const key = r.key();
      if (text[r.i] !== '=') r.fail('`=` after a key');
      r.i++;
      r.skip(false);
      const value = r.value(0);
      if (header) tools.put([...header, ...key], value);
      r.skip(false);
      if (r.i < text.length && text[r.i] !== '\n' && text[r.i] !== '\r') r.fail('the end of the line');
    }
  } catch (e) {
    if (e instanceof Invalid) return { invalid: e.message };
    throw e;
  }
  return tools.list();
}
