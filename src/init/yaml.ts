/**
 * The `tp-doctor.yml` that `init` writes: a fresh file with a comment on every key, or (with
 * `--force`) the existing file updated through the `yaml` library's Document API, which keeps its
 * comments, its other keys (`rules`, `ignore`, ...) and the entries it can match.
 */
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { REPOSITORY_URL } from '../diagnostics/docs-url.js';
import type { PlannedPublisher } from './plan.js';

const TO_STRING = { flowCollectionPadding: false, lineWidth: 100 } as const;

const HEADER = [
  ' tp-doctor configuration, written by `tp-doctor init` from the workflows that publish to npm.',
  ' Each entry under `publishers` is one npm trusted publisher, exactly as it must be registered on',
  ' npmjs.com (package settings, Trusted publishing, or `npm trust`). `tp-doctor` checks the',
  ' workflows against it; `tp-doctor --online` also checks it against what npm has registered.',
  ` Schema: ${REPOSITORY_URL}/blob/main/schemas/tp-doctor.schema.json`,
].join('\n');

function keyWithComment(key: string, comment: string): Scalar {
  const scalar = new Scalar(key);
  scalar.commentBefore = ` ${comment}`;
  return scalar;
}

function flowList(values: readonly string[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const v of values) seq.items.push(new Scalar(v));
  return seq;
}

function blockList(values: readonly string[]): YAMLSeq {
  const seq = new YAMLSeq();
  for (const v of values) seq.items.push(new Scalar(v));
  return seq;
}

function describeCommands(p: PlannedPublisher): string {
  const commands = p.commands.map((c) => `\`${c}\``).join(', ');
  return `${p.path} publishes with ${commands}.`;
}

/** The key/value pairs of one publisher, each with its explaining comment. */
function publisherPairs(p: PlannedPublisher, onlyPublisher: boolean): Pair[] {
  const pairs: Pair[] = [];
  const provider = new Scalar(p.provider);
  provider.comment = p.provider === 'github' ? ' GitHub Actions' : ' GitLab CI/CD (gitlab.com only)';
  pairs.push(new Pair(new Scalar('provider'), provider));
  if (p.provider === 'github') {
    if (p.owner !== undefined) {
      pairs.push(new Pair(keyWithComment('repository', `owner/repo, exact case, as on GitHub (from the ${p.ownerFrom ?? 'repository'})`), new Scalar(p.owner)));
    }
    pairs.push(new Pair(keyWithComment('workflow', `file name of the top-level workflow that runs the publish (${p.path}), no directory`), new Scalar(p.file)));
  } else {
    if (p.owner !== undefined) {
      pairs.push(new Pair(keyWithComment('project', `namespace[/subgroup]/project on gitlab.com, exact case (from the ${p.ownerFrom ?? 'repository'})`), new Scalar(p.owner)));
    }
    pairs.push(new Pair(keyWithComment('ciFile', 'path of the top-level CI file the pipeline starts from'), new Scalar(p.file)));
  }
  if (p.environment !== undefined) {
    pairs.push(new Pair(keyWithComment('environment', 'environment of the publishing job; register exactly this name with the publisher'), new Scalar(p.environment)));
  }
  // npm's action names, not one tool's command: a stage publish may be `pnpm stage publish`.
  const actionWords = p.allowedActions.map((a) => (a === 'publish' ? 'a publish' : 'a stage publish')).join(' and ');
  pairs.push(
    new Pair(
      keyWithComment(
        'allowedActions',
        `what the publisher may do on npmjs.com: publish, stage-publish (${p.actionsGuessed ? 'assumed: no publish command was recognised for certain' : `the workflow ${p.actionsMayRun ? 'runs or may run' : 'runs'} ${actionWords}`})`,
      ),
      flowList(p.allowedActions),
    ),
  );
  if (p.packages.length > 0 || !onlyPublisher) {
    pairs.push(new Pair(keyWithComment('packages', 'the packages this publisher covers, exact names; each package needs this publisher registered on npmjs.com'), blockList(p.packages)));
  }
  return pairs;
}

