/**
 * Dynamic configuration: a setup configuration (`setup: true`) continues the pipeline with another
 * configuration file through an orb (`CONTINUATION_ORBS` in data/orbs.ts: `continuation/continue`
 * with `configuration_path`, `path-filtering/filter` with `config-path` or its default). When that
 * file is committed under `.circleci/`, tp-doctor reads it as a configuration of its own, marked
 * `continuedFrom` the setup file: its jobs run in the same pipeline, whose definition runs the
 * setup file. A file the setup job writes at run time, or a path tp-doctor cannot resolve, cannot
 * be read: the continuation says why (`unreadable`), for the rules and the inference note.
 */
import type { SourceFs } from '../../fs/source.js';
import { continuationOrb, type ContinuationOrb } from '../data/orbs.js';
import type { YNode } from '../../yaml/parse.js';
import { expandText, pipelineScope } from './template.js';
import type { CircleConfig, CircleContinuation, CircleOrb, CircleText } from './types.js';

/** Where the configurations a setup configuration continues with are read from. */
const CONTINUED_DIR = '.circleci/';

/**
 * The continuations of a setup configuration, in the order written: each orb step of a job (every
 * instance: arguments may differ) and each orb job of a workflow that continues the pipeline.
 * Whether the file it names is committed is decided when it is loaded (`loadContinuations`).
 */
export function findContinuations(config: CircleConfig): CircleContinuation[] {
  const out: CircleContinuation[] = [];
  const seen = new Set<string>();
  const orbOf = (alias: string): CircleOrb | undefined => config.orbs.find((o) => o.alias === alias && !o.inline);
  const add = (entry: ContinuationOrb, via: string, node: YNode, args: ReadonlyMap<string, YNode>, texts: ReadonlyMap<string, CircleText>): void => {
    const continuation = describe(entry, via, node, args, texts);
    const key = `${node.span.start.line}:${node.span.start.column}:${continuation.file ?? continuation.unreadable ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(continuation);
  };
  const instances = [...config.jobs, ...config.workflows.flatMap((w) => w.jobs.flatMap((wj) => wj.instances))];
  for (const job of instances) {
    for (const step of job.steps) {
      const orb = step.orb && !step.orb.job ? orbOf(step.orb.alias) : undefined;
      const entry = orb && step.orb ? continuationOrb(orb.namespace, orb.orbName, step.orb.command, 'command') : undefined;
      if (entry && step.orb) add(entry, `${step.orb.alias}/${step.orb.command}`, step.node, step.orb.args, step.orb.texts);
    }
  }
  const top = pipelineScope(config.pipelineParameters);
  for (const wj of config.workflows.flatMap((w) => w.jobs)) {
    const orb = wj.orb === undefined ? undefined : orbOf(wj.orb);
    const entry = orb ? continuationOrb(orb.namespace, orb.orbName, wj.job.slice(orb.alias.length + 1), 'job') : undefined;
    if (!entry) continue;
    const texts = new Map<string, CircleText>();
    for (const [name, node] of wj.args) {
      const text = node.isScalar ? expandText(node, top) : undefined;
      if (text) texts.set(name, text);
    }
    add(entry, wj.job, wj.node, wj.args, texts);
  }
  return out;
}

/** The continuation of one orb command or job: the file it names, or why it cannot be read. */
function describe(entry: ContinuationOrb, via: string, node: YNode, args: ReadonlyMap<string, YNode>, texts: ReadonlyMap<string, CircleText>): CircleContinuation {
  const out: CircleContinuation = { via, node, read: false };
  const param = entry.pathParameter;
  const path = texts.get(param);
  if (path) out.path = path;
  const unreadable = (why: string): CircleContinuation => ({ ...out, unreadable: why });
  if (!path && args.has(param)) return unreadable(`its \`${param}\` is not a path`);
  if (!path && entry.defaultPath === undefined) return unreadable(`it names no \`${param}\`, which the orb requires`);
  if (path && path.unknown.length > 0) return unreadable(`its \`${param}\` is "${path.raw.trim()}", which tp-doctor cannot resolve`);
  const mapping = entry.mappingParameter === undefined ? undefined : mappingChoosesFiles(entry.mappingParameter, args, texts);
  if (mapping) return unreadable(mapping);
  const written = path ? path.text.trim() : (entry.defaultPath ?? '');
  const file = written.replace(/^(?:\.\/)+/, '');
  if (/^[/~]|\$|\\|(?:^|\/)\.\.(?:\/|$)/.test(file) || file === '') {
    return unreadable(`"${written}" is not a file of the repository, so the setup job writes it at run time`);
  }
  if (!file.startsWith(CONTINUED_DIR)) return unreadable(`"${written}" is outside \`${CONTINUED_DIR}\`, where tp-doctor reads continued configurations`);
  return { ...out, file };
}

/**
 * Why path-filtering's `mapping` may replace the configuration file, or undefined when every line
 * only sets a parameter (three fields) or there is none: a line of two or four fields names a file
 * chosen by the files a push changes, and a line of one field may be a file of mappings.
 */
function mappingChoosesFiles(param: string, args: ReadonlyMap<string, YNode>, texts: ReadonlyMap<string, CircleText>): string | undefined {
  if (!args.has(param)) return undefined;
  const mapping = texts.get(param);
  if (!mapping || mapping.unknown.length > 0) return `its \`${param}\` is not a text tp-doctor can read, and may name the configuration files`;
  const lines = mapping.text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.every((l) => l.split(/\s+/).length === 3)) return undefined;
  return `its \`${param}\` names configuration files (or a file of mappings) that the files a push changes choose at run time`;
}

/**
 * Reads the committed configurations the setup configurations among `configs` continue with,
 * marked `continuedFrom`; a named file that is not committed is recorded as written at run time. A
 * file already read (a publisher names it) is only marked. `load` reads one file as a configuration.
 */
export function loadContinuations<R extends { config?: CircleConfig }>(fs: SourceFs, configs: readonly CircleConfig[], load: (file: string) => R, isIgnored?: (file: string) => boolean): R[] {
  const out: R[] = [];
  for (const setup of configs) {
    for (const continuation of setup.continuations) {
      const file = continuation.file;
      if (file === undefined || isIgnored?.(file)) continue;
      if (file === setup.file) {
        continuation.unreadable = `"${file}" is the setup configuration itself`;
        continue;
      }
      const known = [...configs, ...out.flatMap((r) => (r.config ? [r.config] : []))].find((c) => c.file === file);
      if (known) {
        continuation.read = true;
        known.continuedFrom ??= { file: setup.file, continuation };
        continue;
      }
      if (!fs.exists(file)) {
        continuation.unreadable = `"${file}" is not in the repository, so the setup job writes it at run time`;
        continue;
      }
      const loaded = load(file);
      out.push(loaded);
      if (!loaded.config) continue;
      continuation.read = true;
      loaded.config.continuedFrom = { file: setup.file, continuation };
    }
  }
  return out;
}

/** The configuration file the pipeline definition runs: a continued configuration's setup file, else its own. */
export function circlePipelineFile(config: CircleConfig): string {
  return config.continuedFrom?.file ?? config.file;
}

/** The continuations of the setup configurations whose continued configuration tp-doctor cannot read, with their file. */
export function unreadableContinuations(configs: readonly CircleConfig[]): { config: CircleConfig; continuation: CircleContinuation }[] {
  return configs.flatMap((config) => config.continuations.filter((c) => c.unreadable !== undefined).map((continuation) => ({ config, continuation })));
}
