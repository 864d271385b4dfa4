/**
 * A script name that holds a value the run is dispatched with (lingui/js-lingui: `yarn
 * release:${{ github.event.inputs.versionType }}`, a `workflow_dispatch` choice input with the
 * options `latest` and `next`, both scripts running `lerna publish`): each name it can take
 * (`RecognizeContext.scriptNames`, given by the CI provider: at most `MAX_SCRIPT_NAMES`) is read
 * as the script the command runs in the runs dispatched with it. What each finds is a publish of the
 * job; one that only some names find (or finds differently) runs only in the runs dispatched with
 * those, so it is a guess (`heuristic`), the way a package only some options publish is at most a
 * warning (`PublishTargets.chosen`). One that every name finds alike keeps its confidence, once.
 * A name that holds anything else (a free-form input, a secret) stays a script tp-doctor cannot find.
 */
import type { ScriptRun } from './script-runs.js';
import type { Found, Frame, Outcome } from './publish-match.js';

/** The names of a script name read at most; more leave it a script tp-doctor cannot find. */
export const MAX_SCRIPT_NAMES = 16;

type Read = (run: ScriptRun, scripts: Record<string, string>, frame: Frame) => Outcome;
type Missing = (run: ScriptRun, via: Frame['via']) => Outcome;

/**
 * What the run finds under each name its script name can take (`read`, or `missing` for a name no
 * script has); undefined when it is not such a name.
 */
export function runChosenScripts(run: ScriptRun, scripts: Record<string, string> | undefined, frame: Frame, read: Read, missing: Missing): Outcome | undefined {
  // Only a name written in the CI file: a package.json script's `${{ }}` is no expression.
  if (scripts === undefined || frame.via.length > 0 || !run.name.includes('${{')) return undefined;
  const names = frame.scriptNames?.(run.name);
  if (names === undefined || names.length === 0 || names.length > MAX_SCRIPT_NAMES) return undefined;
  const outcomes = names.map((name) => {
    const named: ScriptRun = { ...run, name, label: run.label.replace(run.name, name) };
    return scripts[name] === undefined ? missing(named, frame.via) : read(named, scripts, frame);
  });
  const keys = outcomes.map((o) => new Set(o.found.map(keyOf)));
  const kept = new Set<string>();
  const found: Found[] = [];
  for (const f of outcomes.flatMap((o) => o.found)) {
    const key = keyOf(f);
    if (!keys.every((k) => k.has(key))) found.push({ ...f, confidence: 'heuristic' });
    else if (!kept.has(key)) {
      kept.add(key);
      found.push(f);
    }
  }
  return {
    found,
    rejected: outcomes.some((o) => o.rejected),
    unknown: outcomes.some((o) => o.unknown),
    unread: outcomes.flatMap((o) => o.unread),
  };
}

/** What makes two publishes found under different names the same publish: the tool, its words and its directory. */
function keyOf(f: Found): string {
  return JSON.stringify([f.recognizer, f.label, f.args, f.flags, f.inPackage ?? null, f.confidence]);
}
