/**
 * CircleCI job instances: a job definition instantiated with its parameters bound (from a workflow
 * invocation, a matrix combination or the defaults), its executor resolved (`executor:` by name or
 * `{ name, ...args }`; the job's own keys override it) and its steps expanded.
 */
import type { YNode } from '../../yaml/parse.js';
import { contextSignals, detectCirclePossiblePublish } from './possible.js';
import { locationOf } from './reader.js';
import { MAX_STEPS, StepExpander, type StepContext } from './steps.js';
import { circleCheckoutDir, circleStepDirectory } from './checkout-dir.js';
import { circleEnvValues, earlierRunTexts, findPublishes } from './run.js';
import { orbExecutor } from '../data/orbs.js';
import { bindParameters, expandString, readParameters, wholeParameter, type Binding, type Scope } from './template.js';
import type { CircleExecutorUse, CircleImage, CircleJob, CircleOrb, CircleStep, CircleWorkflowJob } from './types.js';

/** A `resource_class` of the form `namespace/name` selects a self-hosted runner. */
const SELF_HOSTED_CLASS = /^[^/\s]+\/[^/\s]+$/;

/** Where a job's execution keys are read: its executor's definition, then the job itself. */
export interface ExecutionSource {
  node: YNode;
  scope: Scope;
  level: 'executor' | 'job';
}

export abstract class JobBuilder extends StepExpander {
  protected instantiate(
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
      const known = resolved.use.known;
      if (known && resolved.scope) {
        // A known orb executor: its one image (the job's own keys below may still override it).
        const image = this.knownOrbImage(known.image, resolved.use.node, resolved.scope);
        job.docker = [image];
        job.executorKind = 'docker';
        if (image.image.unknown.length > 0) job.incomplete = true;
      } else if (resolved.use.orb !== undefined || resolved.use.missing || !executorDef) job.incomplete = true;
    }
    const sources: ExecutionSource[] = [];
    if (executorDef?.isMap && executorScope) sources.push({ node: executorDef, scope: executorScope, level: 'executor' });
    sources.push({ node, scope, level: 'job' });

    this.readExecution(job, name, sources);
    const primary = job.docker[0];
    if (primary) job.environment.push(...primary.environment);

