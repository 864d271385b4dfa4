/**
 * Whether a shell test of a script's positional parameters (`[[ "$1" = "upload" ]]`, `[ "$2" != x
 * ]`, `test $1 == publish`) is true or false for a call whose arguments tp-doctor sees, each a
 * literal word (./positional-branches.ts decides which calls those are). Three-valued: `undefined`
 * when the test cannot be decided from the arguments alone.
 *
 * Decided: a comparison with `=`, `==` or `!=` of a positional parameter (`$1`, `${1}`, `"$1"`, up
 * to `$9`; beyond the arguments it is empty) with a literal (a plain word without expansion or
 * glob characters, or a quoted string without `$`, backticks or escapes), or of two of them; `!`
 * before it; in `[[ ]]`, such comparisons joined by `&&`, which is false when one of them is
 * certainly false whatever the others are (`[[ "$GITHUB_REF" =~ ^refs/tags/ && "$1" = upload ]]`,
 * duckdb/duckdb-node). Anything else is undecided: an `||` or a group in `[[ ]]`, `-a`/`-o` in
 * `[ ]`, another operator (`=~`, `-n`, `<`), a variable, an unquoted parameter `[ ]` would split or
 * drop (empty or with blanks), and a `==` in `[ ]` found true, since `dash` rejects that operator
 * (the test then fails) while `bash` accepts it.
 */

/** A word of a test command: unquoted as the splitter gives it, and as written. */
export interface TestWord {
  value: string;
  raw: string;
}

/** The comparison operators decided. */
const COMPARE: ReadonlySet<string> = new Set(['=', '==', '!=']);
/** A positional parameter, written alone: `$1`, `${1}`. */
const PARAMETER = /^\$(?:([1-9])|\{([1-9])\})$/;
/** An unquoted word the shell takes as it is: no expansion, quote, escape or glob character. */
const PLAIN = /^[A-Za-z0-9_.,:@%+/=-]+$/;
/** A quoted word without expansions or escapes. */
const QUOTED = /^(?:'[^']*'|"[^"$`\\]*")$/;

type Kind = '[' | '[[';

/** A literal word's value (`upload`, `"upload"`, `'up load'`), or undefined when the shell may change it. */
export function literalValue(word: TestWord): string | undefined {
  return PLAIN.test(word.raw) || QUOTED.test(word.raw) ? word.value : undefined;
}

/** A positional parameter written alone (`$1`, `${1}`, `"$1"`): its value for the call and whether it is quoted. */
export function parameterValue(word: TestWord, args: readonly string[]): { value: string; quoted: boolean } | undefined {
  const quoted = word.raw.length >= 2 && word.raw.startsWith('"') && word.raw.endsWith('"');
  const parameter = PARAMETER.exec(quoted ? word.raw.slice(1, -1) : word.raw);
  return parameter ? { value: args[Number(parameter[1] ?? parameter[2]) - 1] ?? '', quoted } : undefined;
}

/** The value an operand has for the call (`args`: `$1` first), or undefined when it is not known or not one word. */
function operand(word: TestWord, args: readonly string[], kind: Kind): string | undefined {
  const parameter = parameterValue(word, args);
  if (parameter === undefined) return literalValue(word);
  // `[ $1 = x ]`: split into words, or none when empty; `[[ ]]` does not split.
  if (!parameter.quoted && kind === '[' && (parameter.value === '' || /[\s*?[\]]/.test(parameter.value))) return undefined;
  return parameter.value;
}

/** One comparison, with the `!`s before it (at most one in `[ ]`). */
function primary(words: readonly TestWord[], args: readonly string[], kind: Kind): boolean | undefined {
  let i = 0;
  while (words[i]?.raw === '!') i++;
  if (kind === '[' && i > 1) return undefined;
  const [left, op, right, ...more] = words.slice(i);
  if (left === undefined || op === undefined || right === undefined || more.length > 0 || !COMPARE.has(op.raw)) return undefined;
  const a = operand(left, args, kind);
  const b = operand(right, args, kind);
  if (a === undefined || b === undefined) return undefined;
  const equal = a === b;
  if (kind === '[' && op.raw === '==' && equal) return undefined;
  const result = op.raw === '!=' ? !equal : equal;
  return i % 2 === 1 ? !result : result;
}

/** All of `values`: false when one is false, true when all are true, else undecided. */
export function allOf(values: readonly (boolean | undefined)[]): boolean | undefined {
  if (values.length === 0) return undefined;
  if (values.includes(false)) return false;
  return values.every((v) => v === true) ? true : undefined;
}

/**
 * The words between `[[` and `]]`: the operands of its top-level `&&` (parentheses counted, so that
 * a regular expression's `(a|b)` after `=~` stays in its operand); any top-level `||` leaves it undecided.
 */
function doubleBracket(words: readonly TestWord[], args: readonly string[]): boolean | undefined {
  const operands: TestWord[][] = [[]];
  let depth = 0;
  for (const w of words) {
    if (w.raw === '(') depth++;
    else if (w.raw === ')' && --depth < 0) return undefined;
    if (depth === 0 && w.raw === '||') return undefined;
    if (depth === 0 && w.raw === '&&') operands.push([]);
    else operands.at(-1)!.push(w);
  }
  if (depth !== 0) return undefined;
  return allOf(operands.map((o) => (o.some((w) => w.raw === '(') ? undefined : primary(o, args, '[['))));
}

/**
 * A test command's value for a call with `args` (`$1` first): `[[ … ]]`, `[ … ]` or `test …`, with
 * the `!`s that negate it; undefined for any other command or a test not decided. `doubleBrackets`
 * false: the script may run under a `sh` without `[[` (the command then fails), left undecided.
 */
export function decideTest(command: readonly TestWord[], args: readonly string[], doubleBrackets = true): boolean | undefined {
  let i = 0;
  while (command[i]?.raw === '!') i++;
  const words = command.slice(i);
  const first = words[0]?.raw;
  const last = words.at(-1)?.raw;
  let result: boolean | undefined;
  if (first === '[[' && last === ']]') result = doubleBrackets ? doubleBracket(words.slice(1, -1), args) : undefined;
  else if (first === '[' && last === ']') result = primary(words.slice(1, -1), args, '[');
  else if (first === 'test') result = primary(words.slice(1), args, '[');
  return result === undefined || i % 2 === 0 ? result : !result;
}
