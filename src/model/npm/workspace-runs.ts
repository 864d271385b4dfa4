/**
 * A `package.json` script run in workspace packages (`npm run release --workspaces --if-present`,
 * `npm run release -w a -w b`, `npm run release -w packages`): npm runs the script, with its
 * `pre`/`post` scripts, in each selected workspace that has it, in that workspace's directory,
 * and not in the root unless `--include-workspace-root` adds it. The workspaces are those of the
 * root package.json's `workspaces` (`RecognizeContext.workspaceScripts`), so the run is followed
 * only from the directory that context names (`Frame.away`). Each workspace's script is resolved
 * like `npm -w <dir> run x` (`PublishMatch.inPackage` names its directory, so the targets, the
 * `.npmrc` files and the provenance switches of what is found there are that package's).
 * pnpm's recursive run (`pnpm -r run release`, `pnpm -r release`, `pnpm --filter './packages/*'
 * release`) is read the same way against `pnpm-workspace.yaml` `packages:` (`filterProjects`; without
 * them, against the package.json `workspaces`, a guess: `workspacesOf`), Yarn's `yarn workspaces
 * foreach -A run release` against the root package.json's `workspaces` (`foreachPick`; the runner's
 * options come from `RunnerHit.foreach`), and `lerna run release` against lerna's list, filtered
 * the same way (`ScriptRun.filter`, ./lerna-runs.ts).
 *
 * When the workspaces cannot be read (none declared, globs matching no committed package.json, a
 * name tp-doctor cannot match, more workspaces than the call's resolution budget), the caller
 * keeps reading the command as a script it cannot find. A selection it cannot read (`--filter
 * "[HEAD^]"`, `-w "$PKG"`: `unreadSelection`) reaches some of the workspaces: each one's script is
 * read, and what it finds is a guess.
 */
import { cleanRepoPath } from '../../fs/paths.js';
import type { WorkspaceRunFlags } from '../data/publish-tools.js';
import type { ForeachSelection } from './command-runners.js';
import type { ScriptRun, WorkspaceSelection } from './script-runs.js';
import type { Frame, Outcome, WorkspaceScripts } from './publish-match.js';

type Resolve = (run: ScriptRun, scripts: Record<string, string>, frame: Frame) => Outcome;

/** One package the run reaches: a workspace, or the root (`--include-workspace-root`). */
interface Reached {
  scripts: Record<string, string>;
  frame: Frame;
}

/**
 * What the run finds in the workspaces it selects, each script resolved by `resolve` in its own
 * package; undefined when the workspaces cannot be read (see the file comment). `foreach`: the run
 * is the command of a `yarn workspaces foreach` started in `frame`, which selects the workspaces.
 */
export function runInWorkspaces(run: ScriptRun, frame: Frame, resolve: Resolve, foreach?: ForeachSelection): Outcome | undefined {
  // Yarn's root is a workspace too, skipped when it runs the very script that started the loop (the
  // innermost one), and left out here when options filter the workspaces (its name and `private` are not at hand).
  const started = frame.via.at(-1);
  const rootRuns = (): boolean => foreach?.include.length === 0 && foreach.exclude.length === 0 && !foreach.noPrivate && !(started !== undefined && started.file !== true && started.recipe !== true && started.script === run.name);
  const selection = foreach ? { source: 'package.json' as const, names: [], includeRoot: rootRuns() } : run.workspaces;
  if (selection === undefined) return undefined;
  // `lerna run --scope …` (./lerna-runs.ts) filters its list as `yarn workspaces foreach` does.
  const picked = pickWorkspaces(selection, frame, foreach ?? run.filter);
  if (picked === undefined) return undefined;
  const reached: Reached[] = picked.workspaces.map((ws) => ({ scripts: ws.scripts, frame: workspaceFrame(frame, ws) }));
  if (selection.includeRoot && frame.scripts !== undefined) reached.unshift({ scripts: frame.scripts, frame });
  // A package without the script does not run it (npm fails there, or skips it with `--if-present`).
  const running = reached.filter((r) => r.scripts[run.name] !== undefined);
  if (running.length > Math.max(0, frame.budget.left)) return undefined;
  return mergeOutcomes(
    running.map((r) => resolve(run, r.scripts, r.frame)),
    picked.unsure,
  );
}

/**
 * What a command npm's exec runs in workspaces finds (`npx -ws semantic-release`, `npm exec -w a
 * -w b -- release-it`, `npm -w "$WS" exec semantic-release`: `RunnerHit.workspaces`): the command
 * read in each selected workspace's directory, with its configuration and package.json, by
 * `recognize`, never in the root. A selection tp-doctor cannot read (`-w "$WS"`) runs in some of
 * them: what each finds is a guess. Undefined when the workspaces cannot be read (as `runInWorkspaces`).
 */
