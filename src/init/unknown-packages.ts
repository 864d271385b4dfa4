/**
 * `init`: the packages of a publisher whose publish commands do not say which packages they
 * publish (a script, a tool tp-doctor cannot follow): the ones the model names as candidates, the
 * repository's only package, or a placeholder to fill in by hand.
 */
import type { PublishFact } from '../facts/repo-facts.js';
import type { PlannedPublisher } from './plan.js';

export interface UnknownDraft {
  draft: PlannedPublisher;
  /** The publishes that name no package (`PublishFact.packages` undefined, not `renamed`). */
  unknown: PublishFact[];
  /** The publishes whose package.json a command renames first (`PublishFact.renamed`). */
  renamed: PublishFact[];
}

const quoteList = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

/** Items (directories, packages) named in an `init` note at most; the rest are counted. */
const MAX_LISTED = 5;

/** `a, b, c`, or the first `MAX_LISTED` and `and N more`. */
export function listSome(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}

/**
 * Publishes whose packages tp-doctor cannot tell. When they run somewhere other than the root (a
 * script that `pushd`s into listed directories, girder/girder's `.circleci/publish_npm.sh`): the
 * packages the model finds there (`PublishFact.candidates`) that no other publisher claims, never
 * the root package they do not publish. A placeholder when a script on the way changes to a
 * directory tp-doctor cannot tell (`cd "$1"; npm publish`) and the only candidate is the root's;
 * the packages it may publish, with that said, when they are a monorepo's (`cd "$DIR" && npm publish`).
 * Otherwise the repository's packages no other publisher claims; when no package is known to be
 * published (a publish from a copy the job makes, `clean-publish --temp-dir package`,
 * ai/clean-npm-project's `cleaned-project/`), the repository's only package that is not private.
 * A publish whose package.json a command renames first gets none: the committed name is not the
 * one it publishes.
 */
export function assignUnknown(drafts: readonly UnknownDraft[], published: readonly string[], notPrivate: readonly string[]): void {
  const claimed = new Set(drafts.flatMap((d) => d.draft.packages));
  const only = published.length === 1 ? published : published.length === 0 && notPrivate.length === 1 ? notPrivate : [];
  for (const { draft, unknown, renamed } of drafts) {
    for (const f of renamed) {
      draft.notes.push(`a command before \`${f.command}\` (${f.location.file}:${f.location.start.line}) may rename the package in package.json, so it does not publish the committed name: add the name it publishes to \`packages\` by hand`);
    }
    if (unknown.length === 0) continue;
    if (draft.packages.length > 0) {
      draft.notes.push('some publish commands publish packages tp-doctor cannot tell; add them to `packages` if they are not listed');
      continue;
    }
    const candidates = unknown.flatMap((f) => f.candidates ?? []);
    const elsewhere = [...new Set(candidates.map((c) => c.dir).filter((d) => d !== ''))];
    const names = [...new Set(candidates.map((c) => c.name))];
    const unclaimed = published.filter((p) => !claimed.has(p));
    // A monorepo's workspace packages, the candidates of its unknown publish, are listed as before.
    const same = names.length === unclaimed.length && names.every((n) => unclaimed.includes(n));
    if (elsewhere.length > 0 && !same) {
      const rest = names.filter((n) => !claimed.has(n));
      draft.packages = rest;
      draft.notes.push(
        rest.length === 0
            ? `the publish command does not say which packages it publishes; the ones it may publish (${quoteList(names)}) are declared under another publisher: add \`packages\` by hand`
            : `the publish command does not say which packages it publishes; listed the packages it may publish, in ${listSome(elsewhere)} (${quoteList(rest)}): remove the ones it does not publish`,
      );
    } else if (unknown.some((f) => f.directoryUnknown === true) && candidates.every((c) => c.dir === '')) {
      draft.packages = [];
      const root = candidates.length > 0 ? ` ("${candidates[0]!.name}" only if that directory holds it or a copy of it)` : '';
      draft.notes.push(`the publish command runs in a directory tp-doctor cannot tell, so it does not say which packages it publishes: add them to \`packages\` by hand${root}`);
    } else if (unknown.some((f) => f.directoryUnknown === true)) {
      // A monorepo's packages, when the publish runs after a `cd` tp-doctor cannot follow (`cd "$DIR" && npm publish`).
      const rest = names.filter((n) => !claimed.has(n));
      draft.packages = rest;
      draft.notes.push(
        rest.length > 0
          ? `the publish command runs in a directory tp-doctor cannot tell, so it does not say which packages it publishes; listed the packages it may publish (${quoteList(rest)}): remove the ones it does not publish`
          : 'the publish command runs in a directory tp-doctor cannot tell, so it does not say which packages it publishes, and found no package left to assign: add `packages` by hand',
      );
    } else if (only.length === 1) {
      draft.packages = [only[0]!];
      draft.notes.push(`the publish command does not say which package it publishes; assumed the repository's only package "${only[0]}"`);
    } else {
      const rest = unclaimed;
      draft.packages = rest;
      draft.notes.push(
        rest.length > 0
          ? `the publish command does not say which packages it publishes; listed every package no other workflow publishes (${quoteList(rest)}): remove the ones it does not publish`
          : 'the publish command does not say which packages it publishes, and found no package left to assign: add `packages` by hand',
      );
    }
  }
}
