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
import { FILE_START, type Location } from '../../yaml/span.js';
import type { FileProblem } from '../core/problems.js';
import { findAuthTokenWrites, findNpmIdTokenSets, findOidcGets, findPublishes, findUpgrades, shellCommandsFor } from './run.js';
import { bindParameters, EMPTY_SCOPE, expandText, readParameters, wholeParameter, type Binding, type ExpandHooks, type Scope } from './template.js';
import type {
  CircleConfig,
  CircleEnvEntry,
  CircleExecutorUse,
  CircleFilter,
  CircleImage,
  CircleJob,
  CircleOrb,
  CircleParameter,
  CircleProblem,
  CircleRun,
  CircleStep,
  CircleStepKind,
  CircleText,
  CircleWorkflow,
  CircleWorkflowJob,
} from './types.js';

export const DEFAULT_CIRCLECI_FILE = '.circleci/config.yml';

/** How deep reusable commands may call each other before tp-doctor stops following them. */
export const MAX_COMMAND_DEPTH = 16;
/** Steps per job instance (commands expanded): a bound against crafted fan-out. */
export const MAX_STEPS = 5000;
/** Matrix combinations instantiated per workflow job; a bigger matrix gets one instance with its parameters unknown. */
export const MAX_MATRIX = 64;

/** Built-in steps that take no command name lookup. */
const BUILTIN: ReadonlySet<string> = new Set<CircleStepKind>([
  'checkout',
  'attach_workspace',
  'persist_to_workspace',
  'save_cache',
  'restore_cache',
  'setup_remote_docker',
  'add_ssh_keys',
  'store_artifacts',
  'store_test_results',
]);

/** A `resource_class` of the form `namespace/name` selects a self-hosted runner. */
const SELF_HOSTED_CLASS = /^[^/\s]+\/[^/\s]+$/;

export interface CircleLoadOptions {
  /** package.json `scripts` of the root package, for `npm run x` indirection. */
  scripts?: Record<string, string>;
  /** Repository-relative files to skip (from the config's `ignore`). */
  isIgnored?: (file: string) => boolean;
}

export interface CircleLoadResult {
  /** Undefined when the file does not exist (or is ignored). */
  config?: CircleConfig;
  fileProblems: FileProblem[];
  /** The YAML document read, when it parsed (for suppression comments). */
  documents: YamlDocument[];
}

function locationOf(node: YNode): Location {
  return { file: node.file, ...node.span };
}

function emptyConfig(file: string): CircleConfig {
  return {
    file,
    parsed: false,
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
  if (!read.ok && read.reason === 'missing') return { fileProblems, documents: [] };
  if (!read.ok) {
    fileProblems.push({ file: path, kind: 'read', failure: read });
    return { config: emptyConfig(path), fileProblems, documents: [] };
  }
  const doc = parseYaml(path, read.text);
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
    new Builder(config, root, options.scripts).build();
  } catch (error) {
    // The builder is bounded and total; this is a last resort so that a bug in it can never become
    // a stack trace: the configuration is reported as unreadable instead.
    const message = error instanceof Error ? error.message : String(error);
    config.problems.push({ kind: 'shape', path: '', expected: `a configuration tp-doctor can read (${message})`, location: locationOf(root) });
  }
  return { config, fileProblems, documents: [doc] };
}

interface StepContext {
  scope: Scope;
  via: { command: string; node: YNode }[];
  conditional: boolean;
  origin: CircleStep['origin'];
}

class Builder {
  private readonly problemKeys = new Set<string>();
  private readonly localJobs = new Map<string, YNode>();
  private readonly definitionInstances = new Map<string, CircleJob>();

