/**
 * `tp-doctor init`, the pure part: from the repository facts, the trusted publishers to declare
 * (one per publishing workflow, GitLab CI file or CircleCI configuration), the `npm trust` command per package, and what
 * the user must check by hand. No file system, no network.
 */
import type { PublisherAction } from '../config/types.js';
import type { Provider, PublishEntry, PublishFact, RepoFacts } from '../facts/repo-facts.js';
import { circleciTrustCommand, trustCommand, trustCommandProblem } from '../facts/trust-command.js';
import { assignUnknown, listSome, type UnknownDraft } from './unknown-packages.js';

export interface PlannedPublisher {
  provider: Provider;
  /** GitHub `owner/repo`, GitLab project path or CircleCI VCS origin `host/owner/repo`; undefined when it could not be read. */
  owner?: string;
  /** Where `owner` was read (git remote, package.json). */
  ownerFrom?: string;
  /** GitHub: workflow file name; GitLab: CI file path; CircleCI: configuration path (`configFile`). */
  file: string;
  /** Repository-relative path of that file. */
  path: string;
  environment?: string;
  allowedActions: PublisherAction[];
  /** True when no publish command was recognised for certain and `allowedActions` is an assumption. */
  actionsGuessed?: boolean;
  /** True when `allowedActions` holds the action of a publish command tp-doctor is not sure runs (`PublishFact.guessedAction`). */
  actionsMayRun?: boolean;
  /** Exact package names. */
  packages: string[];
  /** The publish commands seen (labels), for the comment. */
  commands: string[];
  /** CircleCI: the ids of a publisher the configuration already declares for this pipeline (`init --force` after they were filled in). */
  circleciIds?: CircleciIds;
  /** CircleCI: the contexts the publishing jobs run with, by name (the publisher registers context ids, which the files do not hold). */
  contexts?: string[];
  /** Things to check by hand, written as comments above the entry and printed as warnings. */
  notes: string[];
}

/** The ids of a CircleCI publisher, which only CircleCI shows. */
export interface CircleciIds {
  organizationId: string;
  projectId: string;
  pipelineDefinitionId: string;
  contextIds?: string[];
}

export interface PlannedCommand {
  pkg: string;
  /** The ready-to-paste command, or undefined with `problem` when npm would refuse the values. */
  command?: string;
  /** CircleCI: `command` holds placeholders (`CIRCLECI_ID_PLACEHOLDERS`) for the ids only CircleCI shows. */
  fillIn?: true;
  problem?: string;
}

export interface InitPlan {
  publishers: PlannedPublisher[];
  /** Per package, in publisher order. */
  commands: PlannedCommand[];
  /** Warnings for the terminal (the notes, duplicates, publishes no workflow reaches). */
  warnings: string[];
  /** Packages two publishers publish: kept under the first only. */
  duplicates: { pkg: string; kept: string; also: string[] }[];
  /** Publishing files left out because every package they publish is declared under another publisher. */
  dropped: string[];
}

const quoteList = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ');

function environmentOf(entry: PublishEntry, notes: string[]): string | undefined {
  const envs = entry.publishes.map((f) => f.environment);
  const expression = envs.find((e) => e.kind === 'expression');
  if (expression && expression.kind === 'expression') {
    notes.push(`the publishing job's environment is an expression (${expression.raw}); npm needs the literal name: add \`environment:\` by hand if one is registered`);
    return undefined;
  }
  const names = new Set(envs.map((e) => (e.kind === 'name' ? e.name : '')));
  if (names.size === 1) {
    const only = [...names][0]!;
    return only === '' ? undefined : only;
  }
  const listed = [...names].map((n) => (n === '' ? 'none' : `"${n}"`)).join(', ');
  notes.push(`the publishing jobs run in different environments (${listed}); npm matches one: set \`environment:\` to the registered one`);
  return undefined;
}

/** Reasons a publish is a guess named in the note at most; the rest are counted. */
const MAX_REASONS = 3;

/**
 * The actions the publisher must allow: those of the publishes recognised for certain, and
 * `stage-publish` for a stage publish tp-doctor is not sure runs (a `pnpm stage publish` in a
 * script a `node` step runs: if it runs, a publisher without it refuses it; `publish` too when
 * nothing is certain and another publish may be direct); `publish` when no command tells.
 */
