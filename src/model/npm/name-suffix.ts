/**
 * A publish tool that renames the package it publishes (docs/domain.md §1.8: a trusted publisher
 * is per package name): changelogen 0.6's `--nameSuffix <s>`, and `--canary <s>`, which implies it,
 * write `<name>-<s>` into the package.json before `npm publish` (unjs/changelogen
 * `src/commands/default.ts`, `src/package.ts` `renamePackage`; README: "`--nameSuffix` will be also
 * added if arg has a string value"). The arguments are read by mri: `--x v`, `--x=v`; a bare `--x`
 * (or one before another option) is `true`; a value that reads as a number (`--canary 1`) is a
 * number; a repeated option an array. Only a string renames, and a name that already ends with
 * `-<s>` is kept. The table is `FlagNames.nameSuffix` in `../data/publish-tools.ts`.
 */
import type { NameSuffixFlags } from '../data/publish-tools.js';
import type { PublishFlags } from './publish-match.js';

/**
 * What mri makes of an option: absent, `true`/`false`, a string, something that is no string (a
 * number, an array of several), or an expression tp-doctor cannot read (`"$TAG"`, `${{ ... }}`).
 */
type MriValue = { kind: 'absent' | 'boolean' | 'no-string' | 'expression' } | { kind: 'string'; value: string };

function mriValue(words: readonly string[], option: string): MriValue {
  const found: MriValue[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--') break;
    if (word === `--no-${option.slice(2)}`) found.push({ kind: 'boolean' });
    const inline = word.startsWith(`${option}=`) ? word.slice(option.length + 1) : undefined;
    if (word !== option && inline === undefined) continue;
    // `--x=` with nothing after the `=` reads the next word, as a bare `--x` does.
    const next = words[i + 1];
    const value = inline ? inline : next === undefined || next.startsWith('-') ? undefined : words[++i];
    if (value === undefined) found.push({ kind: 'boolean' });
    else if (value.includes('$')) found.push({ kind: 'expression' });
    else if (Number.isFinite(Number(value))) found.push({ kind: 'no-string' });
    else found.push({ kind: 'string', value });
  }
  return found.length > 1 ? { kind: 'no-string' } : (found[0] ?? { kind: 'absent' });
}

/**
 * The suffix a command renames its package with, from its words: `{ suffix }` when it is a
 * literal, `{}` when it may rename with a suffix tp-doctor cannot read (`--canary "$TAG"`,
 * `--canary ${{ github.sha }}`), undefined when it keeps the name (no option, a bare `--canary`).
 */
export function readNameSuffix(words: readonly string[], spec: NameSuffixFlags | undefined): PublishFlags['nameSuffix'] {
  if (spec === undefined) return undefined;
  const own = mriValue(words, spec.option);
  const value = own.kind === 'absent' ? mriValue(words, spec.impliedBy) : own;
  if (value.kind === 'string') return { suffix: value.value };
  return value.kind === 'expression' ? {} : undefined;
}

/** The name a publish sends a package named `name` under; undefined when its suffix is not known. */
export function publishedName(flags: PublishFlags, name: string): string | undefined {
  const rename = flags.nameSuffix;
  if (rename === undefined) return name;
  if (rename.suffix === undefined) return undefined;
  return name.endsWith(`-${rename.suffix}`) ? name : `${name}-${rename.suffix}`;
}

/** True when two publishes send a package named `name` (undefined: not known) under the same name. */
export function sameNameSent(a: PublishFlags, b: PublishFlags, name: string | undefined): boolean {
  if (a.nameSuffix === undefined && b.nameSuffix === undefined) return true;
  const sent = name === undefined ? undefined : publishedName(a, name);
  return sent !== undefined && sent === publishedName(b, name!);
}

/** True when two publishes rename alike whatever they publish: neither renames, or both add one literal suffix. */
export function sameSuffix(a: PublishFlags, b: PublishFlags): boolean {
  const x = a.nameSuffix;
  const y = b.nameSuffix;
  if (x === undefined || y === undefined) return x === y;
  return x.suffix !== undefined && x.suffix === y.suffix;
}
