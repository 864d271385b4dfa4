import type { ProjectFacts } from '../../src/model/facts.js';
import type { CallGraph } from '../../src/model/github/call-graph.js';
import type { Job } from '../../src/model/github/types.js';
import { leastCertain, type Certainty, type GithubSite, type PublishSite } from '../../src/model/publish.js';
import { publishedName } from '../../src/model/npm/name-suffix.js';
import type { Location } from '../../src/yaml/span.js';
import { publishEntries } from './reach.js';

/** The name a publish sends a package under (changelogen `--canary nightly`: `<name>-nightly`). */
export function sentName(site: PublishSite, name: string | undefined): string | undefined {
  return name === undefined ? undefined : (publishedName(site.publish.match.flags, name) ?? name);
}

/** One `samePackages` finding: a workflow and every other top-level workflow that publishes some of its packages. */
export interface SamePackagesFinding {
  at: Location;
  data: { workflows: string; what: string; target: string };
  related: { at: Location; label: string }[];
  certainty: Certainty;
}

/** A publish of the workflow and the first publish of another workflow that sends the same packages. */
interface Pair {
  a: GithubSite;
  b: GithubSite;
  other: string;
  /** The names both send; undefined when tp-doctor cannot name them. */
  names: string[] | undefined;
  /** Both are guesses from a script's name (firebase's `yarn release`, a TypeScript CLI tp-doctor cannot read). */
  guesses: boolean;
}

/** A workflow, the other workflows that publish some of its packages, and the publishes that meet. */
interface Group {
  file: string;
  others: string[];
  pairs: Pair[];
}

/**
 * The groups that are one fact: a group whose workflows all lie in another's is left out (each
 * plugin workflow beside a workspace-wide canary: the canary's group names them all), and of equal
 * ones the first in the order of `groups` stays (release.yml and snapshot.yml: reported once, at
 * the one whose publish has the lower line, then the first by name). 80 warnings came from 37
 * groups this way (audit908a P1). A wider group is owned by
 * one of the smaller one's workflows (it publishes a package of each), so only those are compared.
 */
function widest(groups: readonly Group[]): Group[] {
  const members = new Map(groups.map((g) => [g.file, new Set([g.file, ...g.others])]));
  const byFile = new Map(groups.map((g) => [g.file, g]));
  const order = new Map(groups.map((g, i) => [g, i]));
  return groups.filter((g) => {
    const own = members.get(g.file)!;
    for (const file of own) {
      const other = byFile.get(file);
      if (!other || other === g) continue;
      const theirs = members.get(file)!;
      if (theirs.size < own.size || ![...own].every((f) => theirs.has(f))) continue;
      // Wider, or equal and earlier in the order of `groups`.
      if (theirs.size > own.size || order.get(other)! < order.get(g)!) return false;
    }
    return true;
  });
}

/** How many other workflows a message names before "and N more". */
const NAMED = 3;
/**
 * How many related locations a finding carries: each other workflow's first overlapping publish,
 * then this workflow's own other ones, up to this many. 2,000 workflows publishing one package gave
 * 2,000 findings of 1,999 related locations each (an 861 MB JSON report); the message still counts
 * every other workflow.
 */
const MAX_RELATED = 10;
/**
 * How many other workflows are looked for per workflow: past this many the message says "at least".
 * Each workflow compared with every other was quadratic (2,000 workflows: 17 s for this rule alone).
 */
const MAX_OTHERS = 25;

/**
 * Without a declaration: top-level workflows that publish the same packages. The runs of one that
 * is not a trusted publisher of those packages are refused; since September 2026 a package can
 * have up to 10 (docs/domain.md §1.8), so each workflow needs its own. One finding per group of
 * workflows (a workflow and every other one that publishes some of its packages, the same set
 * seen from each of them once), at the first such publish of one of them: the one with the lowest
 * line, then the first by file name (any one would do; this keeps biome's and AmityCo's labelled
 * places, release_cli.yml:268 and dev.yaml:75),
 * naming the others (by any of its publishes; each other workflow's first such publish is a
 * related location) and the packages when there are few.
 */
