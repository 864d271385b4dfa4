/**
 * A registry setting of the project `.npmrc` of a directory, after what the job moved, copied or
 * wrote over it (./npmrc-swaps.ts): the committed file, the file moved there, nothing, or (after a
 * step that may be skipped) one of several files; those decide only when they all agree.
 */
import { inDir } from '../../fs/paths.js';
import { npmrcGet, type Npmrc } from './npmrc.js';
import type { MovedFile, OneFile } from './npmrc-swaps.js';
import type { RegistrySetting } from './publish-site.js';

/** How the files are read (RepoFiles). */
export interface HeldNpmrcReader {
  /** The committed project `.npmrc` of a directory. */
  npmrc(dir: string): Npmrc | undefined;
  /** A committed file read as an `.npmrc`. */
  npmrcFile(file: string): Npmrc | undefined;
  /** Records a file a command names (read outside the input globs). */
  named(file: string): void;
}

/** 'next': the `.npmrc` there is absent or sets no `key` (the next one up decides). */
export type HeldSetting = RegistrySetting | 'next';

function unreadable(d: string, by: MovedFile): RegistrySetting {
  // The `$` makes it unknown (registry.ts `classifyRegistry`).
  return { url: '${{ unknown .npmrc }}', source: `the \`.npmrc\` of \`${d || '.'}\`${movedBy(d, by)}`, at: by.at, atValue: false };
}

function movedBy(d: string, by: MovedFile | undefined): string {
  return by === undefined ? '' : ` (moved over \`${inDir(d, '.npmrc')}\` by \`${by.command}\`)`;
}

/** `key` of the project `.npmrc` of `d` when it holds `held` (undefined: its committed file). */
function oneSetting(read: HeldNpmrcReader, d: string, key: string, held: OneFile | undefined): HeldSetting {
  // Nothing there, or the user configuration copied there (read as the user layer).
  if (held?.kind === 'gone' || held?.kind === 'user') return 'next';
  if (held?.kind === 'from') read.named(held.from);
  // The committed file itself (also as one way a skipped step leaves it).
  const own = held === undefined || (held.kind === 'from' && held.from === inDir(d, '.npmrc'));
  const rc = own ? read.npmrc(d) : held.kind === 'from' ? read.npmrcFile(held.from) : undefined;
  // A file tp-doctor cannot read there: any registry.
  if (!own && rc === undefined) return unreadable(d, held);
  const entry = npmrcGet(rc, key);
  if (entry && rc && entry.value !== '') return { url: entry.value, source: `\`${entry.key}=\` in \`${rc.file}\`${movedBy(d, held)}`, at: entry.lineLocation, atValue: false };
  return 'next';
}

/**
 * `key` of the project `.npmrc` of `d` holding `held`. Several files a skipped step may have left
 * (`either`) decide when they all give the same value or all none (survey910b M1: a token-only
 * `.npmrc` written under an `if:`, over none, sets no registry either way); else the value is one
 * tp-doctor cannot read.
 */
export function heldNpmrcSetting(read: HeldNpmrcReader, d: string, key: string, held: MovedFile | undefined): HeldSetting {
  if (held?.kind !== 'either') return oneSetting(read, d, key, held);
  const found = held.options.map((o) => oneSetting(read, d, key, o));
  // An overwrite that writes the key sets it where the other ways do not (its lines are read as a registry write).
  const values = held.options.map((o, i) => (o.kind === 'gone' && o.writes?.includes(key.toLowerCase()) === true ? '\0written' : found[i] === 'next' ? 'next' : (found[i] as RegistrySetting).url));
  const [first] = found;
  return first !== undefined && values.every((v) => v === values[0]) ? first : unreadable(d, held);
}
