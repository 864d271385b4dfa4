/**
 * The CircleCI model: `.circleci/config.yml` (version 2.1) read into jobs, instantiated the way
 * CircleCI builds them: executors resolved (`executor:` by name or `{ name, ...args }`), reusable
 * `commands:` expanded recursively (bounded, cycles reported), `<< parameters.x >>` bound from the
 * workflow invocation or the defaults, `when:`/`unless:` steps flattened, matrix combinations
 * instantiated one by one. Orbs are named, never fetched: their commands, jobs and executors are
 * listed as what tp-doctor could not read. Every value keeps the node where it is written.
 *
 * Never throws on bad input: wrong shapes become `problems` (or file problems for YAML and
 * top-level shape), and what could not be read marks the job `incomplete`.
 */
import { repoPathOrAsWritten } from '../../fs/paths.js';
import { trimStartChar } from '../../fs/strings.js';
import { classifyRegistry } from '../npm/registry.js';
import type { SourceFs } from '../../fs/source.js';
import { parseYaml, type YamlDocument, type YNode } from '../../yaml/parse.js';
import { FILE_START } from '../../yaml/span.js';
import type { FileProblem } from '../core/problems.js';
import { findContinuations } from './continuation.js';
import { OrbJobBuilder } from './orb-jobs.js';
import { contextSignals, manifestSign } from './possible.js';
import { locationOf } from './reader.js';
import { expandString, expandText, pipelineDefaults, pipelineScope, readParameters, type Binding } from './template.js';
import type { CircleConfig, CircleFilter, CircleJob, CircleOrb, CircleParameter, CircleText, CircleWorkflow, CircleWorkflowJob } from './types.js';
import type { PackageJson } from '../npm/package-json.js';
import type { NpmSignal } from '../npm/possible-publish.js';
import type { RecognizeContext } from '../npm/publish-commands.js';
import type { RootRecognizeOptions } from '../npm/root-options.js';

export { MAX_COMMAND_DEPTH, MAX_STEPS } from './steps.js';

export const DEFAULT_CIRCLECI_FILE = '.circleci/config.yml';

/** Matrix combinations instantiated per workflow job; a bigger matrix gets one instance with its parameters unknown. */
export const MAX_MATRIX = 64;

export interface CircleLoadOptions extends RootRecognizeOptions {
  /** The root package.json: one that publishes to npm's registry is a sign of npm for an orb job named publish (`manifestSign`). */
  manifest?: PackageJson;
  /** A release tool that triggers the pipeline with a plan that publishes: a sign of npm for a step whose command is a pipeline parameter (`trigger-tools.ts`). */
  triggerTool?: NpmSignal;
  /**
   * What publish detection reads for a command run in a repository directory below the root (a
   * step's or the job's `working_directory`): that directory's package.json scripts and tool
   * configuration, script files from there. Without it such a step's script files stay unread.
   */
  recognizeAt?: (dir: string) => RecognizeContext;
  /**
   * For a file that may not be a CircleCI configuration (`discover.ts`): read only when it parses
   * and this accepts its top level; otherwise no config and no problems, as for a missing file.
   */
  accept?: (root: YNode) => boolean;
}

export interface CircleLoadResult {
  /** Undefined when the file does not exist (or is ignored). */
  config?: CircleConfig;
  fileProblems: FileProblem[];
  /** The YAML document read, when it parsed (for suppression comments). */
  documents: YamlDocument[];
}

function emptyConfig(file: string): CircleConfig {
  return {
    file,
    parsed: false,
    continuations: [],
    orbs: [],
    pipelineParameters: new Map(),
    executors: new Map(),
    commands: new Map(),
    jobs: [],
    workflows: [],
    hasUnreadable: false,
    problems: [],
  };
}

/**
 * Loads the CircleCI configuration at `file`. `config` is undefined when the file does not exist
 * (or is ignored); a file that exists but cannot be read or parsed, or is not a map, gives a config
 * with `parsed: false` and the file problems. Never throws on bad input.
 */