function actionsOf(entry: PublishEntry, notes: string[]): PublisherAction[] {
  const seen = new Set(entry.publishes.flatMap((f) => (f.action ? [f.action] : [])));
  const staged = guessedStages(entry);
  if (staged.length > 0 && !seen.has('stage-publish')) {
    const others = entry.publishes.filter((f) => !staged.includes(f));
    if (seen.size === 0 && others.length > 0) seen.add('publish');
    seen.add('stage-publish');
    const commands = [...new Set(staged.map((f) => `\`${f.command}\``))].join(', ');
    notes.push(`${commands} was not recognised for certain; \`allowedActions\` allows the stage publish it runs if it does`);
  }
  if (seen.size === 0) {
    const why = [...new Set(entry.publishes.flatMap((f) => (f.guess !== undefined ? [f.guess] : [])))];
    const shown = why.length > MAX_REASONS ? [...why.slice(0, MAX_REASONS), `${why.length - MAX_REASONS} more`] : why;
    notes.push(`no publish command was recognised for certain (${shown.length > 0 ? shown.join('; ') : 'a script tp-doctor cannot read'}); \`allowedActions\` assumes \`npm publish\``);
    return ['publish'];
  }
  return (['publish', 'stage-publish'] as const).filter((a) => seen.has(a));
}

type Draft = UnknownDraft;

/** A publish that nothing tp-doctor sees keeps from trusted publishing (`PublishFact.oidcBlockers`; GitLab: not weighed). */
const oidcReady = (f: PublishFact): boolean => (f.oidcBlockers?.length ?? 0) === 0;

/**
 * How strongly an entry looks like the trusted publisher a package is meant for, lowest first:
 * a publish that can use trusted publishing as written (`oidcReady`) before one that cannot
 * (Shopify/ucp-cli's token-authenticated bootstrap workflow loses to its OIDC release workflow);
 * then a recognised publish before a guessed one (vitest's version-bump workflow, a guess without
 * `id-token`, loses to its publish workflow); then a workflow that routine releases run on top
 * then one that publishes to `latest` before one whose every publish names another dist-tag
 * (`PublishFact.distTag`: netlify/cli's per-commit `pre-release-sha.yml` loses to its release
 * workflow, modernweb-dev/web's `canary.yml` to `release.yml`); then a workflow that routine releases run on top
 * before the called workflow's own manual runs (`PublishFact.manualEntries`, npm/ini).
 */
const NOT_READY = 8;
const GUESSED = 4;
const PRERELEASE = 2;
const MANUAL = 1;

function strength(entry: PublishEntry): number {
  const recognised = entry.publishes.filter((f) => f.action !== undefined);
  const weighed = recognised.length > 0 ? recognised : entry.publishes;
  const ready = weighed.some(oidcReady) ? 0 : NOT_READY;
  const prerelease = prereleaseTags(entry).length > 0 ? PRERELEASE : 0;
  const manual = entry.publishes.every((f) => f.manualEntries?.includes(entry.file) === true) ? MANUAL : 0;
  return ready + (recognised.length > 0 ? 0 : GUESSED) + prerelease + manual;
}

/** The dist-tags of an entry whose every publish names one other than `latest` (none otherwise). */
function prereleaseTags(entry: PublishEntry): string[] {
  const tags = entry.publishes.map((f) => f.distTag);
  return tags.every((t) => t !== undefined) ? [...new Set(tags as string[])] : [];
}

/** Why an entry's publishes cannot use trusted publishing as written, in words (its first publish that says so). */
function blockersOf(entry: PublishEntry): string {
  return entry.publishes.find((f) => !oidcReady(f))?.oidcBlockers?.join(', ') ?? '';
}

/**
 * The plan. Entries come sorted (GitHub first, by path); a package two entries claim is kept by the
 * stronger one (`strength`), by the first in that order when they are equal, with a CHECK naming
 * both: tp-doctor cannot tell which one is registered.
 */