function entryComment(p: PlannedPublisher): string {
  const lines = [describeCommands(p), ...p.notes.map((n) => `CHECK: ${n}`)];
  return lines.map((l) => ` ${l}`).join('\n');
}

function newEntry(p: PlannedPublisher, onlyPublisher: boolean): YAMLMap {
  const map = new YAMLMap();
  map.commentBefore = entryComment(p);
  map.items.push(...publisherPairs(p, onlyPublisher));
  return map;
}

/** A fresh `tp-doctor.yml`. */
export function renderNew(publishers: readonly PlannedPublisher[], dropped: readonly string[]): string {
  const doc = new Document();
  const extra = dropped.length > 0 ? `\n Not declared (their packages are declared under another publisher): ${dropped.join(', ')}` : '';
  doc.commentBefore = HEADER + extra;
  const root = new YAMLMap();
  const seq = new YAMLSeq();
  for (const p of publishers) seq.items.push(newEntry(p, publishers.length === 1));
  root.items.push(new Pair(new Scalar('publishers'), seq));
  doc.contents = root;
  return doc.toString(TO_STRING);
}

export type MergeResult = { ok: true; text: string; removed: string[]; kept: string[] } | { ok: false; message: string };

function text(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** The existing entry for a planned publisher: same provider and same workflow / CI file. */
function matches(item: unknown, p: PlannedPublisher): item is YAMLMap {
  if (!isMap(item) || text(item.get('provider', true)) !== p.provider) return false;
  const file = text(item.get(p.provider === 'github' ? 'workflow' : 'ciFile', true)) ?? (p.provider === 'gitlab' ? '.gitlab-ci.yml' : undefined);
  return file === p.file;
}

function describeExisting(item: unknown, index: number): string {
  if (!isMap(item)) return `publishers[${index}]`;
  const file = text(item.get('workflow', true)) ?? text(item.get('ciFile', true));
  return `publishers[${index}]${file ? ` (${file})` : ''}`;
}

/**
 * The existing config with `publishers` regenerated. An entry for the same workflow / CI file is
 * updated in place (its comments and keys tp-doctor does not write, such as `host`, stay; a key the
 * analysis could not fill, such as an environment given as an expression, keeps its value); entries
 * for files that no longer publish are removed (and named); every other top-level key is untouched.
 */
export function mergeInto(existing: string, file: string, publishers: readonly PlannedPublisher[]): MergeResult {
  const doc = parseDocument(existing, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    return { ok: false, message: `cannot update ${file}: it is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); fix or remove it first` };
  }
  if (doc.contents === null) {
    const fresh = renderNew(publishers, []);
    return { ok: true, text: existing.trim() === '' ? fresh : `${existing.trimEnd()}\n${fresh}`, removed: [], kept: [] };
  }
  if (!isMap(doc.contents)) return { ok: false, message: `cannot update ${file}: its top level is not a map of keys` };
  const root = doc.contents;
  const old = root.get('publishers', true);
  const oldItems: unknown[] = isSeq(old) ? old.items : [];
  const used = new Set<unknown>();
  const kept: string[] = [];
  const items: unknown[] = [];
  for (const p of publishers) {
    const found = oldItems.find((item): item is YAMLMap => !used.has(item) && matches(item, p));
    if (!found) {
      items.push(newEntry(p, publishers.length === 1));
      continue;
    }
    used.add(found);
    kept.push(describeExisting(found, oldItems.indexOf(found)));
    for (const pair of publisherPairs(p, publishers.length === 1)) {
      const key = text(pair.key)!;
      const current = found.get(key, true);
      if (isScalar(current) && isScalar(pair.value)) {
        current.value = pair.value.value;
      } else if (current !== undefined) {
        found.set(key, pair.value);
      } else {
        found.items.push(pair);
      }
    }
    items.push(found);
  }
  const removed = oldItems.filter((item) => !used.has(item)).map((item) => describeExisting(item, oldItems.indexOf(item)));
  const seq = isSeq(old) ? old : new YAMLSeq();
  seq.items = items as typeof seq.items;
  if (!isSeq(old)) (root as YAMLMap).set('publishers', seq);
  return { ok: true, text: doc.toString(TO_STRING), removed, kept };
}
