/**
 * A local JavaScript or Docker action a step uses (`uses: ./.github/actions/x` whose `action.yml`
 * says `runs.using: node20`, `node24`, `docker`): what it runs is a program, not steps tp-doctor can
 * read like a composite action's. It is read like a remote action tp-doctor does not know
 * (./unknown-actions.ts): its path, `name` and `description` (and the inputs the step passes)
 * decide, with the job's npm signals, whether it is a possible publish. A JavaScript action's
 * `main` file is a committed file: it is read as text like a `node <file>` command's
 * (npm/node-scripts.ts), never run, so a literal `execSync('npm publish')` there is a publish
 * (a guess, `likely`); it runs in the workspace root, as every action does.
 */
import { analyzeScript } from '../npm/publish-commands.js';
import { inDir, repoPath } from '../../fs/paths.js';
import { shellQuote } from '../npm/shell-words.js';
import { localActionDir } from './composite-action.js';
import { certaintyOf, commandsOf, locationOf, recognizeIn, type DetectContext } from './detect-context.js';
import { localProgramUnread } from './unknown-actions.js';
import type { PublishCommand } from '../npm/publish-site.js';
import type { Location } from '../../yaml/span.js';
import type { UnreadCommand } from '../npm/publish-commands.js';
import type { Step } from './types.js';

/** `runs.using` of an action that runs a program: JavaScript (`node12` … `node24`) or Docker. */
const PROGRAM_USING = /^(?:node\d+|docker)$/;

export interface ProgramFound {
  publishes: PublishCommand[];
  unread: { unread: UnreadCommand; location: Location; viaAction: string; needsSignal?: true }[];
}

/**
 * What the local JavaScript or Docker action of `step` publishes (see the file comment), or
 * undefined when the step uses no such action (a composite one, an unreadable one).
 */
export function programActionFindings(ctx: DetectContext, step: Step): ProgramFound | undefined {
  const uses = step.uses;
  const dir = uses === undefined ? undefined : localActionDir(step.job, uses.name);
  const root = dir === undefined ? undefined : ctx.readAction(dir)?.root;
  const using = root?.at('runs', 'using')?.text?.trim();
  if (uses === undefined || dir === undefined || root === undefined || using === undefined || !PROGRAM_USING.test(using)) return undefined;
  const location = locationOf(uses.node);
  const main = using === 'docker' ? undefined : root.at('runs', 'main')?.text?.trim();
  const file = main === undefined || main === '' ? undefined : repoPath(inDir(dir, main));
  if (file?.ok) {
    const matches = analyzeScript(`node ${shellQuote(file.path)}`, recognizeIn(ctx, step.job, ''), { unread: false }).matches;
    if (matches.length > 0) return { publishes: matches.map((m) => commandsOf(m, location, certaintyOf(m), uses.name)), unread: [] };
  }
  const words = { name: root.get('name')?.text, description: root.get('description')?.text };
  const unknown = localProgramUnread(step, uses.name, words);
  if (unknown === undefined) return { publishes: [], unread: [] };
  return { publishes: [], unread: [{ unread: unknown.unread, location, viaAction: uses.name, ...(unknown.needsSignal ? { needsSignal: true as const } : {}) }] };
}
