/**
 * What of a GitLab job's script tp-doctor cannot read: a job with no `script:` of its own that
 * extends a template no file read defines (so its script comes from there), and `!reference` tags
 * in `before_script:`/`script:` whose target no file read defines, in a pipeline with an include
 * tp-doctor cannot read offline (`project:`, `remote:`, `component:`, a template other than GitLab's
 * scanners), which may define them. `./publishes.ts` reads such a part by its names, as a possible
 * publish. A job whose readable script already shows what it does is left alone.
 */
import type { YNode } from '../../yaml/parse.js';
import type { Location } from '../../yaml/span.js';
import { isOtherEcosystemCommand, namesOtherDestination } from '../npm/possible-publish.js';
import { splitCommands } from '../npm/shell.js';
import { locationOf } from './include.js';
import { referenceLocation } from './references.js';
import type { EffectiveValue, GitlabJob } from './types.js';

/** What of the pipeline tp-doctor cannot read, as it concerns one job. */
export interface UnreadSources {
  /**
   * `extends:` targets of the job and of the templates it extends that no file read defines,
   * nearest first, with the node naming each (`ExtendsResolver.missingTargets`).
   */
  missingExtends: readonly { name: string; node: YNode }[];
  /** The includes tp-doctor cannot read that may define them, as written (`hiddenIncludesOf`); not empty. */
  includes: readonly string[];
}

/** A part of the job's script that comes from a template tp-doctor cannot read. */
export interface UnreadScriptPart {
  /** The template (top-level name) it comes from: `.semantic-release`. */
  template: string;
  /** As written: `extends: .semantic-release`, `!reference [.release, script]`. */
  text: string;
  /** The `extends:` item or the `!reference`, its tag included (where a finding on it points). */
  location: Location;
  /** What makes it unreadable, completing "<text> ..." (`PossibleInput.unreadable`). */
  unreadable: string;
}

/** An explicit null (`script:`), which GitLab reads as unset. */
function isNullLeaf(v: EffectiveValue): boolean {
  return v.kind === 'leaf' && !v.items && !v.unresolvedReference && v.origin.node.isNull;
}

/** The `!reference` leaves of a value whose target was not found (nested lists followed). */
function unresolvedReferences(v: EffectiveValue | undefined, depth = 0): { path: string[]; node: YNode }[] {
  if (!v || v.kind !== 'leaf' || depth > 16) return [];
  if (v.unresolvedReference) return [{ path: v.unresolvedReference, node: v.origin.node }];
  return (v.items ?? []).flatMap((i) => unresolvedReferences(i, depth + 1));
}

/**
 * `it may be in the include "x", which is not read offline`, or, of several, the first whose name
 * holds the template's (`/semantic-release/template.yml` for `.semantic-release`), else the first.
 */
function whereText(includes: readonly string[], template: string): string {
  const word = template.replace(/^\./, '').toLowerCase();
  const best = (word !== '' && includes.find((i) => i.toLowerCase().includes(word))) || includes[0];
  return includes.length === 1
    ? `it may be in the include "${best ?? ''}", which is not read offline`
    : `it may be in one of the ${includes.length} includes that are not read offline, such as "${best ?? ''}"`;
}

/**
 * The parts of the job's script that come from a template tp-doctor cannot read: every missing
 * `extends:` target when the job has no `script:` (GitLab requires one, so a template gives it;
 * which one is not known), and every unresolved `!reference` in `before_script:` or `script:`.
 */
export function unreadScriptParts(job: GitlabJob, sources: UnreadSources): UnreadScriptPart[] {
  if (sources.includes.length === 0) return [];
  const parts: UnreadScriptPart[] = [];
  const script = job.keywords.get('script');
  if (!script || isNullLeaf(script)) {
    for (const target of sources.missingExtends) {
      const unreadable = `gives the job its script from a template tp-doctor cannot read (${whereText(sources.includes, target.name)})`;
      parts.push({ template: target.name, text: `extends: ${target.name}`, location: locationOf(target.node), unreadable });
    }
  }
  for (const section of ['before_script', 'script'] as const) {
    for (const { path, node } of unresolvedReferences(job.keywords.get(section))) {
      const unreadable = `brings \`${section}\` lines from a template tp-doctor cannot read (${whereText(sources.includes, path[0] ?? '')})`;
      parts.push({ template: path[0] ?? '', text: `!reference [${path.join(', ')}]`, location: referenceLocation(node), unreadable });
    }
  }
  return parts;
}

/**
 * True when the readable lines of the job's `script:` already say what the job does: they name
 * another destination (docs, a container image, PyPI, ...) or run another ecosystem's tool. Such a
 * job is not a possible npm publish for the part tp-doctor cannot read.
 */
export function readableScriptShowsWork(job: GitlabJob): boolean {
  return job.scripts.some(
    (line) => line.section === 'script' && (namesOtherDestination(line.text) || splitCommands(line.text).some((c) => isOtherEcosystemCommand(c.words.map((w) => w.value)))),
  );
}
