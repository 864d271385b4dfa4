/**
 * Where npm-supports-oidc reads the registry commands of a GitHub job (`npm dist-tag`, `npm
 * deprecate`, …): each step's `run:`, the `run:` steps of a local composite action a step uses
 * and of the local actions it uses in turn (github/step-views.ts `nestedActionViews`, as deep as the
 * publish detection follows them), and the `package.json` scripts and committed shell scripts
 * either runs (npm/reached-commands.ts, the publish walk with the registry commands' recognisers).
 * A command is reported where it is written, with the workflow step as related location.
 */
import type { ProjectFacts } from '../../src/model/facts.js';
import { nestedActionViews } from '../../src/model/github/step-views.js';
import { runsBash, stepDirectory } from '../../src/model/github/steps.js';
import type { Job, Step } from '../../src/model/github/types.js';
import { packageScriptLocator } from '../../src/model/npm/package-json.js';
import { commandNestedAt } from '../../src/model/npm/npm-commands.js';
import { findDistTags, findRegistryCommands, type DistTagCommand, type RecognizeContext, type RegistryCommand, type ViaScript } from '../../src/model/npm/publish-commands.js';
import { reachedRegistryCommands } from '../../src/model/npm/reached-commands.js';
import { locateInScript } from '../../src/model/npm/shell-files.js';
import type { YNode } from '../../src/yaml/parse.js';
import type { Location } from '../../src/yaml/span.js';

/** A text that holds registry commands, and how to place them (GitHub, GitLab and CircleCI alike). */
export interface TextPlace {
  /** The text the commands' offsets are in. */
  text: string;
  distTags: DistTagCommand[];
  registry: RegistryCommand[];
  /** Where a command of `text` is written. */
  locate(offset: number, end: number): Location;
  /** Where npm runs it, for the npm at the command (github/npm-upgrades.ts `npmAtPublish`): the CI command's span in `step.run`, the scripts on its way, the composite action. */
  npm: { offset?: number; end?: number; via: ViaScript[]; viaAction?: string; location?: Location };
  /** The workflow step (or the step's CI command) that leads to a command written elsewhere. */
  related: { at: Location | YNode; label: string }[];
  /** The CI text after the command that runs the script (`npm run promote || true`). */
  after?: string;
  /** Inside a local composite action: the action's step that holds the text, and those that use the (nested) actions it is in; their `continue-on-error` lets the command fail. */
  actionSteps?: YNode[];
}

/** A text of a GitHub job that holds registry commands. */
export interface CommandPlace extends TextPlace {
  /** The workflow step that runs it. */
  step: Step;
}

/**
 * The last job's places: its two readers (./dist-tags.ts, ./registry-commands.ts) ask for one job
 * right after the other. One entry only: a cache per job (a WeakMap) kept every job's places, with
 * the closures and contexts they hold, alive as long as the job, 20 MiB more at the peak of the
 * 846 bench workflows.
 */
let last: { job: Job; places: CommandPlace[] } | undefined;

/**
 * The registry-command places of a GitHub job, in step order (read once per job). The scripts a
 * command runs are followed only in a job that can use trusted publishing (`id-token: write`): the
 * only one whose findings need them, and the walk costs as much as the publish detection's.
 */
export function githubPlaces(job: Job, facts: ProjectFacts): CommandPlace[] {
  if (last?.job !== job) last = { job, places: placesOf(job, facts, job.idToken.access === 'write') };
  return last.places;
}