export function planInit(facts: RepoFacts): InitPlan {
  const warnings: string[] = [];
  const published = facts.packages.filter((p) => p.published).map((p) => p.name);
  const drafts = facts.entries.map((entry) => draftOf(entry, declaredCircleciIds(facts, entry)));

  assignUnknown(drafts, published, facts.packages.filter((p) => !p.private).map((p) => p.name));

  // The strongest publisher keeps a package two claim (declared once; npm has allowed several per package since September 2026, the user adds the others).
  const owner = new Map<string, number>();
  const duplicates = new Map<string, { pkg: string; kept: string; also: string[] }>();
  /** The files that lost a package because they cannot use trusted publishing as written, and why. */
  const blocked = new Map<string, string>();
  const strengths = facts.entries.map(strength);
  const shared = new SharedNotes();
  const ranked = drafts.map((_, i) => i).sort((a, b) => strengths[a]! - strengths[b]!);
  for (const i of ranked) {
    const { draft } = drafts[i]!;
    draft.packages = draft.packages.filter((pkg) => {
      const k = owner.get(pkg);
      if (k === undefined) {
        owner.set(pkg, i);
        return true;
      }
      const first = drafts[k]!.draft;
      const dup = duplicates.get(pkg) ?? { pkg, kept: first.path, also: [] };
      dup.also.push(draft.path);
      duplicates.set(pkg, dup);
      shared.add(`${k}>${i}`, draft.notes, pkg, (names) => alsoPublishes(names, first.path));
      const why = whyKept(facts.entries[k]!, facts.entries[i]!, strengths[k]!, strengths[i]!);
      if (why) shared.add(`${k}<${i}`, first.notes, pkg, why);
      else if ((strengths[k]! & NOT_READY) === 0 && (strengths[i]! & NOT_READY) !== 0) blocked.set(draft.path, blockersOf(facts.entries[i]!));
      return false;
    });
  }
  shared.write();
  // A file whose every package is declared under another publisher cannot have a publisher of its own.
  const dropped = drafts.filter(({ draft }) => draft.packages.length === 0 && [...duplicates.values()].some((d) => d.also.includes(draft.path))).map(({ draft }) => draft.path);
  const publishers = drafts.map(({ draft }) => draft).filter((d) => !dropped.includes(d.path));
  for (const d of publishers) for (const note of d.notes) warnings.push(`${d.path}: ${note}`);
  for (const dup of duplicates.values()) {
    const why = dup.also.flatMap((a) => (blocked.has(a) ? [`${a} cannot publish with trusted publishing as written: ${blocked.get(a)}`] : []));
    warnings.push(`"${dup.pkg}" is published by ${[dup.kept, ...dup.also].join(' and ')}; declared for ${dup.kept} only${why.length > 0 ? ` (${why.join('; ')})` : ''}; npm allows several trusted publishers per package since September 2026: register and declare the others too, or publish from one`);
  }
  for (const path of dropped) warnings.push(`${path}: not declared, every package it publishes is declared under another publisher`);
  for (const f of facts.unreachable) {
    if (facts.unreachable.find((g) => g.location.file === f.location.file && g.job === f.job) !== f) continue;
    warnings.push(
      f.provider === 'circleci'
        ? `${f.location.file}: job "${f.job}" publishes but no workflow of the configuration runs it`
        : `${f.location.file}: job "${f.job}" publishes but no workflow of this repository calls it; a workflow of another repository cannot be this repository's trusted publisher`,
    );
  }

  const commands = trustCommands(publishers);
  return { publishers, commands, warnings, duplicates: [...duplicates.values()], dropped };
}

/** Packages a note names: `"a"`, or `"a", "b"` up to `listSome`'s count and `and N more`. */
interface Names {
  text: string;
  one: boolean;
}

/**
 * The CHECKs about packages two publishers share, one per pair of publishers and kind, naming every
 * package it is about (`listSome`): the same words for each package of a monorepo would otherwise be
 * one line per package (pmndrs/react-spring: 12). A note that differs per package stays per package.
 * `add` keeps the note's place (that of its first package); `write` puts the text in.
 */
class SharedNotes {
  private readonly groups = new Map<string, { notes: string[]; at: number; pkgs: string[]; say: (names: Names) => string }>();

  add(key: string, notes: string[], pkg: string, say: (names: Names) => string): void {
    const group = this.groups.get(key);
    if (group) group.pkgs.push(pkg);
    else this.groups.set(key, { notes, at: notes.push('') - 1, pkgs: [pkg], say });
  }

  write(): void {
    for (const g of this.groups.values()) g.notes[g.at] = g.say({ text: listSome(g.pkgs.map((p) => `"${p}"`)), one: g.pkgs.length === 1 });
  }
}

