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
import { booleanOptionStateWith, type WordValues } from './shell-words.js';
import { isTokenName } from './tokens.js';

/**
 * Whether the flags let the command publish: `off` (`--dry-run`, `--no-publish`), `not-asked`
 * (`changelogen` without `--publish`), `maybe` when that depends on an expression
 * (`--dry-run="$DRY_RUN"`) or on flags it lacks (`rush publish --publish` without `--include-all`
 * or `--apply`: `certainWhenSet`), else `on`. `values`: what run-time words can hold, when known
 * (`--dry-run ${{ matrix.dir }}`: shell-words.ts `booleanOptionStateWith`).
 */
export function publishState(rec: PublishRecognizer, words: string[], values?: WordValues): 'on' | 'off' | 'not-asked' | 'maybe' {
  let maybe = false;
  for (const flag of rec.offWhenSet) {
    const state = booleanOptionStateWith(words, [flag], values);
    if (state === true) return 'off';
    maybe ||= state === 'expression';
  }
  for (const flag of rec.offWhenUnset ?? []) {
    const state = booleanOptionStateWith(words, [flag], values);
    if (state === false) return 'off';
    maybe ||= state === 'expression';
  }
  if (rec.onlyWhenSet) {
    const state = booleanOptionStateWith(words, rec.onlyWhenSet, values);
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
  const scoped = scopeRegistryOptions(words);
  if (scoped.size > 0) flags.scopeRegistries = scoped;
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

/**
 * npm's `--@scope:registry=<url>` options among the words, by key (see
 * `PublishFlags.scopeRegistries`): nopt keeps the key as written, and npm looks a package's scope
 * up as `@<scope>:registry` with the scope in lowercase, so only that spelling counts.
 */
function scopeRegistryOptions(words: readonly string[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const word of words) {
    if (word === '--') break;
    if (!word.startsWith('--@')) continue;
    const eq = word.indexOf('=');
    const key = word.slice(2, eq < 0 ? undefined : eq);
    if (!SCOPE_REGISTRY_KEY.test(key)) continue;
    const value = eq < 0 ? undefined : word.slice(eq + 1);
    if (value === '') out.delete(key);
    else out.set(key, value);
  }
  return out;
}

/** `@scope:registry` as npm looks it up: a lowercase scope. */
const SCOPE_REGISTRY_KEY = /^@[a-z0-9][a-z0-9_.-]*:registry$/;