  constructor(
    private readonly config: CircleConfig,
    private readonly root: YNode,
    private readonly scripts: Record<string, string> | undefined,
  ) {}

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
      const job = this.instantiate(name, node, new Map(), EMPTY_SCOPE);
      this.definitionInstances.set(name, job);
      config.jobs.push(job);
    }
    for (const entry of this.mapAt(root.get('workflows'), 'workflows')?.entries() ?? []) {
      if (entry.key === undefined || entry.key === 'version') continue;
      const workflow = this.readWorkflow(entry.key, entry);
      if (workflow) config.workflows.push(workflow);
    }
    config.hasUnreadable =
      config.orbs.some((o) => !o.inline) ||
      config.jobs.some((j) => j.incomplete) ||
      config.workflows.some((w) => w.jobs.some((j) => j.orb !== undefined || j.instances.some((i) => i.incomplete)));
  }

  // -------------------------------------------------------------------------------------------
  // Problems and shapes

  private report(problem: CircleProblem): void {
    const loc = problem.location;
    const key = `${problem.kind}@${loc.file}:${loc.start.line}:${loc.start.column}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.config.problems.push(problem);
  }

  private readonly hooks: ExpandHooks = {
    undeclared: (parameter, node) => this.report({ kind: 'parameter-undeclared', parameter, location: locationOf(node) }),
  };

  /** The node when it is a map; reports any other non-null value as a shape problem. */
  private mapAt(node: YNode | undefined, path: string): YNode | undefined {
    if (!node || node.isNull) return undefined;
    if (node.isMap) return node;
    this.report({ kind: 'shape', path, expected: 'a map', location: locationOf(node) });
    return undefined;
  }

  private listAt(node: YNode | undefined, path: string): readonly YNode[] {
    if (!node || node.isNull) return [];
    if (node.isSeq) return node.items();
    this.report({ kind: 'shape', path, expected: 'a list', location: locationOf(node) });
    return [];
  }

  private text(node: YNode | undefined, scope: Scope): CircleText | undefined {
    return node ? expandText(node, scope, this.hooks) : undefined;
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

  private orbAlias(name: string): CircleOrb | undefined {
    const slash = name.indexOf('/');
    return slash > 0 ? this.config.orbs.find((o) => o.alias === name.slice(0, slash)) : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Jobs

  private instantiate(
    name: string,
    node: YNode,
    args: ReadonlyMap<string, YNode>,
    caller: Scope,
    invocation?: CircleWorkflowJob,
    matrix?: { values: Record<string, string>; bindings: ReadonlyMap<string, Binding> },
  ): CircleJob {
    const parameters = readParameters(this.mapAt(node.get('parameters'), `jobs.${name}.parameters`));
    const scope = bindParameters(parameters, args, caller, this.hooks, matrix?.bindings);
    const job: CircleJob = {
      name,
      node,
      parameters,
      executorKind: 'none',
      docker: [],
      environment: [],
      steps: [],
      publishes: [],
      incomplete: [...scope.bindings.values()].some((b) => b.kind === 'unknown'),
    };
    if (invocation) job.invocation = invocation;
    if (matrix) job.matrix = matrix.values;

    // The executor first: the job's own keys override it.
    const executorNode = node.get('executor');
    let executorScope: Scope | undefined;
    let executorDef: YNode | undefined;
    if (executorNode && !executorNode.isNull) {
      const resolved = this.resolveExecutor(name, executorNode, scope);
      job.executor = resolved.use;
      executorDef = resolved.use.definition;
      executorScope = resolved.scope;
      if (resolved.use.orb !== undefined || resolved.use.missing || !executorDef) job.incomplete = true;
    }
    const sources: { node: YNode; scope: Scope; level: 'executor' | 'job' }[] = [];
    if (executorDef?.isMap && executorScope) sources.push({ node: executorDef, scope: executorScope, level: 'executor' });
    sources.push({ node, scope, level: 'job' });

    for (const src of sources) {
      const where = src.level === 'job' ? `jobs.${name}` : `executors.${job.executor?.name ?? ''}`;
      const docker = src.node.get('docker');
      if (docker && !docker.isNull) {
        job.docker = this.listAt(docker, `${where}.docker`).map((item, index) => this.readImage(item, index, src.scope, `${where}.docker`)).filter((i): i is CircleImage => i !== undefined);
        job.executorKind = 'docker';
        delete job.machine;
        delete job.macos;
      }
      const machine = src.node.get('machine');
      if (machine && !machine.isNull && machine.value !== false) {
        job.machine = { node: machine };
        const image = machine.isMap ? this.text(machine.get('image'), src.scope) : undefined;
        if (image) job.machine.image = image;
        job.executorKind = 'machine';
        job.docker = [];
        delete job.macos;
      }
      const macos = src.node.get('macos');
      if (macos && !macos.isNull) {
        job.macos = { node: macos };
        const xcode = macos.isMap ? this.text(macos.get('xcode'), src.scope) : undefined;
        if (xcode) job.macos.xcode = xcode;
        job.executorKind = 'macos';
        job.docker = [];
        delete job.machine;
      }
      const rc = this.text(src.node.get('resource_class'), src.scope);
      if (rc) {
        job.resourceClass = { value: rc, selfHosted: rc.unknown.length > 0 ? undefined : SELF_HOSTED_CLASS.test(rc.text.trim()), from: src.level };
      }
      job.environment.push(...this.readEnvironment(src.node.get('environment'), src.scope, src.level, `${where}.environment`));
      const wd = this.text(src.node.get('working_directory'), src.scope);
      if (wd) job.workingDirectory = wd;
    }
    const primary = job.docker[0];
    if (primary) job.environment.push(...primary.environment);

    const ctx: StepContext = { scope, via: [], conditional: false, origin: 'job' };
    const steps: CircleStep[] = [];
    const budget = { left: MAX_STEPS, reported: false };
    const flow = { job, steps, budget };
    const settings = invocation?.jobNode.isMap ? invocation.jobNode : undefined;
    this.expandStepList(settings?.get('pre-steps'), { ...ctx, scope: EMPTY_SCOPE, origin: 'pre-steps' }, flow, 0);
    const own = node.get('steps');
    if (!own || own.isNull) {
      this.report({ kind: 'shape', path: `jobs.${name}.steps`, expected: 'a list of steps', location: { file: node.file, ...node.anchorSpan } });
    } else {
      this.expandStepList(own, ctx, flow, 0);
    }
    this.expandStepList(settings?.get('post-steps'), { ...ctx, scope: EMPTY_SCOPE, origin: 'post-steps' }, flow, 0);
    job.steps = steps;
    job.publishes = steps.flatMap((s) => s.run?.publishes ?? []);
    return job;
  }

  private resolveExecutor(job: string, value: YNode, scope: Scope): { use: CircleExecutorUse; scope?: Scope } {
    let spec = value;
    let specScope = scope;
    // `executor: << parameters.executor >>` with a map argument (`{ name: x, ...args }`).
    const whole = wholeParameter(value, scope);
    if (whole?.kind === 'node') {
      spec = whole.node;
      specScope = whole.scope;
    }
    const nameNode = spec.isMap ? spec.get('name') : spec;
    const name = nameNode ? this.text(nameNode, specScope) : undefined;
    const use: CircleExecutorUse = { name: name?.text ?? '', node: value };
    if (!name || name.unknown.length > 0 || name.text === '') {
      use.missing = true;
      return { use };
    }
    const definition = this.config.executors.get(name.text);
    if (definition) {
      use.definition = definition;
      const args = new Map<string, YNode>();
      if (spec.isMap) for (const e of spec.entries()) if (e.key !== undefined && e.key !== 'name') args.set(e.key, e);
      const params = readParameters(definition.isMap ? definition.get('parameters') : undefined);
      return { use, scope: bindParameters(params, args, specScope, this.hooks) };
    }
    const orb = this.orbAlias(name.text);
    if (orb) {
      use.orb = orb.alias;
      return { use };
    }
    use.missing = true;
    this.report({ kind: 'executor-missing', job, executor: name.text, location: locationOf(nameNode ?? value) });
    return { use };
  }

  private readImage(item: YNode, index: number, scope: Scope, path: string): CircleImage | undefined {
    const imageNode = item.isMap ? item.get('image') : item;
    const image = imageNode ? this.text(imageNode, scope) : undefined;
    if (!image) {
      this.report({ kind: 'shape', path: `${path}[${index}]`, expected: 'a map with `image:`', location: locationOf(item) });
      return undefined;
    }
    const environment = item.isMap ? this.readEnvironment(item.get('environment'), scope, 'image', `${path}[${index}].environment`) : [];
    return { index, image, node: item, environment };
  }

  /** `environment:` as a map, or (as CircleCI also accepts) a list of one-entry maps or `NAME=value` strings. */
  private readEnvironment(node: YNode | undefined, scope: Scope, level: CircleEnvEntry['level'], path: string): CircleEnvEntry[] {
    if (!node || node.isNull) return [];
    const entries: YNode[] = [];
    if (node.isMap) entries.push(...node.entries());
    else if (node.isSeq) for (const item of node.items()) entries.push(...(item.isMap ? item.entries() : []));
    else {
      this.report({ kind: 'shape', path, expected: 'a map of variables', location: locationOf(node) });
      return [];
    }
    const out: CircleEnvEntry[] = [];
    for (const entry of entries) {
      if (entry.key === undefined) continue;
      const env: CircleEnvEntry = { name: entry.key, node: entry, level };
      const value = this.text(entry, scope);
      if (value) env.value = value;
      out.push(env);
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Steps

  private expandStepList(list: YNode | undefined, ctx: StepContext, flow: { job: CircleJob; steps: CircleStep[]; budget: { left: number; reported: boolean } }, depth: number): void {
    if (!list || list.isNull) return;
    // `steps: << parameters.steps >>`: the argument's steps, read where they were written.
    const whole = wholeParameter(list, ctx.scope);
    if (whole?.kind === 'node') {
      this.expandStepList(whole.node, { ...ctx, scope: whole.scope }, flow, depth);
      return;
    }
    if (!list.isSeq) {
      if (whole?.kind === 'unknown' || (whole === undefined && list.text?.includes('<<'))) {
        flow.job.incomplete = true;
        return;
      }
      this.report({ kind: 'shape', path: `jobs.${flow.job.name}.steps`, expected: 'a list of steps', location: locationOf(list) });
      return;
    }
    for (const item of list.items()) this.expandStep(item, ctx, flow, depth);
  }

  private expandStep(item: YNode, ctx: StepContext, flow: { job: CircleJob; steps: CircleStep[]; budget: { left: number; reported: boolean } }, depth: number): void {
    if (flow.budget.left <= 0) {
      if (!flow.budget.reported) this.report({ kind: 'step-limit', job: flow.job.name, location: locationOf(item) });
      flow.budget.reported = true;
      flow.job.incomplete = true;
      return;
    }
    let key: string | undefined;
    let value: YNode | undefined;
    if (item.isScalar) {
      const whole = wholeParameter(item, ctx.scope);
      if (whole?.kind === 'node') {
        this.expandStepList(whole.node, { ...ctx, scope: whole.scope }, flow, depth);
        return;
      }
      if (whole?.kind === 'unknown') {
        flow.job.incomplete = true;
        return;
      }
      key = expandText(item, ctx.scope, this.hooks)?.text.trim();
    } else if (item.isMap) {
      const entries = item.entries();
      if (entries.length !== 1) {
        this.report({ kind: 'shape', path: `jobs.${flow.job.name}.steps`, expected: 'a step with exactly one key', location: locationOf(item) });
        if (entries.length === 0) return;
      }
      key = entries[0]!.key;
      value = entries[0];
    }
    if (key === undefined || key === '') {
      this.report({ kind: 'shape', path: `jobs.${flow.job.name}.steps`, expected: 'a step: a name or a one-key map', location: locationOf(item) });
      return;
    }
    const base = (kind: CircleStepKind): CircleStep => {
      flow.budget.left--;
      const step: CircleStep = { index: flow.steps.length, kind, node: item, via: ctx.via, conditional: ctx.conditional, origin: ctx.origin };
      flow.steps.push(step);
      return step;
    };

    if (key === 'run') {
      const run = value ? this.readRun(value, ctx.scope, flow.job.name) : undefined;
      if (!run) {
        this.report({ kind: 'shape', path: `jobs.${flow.job.name}.steps`, expected: '`run:` with a command', location: locationOf(item) });
        return;
      }
      base('run').run = run;
      return;
    }
    if (key === 'when' || key === 'unless') {
      const body = value && value.isMap ? value : undefined;
      if (!body) {
        this.report({ kind: 'shape', path: `jobs.${flow.job.name}.steps`, expected: `\`${key}:\` with \`condition:\` and \`steps:\``, location: locationOf(item) });
        return;
      }
      const condition = this.literalCondition(body.get('condition'), ctx.scope);
      const runs = condition === undefined ? undefined : key === 'when' ? condition : !condition;
      if (runs === false) return;
      this.expandStepList(body.get('steps'), { ...ctx, conditional: ctx.conditional || runs === undefined }, flow, depth);
      return;
    }
    if (BUILTIN.has(key)) {
      const step = base(key as CircleStepKind);
      if (value && !value.isNull) step.args = value;
      return;
    }
    const command = this.config.commands.get(key);
    if (command) {
      const chain = ctx.via.map((v) => v.command);
      if (chain.includes(key)) {
        this.report({ kind: 'command-cycle', chain: [...chain, key], location: locationOf(item) });
        flow.job.incomplete = true;
        return;
      }
      if (depth >= MAX_COMMAND_DEPTH) {
        this.report({ kind: 'command-depth', command: key, location: locationOf(item) });
        flow.job.incomplete = true;
        return;
      }
      if (!command.isMap) {
        this.report({ kind: 'shape', path: `commands.${key}`, expected: 'a map with `steps:`', location: locationOf(command) });
        return;
      }
      const params = readParameters(command.get('parameters'));
      const scope = bindParameters(params, argsOf(value), ctx.scope, this.hooks);
      if ([...scope.bindings.values()].some((b) => b.kind === 'unknown')) flow.job.incomplete = true;
      this.expandStepList(command.get('steps'), { ...ctx, scope, via: [...ctx.via, { command: key, node: item }] }, flow, depth + 1);
      return;
    }
    const orb = this.orbAlias(key);
    if (orb && !orb.inline) {
      const step = base('orb');
      step.orb = { alias: orb.alias, command: key.slice(orb.alias.length + 1), args: argsOf(value) };
      if (orb.ref !== undefined) step.orb.ref = orb.ref;
      if (value && !value.isNull) step.args = value;
      flow.job.incomplete = true;
      return;
    }
    const step = base('unknown');
    step.name = key;
    if (value && !value.isNull) step.args = value;
    flow.job.incomplete = true;
    this.report({ kind: 'command-missing', command: key, location: locationOf(item.isMap ? (item.entries()[0] ?? item) : item) });
  }

  /** `condition: true/false` or a parameter that resolves to one; undefined for logic statements. */
  private literalCondition(node: YNode | undefined, scope: Scope): boolean | undefined {
    if (!node || !node.isScalar) return undefined;
    const t = expandText(node, scope, this.hooks);
    if (!t || t.unknown.length > 0) return undefined;
    const v = t.text.trim().toLowerCase();
    return v === 'true' ? true : v === 'false' ? false : undefined;
  }

  private readRun(value: YNode, scope: Scope, job: string): CircleRun | undefined {
    const commandNode = value.isMap ? value.get('command') : value;
    const command = commandNode ? this.text(commandNode, scope) : undefined;
    if (!command) return undefined;
    const run: CircleRun = {
      command,
      environment: [],
      background: false,
      publishes: [],
      oidc: [],
      npmIdToken: [],
      npmUpgrades: [],
      authTokenWrites: [],
    };
    if (value.isMap) {
      const name = this.text(value.get('name'), scope);
      if (name) run.name = name;
      run.environment = this.readEnvironment(value.get('environment'), scope, 'step', `jobs.${job}.steps[].run.environment`);
      const wd = this.text(value.get('working_directory'), scope);
      if (wd) run.workingDirectory = wd;
      const when = this.text(value.get('when'), scope);
      if (when) run.when = when.text;
      run.background = value.get('background')?.value === true;
    }
    run.publishes = findPublishes(command, { scripts: this.scripts });
    const shell = shellCommandsFor(command);
    run.oidc = findOidcGets(command, shell);
    run.npmIdToken = findNpmIdTokenSets(command, shell, run.oidc);
    run.npmUpgrades = findUpgrades(command);
    run.authTokenWrites = findAuthTokenWrites(command);
    return run;
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
    const text = (n: YNode | undefined): CircleText | undefined => (n ? expandText(n, EMPTY_SCOPE, this.hooks) : undefined);
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
      requires: list(map?.get('requires')),
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
      if (orb && !orb.inline) wj.orb = orb.alias;
      else {
        wj.missing = true;
        const location = settings ? { file: settings.file, ...settings.anchorSpan } : locationOf(jobNode);
        this.report({ kind: 'job-missing', workflow, job, location });
      }
      return wj;
    }
    if (!definition.isMap) return wj;
    for (const combo of this.combinations(wj)) {
      const noArgs = args.size === 0 && !combo && !map?.get('pre-steps') && !map?.get('post-steps');
      wj.instances.push(noArgs ? { ...this.definitionInstance(job, definition), invocation: wj } : this.instantiate(job, definition, args, EMPTY_SCOPE, wj, combo));
    }
    return wj;
  }

  private definitionInstance(name: string, node: YNode): CircleJob {
    return this.definitionInstances.get(name) ?? this.instantiate(name, node, new Map(), EMPTY_SCOPE);
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
          const t = expandText(v, EMPTY_SCOPE, this.hooks);
          const bindings = new Map(combo.bindings);
          bindings.set(axis.name, t ? { kind: 'text', value: t.text, node: v, from: 'matrix', unknown: t.unknown } : { kind: 'node', node: v, scope: EMPTY_SCOPE, from: 'matrix' });
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

/** The arguments of a command or orb-command invocation (`- cmd: { a: 1 }`). */
function argsOf(value: YNode | undefined): Map<string, YNode> {
  const out = new Map<string, YNode>();
  if (value?.isMap) for (const e of value.entries()) if (e.key !== undefined) out.set(e.key, e);
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