/** The CHECK on a publisher some of whose packages are declared under `kept`'s. */
function alsoPublishes(names: Names, kept: string): string {
  const refused = names.one ? `publish of ${names.text} is refused unless it is registered for ${names.text}` : 'publishes of them are refused unless it is registered for them';
  return `also publishes ${names.text}, declared under the publisher for ${kept}: this workflow's ${refused} too (npm allows several trusted publishers per package since September 2026; declare each one you register)`;
}

/**
 * The CHECK on the publisher that keeps packages over `other`: why, when the reason is one to confirm
 * (a called workflow's own manual runs), or that tp-doctor could not choose (equal strength: both
 * can use trusted publishing, or neither can as written). Undefined when the other one cannot and
 * the kept one can (the warning says so).
 */
function whyKept(kept: PublishEntry, other: PublishEntry, keptStrength: number, otherStrength: number): ((names: Names) => string) | undefined {
  const move = (n: Names): string => `if ${other.file} is the one registered, declare ${n.one ? n.text : 'them'} under a publisher for it instead (or under both, when both are registered)`;
  const also = (n: Names): string => `${n.text} ${n.one ? 'is' : 'are'} also published by ${other.path}`;
  if (keptStrength === otherStrength) {
    const both = kept.publishes.some(oidcReady);
    const state = both ? 'both can publish with trusted publishing as written' : `neither can publish with trusted publishing as written (${kept.path}: ${blockersOf(kept)}; ${other.path}: ${blockersOf(other)})`;
    return (n) => `${also(n)}, and ${state}: declared here only because ${kept.path} comes first by name; ${move(n)}`;
  }
  if ((otherStrength & PRERELEASE) !== 0 && (keptStrength & PRERELEASE) === 0 && (keptStrength & (NOT_READY | GUESSED)) === (otherStrength & (NOT_READY | GUESSED))) {
    const tags = prereleaseTags(other).map((t) => `\`${t}\``).join(', ');
    return (n) => `${also(n)}, whose publishes all name a dist-tag (${tags}): declared here, for the workflow that publishes to \`latest\`; ${move(n)}`;
  }
  if ((otherStrength & MANUAL) !== 0 && keptStrength === otherStrength - MANUAL) {
    return (n) => `${other.path} publishes ${n.text} from a workflow that ${kept.file} calls, and also runs on its own when started by hand (workflow_dispatch): a manual run has ${other.file} on top, which npm refuses under this publisher; routine releases run with ${kept.file} on top`;
  }
  return undefined;
}

/** The publishes not sure to run whose command is a stage publish (`PublishFact.guessedAction`). */
function guessedStages(entry: PublishEntry): PublishFact[] {
  return entry.publishes.filter((f) => f.action === undefined && f.guessedAction === 'stage-publish');
}

/** The publisher one entry (a publishing workflow or CI file) becomes, and whether some of its publishes name no package. */
function draftOf(entry: PublishEntry, circleciIds?: CircleciIds): Draft {
  const notes: string[] = [];
  const known = [...new Set(entry.publishes.flatMap((f) => f.packages ?? []))];
  const unknown = entry.publishes.filter((f) => f.packages === undefined && f.renamed !== true);
  const renamed = entry.publishes.filter((f) => f.renamed === true);
  const draft: PlannedPublisher = {
    provider: entry.provider,
    file: entry.file,
    path: entry.path,
    allowedActions: actionsOf(entry, notes),
    packages: known,
    commands: [...new Set(entry.publishes.map((f) => f.command))],
    notes,
  };
  if (!entry.publishes.some((f) => f.action !== undefined) && guessedStages(entry).length === 0) draft.actionsGuessed = true;
  else if (draft.allowedActions.some((a) => !entry.publishes.some((f) => f.action === a))) draft.actionsMayRun = true;
  const environment = environmentOf(entry, notes);
  if (environment !== undefined) draft.environment = environment;
  if (entry.owner) {
    draft.owner = entry.owner.value;
    draft.ownerFrom = entry.owner.from;
  } else {
    notes.push(OWNER_UNKNOWN[entry.provider]);
  }
  if (entry.provider === 'circleci') circleciNotes(entry, draft, circleciIds);
  return { draft, unknown, renamed };
}

