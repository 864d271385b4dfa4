/**
 * GitLab publish sites: each publish command of a job with its directory, packages and registry
 * (see `../publish.ts`). GitLab runs `resetscript` and `script` in one shell, so a `cd` or an
 * `npm config set registry` in an earlier line holds for the publish; `after_script` runs in
 * another shell.
 */
import { jobRegistryLayers } from '../npm/job-registry-layers.js';
import { namedFileLayer } from '../npm/named-user-file.js';
import { comparePositions, type Location } from '../../yaml/span.js';
import { decideSiteRegistry, registryWrites, type ConfigWrite, type RegistryLayers } from '../npm/registry.js';
import { NO_SWAPS, swapsAfter, type NpmrcSwaps } from '../npm/npmrc-swaps.js';
import { keptWrites, npmrcFileIn, writtenProjectDir } from '../npm/npmrc-kept.js';
import { assignmentSource, publishEnvSetting, npmrcTarget, type ScriptRegistryWrite } from '../npm/registry-writes.js';
import { mayCreateNpmDirs } from '../npm/napi-npm-dirs.js';
import { scriptIndex } from '../npm/script-index.js';
import { splitCommands } from '../npm/shell.js';
import { resolveTargets, setsVersion } from '../npm/targets.js';
import type { PublishCommand, RegistrySetting } from '../npm/publish-site.js';
import { certainFirst, leastCertain, type SiteContext } from '../npm/publish-site.js';
import type { GitlabJobFacts } from './job-facts.js';
import type { GitlabJob, GitlabPipeline, GitlabScriptLine, GitlabSite } from './types.js';
import { shellScripts } from './publishes.js';
import { jobDirectoryValue, jobTemplateReader, jobUserConfigs, putJobValues, variablesUserConfig } from './variables.js';
import { commandUserConfig, lineUnread, scriptUserConfig, userConfigFiles, type UserConfig } from '../npm/user-config.js';
import { templateRegistryWrites } from '../npm/npmrc-templates.js';
import { mergeRequestsNotPublishing } from '../npm/pull-request-skip.js';
import { onlyInMergeRequests } from './merge-request-pipelines.js';

/** True when `at` lies inside the span of the line's node (same file). */
function within(line: GitlabScriptLine, at: Location): boolean {
  const span = line.node.span;
  return line.node.file === at.file && comparePositions(span.start, at.start) <= 0 && comparePositions(at.end, span.end) <= 0;
}

/**
 * Index in `job.scripts` of the script line of each of the job's publish commands (-1 when none
 * holds it), walking lines and publishes together (both are in script order; a publish out of that
 * order is looked up from the start): a job of 10,000 publish lines is not searched 10,000 times
 * (issue 12). Computed once per job and run by `GitlabJobFacts.scriptLineOf` (./job-facts.ts).
 */
export function publishLinesOf(job: GitlabJob): Map<PublishCommand, number> {
  const map = new Map<PublishCommand, number>();
  let i = 0;
  for (const p of job.publishes) {
    let j = i;
    while (j < job.scripts.length && !within(job.scripts[j]!, p.location)) j++;
    if (j === job.scripts.length) j = job.scripts.findIndex((line) => within(line, p.location));
    else i = j;
    map.set(p, j);
  }
  return map;
}

/** Index in `job.scripts` of the script line that holds a publish command (-1 when none does), searched from the start. */
export function findScriptLine(job: GitlabJob, publish: PublishCommand): number {
  return job.scripts.findIndex((line) => within(line, publish.location));
}

/** The text of the shell script line `own` is part of, before that line (`shellScripts`): '' for its first line. */
function shellBefore(job: GitlabJob, own: number): string {
  const shell = shellScripts(job)[own];
  return shell === undefined ? '' : shell.text.slice(0, shell.offset);
}

/** Whether script line `j` runs in the same shell as line `own`, before it (the rule of `textsBefore`). */
function sameShellBefore(job: GitlabJob, j: number, own: number): boolean {
  const after = job.scripts[own]?.section === 'after_script';
  return j < own && (job.scripts[j]!.section === 'after_script') === after;
}

/**
 * The lines of a job that say something about later publishes (a `cd`, a registry write, an
 * `.npmrc` for GitLab's registry, a version command, a pack a tarball publish may send:
 * ../npm/tarball-targets.ts, a `napi create-npm-dirs` that rewrites the platform packages'
 * package.json: ../npm/napi-npm-dirs.ts), found once per job; most lines say nothing,
 * so a publish looks at a few lines instead of every line before it.
 */
export interface JobScriptFacts {
  telling: number[];
}

