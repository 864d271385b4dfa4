/**
 * A justfile read as text, never run: the subset of just's syntax that says which lines `just
 * <recipe>` hands to the shell (./just-runs.ts follows them; the facts are in ../data/just.ts).
 * Read: recipe headers (`@name param='x' +rest: dep (dep2 "arg") && after`), their indented body
 * lines (blank lines inside kept out; a line ending in `\` joined with the next, as the shell
 * reads it; the `@`/`-` prefixes removed), a body starting with a `sh`/`bash`/`zsh`/`dash` shebang
 * as one script, `alias a := b`, comments and attributes. Skipped: assignments and `set` lines
 * (`set shell` too: the lines are read as shell commands whatever shell runs them).
 *
 * What tp-doctor does not follow leaves a recipe unreadable (`JustRecipe.unreadable`: a shebang of
 * another interpreter, an attribute other than `JUST_PLAIN_ATTRIBUTES`, a recipe defined twice) or
 * the whole file (`Justfile.unreadable`: `set working-directory`, a triple-quoted string, a
 * top-level line it cannot place). `import` and `mod` mark it `open`: a recipe it does not find
 * may be defined there. `{{ ... }}` interpolations are left in the text; the reader puts in a value
 * it does not know.
 *
 * Hand-written (no maintained JavaScript justfile parser exists) and bounded: one pass over the
 * lines, linear in the text, which the caller bounds (`MAX_SHELL_FILE_CHARS`).
 */
import { JUST_PLAIN_ATTRIBUTES } from '../data/just.js';
import { LineIndex, type Location } from '../../yaml/span.js';
import { textLines, type TextLine } from './text-lines.js';

/** One body line as the shell gets it (before interpolation), and where it stands in the file. */
export interface JustLine {
  text: string;
  offset: number;
  end: number;
}

export interface JustRecipe {
  /** How many parameters it takes; `variadic`: the last takes every argument left. */
  params: number;
  variadic: boolean;
  /** Dependencies run before it and (after `&&`) after it, by name. */
  before: string[];
  after: string[];
  lines: JustLine[];
  /** Why tp-doctor does not read it; undefined when it does. */
  unreadable?: string;
  /** Marked `[default]`: the recipe of a `just` without one. */
  isDefault: boolean;
}

export interface Justfile {
  recipes: Map<string, JustRecipe>;
  aliases: Map<string, string>;
  /** The first recipe written: the one a `just` without a recipe runs (unless one is `[default]`). */
  first: string | undefined;
  /** `import`/`mod`: recipes may be defined in files tp-doctor does not read. */
  open: boolean;
  /** Why tp-doctor reads none of it; undefined when it does. */
  unreadable?: string;
  locate(file: string, offset: number, end: number): Location;
}

const NAME = /^[A-Za-z_][\w-]*/;
const SHELL_SHEBANG = /^#!\s*(?:\/usr\/bin\/env\s+(?:-S\s+)?)?(?:\/usr)?(?:\/local)?(?:\/bin\/)?(?:ba|z|da)?sh(?:\s|$)/;

/** The position of the first `:` outside quotes and parentheses that is not `:=`, or -1. */
function headerColon(text: string): number {
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ':' && depth === 0) return text[i + 1] === '=' ? -1 : i;
  }
  return -1;
}

/** Words outside quotes and parentheses (a quoted default or a `( ... )` group stays one word). */
function words(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  let depth = 0;
  for (const c of text) {
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /\s/.test(c)) {
      if (current !== '') out.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (current !== '') out.push(current);
  return out;
}

/** The parameters of a header (`param='x' +rest`), or undefined when one is not a parameter. */
function parameters(text: string): { count: number; variadic: boolean } | undefined {
  const list = words(text);
  let variadic = false;
  for (const [i, word] of list.entries()) {
    const bare = word.replace(/^[+*]/, '').replace(/^\$/, '');
    if (!NAME.test(bare) || (word !== bare && i < list.length - 1 && /^[+*]/.test(word))) return undefined;
    variadic = /^[+*]/.test(word);
  }
  return { count: list.length, variadic };
}

/** A dependency list's names (`build (bump "minor")` → build, bump); undefined for anything else. */
function dependencies(text: string): string[] | undefined {
  const out: string[] = [];
  for (const word of words(text)) {
    const name = word.startsWith('(') ? word.slice(1).trim().split(/\s/)[0] : word;
    if (name === undefined || !NAME.test(name) || NAME.exec(name)![0] !== name.replace(/\)$/, '')) return undefined;
    out.push(name.replace(/\)$/, ''));
  }
  return out;
}

/** The attribute names of an `[a, b('x')]` line. */
function attributeNames(line: string): string[] {
  return line
    .slice(1, line.lastIndexOf(']'))
    .split(',')
    .map((a) => /^\s*([\w-]+)/.exec(a)?.[1] ?? '?');
}

