/**
 * npm's registry commands other than a publish (`npm dist-tag`, `npm deprecate`, `access`, `owner`)
 * that a CI command runs through a `package.json` script (`npm run promote`) or a committed shell
 * script (`./scripts/promote.sh`): found by the publish walk (./publish-commands.ts) with
 * `REGISTRY_COMMAND_RECOGNIZERS` in place of the publish recognisers, so they are followed exactly
 * as a publish is (runners, scripts, script files, their functions and `cd`s, the walk's bounds).
 * The commands written in the CI text itself are left to `findDistTags` / `findRegistryCommands`.
 */
import { REGISTRY_COMMAND_RECOGNIZERS } from '../data/publish-tools.js';
import { findDistTags, findRegistryCommands, type DistTagCommand, type RegistryCommand } from './npm-commands.js';
import { analyzeScript, type PublishMatch, type RecognizeContext } from './publish-commands.js';
import type { ViaScript } from './publish-types.js';

/** A registry command written in a script the CI command runs. */
export interface ReachedCommand {
  /** The CI command that leads to it (offsets in the CI text), with `via` the scripts on its way. */
  match: PublishMatch;
  /** The script it is written in: a `package.json` script (`file` unset) or a committed shell script's repository path. */
  via: ViaScript;
  /** `npm dist-tag add|rm|set`, with offsets in `via.command`. */
  distTag?: DistTagCommand;
  /** `npm deprecate`, `npm access …`, `npm owner …`, with offsets in `via.command`. */
  registry?: RegistryCommand;
}

/**
 * The registry commands the commands of `text` run through scripts, each once (by script and
 * offset). A JavaScript file, a makefile recipe or a tool's configuration on the way is not read
 * here (where in it the command stands is not kept).
 */
export function reachedRegistryCommands(text: string, ctx: RecognizeContext): ReachedCommand[] {
  const out: ReachedCommand[] = [];
  const seen = new Set<string>();
  for (const match of analyzeScript(text, { ...ctx, recognizers: REGISTRY_COMMAND_RECOGNIZERS }, { unread: false }).matches) {
    const via = match.via.at(-1);
    if (match.recognizer !== REGISTRY_COMMAND_RECOGNIZERS[0]!.id || via === undefined || via.jsFile || via.recipe || via.at !== undefined || via.lifecycle) continue;
    // In a shell script, the command the walk reached; in a `package.json` script, every one of its commands.
    const within = via.file && via.publishAt ? via.publishAt : { offset: 0, end: via.command.length };
    const key = (offset: number): string => `${via.file ? 'f' : 's'}\0${via.script}\0${match.inPackage?.selector ?? ''}\0${offset}`;
    const inside = (c: { offset: number; end: number }): boolean => c.offset >= within.offset && c.end <= within.end && !seen.has(key(c.offset));
    for (const distTag of findDistTags(via.command).filter(inside)) {
      seen.add(key(distTag.offset));
      out.push({ match, via, distTag });
    }
    for (const registry of findRegistryCommands(via.command).filter(inside)) {
      seen.add(key(registry.offset));
      out.push({ match, via, registry });
    }
  }
  return out;
}
