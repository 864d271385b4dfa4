/**
 * The configuration keys semantic-release's command line sets (its cli.js, yargs): `-p`/`--plugins`,
 * `--publish` (the publish step's plugins) and `-e`/`--extends`, each a list of names (several
 * words of the flag, or one with commas; `false` alone: an empty list). semantic-release merges
 * them over its configuration file's (lib/get-config.js: `{ ...config, ...cliOptions }`), so that
 * a key given on the command line replaces the file's. A value tp-doctor cannot read (a shell
 * variable, a flag without a value, a word after the list that yargs may take into it) makes the
 * whole reading `unknown`.
 */
import { UNKNOWN_VALUE, type ConfigValue } from './config-value.js';

const CLI_KEYS = new Map([
  ['-p', 'plugins'],
  ['--plugins', 'plugins'],
  ['-e', 'extends'],
  ['--extends', 'extends'],
  ['--publish', 'publish'],
]);

/** The keys a semantic-release command line sets, or `unknown`. */
export type SemanticReleaseCli = ReadonlyMap<string, ConfigValue> | 'unknown';

const text = (value: string): ConfigValue => ({ ...UNKNOWN_VALUE, unknown: false, text: value });

/** A value of a list flag as semantic-release's `stringList` coerces it; undefined when not read. */
function names(values: readonly string[]): string[] | undefined {
  if (values.length === 1 && values[0]!.trim() === 'false') return [];
  const out = values.flatMap((v) => v.split(',').map((n) => n.trim()));
  return out.every((n) => /^[\w@./-]+$/.test(n)) ? out : undefined;
}

/** The configuration keys `args` (the words after `semantic-release`) set. */
export function semanticReleaseCli(args: readonly string[]): SemanticReleaseCli {
  const lists = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const key = CLI_KEYS.get(eq > 0 ? arg.slice(0, eq) : arg);
    if (key === undefined) continue;
    const value = eq > 0 ? arg.slice(eq + 1) : args[i + 1];
    if (eq < 0) i++;
    // A flag without a value, or another word after it (yargs may read it into the list).
    if (value === undefined || value.startsWith('-') || (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-'))) return 'unknown';
    const read = names([value]);
    if (read === undefined) return 'unknown';
    // A flag given twice: yargs joins the lists.
    lists.set(key, [...(lists.get(key) ?? []), ...read]);
  }
  const out = new Map<string, ConfigValue>();
  for (const [key, list] of lists) {
    const items = list.map(text);
    out.set(key, key === 'extends' && items.length === 1 ? items[0]! : { ...UNKNOWN_VALUE, unknown: false, items });
  }
  return out;
}

/** `root` with the keys of the command line over its own (an empty map for no configuration). */
export function withCliOptions(root: ConfigValue | undefined, cli: ReadonlyMap<string, ConfigValue>): ConfigValue {
  const base = root ?? { ...UNKNOWN_VALUE, unknown: false };
  return { ...base, get: (key) => cli.get(key) ?? base.get(key) };
}
