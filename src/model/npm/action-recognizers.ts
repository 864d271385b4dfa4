/**
 * The publishing actions' table (`ACTION_RECOGNIZERS`) looked up by a `uses:` path: asked for every
 * `uses:` step of every job, so by a map built once, not a scan of the table per step. A
 * `docker://` image is the action whose own image it is (`ActionRecognizer.images`), else none.
 */
import { ACTION_RECOGNIZERS, type ActionRecognizer } from '../data/publish-tools.js';
import { joinDir } from './value-targets.js';
import type { PublishFlags } from './publish-types.js';

/** The row for `owner/repo/path` (or a `docker://` image): one naming that path, else one naming the repository. */
export function actionRecognizer(path: string): ActionRecognizer | undefined {
  const lower = path.toLowerCase();
  if (lower.startsWith('docker://')) return imageRecognizer(lower);
  // The first row of a name wins, as a `find` over the table would.
  const byName = (recognizersByName ??= new Map([...ACTION_RECOGNIZERS].reverse().map((a) => [a.action.toLowerCase(), a])));
  return byName.get(lower) ?? byName.get(lower.split('/').slice(0, 2).join('/'));
}
let recognizersByName: Map<string, ActionRecognizer> | undefined;

function imageRecognizer(uses: string): ActionRecognizer | undefined {
  const byImage = (recognizersByImage ??= new Map([...ACTION_RECOGNIZERS].reverse().flatMap((a) => (a.images ?? []).map((image) => [image, a] as const))));
  return byImage.get(dockerImage(uses).image);
}
let recognizersByImage: Map<string, ActionRecognizer> | undefined;

/**
 * A `docker://` reference split into its image (lower case, Docker Hub's `docker.io/` and
 * `index.docker.io/` hosts left out) and its reference: the tag, else the digest (`sha256:…`), else ``.
 */
export function dockerImage(uses: string): { image: string; ref: string } {
  const [named = '', digest] = uses.slice('docker://'.length).split('@', 2);
  const slash = named.lastIndexOf('/');
  const colon = named.indexOf(':', slash + 1);
  const name = (colon < 0 ? named : named.slice(0, colon)).toLowerCase().replace(/^(?:index\.)?docker\.io\//, '');
  const tag = colon < 0 ? undefined : named.slice(colon + 1);
  return { image: name, ref: tag || digest || '' };
}

/**
 * A `uses:` value (without a known path's `@ref` split off: `owner/repo@v1`, `docker://image:tag`)
 * as the path `actionRecognizer` reads and the ref: a known action's `docker://` image keeps its
 * whole reference as the path, its tag (or digest) as the ref.
 */
export function usesParts(uses: string): { path: string; ref: string } {
  if (uses.toLowerCase().startsWith('docker://')) return { path: uses, ref: dockerImage(uses).ref };
  const at = uses.indexOf('@');
  return at < 0 ? { path: uses, ref: '' } : { path: uses.slice(0, at), ref: uses.slice(at + 1) };
}

/**
 * What an action's inputs (`input` gives one's trimmed value) say of the edition it installs
 * (`ActionRecognizer.editionInput`): `none`, it publishes nothing; `sure`, its command's publish is
 * certain; `guess`, an expression decides; undefined for an action without editions.
 */
export function actionEdition(rec: ActionRecognizer, input: (name: string) => string | undefined): 'none' | 'sure' | 'guess' | undefined {
  if (rec.editionInput === undefined) return undefined;
  const edition = input(rec.editionInput.input);
  if (edition?.includes('${{') === true) return 'guess';
  return edition !== undefined && rec.editionInput.values.includes(edition) ? 'sure' : 'none';
}

/** The directory an action runs its command in (`ActionRecognizer.directoryInput`, from the step's `dir`); undefined when unknown. */
export function actionDirectory(rec: ActionRecognizer, input: (name: string) => string | undefined, dir: string | undefined): string | undefined {
  const given = rec.directoryInput === undefined ? undefined : input(rec.directoryInput);
  return given === undefined || dir === undefined ? dir : joinDir(dir, given);
}

/**
 * The publish flags an action's inputs carry (`ActionRecognizer.flagInputs`): `provenance` when
 * `true` or `false`, the others as given. For an action's own publish command (`defaultCommand`)
 * too: decentraland/oddish-action passes `registry-url`, `access` and `provenance` to its `npm publish`.
 */
export function actionFlags(rec: ActionRecognizer, input: (name: string | undefined) => string | undefined): PublishFlags {
  const flags: PublishFlags = {};
  const provenance = input(rec.flagInputs?.provenance)?.toLowerCase();
  if (provenance === 'true' || provenance === 'false') flags.provenance = provenance === 'true';
  for (const key of ['registry', 'tag', 'access'] as const) {
    const value = input(rec.flagInputs?.[key]);
    if (value !== undefined) flags[key] = value;
  }
  return flags;
}