class Reader {
  private readonly lines: TextLine[];
  private i = 0;
  private attributes: string[] = [];
  readonly model: Justfile;

  constructor(text: string) {
    this.lines = textLines(text);
    let index: LineIndex | undefined;
    this.model = { recipes: new Map(), aliases: new Map(), first: undefined, open: false, locate: (file, offset, end) => ({ file, ...(index ??= new LineIndex(text)).span(offset, end) }) };
    if (/'''|"""|```/.test(text)) this.model.unreadable = 'it has a triple-quoted string';
  }

  read(): Justfile {
    while (this.i < this.lines.length && this.model.unreadable === undefined) {
      const { text } = this.lines[this.i++]!;
      const line = text.trim();
      if (line === '' || line.startsWith('#')) continue;
      if (/^\s/.test(text)) this.model.unreadable = 'an indented line stands outside a recipe';
      else if (line.startsWith('[')) this.attributes.push(...attributeNames(line));
      else if (/^(?:import|mod)\??\s/.test(line)) this.model.open = true;
      else if (/^set\s+working-directory\b/.test(line)) this.model.unreadable = 'it sets `working-directory`';
      else if (/^alias\s/.test(line)) this.alias(line);
      else if (!/^(?:set|export|unexport)\s/.test(line) && !/^[A-Za-z_][\w-]*\s*:=/.test(line)) this.recipe(line);
    }
    return this.model;
  }

  private alias(line: string): void {
    const m = /^alias\s+([A-Za-z_][\w-]*)\s*:=\s*([A-Za-z_][\w-]*)\s*$/.exec(line);
    if (m) this.model.aliases.set(m[1]!, m[2]!);
    else this.model.unreadable = `it has an alias tp-doctor cannot read: ${line}`;
  }

  private recipe(line: string): void {
    const header = line.replace(/^@/, '');
    const name = NAME.exec(header)?.[0];
    const colon = header.indexOf(':') < 0 ? -1 : headerColon(header);
    const params = name === undefined || colon < 0 ? undefined : parameters(header.slice(name.length, colon));
    const rest = colon < 0 ? undefined : header.slice(colon + 1);
    const deps = rest === undefined || !rest.includes('#') ? rest : rest.slice(0, rest.indexOf('#'));
    const [first, second] = deps?.split('&&') ?? [];
    const before = first === undefined ? undefined : dependencies(first);
    const after = second === undefined ? [] : dependencies(second);
    if (name === undefined || params === undefined || before === undefined || after === undefined) {
      this.model.unreadable = `a line is neither a recipe nor a setting: ${line}`;
      return;
    }
    const attributes = this.attributes;
    this.attributes = [];
    const recipe: JustRecipe = { params: params.count, variadic: params.variadic, before, after, lines: this.body(), isDefault: attributes.includes('default') };
    const other = attributes.find((a) => !JUST_PLAIN_ATTRIBUTES.includes(a));
    if (other !== undefined) recipe.unreadable = `its attribute \`[${other}]\``;
    if (this.model.recipes.has(name)) recipe.unreadable = 'it is defined twice';
    if (recipe.lines[0]?.text.startsWith('#!')) this.shebang(recipe);
    this.model.first ??= name;
    this.model.recipes.set(name, recipe);
  }

  /** The indented lines after a header, `\` continuations joined, prefixes removed. */
  private body(): JustLine[] {
    const out: JustLine[] = [];
    while (this.i < this.lines.length) {
      const { start, text } = this.lines[this.i]!;
      if (text.trim() !== '' && !/^\s/.test(text)) break;
      this.i++;
      if (text.trim() === '') continue;
      const indent = /^\s*/.exec(text)![0].length;
      let joined = text.slice(indent);
      let end = start + text.length;
      while (joined.endsWith('\\') && this.i < this.lines.length) {
        const next = this.lines[this.i++]!;
        joined += `\n${next.text}`;
        end = next.start + next.text.length;
      }
      const prefix = /^[@-]{0,2}/.exec(joined)![0].length;
      out.push({ text: joined.slice(prefix), offset: start + indent + prefix, end });
    }
    return out;
  }

  /** A shebang recipe: one script for a POSIX shell, else unread. */
  private shebang(recipe: JustRecipe): void {
    const [first, ...rest] = recipe.lines;
    if (!first || !SHELL_SHEBANG.test(first.text)) {
      recipe.unreadable ??= `it runs as a script of "${first?.text ?? ''}"`;
      return;
    }
    const last = rest.at(-1);
    recipe.lines = last === undefined ? [] : [{ text: rest.map((l) => l.text).join('\n'), offset: rest[0]!.offset, end: last.end }];
  }
}

/** The recipes of a justfile (see the file comment). */
export function parseJustfile(text: string): Justfile {
  return new Reader(text).read();
}
