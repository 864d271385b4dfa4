/**
 * The `tp-doctor.yml` that `init` writes: a fresh file with a comment on every key, or (with
 * `--force`) the existing file updated through the `yaml` library's Document API, which keeps its
 * comments, its other keys (`rules`, `ignore`, ...) and the entries it can match.
 */
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { REPOSITORY_URL } from '../diagnostics/docs-url.js';
import { CIRCLECI_ID_PLACEHOLDERS } from '../facts/trust-command.js';
import { CIRCLECI_ID_PLACES, type PlannedPublisher } from './plan.js';

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

const PROVIDER_NAME = { github: ' GitHub Actions', gitlab: ' GitLab CI/CD (gitlab.com only)', circleci: ' CircleCI cloud' } as const;

/**
 * A CircleCI publisher's keys: the ids only CircleCI shows as placeholders (`withIds`: a fresh
 * entry, never an existing one, whose ids are kept), the VCS origin and the configuration file.
 */
function circleciPairs(p: PlannedPublisher, withIds: boolean): Pair[] {
  const pairs: Pair[] = [];
  if (withIds) {
    for (const key of ['organizationId', 'projectId', 'pipelineDefinitionId'] as const) {
      pairs.push(new Pair(keyWithComment(key, `UUID from CircleCI: ${CIRCLECI_ID_PLACES[key]}`), new Scalar(CIRCLECI_ID_PLACEHOLDERS[key])));
    }
  }
  pairs.push(new Pair(keyWithComment('vcsOrigin', `host/owner/repo, no scheme, as CircleCI names the repository (from the ${p.ownerFrom ?? 'repository'})`), new Scalar(p.owner ?? '<vcs-origin>')));
  pairs.push(new Pair(keyWithComment('configFile', 'the configuration the pipeline definition runs'), new Scalar(p.file)));
  return pairs;
}

/** The key/value pairs of one publisher, each with its explaining comment (`withIds`: see `circleciPairs`). */
function publisherPairs(p: PlannedPublisher, onlyPublisher: boolean, withIds = true): Pair[] {
  const pairs: Pair[] = [];
  const provider = new Scalar(p.provider);
  provider.comment = PROVIDER_NAME[p.provider];
  pairs.push(new Pair(new Scalar('provider'), provider));
  if (p.provider === 'circleci') {
    pairs.push(...circleciPairs(p, withIds));
  } else if (p.provider === 'github') {
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
        `what the publisher may do on npmjs.com: publish, stage-publish (${p.actionsGuessed ? 'assumed: no publish command was recognised for certain' : `the ${p.provider === 'circleci' ? 'configuration' : 'workflow'} ${p.actionsMayRun ? 'runs or may run' : 'runs'} ${actionWords}`})`,
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

/** The first line of a CircleCI entry written as a comment: how a later `init --force` knows it is there. */
const circleMarker = (p: PlannedPublisher): string => `# CircleCI publisher for ${p.path}, written as a comment:`;

/**
 * A CircleCI publisher, written as a comment under `publishers`: the schema requires the
 * organization, project and pipeline definition ids, which only CircleCI shows, and a placeholder
 * would make the file fail to load (or, shaped like a UUID, be checked as one). The user fills them
 * in and removes the `# `. Until then tp-doctor does not check the configuration against it: with
 * no other publisher declared it still infers one (`config/infer.ts`), beside a declared one it
 * does not.
 */
function circleComment(p: PlannedPublisher, alone: boolean, onlyPublisher: boolean): string {
  const doc = new Document(new YAMLSeq());
  (doc.contents as YAMLSeq).items.push(newEntry(p, onlyPublisher));
  const entry = doc.toString(TO_STRING).trimEnd().split('\n');
  const until = alone
    ? 'until then tp-doctor infers this publisher (without its ids) and checks the configuration as before'
    : 'until then tp-doctor does not check this configuration against a CircleCI publisher';
  // Alone, the entry sits under `publishers: []`, which must become a block sequence first.
  const steps = alone ? 'change `publishers: []` above to `publishers:`, fill in the ids CircleCI shows' : 'fill in the ids CircleCI shows';
  const head = [circleMarker(p), `# ${steps}, remove the \`# \` in front of each line below; ${until}.`];
  return [...head, ...entry.map((l) => `# ${l}`)].map((l) => `  ${l}`).join('\n');
}

/** The CircleCI publishers, as comments after the document (`circleComment`). */
function circleComments(circle: readonly PlannedPublisher[], alone: boolean, onlyPublisher: boolean): string {
  return circle.map((p) => `${circleComment(p, alone, onlyPublisher)}\n`).join('');
}

/** A fresh `tp-doctor.yml`. */
export function renderNew(publishers: readonly PlannedPublisher[], dropped: readonly string[]): string {
  const doc = new Document();
  const extra = dropped.length > 0 ? `\n Not declared (their packages are declared under another publisher): ${dropped.join(', ')}` : '';
  doc.commentBefore = HEADER + extra;
  const root = new YAMLMap();
  const seq = new YAMLSeq();
  const declared = publishers.filter((p) => p.provider !== 'circleci');
  const circle = publishers.filter((p) => p.provider === 'circleci');
  for (const p of declared) seq.items.push(newEntry(p, publishers.length === 1));
  if (declared.length === 0) seq.flow = true;
  root.items.push(new Pair(new Scalar('publishers'), seq));
  doc.contents = root;
  return doc.toString(TO_STRING) + circleComments(circle, declared.length === 0, publishers.length === 1);
}

export type MergeResult = { ok: true; text: string; removed: string[]; kept: string[] } | { ok: false; message: string };

function text(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

const FILE_KEY = { github: 'workflow', gitlab: 'ciFile', circleci: 'configFile' } as const;
const DEFAULT_FILE = { github: undefined, gitlab: '.gitlab-ci.yml', circleci: '.circleci/config.yml' } as const;

/** The existing entry for a planned publisher: same provider and same workflow / CI file / CircleCI configuration. */
function matches(item: unknown, p: PlannedPublisher): item is YAMLMap {
  if (!isMap(item) || text(item.get('provider', true)) !== p.provider) return false;
  const file = text(item.get(FILE_KEY[p.provider], true)) ?? DEFAULT_FILE[p.provider];
  return file === p.file;
}

function describeExisting(item: unknown, index: number): string {
  if (!isMap(item)) return `publishers[${index}]`;
  const file = text(item.get('workflow', true)) ?? text(item.get('ciFile', true)) ?? text(item.get('configFile', true));
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
  const commented: PlannedPublisher[] = [];
  for (const p of publishers) {
    const found = oldItems.find((item): item is YAMLMap => !used.has(item) && matches(item, p));
    if (!found) {
      // A CircleCI publisher not declared yet is written as a comment (`circleComment`), once.
      if (p.provider === 'circleci') {
        if (!existing.includes(circleMarker(p))) commented.push(p);
      } else {
        items.push(newEntry(p, publishers.length === 1));
      }
      continue;
    }
    used.add(found);
    kept.push(describeExisting(found, oldItems.indexOf(found)));
    for (const pair of publisherPairs(p, publishers.length === 1, false)) {
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
  if (items.length === 0) seq.flow = true;
  if (!isSeq(old)) (root as YAMLMap).set('publishers', seq);
  return { ok: true, text: doc.toString(TO_STRING) + circleComments(commented, items.length === 0, publishers.length === 1), removed, kept };
}