/**
 * The ids of the CircleCI publisher the loaded configuration declares for `entry`'s pipeline (one
 * under which its publishes run), when it names all three: `init --force` after the user filled
 * them in keeps the entry, and its `npm trust` command is then complete.
 */
function declaredCircleciIds(facts: RepoFacts, entry: PublishEntry): CircleciIds | undefined {
  if (entry.provider !== 'circleci') return undefined;
  for (const covered of facts.publishers) {
    const p = covered.publisher;
    if (p.provider !== 'circleci' || p.inferred || !covered.publishes.some((f) => entry.publishes.includes(f))) continue;
    if (p.organizationId === undefined || p.projectId === undefined || p.pipelineDefinitionId === undefined) continue;
    return { organizationId: p.organizationId, projectId: p.projectId, pipelineDefinitionId: p.pipelineDefinitionId, ...(p.contextIds !== undefined ? { contextIds: p.contextIds } : {}) };
  }
  return undefined;
}

const OWNER_UNKNOWN: Record<Provider, string> = {
  github: 'the GitHub repository could not be read (no github.com git remote or package.json `repository`): add `repository: owner/repo`',
  gitlab: 'the GitLab project could not be read (no gitlab.com git remote or package.json `repository`): add `project: group/project`',
  circleci: 'the VCS origin could not be read (no git remote or package.json `repository`): set `vcsOrigin` to the repository as CircleCI names it, `github.com/owner/repo` or `bitbucket.org/owner/repo`',
};

/** Where CircleCI shows the ids a CircleCI trusted publisher names (the same places publisher-config-valid names). */
export const CIRCLECI_ID_PLACES = {
  organizationId: 'Organization Settings > Overview (organization ID)',
  projectId: 'Project Settings > Overview (project ID)',
  pipelineDefinitionId: 'Project Settings > Project Setup (the ID of the pipeline definition that runs this configuration)',
} as const;

/** A CircleCI publisher's contexts, and the notes on what only CircleCI shows: its ids. */
function circleciNotes(entry: PublishEntry, draft: PlannedPublisher, ids: CircleciIds | undefined): void {
  if (ids !== undefined) {
    draft.circleciIds = ids;
  } else {
    const places = Object.entries(CIRCLECI_ID_PLACES).map(([key, where]) => `\`${key}\` from ${where}`);
    draft.notes.push(`the organization, project and pipeline definition ids are known only to CircleCI: ${places.join('; ')}`);
  }
  const contexts = [...new Set(entry.publishes.flatMap((f) => f.contexts ?? []))];
  if (contexts.length === 0) return;
  draft.contexts = contexts;
  draft.notes.push(
    `the publishing job runs with the context${contexts.length === 1 ? '' : 's'} ${quoteList(contexts)}: to bind the publisher to ${contexts.length === 1 ? 'it' : 'them'}, register ${contexts.length === 1 ? 'its id' : 'their ids'} (Organization Settings > Contexts) and list ${contexts.length === 1 ? 'it' : 'them'} under \`contextIds\` (optional)`,
  );
}

const OWNER_WORD: Record<Provider, string> = { github: 'repository', gitlab: 'project', circleci: 'VCS origin' };

/** The `npm trust` command of every package of every publisher (or why it cannot be written yet). */
function trustCommands(publishers: readonly PlannedPublisher[]): PlannedCommand[] {
  const commands: PlannedCommand[] = [];
  for (const d of publishers) {
    for (const pkg of d.packages) {
      if (d.owner === undefined) {
        commands.push({ pkg, problem: `the ${OWNER_WORD[d.provider]} is unknown; fill it in tp-doctor.yml first` });
        continue;
      }
      if (d.provider === 'circleci') {
        const command = circleciTrustCommand({ pkg, vcsOrigin: d.owner, actions: d.allowedActions, ...d.circleciIds });
        commands.push(d.circleciIds !== undefined ? { pkg, command } : { pkg, command, fillIn: true });
        continue;
      }
      const problem = trustCommandProblem({ provider: d.provider, file: d.file, owner: d.owner });
      const input = { provider: d.provider, pkg, file: d.file, owner: d.owner, actions: d.allowedActions, ...(d.environment !== undefined ? { environment: d.environment } : {}) };
      commands.push(problem ? { pkg, problem } : { pkg, command: trustCommand(input) });
    }
  }
  return commands;
}