    const ctx: StepContext = { scope, via: [], conditional: false, origin: 'job' };
    const steps: CircleStep[] = [];
    const budget = { left: MAX_STEPS, reported: false };
    const flow = { job, steps, budget };
    const settings = invocation?.jobNode.isMap ? invocation.jobNode : undefined;
    this.expandStepList(settings?.get('pre-steps'), { ...ctx, scope: this.top, origin: 'pre-steps' }, flow, 0);
    const own = node.get('steps');
    if (!own || own.isNull) {
      this.report({ kind: 'shape', path: `jobs.${name}.steps`, expected: 'a list of steps', location: { file: node.file, ...node.anchorSpan } });
    } else {
      this.expandStepList(own, ctx, flow, 0);
    }
    this.expandStepList(settings?.get('post-steps'), { ...ctx, scope: this.top, origin: 'post-steps' }, flow, 0);
    job.steps = steps;
    this.rereadStepsInDirectories(job);
    // A command the trigger chooses (`run: << pipeline.parameters.cmd >>`) is one tp-doctor cannot read.
    if (steps.some((s) => s.run?.triggerChosen)) job.incomplete = true;
    job.publishes = steps.flatMap((s) => s.run?.publishes ?? []);
    detectCirclePossiblePublish(job, this.recognize, contextSignals(invocation), this.manifest, this.triggerTool, this.recognizeAt);
    return job;
  }

  /**
   * The stand-in of an orb job a workflow invokes (`- auto/publish`), when it may publish: the
   * invocation's `pre-steps`, one `orb` step for the job (not read: tp-doctor never fetches orbs),
   * the `post-steps`. A context whose name says npm is a sign of npm for it. Undefined when nothing
   * makes it a possible publish: such an orb job stays without instances, as before.
   */
  protected orbJobInstance(wj: CircleWorkflowJob, orb: CircleOrb): CircleJob | undefined {
    const job: CircleJob = { name: wj.job, node: wj.node, invocation: wj, parameters: new Map(), executorKind: 'none', docker: [], environment: [], steps: [], publishes: [], incomplete: true, orb: orb.alias };
    const steps: CircleStep[] = [];
    const flow = { job, steps, budget: { left: MAX_STEPS, reported: false } };
    const ctx: StepContext = { scope: this.top, via: [], conditional: false, origin: 'pre-steps' };
    const settings = wj.jobNode.isMap ? wj.jobNode : undefined;
    this.expandStepList(settings?.get('pre-steps'), ctx, flow, 0);
    const command = wj.job.slice(orb.alias.length + 1);
    steps.push({ index: steps.length, kind: 'orb', node: wj.node, via: [], conditional: false, origin: 'job', orb: { alias: orb.alias, command, ...(orb.ref !== undefined ? { ref: orb.ref } : {}), args: wj.args, texts: this.argTexts(wj.args, this.top), job: true, publishes: [] } });
    this.expandStepList(settings?.get('post-steps'), { ...ctx, origin: 'post-steps' }, flow, 0);
    job.steps = steps;
    job.publishes = steps.flatMap((s) => s.run?.publishes ?? []);
    detectCirclePossiblePublish(job, this.recognize, contextSignals(wj), this.manifest, undefined, this.recognizeAt);
    return job.publishes.length > 0 ? job : undefined;
  }

  /**
   * Where a `run` step runs is resolved once the job's checkout is known (./checkout-dir.ts): its own
   * `working_directory`, else the job's, below the checkout. A step whose own one is the repository's
   * root (`checkout: { path: girder }` with `working_directory: girder`) reads its commands again with
   * the root's scripts and committed files (steps.ts reads a step with its own directory without
   * them); a step that runs in a known directory below the root (`working_directory: packages/x`,
   * `~/project/packages/x`) reads them with that directory's package.json scripts, configuration and
   * script files (`recognizeAt`; `CircleRun.readIn`). One whose directory cannot be told keeps
   * steps.ts's reading.
   */
  protected rereadStepsInDirectories(job: CircleJob): void {
    const checkout = circleCheckoutDir(job);
    for (const step of job.steps) {
      const run = step.run;
      if (!run || run.triggerChosen) continue;
      const dir = circleStepDirectory(job, step, checkout);
      if (dir === undefined || (dir === '' && !run.workingDirectory)) continue;
      if (dir === '') {
        run.atRoot = true;
        run.publishes = findPublishes(run.command, { ...this.recognize, envValues: circleEnvValues(job.environment, run.environment, earlierRunTexts(job.steps, step)) });
      } else if (this.recognizeAt !== undefined) {
        run.readIn = dir;
        run.publishes = findPublishes(run.command, { ...this.recognizeAt(dir), envValues: circleEnvValues(job.environment, run.environment, earlierRunTexts(job.steps, step)) });
      }
    }
  }

  /** The executor's then the job's own execution keys (docker/machine/macos, resource class, environment, working directory); later ones override. */
  protected readExecution(job: CircleJob, name: string, sources: readonly ExecutionSource[]): void {
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
  }

  protected resolveExecutor(job: string, value: YNode, scope: Scope): { use: CircleExecutorUse; scope?: Scope } {
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
      const known = orb.inline ? undefined : orbExecutor(orb.namespace, orb.orbName, orb.version, name.text.slice(orb.alias.length + 1));
      if (!known) return { use };
      use.known = { ref: orb.ref ?? orb.alias, ...known };
      // Its `tag`: the argument, else the default of the orb version pinned (written at the `orbs:` entry).
      const args = new Map<string, YNode>();
      if (spec.isMap) for (const e of spec.entries()) if (e.key === 'tag') args.set(e.key, e);
      const bound = bindParameters(new Map([['tag', { name: 'tag', node: value }]]), args, specScope, this.hooks);
      if (bound.bindings.get('tag')?.kind !== 'unknown' || known.tagDefault === undefined) return { use, scope: bound };
      const tag: Binding = { kind: 'text', value: known.tagDefault, node: orb.node, from: 'default', unknown: [] };
      return { use, scope: { ...bound, bindings: new Map([['tag', tag]]) } };
    }
    use.missing = true;
    this.report({ kind: 'executor-missing', job, executor: name.text, location: locationOf(nameNode ?? value) });
    return { use };
  }

  /** The image of a known orb executor (`cimg/node:<< parameters.tag >>`), expanded where the job names the executor. */
  protected knownOrbImage(image: string, node: YNode, scope: Scope): CircleImage {
    return { index: 0, image: expandString(image, node, scope, this.hooks), node, environment: [] };
  }

  protected readImage(item: YNode, index: number, scope: Scope, path: string): CircleImage | undefined {
    const imageNode = item.isMap ? item.get('image') : item;
    const image = imageNode ? this.text(imageNode, scope) : undefined;
    if (!image) {
      this.report({ kind: 'shape', path: `${path}[${index}]`, expected: 'a map with `image:`', location: locationOf(item) });
      return undefined;
    }
    const environment = item.isMap ? this.readEnvironment(item.get('environment'), scope, 'image', `${path}[${index}].environment`) : [];
    return { index, image, node: item, environment };
  }
}