export function loadCircleConfig(fs: SourceFs, file: string = DEFAULT_CIRCLECI_FILE, options: CircleLoadOptions = {}): CircleLoadResult {
  // Through the containment point (a leading `/` is the repository root): a backslash is a name
  // character, and a path that leaves the repository stays as written, which no SourceFs reads.
  const path = repoPathOrAsWritten(trimStartChar(file, '/'));
  const fileProblems: FileProblem[] = [];
  if (options.isIgnored?.(path)) return { fileProblems, documents: [] };
  const read = fs.read(path);
  if (!read.ok && (read.reason === 'missing' || options.accept)) return { fileProblems, documents: [] };
  if (!read.ok) {
    fileProblems.push({ file: path, kind: 'read', failure: read });
    return { config: emptyConfig(path), fileProblems, documents: [] };
  }
  const doc = parseYaml(path, read.text, { quotedContinuation: 'any' });
  if (options.accept && (doc.problems.length > 0 || !doc.root || !options.accept(doc.root))) return { fileProblems, documents: [] };
  for (const problem of doc.problems) fileProblems.push({ file: path, kind: 'yaml', problem });
  if (doc.problems.length > 0) return { config: emptyConfig(path), fileProblems, documents: [] };
  const root = doc.root;
  const config = emptyConfig(path);
  config.document = doc;
  if (!root || root.isNull) {
    fileProblems.push({ file: path, kind: 'shape', shape: 'empty', location: { file: path, ...FILE_START } });
    return { config, fileProblems, documents: [doc] };
  }
  if (!root.isMap) {
    fileProblems.push({ file: path, kind: 'shape', shape: 'not-a-map', location: locationOf(root) });
    return { config, fileProblems, documents: [doc] };
  }
  try {
    new Builder(config, root, { scripts: options.scripts, configSkipsNpm: options.configSkipsNpm, packageScripts: options.packageScripts, packageDir: options.packageDir, workspaceScripts: options.workspaceScripts, shellFile: options.shellFile, toolConfig: options.toolConfig, npmrcIgnoresScripts: options.npmrcIgnoresScripts, prePost: options.prePost, privatePackage: options.privatePackage, dir: '' }, manifestSign(options.manifest), options.triggerTool, options.recognizeAt).build();
  } catch (error) {
    // The builder is bounded and total; this is a last resort so that a bug in it can never become
    // a stack trace: the configuration is reported as unreadable instead.
    const message = error instanceof Error ? error.message : String(error);
    config.problems.push({ kind: 'shape', path: '', expected: `a configuration tp-doctor can read (${message})`, location: locationOf(root) });
  }
  return { config, fileProblems, documents: [doc] };
}

class Builder extends OrbJobBuilder {
  private readonly definitionInstances = new Map<string, CircleJob>();