export function samePackagesFindings(graph: CallGraph, facts: ProjectFacts, sites: readonly GithubSite[]): SamePackagesFinding[] {
  // Once per job, and candidates grouped by entry file: a workflow with thousands of publishes
  // is not compared with itself (that was quadratic, issue 12).
  const entries = new Map<Job, string | undefined>();
  const entryOf = (job: Job): string | undefined => {
    if (!entries.has(job)) {
      const files = publishEntries(job, graph, facts);
      entries.set(job, files.length === 1 ? files[0] : undefined);
    }
    return entries.get(job);
  };
  const byFile = new Map<string, GithubSite[]>();
  for (const s of sites) {
    const file = entryOf(s.job);
    if (file === undefined || s.certainty === 'possible') continue;
    byFile.set(file, [...(byFile.get(file) ?? []), s]);
  }
  if (byFile.size < 2) return [];
  // Each workflow with the others that publish some of its packages.
  const groups: Group[] = [];
  for (const file of [...byFile.keys()].sort()) {
    const found = pairsOf(facts, file, byFile.get(file)!, byFile);
    // Guesses count only when nothing else does.
    const pairs = found.some((p) => !p.guesses) ? found.filter((p) => !p.guesses) : found;
    if (pairs.length > 0) groups.push({ file, others: [...new Set(pairs.map((p) => p.other))], pairs });
  }
  // Of equal groups, the one whose publish comes first (its line, then the file name) is reported.
  const line = (g: Group): number => g.pairs[0]!.a.publish.location.start.line;
  groups.sort((x, y) => line(x) - line(y) || (x.file < y.file ? -1 : 1));
  return widest(groups).map((g) => finding(g.file, g.others, g.pairs));
}

/** For each other workflow, the first of its publishes that sends a package one of `own` sends, in the order of `own`. */
function pairsOf(facts: ProjectFacts, file: string, own: readonly GithubSite[], byFile: ReadonlyMap<string, GithubSite[]>): Pair[] {
  const pairs: Pair[] = [];
  const matched = new Set<string>();
  for (const a of own) {
    for (const [other, theirs] of byFile) {
      if (matched.size >= MAX_OTHERS) return pairs;
      if (other === file || matched.has(other)) continue;
      const b = theirs.find((x) => facts.overlap(a, x));
      if (!b) continue;
      matched.add(other);
      const guesses = a.publish.match.runsUnread === true && b.publish.match.runsUnread === true;
      pairs.push({ a, b, other, names: sharedNames(a, b), guesses });
    }
  }
  return pairs;
}

/** The names of the packages two overlapping publishes both send; undefined when either side's are not known. */
function sharedNames(a: GithubSite, b: GithubSite): string[] | undefined {
  if (a.targets.kind === 'unknown' || b.targets.kind === 'unknown') return undefined;
  const dirs = new Set(b.targets.packages.map((p) => p.dir));
  const names = a.targets.packages.filter((p) => dirs.has(p.dir)).map((p) => sentName(a, p.name));
  return names.length === 0 || names.some((n) => n === undefined) ? undefined : (names as string[]);
}

function finding(file: string, others: readonly string[], pairs: readonly Pair[]): SamePackagesFinding {
  const first = pairs[0]!;
  const all = pairs.every((p) => p.names !== undefined) ? [...new Set(pairs.flatMap((p) => p.names!))] : undefined;
  const guesses = pairs.every((p) => p.guesses);
  const quotedNames = (all ?? []).map((n) => `"${n}"`);
  const what =
    all === undefined || all.length === 0 || all.length > NAMED
      ? guesses
        ? 'what may be the same packages (the same script, which tp-doctor cannot read)'
        : 'the same packages'
      : all.length === 1
        ? `package ${quotedNames[0]}`
        : `packages ${listed(quotedNames)}`;
  const target = all?.length === 1 ? 'the package' : 'the packages it publishes';
  const shown = others.length <= NAMED ? others : others.slice(0, NAMED - 1);
  const more = others.length - shown.length;
  const names = [file, ...shown].map((f) => `"${f}"`);
  const atLeast = others.length >= MAX_OTHERS ? 'at least ' : '';
  const workflows = more > 0 ? `${names.join(', ')} and ${atLeast}${more} more workflows` : listed(names);
  const related = pairs.slice(0, MAX_RELATED).map((p) => ({ at: p.b.publish.location, label: `publish in "${p.other}"` }));
  // Another publish of this workflow that meets some of the others (base/account-sdk's `release-please.yml`).
  const ownOthers = [...new Set(pairs.map((p) => p.a))].filter((a) => a !== first.a);
  related.push(...ownOthers.map((a) => ({ at: a.publish.location, label: `another publish in "${file}"` })));
  related.splice(MAX_RELATED);
  const certainty: Certainty = guesses ? 'possible' : leastCertain(pairs.flatMap((p) => [p.a.certainty, p.b.certainty]));
  return { at: first.a.publish.location, data: { workflows, what, target }, related, certainty };
}

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
