/**
 * An Nx task run (`nx run app:publish`, `nx app:publish`, `nx publish app`, `nx run-many -t
 * publish [--all | -p a b] [--exclude c]`, `nx affected -t publish`): Nx runs the target in each
 * project it selects, and this follows it there (the facts are in `../data/nx.ts`, the projects
 * and their targets in `./nx-projects.ts`, given by `RecognizeContext.workspaceScripts('nx')` for
 * a command run at the workspace root):
 * - `nx:run-commands`: each command, read one hop down in `options.cwd` (the workspace root
 *   without it), its package's scripts and directory those of that directory
 *   (`PublishMatch.inPackage` names it); a directory without a committed package.json that a
 *   build target of the project writes with a copy of one (`./nx-outputs.ts`) reads that one's
 *   scripts and publishes its package, a guess (`PublishMatch.builtFrom`);
 * - `nx:run-script`, or no target of that name but a `package.json` script of it: the script, read
 *   the way a workspace run reads scripts (`./workspace-runs.ts`), in the project's directory;
 * - a publishing executor (`@nx/js:release-publish`, also an `nx-release-publish` target written
 *   without an executor): a publish of the project, as `nx release publish` is (`./nx-publish.ts`
 *   says what it runs);
 * - any other executor: not read; on a target named like a publish, a command tp-doctor cannot
 *   read (a possible publish).
 * Which projects `nx affected` picks, or a `-p`/`--exclude` value tp-doctor cannot match (`tag:x`,
 * `!x`), is not known: what every project with the target would publish is then a guess. When
 * the projects cannot be read (not at the workspace root, the search cut short, a named project
 * not found), a target named like a publish is a guessed publish; any other stays what it was
 * before, an Nx command that publishes nothing.
 */
import { NX_COMMANDS, NX_EXCLUDE_FLAGS, NX_NOOP, NX_PROJECT_FLAGS, NX_PUBLISH_EXECUTORS, NX_RELEASE_PUBLISH_TARGET, NX_RUN_SCRIPT, NX_TARGET_FLAGS } from '../data/nx.js';
import { DEFAULT_FLAG_NAMES } from '../data/publish-tools.js';
import { cleanRepoPath } from '../../fs/paths.js';
import { forwardsDryRun } from './command-words.js';
import { namedLikePublish, namesOtherDestination } from './possible-publish.js';
import { builtPackageDir, fromBuiltPackage } from './nx-outputs.js';
import { wildcardMatch, workspaceFrame } from './workspace-runs.js';
import { matchScriptRun, type ScriptRun } from './script-runs.js';
import { readFlags } from './publish-flags.js';
import { shellQuote } from './shell.js';
import { chargeFound, recognizeConfigCommand, type Found, type Frame, type Outcome, type Recognize, type ViaScript, type WorkspaceScripts } from './publish-match.js';

type Resolve = (run: ScriptRun, scripts: Record<string, string>, frame: Frame) => Outcome;

/** The projects a run selects: every one, those named, or an unknown part of them. */
type Selection = { kind: 'all'; exclude: string[] } | { kind: 'named'; names: string[] } | { kind: 'some'; exclude: string[] } | { kind: 'cwd' };

export interface NxRun {
  /** The command up to its targets, for labels (`nx run-many -t publish`). */
  label: string;
  targets: string[];
  projects: Selection;
  /** What Nx passes on to the target (appended to a `run-commands` command, forwarded to a script). */
  forwarded: string[];
  /** The configuration is a value tp-doctor cannot read (`nx run app:version${{ inputs.beta && ':beta' || '' }}`): what runs is a guess. */
  unsure?: true;
}

const NOTHING: Outcome = { found: [], rejected: false, unknown: false, unread: [] };