/** Computed once per job and run by `GitlabJobFacts.scriptFacts` (./job-facts.ts). */
export function readScriptFacts(job: GitlabJob): JobScriptFacts {
  const telling: number[] = [];
  const userConfigs = jobUserConfigs(job);
  job.scripts.forEach((line, j) => {
    const index = scriptIndex(line.text);
    if (index.directoryChanges.length > 0 || index.registryWrites.length > 0 || userConfigs.some((file) => line.text.includes(file)) || /npm_config_userconfig/i.test(line.text) || line.text.includes('envsubst') || index.versionSetEnd !== Infinity || writesGitlabNpmrc(line.text) || /\bpack\b/.test(line.text) || mayCreateNpmDirs(line.text)) telling.push(j);
  });
  return { telling };
}

/** A script line that runs before a publish in its shell: the line, its text (up to the publish on the publish's own line), its index in `job.scripts`. */
export interface LineBefore {
  line: GitlabScriptLine;
  text: string;
  index: number;
}

/** The script texts that run in the publish's shell before it, in order (its own line's text before the command included); `index`: its script line. */
export function textsBefore(job: GitlabJob, publish: PublishCommand, index: number): LineBefore[] {
  const out: LineBefore[] = [];
  const own = job.scripts[index];
  for (const [i, line] of job.scripts.entries()) {
    if (own && line.section === 'after_script' && own.section !== 'after_script') break;
    if (own?.section === 'after_script' && line.section !== 'after_script') continue;
    if (i === index) {
      out.push({ line, text: line.text.slice(0, publish.match.offset), index: i });
      break;
    }
    out.push({ line, text: line.text, index: i });
  }
  return out;
}

