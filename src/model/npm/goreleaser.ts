/**
 * GoReleaser's npm publish (`GORELEASER` in ../data/publish-tools.ts): GoReleaser Pro publishes the
 * packages of its configuration's `npms:` with the npm CLI, packages it makes at run time and that
 * are not in the repository. A recognised `goreleaser` command (`goreleaser-release`) is read here:
 * whether it publishes at all (its command and options), and what its configuration in the
 * directory it runs in says (`-f`/`--config`, else GoReleaser's file names; `includes:` of local
 * files followed). No `npms:` (or no configuration): no npm publish. `npms:` entries: a publish of
 * those names (`PublishMatch.generatedNames`), still a guess, since which edition runs is not known
 * from a command (goreleaser/goreleaser-action says it: `ActionRecognizer.editionInput`). A
 * configuration tp-doctor cannot read (a directory or path it does not know, a `from_url` include,
 * a variable in the command) leaves the command one it cannot read: a possible publish at most.
 */
import { GORELEASER } from '../data/publish-tools.js';
import type { YNode } from '../../yaml/parse.js';
import type { Frame, Outcome } from './publish-match.js';
import { splitOption } from './shell.js';
import { inDir, type ToolConfigFiles } from './tool-config.js';
import { joinDir } from './value-targets.js';

/** How deep `includes:` are followed. */
const MAX_INCLUDE_DEPTH = 4;

/** What a `goreleaser` command's words say: it publishes nothing, it publishes with this configuration (`config`: the file `-f` names), or tp-doctor cannot tell. */
export type GoreleaserRun = { publishes: false } | { publishes: true; config?: string } | { publishes: 'unknown' };

/** The words after `goreleaser` (see `GORELEASER`). */
export function goreleaserRun(args: readonly string[]): GoreleaserRun {
  const valueFlags: readonly string[] = [...GORELEASER.configFlags, ...GORELEASER.valueFlags];
  const positionals: string[] = [];
  const skips: string[] = [];
  let config: string | undefined;
  let off = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (!word.startsWith('-') || word === '-') {
      positionals.push(word);
      continue;
    }
    const { name, inline } = splitOption(word);
    const value = inline ?? (valueFlags.includes(name) ? args[++i] : undefined);
    if ((GORELEASER.configFlags as readonly string[]).includes(name)) config = value;
    if (name === GORELEASER.skipFlag && value !== undefined) skips.push(...value.split(','));
    if ((GORELEASER.noPublish as readonly string[]).includes(name) && (inline === undefined || inline === 'true')) off = true;
  }
  const command = positionals[0];
  if ([command, config, ...skips].some((w) => w !== undefined && /[$`]/.test(w))) return { publishes: 'unknown' };
  if (command !== undefined && !(GORELEASER.publishing as readonly string[]).includes(command)) return { publishes: false };
  if (off || skips.map((s) => s.trim()).includes(GORELEASER.skipPublish)) return { publishes: false };
  return config === undefined ? { publishes: true } : { publishes: true, config };
}

/** The `npms:` a configuration publishes: how many entries, and the names written literally (a templated one is left out). */
export interface GoreleaserNpms {
  entries: number;
  names: string[];
}

/** The `npms:` of the configuration a command reads in `dir` (with its local `includes:`): none without a configuration; undefined when it cannot be read. */
export function goreleaserNpms(files: ToolConfigFiles, dir: string, config: string | undefined): GoreleaserNpms | undefined {
  const file = config === undefined ? GORELEASER.configFiles.map((f) => inDir(dir, f)).find((f) => files.exists(f)) : joinDir(dir, config);
  if (file === undefined) return config === undefined ? { entries: 0, names: [] } : undefined;
  return npmsOf(files, dir, file, 0, new Set());
}

function npmsOf(files: ToolConfigFiles, dir: string, file: string, depth: number, seen: Set<string>): GoreleaserNpms | undefined {
  if (depth > MAX_INCLUDE_DEPTH || seen.has(file) || !files.exists(file)) return undefined;
  seen.add(file);
  const root = files.yaml(file);
  if (!root?.isMap) return undefined;
  const own = root.get('npms');
  if (own !== undefined) return entriesOf(own);
  // Pro's `includes:`, merged in order (paths from the directory it runs in): the last one with `npms:` gives them.
  let found: GoreleaserNpms = { entries: 0, names: [] };
  for (const include of root.get('includes')?.items() ?? []) {
    if (include.get('from_url') !== undefined) return undefined;
    const path = include.at('from_file', 'path')?.text;
    const target = path === undefined ? undefined : joinDir(dir, path);
    const npms = target === undefined ? undefined : npmsOf(files, dir, target, depth + 1, seen);
    if (npms === undefined) return undefined;
    if (npms.entries > 0) found = npms;
  }
  return found;
}

/** The entries of `npms:` whose `disable` is not `true`. */
function entriesOf(npms: YNode): GoreleaserNpms | undefined {
  if (npms.isNull) return { entries: 0, names: [] };
  if (!npms.isSeq) return undefined;
  const out: GoreleaserNpms = { entries: 0, names: [] };
  for (const entry of npms.items()) {
    if (entry.get('disable')?.text?.trim() === 'true') continue;
    out.entries++;
    const name = entry.get('name')?.text?.trim();
    if (name !== undefined && name !== '' && !name.includes('{{')) out.names.push(name);
  }
  return out;
}

/**
 * A recognised `goreleaser` command (`outcome`) read with its configuration in the directory it
 * runs in (`Frame.dir`, `Frame.toolConfig`): no publish, a publish of its `npms:` packages, or a
 * command tp-doctor cannot read (see the file comment).
 */
export function withGoreleaserNpms(outcome: Outcome, frame: Frame): Outcome {
  const found = outcome.found[0];
  if (found?.recognizer !== 'goreleaser-release') return outcome;
  const run = goreleaserRun(found.args);
  const none: Outcome = { found: [], rejected: true, unknown: false, unread: [] };
  if (run.publishes === false) return none;
  const npms = run.publishes === 'unknown' || frame.toolConfig === undefined || frame.dir === undefined || frame.inPackage !== undefined ? undefined : goreleaserNpms(frame.toolConfig, frame.dir, run.config);
  if (npms === undefined) return { found: [], rejected: false, unknown: true, unread: [{ words: ['goreleaser', ...found.args], via: [...found.via] }] };
  if (npms.entries === 0) return none;
  return { ...outcome, found: [{ ...found, generatedNames: npms.names }] };
}