export function execInWorkspaces(selection: { source: WorkspaceRunFlags['source']; names: string[] }, frame: Frame, recognize: (frame: Frame) => Outcome): Outcome | undefined {
  const picked = pickWorkspaces({ ...selection, includeRoot: false }, frame, undefined);
  if (picked === undefined || picked.workspaces.length > Math.max(0, frame.budget.left)) return undefined;
  return mergeOutcomes(
    picked.workspaces.map((ws) => recognize(workspaceFrame(frame, ws))),
    picked.unsure,
  );
}

/**
 * The workspaces a selection reaches from `frame` (which must stand where the workspace list was
 * read), narrowed by `filter`; `unsure` when they are some of those tp-doctor cannot tell (a
 * selection it cannot read, `--since`, pnpm's list guessed from `workspaces`). Undefined when the
 * workspaces cannot be read.
 */
function pickWorkspaces(selection: WorkspaceSelection, frame: Frame, filter: ForeachSelection | undefined): { workspaces: WorkspaceScripts[]; unsure: boolean } | undefined {
  if (frame.away === true || frame.inPackage !== undefined || (frame.moved ?? '') !== '') return undefined;
  const listed = workspacesOf(frame, selection.source);
  if (listed === undefined) return undefined;
  const { all } = listed;
  const read = filter ? foreachPick(all, filter) : selection.source === 'pnpm-workspace.yaml' ? filterProjects(all, selection.names) : selectWorkspaces(all, selection.names);
  // A selection tp-doctor cannot read (`--filter "[HEAD^]"`, `-w "$PKG"`) runs in some of them: each one's script is read, what it finds a guess.
  const unread = read === undefined && unreadSelection(filter ? [...filter.include, ...filter.exclude] : selection.names, filter ? 'foreach' : selection.source);
  const some = unread || filter?.since === true;
  const picked = read ?? (some ? [...all] : undefined);
  return picked === undefined ? undefined : { workspaces: picked, unsure: some || listed.unsure };
}

/** Outcomes as one (the commands of a text, the packages a run reaches); what they find a guess when `unsure`. */
export function mergeOutcomes(outcomes: Outcome[], unsure = false): Outcome {
  const found = outcomes.flatMap((o) => o.found);
  return {
    found: unsure ? found.map((f) => ({ ...f, confidence: 'heuristic' as const })) : found,
    rejected: outcomes.some((o) => o.rejected),
    unknown: outcomes.some((o) => o.unknown),
    unread: outcomes.flatMap((o) => o.unread),
  };
}

/**
 * The packages of the list `source` names. pnpm without `pnpm-workspace.yaml` `packages:` runs a
 * recursive command in every package.json below the directory (@pnpm/fs.find-packages: patterns
 * `['.', '**']`): the root package.json's `workspaces` are some of them, and what is found there a
 * guess (`unsure`).
 */
function workspacesOf(frame: Frame, source: WorkspaceRunFlags['source']): { all: readonly WorkspaceScripts[]; unsure: boolean } | undefined {
  const own = frame.workspaceScripts?.(source);
  if (own !== undefined && own.length > 0) return { all: own, unsure: false };
  const npm = source === 'pnpm-workspace.yaml' ? frame.workspaceScripts?.('package.json') : undefined;
  return npm !== undefined && npm.length > 0 ? { all: npm, unsure: true } : undefined;
}

/**
 * The workspaces `names` select, the way npm matches `--workspace` values: every one without a
 * name; else, for each name, the workspace of that package name, of that directory, or every
 * workspace directly inside that directory. Undefined when a name matches none (a package
 * tp-doctor did not find) or cannot be read (a variable, a glob, the root).
 */
export function selectWorkspaces(all: readonly WorkspaceScripts[], names: readonly string[]): WorkspaceScripts[] | undefined {
  if (names.length === 0) return [...all];
  const picked = new Set<WorkspaceScripts>();
  for (const name of names) {
    if (/[$`~*?[\]{}!]/.test(name)) return undefined;
    const dir = cleanRepoPath(name);
    const hits = all.filter((ws) => ws.name === name || (dir !== undefined && dir !== '' && (ws.dir === dir || parentOf(ws.dir) === dir)));
    if (hits.length === 0) return undefined;
    for (const hit of hits) picked.add(hit);
  }
  return all.filter((ws) => picked.has(ws));
}

/**
 * The workspaces `yarn workspaces foreach` selects (`ForeachFlags`): all, narrowed by `--include`
 * and `--exclude` patterns matched against a workspace's name or directory, and without the
 * private ones with `--no-private`. Undefined for a pattern tp-doctor does not read (braces,
 * classes, `!`, extglobs `@(a|b)`, a variable; `**` on names only). With `namesOnly` (`lerna run
 * --scope`) a pattern matches package names only, a star within one `/`-separated part.
 */
export function foreachPick(all: readonly WorkspaceScripts[], selection: ForeachSelection): WorkspaceScripts[] | undefined {
  const patterns = [...selection.include, ...selection.exclude];
  if (patterns.some((p) => /[[\]{}!?\\()|$`]/.test(p) || (selection.namesOnly === true && p.includes('**')))) return undefined;
  const matches = (ws: WorkspaceScripts, pattern: string): boolean => {
    if (selection.namesOnly === true) return ws.name !== undefined && partsMatch(pattern, ws.name);
    let clean = pattern.startsWith('./') ? pattern.slice(2) : pattern;
    while (clean.endsWith('/')) clean = clean.slice(0, -1);
    return (ws.name !== undefined && wildcardMatch(pattern, ws.name)) || wildcardMatch(clean.replace(/\*\*/g, '*'), ws.dir);
  };
  return all.filter(
    (ws) =>
      (selection.include.length === 0 || selection.include.some((p) => matches(ws, p))) &&
      !selection.exclude.some((p) => matches(ws, p)) &&
      !(selection.noPrivate && ws.private === true),
  );
}