/** `.npmrc` set up for GitLab's own package registry (`$CI_API_V4_URL`, `$CI_JOB_TOKEN`). */
function writesGitlabNpmrc(text: string): boolean {
  return text.includes('.npmrc') && /\$\{?CI_(?:API_V4_URL|SERVER_URL|SERVER_HOST|SERVER_FQDN|PROJECT_ID|JOB_TOKEN)\b/.test(text);
}

/**
 * A registry URL with the job's `variables:` put in as its shell does (`putJobValues`): `--registry
 * $PACKAGE_REGISTRY` under `variables: { PACKAGE_REGISTRY: https://registry.npmjs.org/ }` after
 * `extends:` (rxap/schematics). `texts`: the script that runs before in the same shell, which may
 * change the variable. The note says where the value came from.
 */
function withJobValues(url: string, job: GitlabJob, texts: () => readonly string[]): { url: string; note: string } {
  if (!url.includes('$')) return { url, note: '' };
  const put = putJobValues(url, job.variables, texts());
  return put === url ? { url, note: '' } : { url: put, note: ` (with the \`variables:\` of \`${job.name}\`)` };
}

/**
 * `writes` (of script line `index`, its text before the publish `text`) with the registry lines of
 * the committed templates its envsubst commands fill an `.npmrc` from, read where the job's shell
 * has `cd`d to (`jobTemplateReader`), in script order.
 */
function withTemplateWrites(writes: ScriptRegistryWrite[], ctx: SiteContext, job: GitlabJob, text: string, index: number, userConfigs: readonly string[]): ScriptRegistryWrite[] {
  if (ctx.npmrcTemplate === undefined || !text.includes('envsubst')) return writes;
  const templates = templateRegistryWrites(splitCommands(text), text, jobTemplateReader(job, index, ctx.npmrcTemplate), userConfigs);
  return templates.length === 0 ? writes : [...writes, ...templates].sort((a, b) => a.offset - b.offset);
}

/**
 * The user configuration npm reads at a publish of the job (../npm/user-config.ts): `--userconfig`
 * or the variable on its command, the variable set earlier in the job's shell (`export
 * NPM_CONFIG_USERCONFIG=…` in a `before_script` line), then the job's `variables:`.
 */
function gitlabUserConfig(job: GitlabJob, publish: PublishCommand, line: number): UserConfig {
  const own = job.scripts[line];
  const shell = own === undefined ? undefined : (shellScripts(job)[line] ?? { text: own.text, offset: 0 });
  const { offset, end, text } = publish.match;
  const inOwn = shell !== undefined && own!.text.slice(offset, end) === text ? { text: shell.text, offset: shell.offset + offset } : undefined;
  return scriptUserConfig(publish.match.scriptEnv) ?? commandUserConfig(text, inOwn, () => variablesUserConfig(job));
}

function layersFor(ctx: SiteContext, job: GitlabJob, publish: PublishCommand, before: LineBefore[], line: number, userConfig: UserConfig, directory: string | undefined): RegistryLayers {
  const user: ConfigWrite[] = [];
  let envWrite: RegistrySetting | undefined;
  let shell: readonly string[] | undefined;
  // Every script text before the publish in its shell (not only the lines `before` keeps), read once when a URL uses a variable.
  const texts = (): readonly string[] => (shell ??= textsBefore(job, publish, line).map((b) => b.text));
  const shells = shellScripts(job);
  // Lines that set up an `.npmrc` for GitLab's own registry with no registry key tp-doctor reads.
  const gitlabNpmrc: LineBefore[] = [];
  let wrote = false;
  // With the line's text, as a GitHub `run:` block is read: a `registry=` or `@scope:registry=`
  // line echoed, printed or piped (heredoc, `tee`) into an `.npmrc` counts. A variable the job's
  // shell sets to a literal before the write is read there (`resetscript` and `script` lines together).
  // So does a `registry=` line of a committed template an envsubst fills an `.npmrc` from (../npm/npmrc-templates.ts).
  // Lines written into the file the publish reads as npm's user configuration count as an `.npmrc`'s; those written into
  // `~/.npmrc` while it reads another file configure nothing (../npm/user-config.ts).
  const userConfigs = userConfigFiles(userConfig);
  const read = (text: string, index: number) => (w: ScriptRegistryWrite): boolean => !lineUnread(userConfig, w.path, false, shells[index]?.text ?? text);
  const lineWrites = before.map(({ line, text, index }) => withTemplateWrites(registryWrites(splitCommands(text), text, shells[index] ?? { text: line.text, offset: 0 }, userConfigs), ctx, job, text, index, userConfigs).filter(read(text, index)));
  const standing = standingWrites(job, publish, line, before, lineWrites);
  // The project `.npmrc` a line lands in, read from the repository root as the shell's `cd`s go.
  const writtenIn = (w: ScriptRegistryWrite, index: number): { dir?: string } => {
    const shell = shells[index];
    return shell === undefined ? {} : writtenProjectDir(w.path, shell.offset + w.offset, (path, at) => npmrcFileIn(shell.text, '', path, at));
  };
  const publishLine = line;
  for (const [i, { line, text, index }] of before.entries()) {
    const at = (offset: number, end: number): Location => ({ file: line.node.file, ...line.node.valueSpan(offset, end) });
    const writes = lineWrites[i]!;
    for (const w of writes) {
      if (standing !== undefined && w.level === 'user' && !standing.has(w)) continue;
      const { url, note } = withJobValues(w.url, job, texts);
      const setting = { url, source: `\`${w.label}\` in \`${job.name}\`${w.valueNote ?? ''}${note}`, at: at(w.offset, w.end), atValue: true };
      if (w.level === 'env') envWrite = setting;
      else user.unshift({ key: w.key, file: w.file, setting, ...writtenIn(w, index) });
    }
    if (writes.length > 0) wrote = true;
    else if (writesGitlabNpmrc(text) && gitlabNpmrcStands(job, publish, publishLine, { line, text, index })) gitlabNpmrc.push({ line, text, index });
  }
  // A line that writes an `.npmrc` for GitLab's own registry without a registry key tp-doctor reads
  // (only its `_authToken`, `@${CI_PROJECT_ROOT_NAMESPACE}:registry=`): the publish goes there, unless
  // the shell wrote a registry or scope line tp-doctor read before the publish (`@other:registry=…`
  // then the token line: the token changes no registry, the read line decides).
  if (!wrote) {
    for (const { line } of gitlabNpmrc) {
      user.unshift({ key: 'registry', file: 'npmrc', setting: { url: '${CI_API_V4_URL}', source: `an \`.npmrc\` set up for GitLab's package registry in \`${job.name}\``, at: line.node, atValue: true } });
    }
  }
  const command = splitCommands(publish.match.text)[0];
  // A variable on the command itself, then one `export`ed earlier (`registry` only), then the job's `variables:`.
  const fromEnv = (matches: (name: string) => boolean, exported: RegistrySetting | undefined): RegistrySetting | undefined => {
    const inline = publishEnvSetting(command, publish.match.scriptEnv, matches);
    if (inline !== undefined) {
      const { url, note } = withJobValues(inline.value, job, texts);
      return { url, source: `${assignmentSource(inline)}${note}`, at: publish.location, atValue: false };
    }
    if (exported) return exported;
    const variable = [...job.variables.values()].find((v) => matches(v.name));
    if (variable?.value === undefined || variable.value.trim() === '') return undefined;
    // GitLab expands the variable's own references before the script runs.
    const { url, note } = variable.expand ? withJobValues(variable.value, job, () => []) : { url: variable.value, note: '' };
    return { url, source: `variable \`${variable.name}\`${note}`, at: variable.origin.node, atValue: true };
  };
  // `NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish`: for what the job's lines did not write, the named file (../npm/named-user-file.ts).
  const namedFile = userConfig.kind === 'file' ? namedFileLayer(userConfig, { dir: directory, provider: 'gitlab', scripts: () => before.map((b) => ({ text: b.text })), exists: ctx.userConfigExists, setting: ctx.userConfigSetting, at: publish.location }) : undefined;
  const layers = jobRegistryLayers(ctx, publish, fromEnv, envWrite, user, gitlabSwaps(job, publish, line, ctx.npmrcTemplate), namedFile);
  if (layers.flag && publish.match.via.length === 0) {
    // `--registry $PACKAGE_REGISTRY` on the job's own command line: the shell puts the variable in.
    const { url, note } = withJobValues(layers.flag.url, job, texts);
    layers.flag = { ...layers.flag, url, source: `${layers.flag.source}${note}` };
  }
  return layers;
}

/**
 * The files the job's shell moved, copied, removed, restored or overwrote over a project `.npmrc`
 * before the publish (../npm/npmrc-swaps.ts: `rm .npmrc`, `git checkout .npmrc`, `… | tee .npmrc`,
 * `mv .npmrc.github .npmrc`), read from the repository root as its `cd`s go: `resetscript` and
 * `script` lines are one shell (`shellScripts`). Undefined when none names an `.npmrc`.
 */
function gitlabSwaps(job: GitlabJob, publish: PublishCommand, line: number, template?: (file: string) => string | undefined): NpmrcSwaps | undefined {
  const own = job.scripts[line];
  if (own === undefined) return undefined;
  const shell = shellScripts(job)[line] ?? { text: own.text, offset: 0 };
  const swaps = swapsAfter(NO_SWAPS, shell.text, '', own.node, shell.offset + publish.match.offset, template);
  return swaps === NO_SWAPS ? undefined : swaps;
}

/**
 * The shell of script line `line` (with every line's shell), and its `.npmrc` removals, overwrites
 * and restores before the publish; undefined when there are none (every write stands).
 */
function resetsBefore(job: GitlabJob, publish: PublishCommand, line: number): { shells: ReturnType<typeof shellScripts>; shell: { text: string; offset: number }; resets: ReturnType<typeof scriptIndex>['npmrcResets'] } | undefined {
  const own = job.scripts[line];
  if (own === undefined) return undefined;
  const shells = shellScripts(job);
  const shell = shells[line] ?? { text: own.text, offset: 0 };
  const limit = shell.offset + publish.match.offset;
  const resets = scriptIndex(shell.text).npmrcResets.filter((r) => r.end <= limit);
  return resets.length === 0 ? undefined : { shells, shell, resets };
}

/**
 * The job's own `.npmrc` lines (`lineWrites`, per line of `before`) that still stand at the publish:
 * a later `rm .npmrc`, `echo … > .npmrc` or `… | tee .npmrc` of the same shell takes them out, as
 * on GitHub (../npm/npmrc-kept.ts `keptWrites`), each file read from the repository root as the
 * shell's `cd`s go. Undefined when every write stands (no reset before the publish).
 */
function standingWrites(job: GitlabJob, publish: PublishCommand, line: number, before: readonly LineBefore[], lineWrites: readonly ScriptRegistryWrite[][]): Set<ScriptRegistryWrite> | undefined {
  const reset = resetsBefore(job, publish, line);
  if (reset === undefined) return undefined;
  const { shells, shell, resets } = reset;
  // Each write placed in the shell's text (its line's offset there added).
  const placed = before.flatMap((b, i) => lineWrites[i]!.filter((w) => w.level === 'user').map((w) => ({ write: w, key: w.key, path: w.path, offset: (shells[b.index]?.offset ?? 0) + w.offset })));
  const kept = keptWrites(placed, resets, (path, at) => npmrcFileIn(shell.text, '', path, at), new Set());
  return new Set(kept.map((k) => k.write));
}

/**
 * False when every command of `b` that writes an `.npmrc` for GitLab's own registry
 * (`writesGitlabNpmrc`: `echo "//${CI_SERVER_HOST}/…/:_authToken=${CI_JOB_TOKEN}" >> .npmrc`)
 * writes a file a later `rm .npmrc`, overwrite or restore of the shell takes out before the
 * publish (`keptWrites`, as for the registry lines of `standingWrites`). True when one stands,
 * when no such write names its file (`npm config set`), or when tp-doctor cannot tell the file.
 */
function gitlabNpmrcStands(job: GitlabJob, publish: PublishCommand, line: number, b: LineBefore): boolean {
  const reset = resetsBefore(job, publish, line);
  if (reset === undefined) return true;
  const { shells, shell, resets } = reset;
  const commands = splitCommands(b.text);
  const base = shells[b.index]?.offset ?? 0;
  const writes = commands.flatMap((cmd, i) => {
    const heredocs = (cmd.heredocs ?? []).map((h) => h.text).join('\n');
    const path = writesGitlabNpmrc(`.npmrc ${cmd.text}\n${heredocs}`) ? npmrcTarget(commands, i, b.text) : undefined;
    return path === undefined ? [] : [{ key: '', path, offset: base + cmd.offset }];
  });
  const unplaced = commands.some((cmd) => writesGitlabNpmrc(`.npmrc ${cmd.text}`) && !writes.some((w) => w.offset === base + cmd.offset));
  if (writes.length === 0 || unplaced) return true;
  return keptWrites(writes, resets, (path, at) => npmrcFileIn(shell.text, '', path, at), new Set()).length > 0;
}

/**
 * The publish sites of a GitLab job, in script order. A job that runs only in merge-request
 * pipelines (`onlyInMergeRequests`) has no site for a tool that publishes nothing there
 * (`mergeRequestsNotPublishing`: semantic-release; docs/domain.md A.36).
 */
export function gitlabSites(ctx: SiteContext, jobs: GitlabJobFacts, pipeline: GitlabPipeline, job: GitlabJob): GitlabSite[] {
  const sites = allGitlabSites(ctx, jobs, pipeline, job);
  const skips = sites.map((s) => mergeRequestsNotPublishing([s], ctx.toolConfigFiles));
  if (!skips.includes(true) || !onlyInMergeRequests(pipeline, job)) return sites;
  return sites.filter((_, i) => !skips[i]);
}

/** The site of every publish command of the job, whichever pipelines run it. */
function allGitlabSites(ctx: SiteContext, jobs: GitlabJobFacts, pipeline: GitlabPipeline, job: GitlabJob): GitlabSite[] {
  const out: GitlabSite[] = [];
  const { telling } = jobs.scriptFacts(job);
  for (const publish of certainFirst(job.publishes)) {
    const line = jobs.scriptLineOf(job, publish);
    // Only the earlier lines of the same shell that say something, and the publish's own line up
    // to the command: what `textsBefore` would give, without walking every earlier line.
    const ownLine = job.scripts[line];
    const before: LineBefore[] = ownLine
      ? [...telling.filter((j) => sameShellBefore(job, j, line)).map((j) => ({ line: job.scripts[j]!, text: job.scripts[j]!.text, index: j })), { line: ownLine, text: ownLine.text.slice(0, publish.match.offset), index: line }]
      : textsBefore(job, publish, line);
    const textBefore = before.map((b) => b.text).join('\n');
    let pipelineChanges = false;
    const { targets, directory } = resolveTargets({
      discovery: ctx.discovery,
      packageAt: ctx.packageAt,
      list: ctx.list,
      directory: '',
      textBefore,
      match: publish.match,
      toolConfig: ctx.toolConfigFiles,
      packageManager: ctx.packageManager?.name,
      versionSetBefore: setsVersion(textBefore),
      // `cd "$PKG_DIR"`: the job's `variables:`, unless an earlier line of the same shell, a rule or the pipeline may change it.
      envValues: (name) => {
        const value = jobDirectoryValue(job, name, [shellBefore(job, line)], pipeline);
        // Known when the commands were recognised, unknown with the pipeline read.
        if (value === undefined && jobDirectoryValue(job, name, [shellBefore(job, line)]) !== undefined) pipelineChanges = true;
        return value;
      },
    });
    const userConfig = gitlabUserConfig(job, publish, line);
    const layers = layersFor(ctx, job, publish, before, line, userConfig, directory);
    const { registry, packageRegistries, certainty } = decideSiteRegistry(layers, targets, directory, ctx.scopeHint, publish.certainty);
    // A matrix combination whose `rules:` read its values may not be created at all: a guess.
    const sure = job.matrix?.conditional === true ? leastCertain([certainty, 'likely']) : certainty;
    out.push({ provider: 'gitlab', job, pipeline, line, publish, directory, targets, registry, packageRegistries, certainty: sure, userConfig, ...(pipelineChanges && directory === undefined ? { cdUnknown: true as const } : {}) });
  }
  return out;
}