  build(): void {
    const { config, root } = this;
    config.parsed = true;
    const version = root.get('version');
    config.version = version?.text;
    if (!version || !['2.1', '2', '2.0'].includes(version.text ?? '')) {
      this.report({ kind: 'version', version: version?.text, location: version ? locationOf(version) : locationOf(root) });
    }
    const setup = root.get('setup');
    if (setup?.value === true) {
      config.setup = setup;
      this.report({ kind: 'setup-config', location: { file: setup.file, ...setup.anchorSpan } });
    }
    this.readOrbs(root.get('orbs'));
    config.pipelineParameters = readParameters(this.mapAt(root.get('parameters'), 'parameters'));
    this.top = pipelineScope(config.pipelineParameters);
    for (const entry of this.mapAt(root.get('executors'), 'executors')?.entries() ?? []) {
      if (entry.key !== undefined) config.executors.set(entry.key, entry);
    }
    for (const entry of this.mapAt(root.get('commands'), 'commands')?.entries() ?? []) {
      if (entry.key !== undefined) config.commands.set(entry.key, entry);
    }
    const jobs = root.get('jobs');
    if (!jobs) {
      this.report({ kind: 'no-jobs', location: { file: root.file, ...(root.get('workflows')?.anchorSpan ?? FILE_START) } });
    }
    for (const entry of this.mapAt(jobs, 'jobs')?.entries() ?? []) {
      if (entry.key !== undefined) this.localJobs.set(entry.key, entry);
    }
    for (const [name, node] of this.localJobs) {
      if (!node.isMap) {
        this.report({ kind: 'shape', path: `jobs.${name}`, expected: 'a map (docker/machine/executor, steps, ...)', location: locationOf(node) });
        continue;
      }
      const job = this.instantiate(name, node, new Map(), this.top);
      this.definitionInstances.set(name, job);
      config.jobs.push(job);
    }
    for (const entry of this.mapAt(root.get('workflows'), 'workflows')?.entries() ?? []) {
      if (entry.key === undefined || entry.key === 'version') continue;
      const workflow = this.readWorkflow(entry.key, entry);
      if (workflow) config.workflows.push(workflow);
    }
    if (config.setup) config.continuations = findContinuations(config);
    config.hasUnreadable =
      config.orbs.some((o) => !o.inline) ||
      config.jobs.some((j) => j.incomplete) ||
      config.workflows.some((w) => w.jobs.some((j) => j.orb !== undefined || j.instances.some((i) => i.incomplete)));
  }
  // -------------------------------------------------------------------------------------------
  // Orbs