/**
 * The projects pnpm's `--filter` values select (every one without a filter; else the union): a
 * package name, or one of a single scope when the name is written without it (`--filter core` for
 * `@babel/core`); a name pattern with `*` (`@scope/*`); a directory (`./packages/a`) or the
 * projects directly in one (`./packages/*`). Undefined when a value selects none or cannot be read
 * (graph selectors `foo...` and `^`, `[since]`, `!` exclusions, braces, variables).
 */
export function filterProjects(all: readonly WorkspaceScripts[], filters: readonly string[]): WorkspaceScripts[] | undefined {
  if (filters.length === 0) return [...all];
  const picked = new Set<WorkspaceScripts>();
  for (const filter of filters) {
    const hits = filterHits(all, filter);
    if (hits === undefined || hits.length === 0) return undefined;
    for (const hit of hits) picked.add(hit);
  }
  return all.filter((ws) => picked.has(ws));
}

function filterHits(all: readonly WorkspaceScripts[], filter: string): WorkspaceScripts[] | undefined {
  if (filter === '' || /[$`~!^[\]{}?,\\]|\.\.\./.test(filter)) return undefined;
  if (filter.startsWith('.')) {
    const dir = cleanRepoPath(filter);
    if (dir === undefined || dir === '') return undefined;
    const parent = dir.endsWith('/*') ? dir.slice(0, -2) : undefined;
    if (parent !== undefined && !parent.includes('*')) return all.filter((ws) => parentOf(ws.dir) === parent);
    return dir.includes('*') ? undefined : all.filter((ws) => ws.dir === dir);
  }
  if (filter.includes('*')) return all.filter((ws) => ws.name !== undefined && wildcardMatch(filter, ws.name));
  const exact = all.filter((ws) => ws.name === filter);
  if (exact.length > 0 || filter.startsWith('@')) return exact;
  const scoped = all.filter((ws) => ws.name?.startsWith('@') === true && ws.name.endsWith(`/${filter}`));
  return scoped.length === 1 ? scoped : undefined;
}

/**
 * Whether `name` matches `pattern`, where `*` stands for any run of characters (slashes too, as in
 * pnpm's name filters). The pieces between stars are found in order, each at its first place: no
 * backtracking, so both sides coming from the repository cannot make it slow (a regular expression
 * with one `.*` per star took seconds for 10 stars; review of 2026-12-04).
 */
export function wildcardMatch(pattern: string, name: string): boolean {
  const pieces = pattern.split('*');
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (pieces.length === 1) return pattern === name;
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = name.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/** `wildcardMatch` part by part between `/`: a star does not cross a slash (multimatch's `*`, lerna's `--scope`). */
function partsMatch(pattern: string, name: string): boolean {
  const want = pattern.split('/');
  const got = name.split('/');
  return want.length === got.length && want.every((p, i) => wildcardMatch(p, got[i]!));
}

function parentOf(dir: string): string {
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

/** The frame a workspace's script is read in: its scripts, its tool configuration, its directory. */
export function workspaceFrame(frame: Frame, ws: WorkspaceScripts): Frame {
  const child: Frame = {
    ...frame,
    scripts: ws.scripts,
    configSkipsNpm: ws.configSkipsNpm,
    inPackage: { selector: `./${ws.dir}`, depth: frame.via.length },
    dir: frame.dir === undefined ? undefined : ws.dir,
    moved: undefined,
    away: true,
  };
  return child;
}

/**
 * True when a selection names workspaces by what tp-doctor does not read (`runInWorkspaces`): a
 * variable or substitution; for pnpm's `--filter` also graph and change selectors (`...`, `^`,
 * `[since]`), exclusions, braces and `**`; for `yarn workspaces foreach` patterns with braces or
 * classes. A name that matches no workspace is not (the run fails), nor an npm `-w "packages/*"`
 * (npm does not expand it: no workspace matches).
 */
function unreadSelection(names: readonly string[], source: WorkspaceRunFlags['source'] | 'foreach'): boolean {
  const unread = source === 'package.json' ? /[$`]/ : source === 'foreach' ? /[$`[\]{}!?()|]|\*\*/ : /[$`*?[\]{}!^]|\.\.\./;
  return names.some((n) => unread.test(n));
}
