/**
 * The flags of a recognised publish command (publish-commands.ts): whether they let it publish, and
 * the values it is given (`--registry`, `--tag`, `--access`, `--provenance`, a renaming `--nameSuffix`). A `--registry` that
 * names a shell variable its script sets once to a literal reads that literal (shell-definitions.ts).
 */
import type { FlagNames, PublishRecognizer } from '../data/publish-tools.js';
import type { PublishFlags } from './publish-match.js';
import { readNameSuffix } from './name-suffix.js';
import { resolveVariable, type ScriptPlace } from './shell-definitions.js';
import { booleanOption, booleanOptionState, valueOption } from './shell.js';
import { isTokenName } from './tokens.js';

/**
 * Whether the flags let the command publish: `off` (`--dry-run`, `--no-publish`), `not-asked`
 * (`changelogen` without `--publish`), `maybe` when that depends on an expression
 * (`--dry-run="$DRY_RUN"`) or on flags it lacks (`rush publish --publish` without `--include-all`
 * or `--apply`: `certainWhenSet`), else `on`.
 */
export function publishState(rec: PublishRecognizer, words: string[]): 'on' | 'off' | 'not-asked' | 'maybe' {
  let maybe = false;
  for (const flag of rec.offWhenSet) {
    const state = booleanOptionState(words, flag);
    if (state === true) return 'off';
    maybe ||= state === 'expression';
  }
  for (const flag of rec.offWhenUnset ?? []) {
    const state = booleanOptionState(words, flag);
    if (state === false) return 'off';
    maybe ||= state === 'expression';
  }
  if (rec.onlyWhenSet) {
    const state = booleanOptionState(words, ...rec.onlyWhenSet);
    if (state === undefined || state === false) return 'not-asked';
    maybe ||= state === 'expression';
  }
  if (rec.certainWhenSet && !rec.certainWhenSet.some((flag) => booleanOptionState(words, flag) === true)) maybe = true;
  return maybe ? 'maybe' : 'on';
}

/**
 * The flag values of `words`. With the command's place in its script and its label, a `--registry`
 * that is a variable the script sets once to a literal (`registry=https://registry.npmjs.org/`
 * before `pnpm stage publish --registry "$registry"`) is that literal, and says so in its source.
 */
export function readFlags(words: string[], names: FlagNames, place?: ScriptPlace, label?: string): PublishFlags {
  const flags: PublishFlags = {};
  const provenance = booleanOption(words, ...names.provenance);
  if (provenance !== undefined) flags.provenance = provenance;
  for (const key of ['registry', 'tag', 'access'] as const) {
    const value = valueOption(words, ...names[key]);
    if (value !== undefined) flags[key] = value;
  }
  const nameSuffix = readNameSuffix(words, names.nameSuffix);
  if (nameSuffix !== undefined) flags.nameSuffix = nameSuffix;
  const token = valueOption(words, ...(names.token ?? [])) ?? npmConfigToken(words);
  if (token !== undefined) flags.token = token;
  const written = flags.registry;
  const literal = written === undefined ? undefined : resolveVariable(written, place);
  if (written !== undefined && literal !== undefined) {
    flags.registry = literal;
    flags.registrySource = `\`--registry ${written}\` on \`${label ?? 'the publish'}\` (set to ${literal} earlier in the script)`;
  }
  return flags;
}

/**
 * The value of npm's `--//<npmjs host>/:_authToken=<token>` (or with the token as the next word)
 * among the words: the option is the configuration key `isTokenName` reads as an environment
 * variable (`npm_config_//registry.npmjs.org/:_authToken`), so the two agree on the hosts.
 */
function npmConfigToken(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--//')) continue;
    const eq = word.indexOf('=');
    if (isTokenName(`npm_config_${word.slice(2, eq < 0 ? undefined : eq)}`)) return eq < 0 ? words[i + 1] : word.slice(eq + 1);
  }
  return undefined;
}
