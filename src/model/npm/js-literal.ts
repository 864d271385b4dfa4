/**
 * The literal data of a JavaScript configuration's exported object, read as text, never run
 * (js-config.ts finds the object): string and template literals, arrays and objects written in
 * place, as deep as `MAX_LITERAL_DEPTH`, and `true`/`false`. Anything else (a variable, a call, a
 * function, a number, an expression built on a literal) is `other`: a value tp-doctor does not read. An
 * object with a property it cannot read (a spread, a shorthand, a method, a computed key) is
 * `other` as a whole, since that property may set any key. Used for semantic-release's plugin list
 * (semantic-release-exec.ts, semantic-release-config.ts).
 */
import type { ExportedObject } from './js-config.js';
import { isPunct, type TemplatePart } from './js-tokens.js';

export type JsValue =
  /** A string or template literal (`start`/`end`: where it is in the text). */
  | { kind: 'text'; parts: TemplatePart[]; start: number; end: number }
  | { kind: 'array'; items: JsValue[] }
  /** Its properties; when a key is written twice, the last one (JavaScript's). */
  | { kind: 'object'; props: Map<string, JsValue> }
  /** `true` or `false` written as such (`npmPublish: false`). */
  | { kind: 'boolean'; value: boolean; start: number; end: number }
  | { kind: 'other' };

/** Arrays and objects nested deeper than this are `other`. */
export const MAX_LITERAL_DEPTH = 32;

const OTHER: JsValue = { kind: 'other' };


/** The exported object as literal data (`other` when one of its own properties cannot be read). */
export function literalObject(object: ExportedObject): JsValue {
  return new Reader(object).objectAt(object.open, 1).value;
}

class Reader {
  constructor(private readonly object: ExportedObject) {}

  /** The value that starts at token `i`, and the index of the token after its expression. */
  value(i: number, depth: number): { value: JsValue; next: number } {
    const t = this.object.tokens[i];
    let read: { value: JsValue; next: number } | undefined;
    if (t?.kind === 'string' && t.value !== undefined) read = { value: { kind: 'text', parts: [{ text: t.value }], start: t.start, end: t.end }, next: i + 1 };
    else if (t?.kind === 'template' && t.parts !== undefined) read = { value: { kind: 'text', parts: t.parts, start: t.start, end: t.end }, next: i + 1 };
    else if (t?.kind === 'ident' && (t.raw === 'true' || t.raw === 'false')) read = { value: { kind: 'boolean', value: t.raw === 'true', start: t.start, end: t.end }, next: i + 1 };
    else if (depth < MAX_LITERAL_DEPTH && isPunct(t, '[')) read = this.array(i, depth + 1);
    else if (depth < MAX_LITERAL_DEPTH && isPunct(t, '{')) read = this.objectAt(i, depth + 1);
    // `'a' + b`, `[x].concat(y)`: more follows the literal, so its value is not the literal's.
    if (read && this.endsValue(read.next, i)) return read;
    return { value: OTHER, next: this.skip(read?.next ?? i, i) };
  }

  /** The token at `j` ends the value that started at `start`: a `,` at its depth, or its bracket closing. */
  private endsValue(j: number, start: number): boolean {
    const { tokens, depths } = this.object;
    if (j >= tokens.length) return true;
    return depths[j]! < depths[start]! || (depths[j] === depths[start] && isPunct(tokens[j], ','));
  }

  /** The index of the token that ends the value started at `start`, from `j` on. */
  private skip(j: number, start: number): number {
    let k = j;
    while (!this.endsValue(k, start)) k++;
    return k;
  }

  private array(open: number, depth: number): { value: JsValue; next: number } {
    const { tokens } = this.object;
    const items: JsValue[] = [];
    let i = open + 1;
    while (i < tokens.length && !isPunct(tokens[i], ']')) {
      if (isPunct(tokens[i], ',')) {
        items.push(OTHER); // a hole
        i++;
        continue;
      }
      const spread = isPunct(tokens[i], '...');
      const item = this.value(spread ? i + 1 : i, depth);
      items.push(spread ? OTHER : item.value);
      i = isPunct(tokens[item.next], ',') ? item.next + 1 : item.next;
    }
    return { value: { kind: 'array', items }, next: i + 1 };
  }

  objectAt(open: number, depth: number): { value: JsValue; next: number } {
    const { tokens } = this.object;
    const props = new Map<string, JsValue>();
    let readable = true;
    let i = open + 1;
    while (i < tokens.length && !isPunct(tokens[i], '}')) {
      const key = tokens[i]!;
      const named = (key.kind === 'ident' || (key.kind === 'string' && key.value !== undefined)) && isPunct(tokens[i + 1], ':');
      if (!named) readable = false;
      const item = this.value(named ? i + 2 : i, depth);
      if (named) props.set(key.kind === 'string' ? key.value! : key.raw, item.value);
      i = isPunct(tokens[item.next], ',') ? item.next + 1 : item.next;
    }
    return { value: readable ? { kind: 'object', props } : OTHER, next: i + 1 };
  }
}