  private readOrbs(node: YNode | undefined): void {
    for (const entry of this.mapAt(node, 'orbs')?.entries() ?? []) {
      const alias = entry.key;
      if (alias === undefined) continue;
      if (entry.isMap) {
        this.config.orbs.push({ alias, node: entry, inline: true });
        for (const kind of ['commands', 'executors', 'jobs'] as const) {
          for (const item of this.mapAt(entry.get(kind), `orbs.${alias}.${kind}`)?.entries() ?? []) {
            if (item.key === undefined) continue;
            const name = `${alias}/${item.key}`;
            if (kind === 'commands') this.config.commands.set(name, item);
            else if (kind === 'executors') this.config.executors.set(name, item);
            else this.localJobs.set(name, item);
          }
        }
        continue;
      }
      const ref = entry.text;
      if (ref === undefined) {
        this.report({ kind: 'shape', path: `orbs.${alias}`, expected: 'an orb reference `namespace/name@version` or an inline orb', location: locationOf(entry) });
        continue;
      }
      const orb: CircleOrb = { alias, node: entry, ref, inline: false };
      const m = /^([^/@\s]+)\/([^/@\s]+)(?:@(\S+))?$/.exec(ref);
      if (m) {
        orb.namespace = m[1]!;
        orb.orbName = m[2]!;
        if (m[3] !== undefined) orb.version = m[3];
      }
      this.config.orbs.push(orb);
      this.report({ kind: 'orb-unreadable', alias, ref, location: locationOf(entry) });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Workflows

  private readWorkflow(name: string, node: YNode): CircleWorkflow | undefined {
    if (!node.isMap) {
      this.report({ kind: 'shape', path: `workflows.${name}`, expected: 'a map with `jobs:`', location: locationOf(node) });
      return undefined;
    }
    const workflow: CircleWorkflow = { name, node, jobs: [] };
    for (const key of ['when', 'unless', 'triggers'] as const) {
      const v = node.get(key);
      if (v) workflow[key] = v;
    }
    const jobs = node.get('jobs');
    if (!jobs) this.report({ kind: 'shape', path: `workflows.${name}.jobs`, expected: 'a list of jobs', location: { file: node.file, ...node.anchorSpan } });
    for (const item of this.listAt(jobs, `workflows.${name}.jobs`)) {
      const wj = this.readWorkflowJob(name, item);
      if (wj) workflow.jobs.push(wj);
    }
    return workflow;
  }

  private readWorkflowJob(workflow: string, item: YNode): CircleWorkflowJob | undefined {
    let jobNode: YNode | undefined;
    let settings: YNode | undefined;
    if (item.isScalar) jobNode = item;
    else if (item.isMap && item.entries().length === 1) {
      settings = item.entries()[0];
      jobNode = settings;
    }
    const job = settings ? settings.key : jobNode?.text;
    if (!jobNode || job === undefined || job === '') {
      this.report({ kind: 'shape', path: `workflows.${workflow}.jobs`, expected: 'a job name, or a one-key map of a job name to its settings', location: locationOf(item) });
      return undefined;
    }
    const map = settings?.isMap ? settings : undefined;
    if (settings && !settings.isNull && !map) {
      this.report({ kind: 'shape', path: `workflows.${workflow}.jobs.${job}`, expected: 'a map of settings', location: locationOf(settings) });
    }
    const text = (n: YNode | undefined): CircleText | undefined => (n ? expandText(n, this.top, this.hooks) : undefined);
    const list = (n: YNode | undefined): CircleText[] =>
      (n?.isSeq ? n.items() : n && !n.isNull ? [n] : []).map(text).filter((t): t is CircleText => t !== undefined);
    const filter = (n: YNode | undefined): CircleFilter => {
      const f: CircleFilter = { only: list(n?.get('only')), ignore: list(n?.get('ignore')) };
      if (n) f.node = n;
      return f;
    };
    const filters = map?.get('filters');
    const args = new Map<string, YNode>();
    const SETTINGS = new Set(['requires', 'context', 'filters', 'name', 'matrix', 'type', 'pre-steps', 'post-steps', 'serial-group', 'override-with']);
    for (const e of map?.entries() ?? []) if (e.key !== undefined && !SETTINGS.has(e.key)) args.set(e.key, e);
    const wj: CircleWorkflowJob = {
      workflow,
      job,
      name: text(map?.get('name'))?.text ?? job,
      node: item,
      jobNode: settings ?? jobNode,
      approval: map?.get('type')?.text === 'approval',
      requires: requiresOf(map?.get('requires'), (key, at) => expandString(key, at, this.top, this.hooks)),
      contexts: list(map?.get('context')),
      filters: { branches: filter(filters?.get('branches')), tags: filter(filters?.get('tags')), ...(filters ? { node: filters } : {}) },
      args,
      instances: [],
    };
    const matrix = map?.get('matrix');
    if (matrix) wj.matrix = matrix;
    if (wj.approval) return wj;
    const definition = this.localJobs.get(job);
    if (!definition) {
      const orb = this.orbAlias(job);
      if (orb && !orb.inline) {
        wj.orb = orb.alias;
        const standIn = this.orbJobInstance(wj, orb);
        if (standIn) wj.instances.push(standIn);
      } else {
        wj.missing = true;
        const location = settings ? { file: settings.file, ...settings.anchorSpan } : locationOf(jobNode);
        this.report({ kind: 'job-missing', workflow, job, location });
      }
      return wj;
    }
    if (!definition.isMap) return wj;
    for (const combo of this.combinations(wj)) {
      // A context that says npm is a sign of npm for the instance's possible publish: its own instance.
      const noArgs = args.size === 0 && !combo && !map?.get('pre-steps') && !map?.get('post-steps') && contextSignals(wj).length === 0;
      wj.instances.push(noArgs ? { ...this.definitionInstance(job, definition), invocation: wj } : this.instantiate(job, definition, args, this.top, wj, combo));
    }
    return wj;
  }

  private definitionInstance(name: string, node: YNode): CircleJob {
    return this.definitionInstances.get(name) ?? this.instantiate(name, node, new Map(), this.top);
  }

  /** The matrix combinations of a workflow job (one `undefined` without a matrix). */
  private combinations(wj: CircleWorkflowJob): ({ values: Record<string, string>; bindings: Map<string, Binding> } | undefined)[] {
    const matrix = wj.matrix;
    if (!matrix) return [undefined];
    const params = matrix.isMap ? matrix.get('parameters') : undefined;
    if (!params?.isMap) {
      this.report({ kind: 'shape', path: `workflows.${wj.workflow}.jobs.${wj.job}.matrix`, expected: 'a map with `parameters:`', location: locationOf(matrix) });
      return [undefined];
    }
    const axes = params.entries().filter((e) => e.key !== undefined).map((e) => ({ name: e.key!, values: e.isSeq ? e.items() : [e] }));
    const total = axes.reduce((n, a) => n * Math.max(1, a.values.length), 1);
    if (total > MAX_MATRIX) {
      this.report({ kind: 'matrix-too-large', workflow: wj.workflow, job: wj.job, combinations: total, location: locationOf(matrix) });
      return [{ values: {}, bindings: new Map(axes.map((a) => [a.name, { kind: 'unknown' } as Binding])) }];
    }
    let combos: { values: Record<string, string>; bindings: Map<string, Binding> }[] = [{ values: {}, bindings: new Map() }];
    for (const axis of axes) {
      const next: typeof combos = [];
      for (const combo of combos) {
        for (const v of axis.values) {
          const t = expandText(v, this.top, this.hooks);
          const bindings = new Map(combo.bindings);
          const inner = pipelineDefaults(t);
          bindings.set(axis.name, t ? { kind: 'text', value: t.text, node: v, from: 'matrix', unknown: t.unknown, ...(inner.length > 0 ? { inner } : {}) } : { kind: 'node', node: v, scope: this.top, from: 'matrix' });
          next.push({ values: { ...combo.values, [axis.name]: t?.text ?? '' }, bindings });
        }
      }
      combos = next;
    }
    // `exclude:` removes the combinations whose values all match one entry.
    const excludes = (matrix.get('exclude')?.items() ?? []).map((e) => new Map(e.entries().map((x) => [x.key ?? '', x.text ?? ''])));
    return combos.filter((c) => !excludes.some((ex) => ex.size > 0 && [...ex].every(([k, v]) => c.values[k] === v)));
  }
}

/**
 * The jobs a workflow job `requires:`: each name, also the key of an item that names the statuses
 * it waits for (`- build: [success, failed]`).
 */
function requiresOf(node: YNode | undefined, text: (key: string, at: YNode) => CircleText): CircleText[] {
  const out: CircleText[] = [];
  for (const item of node?.list() ?? []) {
    const key = item.isMap ? item.entries()[0] : undefined;
    if (key?.key !== undefined) out.push(text(key.key, key));
    else if (item.isScalar && item.text !== undefined) out.push(text(item.text, item));
  }
  return out;
}

/** The parameters a job declares, for rules that name them. */
export function jobParameter(job: CircleJob, name: string): CircleParameter | undefined {
  return job.parameters.get(name);
}

/** Every publish command of the job, in step order. */
export function circleJobPublishes(job: CircleJob): CircleJob['publishes'] {
  return job.publishes;
}

/** True when the job runs a publish command that may go to registry.npmjs.org. */
export function isPublishingCircleJob(job: CircleJob): boolean {
  return job.publishes.some((p) => classifyRegistry(p.match.flags.registry) !== 'other');
}

/**
 * The job instances a rule should look at: every workflow invocation's instances, and the
 * definitions no workflow runs (a job only in `jobs:` never runs, but its file still says what it
 * would do). Each definition appears once, through its invocations when it has any.
 */
export function circleJobInstances(config: CircleConfig): CircleJob[] {
  const invoked = new Set<string>();
  const out: CircleJob[] = [];
  for (const w of config.workflows) {
    for (const wj of w.jobs) {
      for (const instance of wj.instances) {
        invoked.add(instance.name);
        out.push(instance);
      }
    }
  }
  for (const job of config.jobs) if (!invoked.has(job.name)) out.push(job);
  return out;
}