/** The run an `nx` command asks for; undefined for any other Nx command (`nx release`, `nx graph`). */
export function parseNxRun(words: readonly string[]): NxRun | undefined {
  const sub = words[1];
  if (sub === undefined || sub.startsWith('-')) return undefined;
  if (sub === 'run-many' || sub === 'affected') return manyRun(words, sub);
  const single = sub === 'run' ? 2 : NX_COMMANDS.has(sub) ? -1 : 1;
  if (single < 0) return undefined;
  const first = words[single];
  if (first === undefined || first.startsWith('-')) return undefined;
  const rest = words.slice(single + 1);
  // `app:version${{ … }}`, `app:version:$CONF`: a literal project and target, then a configuration not known.
  const valueAt = first.search(/[$`]/);
  const written = valueAt < 0 ? first : first.slice(0, valueAt);
  const [project, target, ...more] = written.split(':');
  const unsure = valueAt >= 0 && more.every((m) => m === '') ? { unsure: true as const } : valueAt >= 0 ? undefined : {};
  if (unsure !== undefined && target !== undefined && project !== undefined && project !== '' && target !== '') {
    return { label: `nx ${words.slice(1, single + 1).join(' ')}`, targets: [target], projects: { kind: 'named', names: [project] }, forwarded: rest, ...unsure };
  }
  if (sub === 'run' || first.includes(':')) return undefined;
  // `nx publish app`: the target, then the project; without one, the project of the current directory.
  const named = rest[0] !== undefined && !rest[0].startsWith('-') ? rest[0] : undefined;
  const projects: Selection = named === undefined ? { kind: 'cwd' } : { kind: 'named', names: [named] };
  return { label: `nx ${first}${named === undefined ? '' : ` ${named}`}`, targets: [first], projects, forwarded: named === undefined ? rest : rest.slice(1) };
}

function manyRun(words: readonly string[], sub: string): NxRun | undefined {
  const dashes = words.indexOf('--');
  const own = dashes < 0 ? words.slice(2) : words.slice(2, dashes);
  const targets = listOption(own, NX_TARGET_FLAGS);
  if (targets.length === 0) return undefined;
  const names = listOption(own, NX_PROJECT_FLAGS);
  const exclude = listOption(own, NX_EXCLUDE_FLAGS);
  const projects: Selection = sub === 'affected' ? { kind: 'some', exclude } : names.length > 0 ? { kind: 'named', names } : { kind: 'all', exclude };
  const forwarded = [...own.filter((w) => forwardsDryRun([w])), ...(dashes < 0 ? [] : words.slice(dashes + 1))];
  return { label: `nx ${sub} -t ${targets.join(',')}`, targets, projects, forwarded };
}

/** The values of a list option: `-t a b`, `-t=a,b`, `--targets a,b`, repeated or not. */
function listOption(words: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const eq = word.indexOf('=');
    const name = eq < 0 ? word : word.slice(0, eq);
    if (!flags.includes(name)) continue;
    const values = eq < 0 ? [] : [word.slice(eq + 1)];
    if (eq < 0) while (words[i + 1] !== undefined && !words[i + 1]!.startsWith('-')) values.push(words[++i]!);
    out.push(...values.flatMap((v) => v.split(',')).filter((v) => v !== ''));
  }
  return out;
}


/**
 * What an `nx` command runs, followed into the projects' targets; undefined when it is no task run
 * (the caller keeps reading it as an Nx command that publishes nothing).
 */
export function runNx(words: readonly string[], frame: Frame, resolve: Resolve, recognize: Recognize): Outcome | undefined {
  const run = parseNxRun(words);
  if (!run) return undefined;
  const atRoot = frame.away !== true && frame.inPackage === undefined && (frame.moved ?? '') === '';
  const all = atRoot ? frame.workspaceScripts?.('nx') : undefined;
  // No project found: Nx finds some where tp-doctor did not look (a `project.json` without `nx.json`).
  const picked = all !== undefined && all.length > 0 ? pick(all, run.projects) : undefined;
  const tasks = picked?.projects.flatMap((ws) => run.targets.map((target) => ({ ws, target })));
  if (!picked || !tasks || tasks.length > Math.max(0, frame.budget.left)) return unreadRun(run, frame.via);
  const outcomes = tasks.map(({ ws, target }) => runTarget(ws, target, run, frame, { resolve, recognize }) ?? NOTHING);
  const sure = picked.certain && run.unsure !== true;
  return {
    // A guess of which projects run: which package a build output directory holds no longer counts (`builtFrom`).
    found: outcomes.flatMap((o) => o.found).map((f) => (sure ? f : unsureFound(f))),
    rejected: outcomes.some((o) => o.rejected),
    unknown: outcomes.some((o) => o.unknown),
    unread: outcomes.flatMap((o) => o.unread),
  };
}

function unsureFound({ builtFrom: _built, ...f }: Found): Found {
  return { ...f, confidence: 'heuristic' };
}

/** The projects a selection picks, and whether they are certainly those; undefined when a named one is not found. */
function pick(all: readonly WorkspaceScripts[], selection: Selection): { projects: WorkspaceScripts[]; certain: boolean } | undefined {
  const nx = all.filter((ws) => ws.nx !== undefined);
  if (selection.kind === 'cwd') {
    const here = nx.filter((ws) => ws.dir === '');
    return here.length > 0 ? { projects: here, certain: true } : undefined;
  }
  if (selection.kind === 'named') {
    const readable = selection.names.every((n) => !/^tag:|[!$`{}]/.test(n));
    const hits = nx.filter((ws) => selection.names.some((n) => matches(ws, n)));
    if (!readable) return { projects: nx, certain: false };
    return selection.names.every((n) => hits.some((ws) => matches(ws, n))) ? { projects: hits, certain: true } : undefined;
  }
  const readable = selection.exclude.every((n) => !/^tag:|[!$`{}]/.test(n));
  const kept = readable ? nx.filter((ws) => !selection.exclude.some((n) => matches(ws, n))) : nx;
  return { projects: kept, certain: selection.kind === 'all' && readable };
}

/** A project a `-p`/`--exclude` value names: its name (`*` patterns too) or its directory. */
function matches(ws: WorkspaceScripts, value: string): boolean {
  const name = ws.nx?.name ?? '';
  if (value.includes('*')) return wildcardMatch(value, name) || wildcardMatch(value, ws.dir);
  return name === value || (value.includes('/') && cleanRepoPath(value) === ws.dir);
}

interface Readers {
  resolve: Resolve;
  recognize: Recognize;
}

/** What one project's target runs; undefined when the project has no such target (Nx skips it). */
function runTarget(ws: WorkspaceScripts, name: string, run: NxRun, frame: Frame, readers: Readers): Outcome | undefined {
  const target = ws.nx?.targets[name];
  const label = `nx run ${ws.nx?.name ?? ws.dir}:${name}`;
  const inPackage = { selector: `./${ws.dir}`, depth: frame.via.length };
  if (!target) {
    const included = ws.nx?.includedScripts;
    if (ws.scripts[name] === undefined || (included !== undefined && !included.includes(name))) return undefined;
    return guessIfPublish(name, label, run, frame, readers.resolve(scriptRun(name, run.forwarded), ws.scripts, workspaceFrame(frame, ws)), inPackage);
  }
  // `nx-release-publish` written without an executor (options only) keeps the one Nx Release gives it.
  const executor = target.executor ?? (name === NX_RELEASE_PUBLISH_TARGET ? '@nx/js:release-publish' : '');
  if (NX_NOOP.has(executor)) return NOTHING;
  if (NX_PUBLISH_EXECUTORS.has(executor)) {
    // As `nx release publish` (the `nx-release` recogniser, a guess): its package manager's publish of the project.
    const found: Found = { recognizer: 'nx-release', tool: 'nx', label: `${label} (${executor})`, confidence: 'heuristic', args: run.forwarded, via: [...frame.via], flags: readFlags(run.forwarded, DEFAULT_FLAG_NAMES), inPackage };
    return forwardsDryRun(run.forwarded) ? { ...NOTHING, rejected: true } : { ...NOTHING, found: [found] };
  }
  if (NX_RUN_SCRIPT.has(executor) && target.script !== undefined) {
    return guessIfPublish(name, label, run, frame, readers.resolve(scriptRun(target.script, run.forwarded), ws.scripts, workspaceFrame(frame, ws)), inPackage);
  }
  const via: ViaScript = { script: `${ws.nx?.name ?? ws.dir}:${name}`, command: executor || name, at: target.at };
  // `nx:run-commands`, and the executors read as running commands (nx-projects.ts: ngx-deploy-npm, postTargets).
  if (target.commands.length === 0) {
    // An executor tp-doctor does not read: on a target named like a publish, a command it cannot read.
    return namedLikePublish(name) ? { found: [], rejected: false, unknown: true, unread: [{ words: ['nx', 'run', via.script, via.command], via: [...frame.via, via] }] } : NOTHING;
  }
  return guessIfPublish(name, label, run, frame, runCommands(ws, name, target, run, frame, readers.recognize), inPackage);
}

function runCommands(ws: WorkspaceScripts, name: string, target: NonNullable<WorkspaceScripts['nx']>['targets'][string], run: NxRun, frame: Frame, recognize: Recognize): Outcome {
  const written = (target.cwd ?? '').replace(/\{workspaceRoot\}\/?/g, '').replace(/\{projectRoot\}/g, ws.dir);
  const cwd = cleanRepoPath(written === '' ? '.' : written);
  const own = cwd === undefined || cwd === '' ? undefined : frame.packageScripts?.(`./${cwd}`);
  // No committed package.json there: a build's output directory whose package.json copies one of the project's (./nx-outputs.ts).
  const built = cwd !== undefined && cwd !== '' && own === undefined ? builtPackageDir(ws, cwd) : undefined;
  const builtScripts = built === undefined ? undefined : frame.packageScripts?.(`./${built}`);
  const selector = builtScripts === undefined ? cwd : built;
  const where: Partial<Frame> =
    cwd === undefined || cwd === ''
      ? { dir: cwd, away: cwd === undefined }
      : { scripts: builtScripts ?? own, configSkipsNpm: undefined, inPackage: { selector: `./${selector}`, depth: frame.via.length }, dir: cwd, moved: undefined, away: true };
  const outcomes = target.commands.map((command, i) => {
    const text = run.forwarded.length > 0 && !command.includes('{args.') ? `${command} ${run.forwarded.map(shellQuote).join(' ')}` : command;
    const key = `nx\0${ws.dir}\0${name}\0${i}`;
    return recognizeConfigCommand(frame, key, { file: target.at.file, command: text, at: target.at }, recognize, where) ?? { ...NOTHING, unknown: true };
  });
  const outcome: Outcome = {
    found: outcomes.flatMap((o) => o.found),
    rejected: outcomes.some((o) => o.rejected),
    unknown: outcomes.some((o) => o.unknown),
    unread: outcomes.flatMap((o) => o.unread),
  };
  return built !== undefined && builtScripts !== undefined ? fromBuiltPackage(outcome, built) : outcome;
}

/**
 * A target named like a publish whose commands run something tp-doctor cannot read is a guessed
 * publish, as a script named like one is; any other target's unread commands stay unread.
 */
function guessIfPublish(name: string, label: string, run: NxRun, frame: Frame, outcome: Outcome, inPackage: Found['inPackage']): Outcome {
  if (outcome.found.length > 0 || outcome.rejected) return { ...outcome, unknown: false, unread: [] };
  if (!outcome.unknown || !namedLikePublish(name) || frame.via.some((v) => namesOtherDestination(v.script))) return { ...NOTHING, unread: outcome.unread };
  const found: Found = { recognizer: 'nx-run', tool: 'nx', label: `${label} (runs an unrecognised command)`, confidence: 'heuristic', args: run.forwarded, via: [...frame.via], flags: readFlags(run.forwarded, DEFAULT_FLAG_NAMES), runsUnread: true };
  if (inPackage !== undefined) found.inPackage = inPackage;
  return chargeFound(frame, 1, frame.budget.counted) ? { ...NOTHING, found: [found] } : { ...NOTHING, unknown: true, unread: outcome.unread };
}

/**
 * The run when its projects cannot be read: a guessed publish for each target named like one
 * (not with `--dry-run`), else nothing, as before Nx runs were followed.
 */
function unreadRun(run: NxRun, via: ViaScript[]): Outcome {
  if (forwardsDryRun(run.forwarded) || !run.targets.some(namedLikePublish)) return NOTHING;
  const flags = readFlags(run.forwarded, DEFAULT_FLAG_NAMES);
  const found: Found = { recognizer: 'nx-run', tool: 'nx', label: `${run.label} (projects not read)`, confidence: 'heuristic', args: run.forwarded, via: [...via], flags, runsUnread: true };
  return { ...NOTHING, found: [found] };
}

/** `npm run <name>` with the arguments Nx (or Turborepo) forwards, as it runs a project's script. */
export function scriptRun(name: string, forwarded: readonly string[]): ScriptRun {
  const run = matchScriptRun(['npm', 'run', name, ...(forwarded.length > 0 ? ['--', ...forwarded] : [])], 'npm');
  if (!run) throw new Error('npm run is a script run');
  return run;
}