function placesOf(job: Job, facts: ProjectFacts, reach: boolean): CommandPlace[] {
  const out: CommandPlace[] = [];
  for (const step of job.steps) {
    if (step.run) {
      const node = step.run.node;
      const locate = (offset: number, end: number): Location => ({ file: node.file, ...node.valueSpan(offset, end) });
      const text = step.run.text;
      out.push({ step, text, distTags: findDistTags(text), registry: findRegistryCommands(text), locate, npm: { via: [] }, related: [] });
      const dir = stepDirectory(step);
      if (reach) out.push(...reachedPlaces(text, locate, { ...contextAt(facts, dir, false), bash: runsBash(step) }, facts).map((p) => ({ step, ...p })));
    }
    const uses = step.uses?.name;
    if (uses === undefined) continue;
    for (const view of nestedActionViews((dir) => facts.action(dir), step)) {
      if (!view.run?.exact) continue;
      const node = view.run.node;
      const locate = (offset: number, end: number): Location => ({ file: node.file, ...node.valueSpan(offset, end) });
      const text = view.run.text;
      // A nested action: also the action steps that lead to it, in the outer actions' files.
      const related = [{ at: step.node, label: `the step that uses ${uses}` }, ...(view.via ?? []).map((v) => ({ at: v.actionStep!, label: `the action step that uses ${v.uses ?? ''}` }))];
      const actionSteps = [...(view.via ?? []), view].flatMap((v) => (v.actionStep ? [v.actionStep] : []));
      out.push({ step, text, distTags: findDistTags(text), registry: findRegistryCommands(text), locate, npm: { via: [], viaAction: uses }, related, actionSteps });
      if (reach) out.push(...reachedPlaces(text, locate, contextAt(facts, view.actionDir, true), facts, uses).map((p) => ({ step, ...p, related: [...related.slice(1), ...p.related], actionSteps })));
    }
  }
  return out;
}

/**
 * Where the commands of a CI text run scripts from: the package.json scripts of its directory (a
 * composite action's step falls back to the root's, as the publish detection does), its script files.
 */
export function contextAt(facts: ProjectFacts, dir: string | undefined, rootFallback: boolean): RecognizeContext {
  const own = dir === undefined ? undefined : facts.packageAt(dir)?.scripts;
  const scripts = own ?? (rootFallback ? facts.packageAt('')?.scripts : undefined);
  return { scripts, dir, shellFile: (file) => facts.shellScript(file), prePost: facts.prePost(), npmrcIgnoresScripts: (d) => facts.npmrcIgnoresScripts(d), privatePackage: (d) => facts.packageAt(d)?.private === true };
}

/**
 * One place per registry command a CI text runs through a script, placed in the script, with the
 * CI command as related location (GitHub steps here; GitLab script lines and CircleCI `run`
 * commands in ./ci-registry-commands.ts).
 */
export function reachedPlaces(text: string, locateCi: (offset: number, end: number) => Location, ctx: RecognizeContext, facts: ProjectFacts, viaAction?: string): TextPlace[] {
  return reachedRegistryCommands(text, ctx).map(({ match, via, distTag, registry: found }) => {
    // The CI command that runs the script may itself stand in a branch (`if …; then npm run promote; fi`).
    const registry = found && !found.nested && commandNestedAt(text, match.offset) ? { ...found, nested: true as const } : found;
    const cmd = (distTag ?? registry)!;
    const ciCommand = locateCi(match.offset, match.end);
    const locate = via.file ? (o: number, e: number): Location => locateInScript(via.script, via.command, o, e) : packageScriptLocator((d) => facts.packageAt(d), ctx.dir, via.script);
    // A shell script's upgrades before the command count for its npm (npm/script-upgrades.ts reads `publishAt`).
    const scriptVia: ViaScript[] = via.file ? [{ ...via, publishAt: { offset: cmd.offset, end: cmd.end } }] : [];
    const npm = viaAction === undefined ? { offset: match.offset, end: match.end, via: scriptVia } : { via: [], viaAction, location: ciCommand };
    const runs = via.file ? `\`${via.script}\`` : `the package.json script "${via.script}"`;
    return { text: via.command, distTags: distTag ? [distTag] : [], registry: registry ? [registry] : [], locate, npm, related: [{ at: ciCommand, label: `the command that runs ${runs}` }], after: text.slice(match.end) };
  });
}
