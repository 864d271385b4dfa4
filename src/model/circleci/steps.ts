/**
 * CircleCI steps: a job's step list expanded the way CircleCI runs it: reusable `commands:`
 * expanded recursively (bounded, cycles reported), `when:`/`unless:` flattened, `<< parameters.x >>`
 * bound, `run:` steps read with the npm commands they run, orb commands named but not read.
 */
import type { YNode } from '../../yaml/parse.js';
import { ConfigReader, locationOf } from './reader.js';
import { circleEnvValues, earlierRunTexts, findAuthTokenWrites, findNpmIdTokenSets, findOidcGets, findPublishes, findUpgrades, shellCommandsFor } from './run.js';
import { bindParameters, commandPositionPipelineParameter, expandText, pipelineDefaults, readParameters, triggerChosenText, triggerChosenWithin, wholeParameter, wholePipelineParameter, type Scope } from './template.js';
import type { CircleJob, CircleRun, CircleStep, CircleStepKind, CircleText } from './types.js';

/** How deep reusable commands may call each other before tp-doctor stops following them. */
export const MAX_COMMAND_DEPTH = 16;
/** Steps per job instance (commands expanded): a bound against crafted fan-out. */
export const MAX_STEPS = 5000;

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


export interface StepContext {
  scope: Scope;
  via: { command: string; node: YNode }[];
  conditional: boolean;
  origin: CircleStep['origin'];
}

/** Where expanded steps go: the job, its steps so far and the step budget left. */
export interface StepFlow {
  job: CircleJob;
  steps: CircleStep[];
  budget: { left: number; reported: boolean };
}

export abstract class StepExpander extends ConfigReader {

  protected expandStepList(list: YNode | undefined, ctx: StepContext, flow: StepFlow, depth: number): void {
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

  protected expandStep(item: YNode, ctx: StepContext, flow: StepFlow, depth: number): void {
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

    // `deploy:` is CircleCI's deprecated spelling of `run:` (palantir's conjure-typescript publishes in one).
    if (key === 'run' || key === 'deploy') {
      const run = value ? this.readRun(value, ctx.scope, flow.job, earlierRunTexts(flow.steps, { index: flow.steps.length })) : undefined;
      if (!run) {
        this.report({ kind: 'shape', path: `jobs.${flow.job.name}.steps`, expected: `\`${key}:\` with a command`, location: locationOf(item) });
        return;
      }
      base('run').run = run;
      return;
    }
    if (key === 'when' || key === 'unless') {
      this.expandConditional(key, item, value, ctx, flow, depth);
      return;
    }
    if (BUILTIN.has(key)) {
      this.builtinArgs(base(key as CircleStepKind), value, ctx.scope);
      return;
    }
    const command = this.config.commands.get(key);
    if (command) {
      this.expandCommand(key, command, item, value, ctx, flow, depth);
      return;
    }
    const orb = this.orbAlias(key);
    if (orb && !orb.inline) {
      const step = base('orb');
      const args = argsOf(value);
      step.orb = { alias: orb.alias, command: key.slice(orb.alias.length + 1), args, texts: this.argTexts(args, ctx.scope), publishes: [] };
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

  /**
   * A built-in step's arguments, and those paths read later with their parameters expanded:
   * `checkout`'s `path:` (`CircleStep.checkoutPath`), `persist_to_workspace`'s `root:` and `paths:`
   * (`CircleStep.persist`), `attach_workspace`'s `at:` (`CircleStep.attachAt`).
   */
  private builtinArgs(step: CircleStep, value: YNode | undefined, scope: Scope): void {
    if (!value || value.isNull) return;
    step.args = value;
    if (!value.isMap) return;
    if (step.kind === 'checkout') {
      const path = this.text(value.get('path'), scope);
      if (path) step.checkoutPath = path;
    } else if (step.kind === 'persist_to_workspace') {
      const root = this.text(value.get('root'), scope);
      const items = value.get('paths')?.list() ?? [];
      const paths = items.map((item) => (item.isScalar ? this.text(item, scope) : undefined));
      const read = paths.filter((p): p is CircleText => p !== undefined);
      step.persist = { ...(root ? { root } : {}), paths: read, unreadPaths: read.length < paths.length };
    } else if (step.kind === 'attach_workspace') {
      const at = this.text(value.get('at'), scope);
      if (at) step.attachAt = at;
    }
  }

  /** A `when:`/`unless:` step: its steps, unless a literal condition rules them out. */
  private expandConditional(key: 'when' | 'unless', item: YNode, value: YNode | undefined, ctx: StepContext, flow: StepFlow, depth: number): void {
    const body = value && value.isMap ? value : undefined;
    if (!body) {
      this.report({ kind: 'shape', path: `jobs.${flow.job.name}.steps`, expected: `\`${key}:\` with \`condition:\` and \`steps:\``, location: locationOf(item) });
      return;
    }
    const condition = this.literalCondition(body.get('condition'), ctx.scope);
    const runs = condition === undefined ? undefined : key === 'when' ? condition : !condition;
    if (runs === false) return;
    this.expandStepList(body.get('steps'), { ...ctx, conditional: ctx.conditional || runs === undefined }, flow, depth);
  }

  /** A reusable command: its steps with its parameters bound, bounded in depth and without cycles. */
  private expandCommand(key: string, command: YNode, item: YNode, value: YNode | undefined, ctx: StepContext, flow: StepFlow, depth: number): void {
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
  }

  /**
   * `condition: true/false` or a parameter that resolves to one; undefined for logic statements and
   * for a pipeline parameter's default, which a trigger may replace (a release step behind
   * `<< pipeline.parameters.release >>`, false by default, runs when the pipeline is triggered with
   * true: it stays, as a conditional step).
   */
  protected literalCondition(node: YNode | undefined, scope: Scope): boolean | undefined {
    if (!node || !node.isScalar) return undefined;
    const t = expandText(node, scope, this.hooks);
    if (!t || t.unknown.length > 0 || pipelineDefaults(t).length > 0) return undefined;
    const v = t.text.trim().toLowerCase();
    return v === 'true' ? true : v === 'false' ? false : undefined;
  }

  /** The scalar arguments of an orb command or orb job, expanded in the caller's scope. */
  protected argTexts(args: ReadonlyMap<string, YNode>, scope: Scope): Map<string, CircleText> {
    const out = new Map<string, CircleText>();
    for (const [name, node] of args) {
      const text = node.isScalar ? this.text(node, scope) : undefined;
      if (text) out.set(name, text);
    }
    return out;
  }

  protected readRun(value: YNode, scope: Scope, circleJob: CircleJob, earlier: readonly string[] = []): CircleRun | undefined {
    const job = circleJob.name;
    const commandNode = value.isMap ? value.get('command') : value;
    const expanded = commandNode ? this.text(commandNode, scope) : undefined;
    if (!expanded) return undefined;
    // `run: << pipeline.parameters.release_command >>`: the trigger passes the command; its default
    // is not what the release runs, so it is not read as one (defaults inside a command are).
    // A pipeline parameter in a command position of a longer command is the trigger's choice too;
    // the rest of the command is read as usual.
    const whole = wholePipelineParameter(expanded);
    const inner = whole ? undefined : commandPositionPipelineParameter(expanded);
    const read = whole ? triggerChosenText(expanded, whole) : inner ? triggerChosenWithin(expanded, inner) : undefined;
    const command = read?.text ?? expanded;
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
    if (read) run.triggerChosen = read.parameter;
    if (whole) return run;
    // Script and configuration files are looked up from the repository root; a step's own
    // `working_directory` is resolved only later (circleStepDirectory), so its `./x.sh` is not read.
    const recognize = { ...this.recognize, envValues: circleEnvValues(circleJob.environment, run.environment, earlier) };
    run.publishes = findPublishes(command, run.workingDirectory ? { ...recognize, shellFile: undefined, toolConfig: undefined, workspaceScripts: undefined } : recognize);
    const shell = shellCommandsFor(command);
    run.oidc = findOidcGets(command, shell);
    run.npmIdToken = findNpmIdTokenSets(command, shell, run.oidc);
    run.npmUpgrades = findUpgrades(command);
    run.authTokenWrites = findAuthTokenWrites(command);
    return run;
  }
}

/** The arguments of a command or orb-command invocation (`- cmd: { a: 1 }`). */
export function argsOf(value: YNode | undefined): Map<string, YNode> {
  const out = new Map<string, YNode>();
  if (value?.isMap) for (const e of value.entries()) if (e.key !== undefined) out.set(e.key, e);
  return out;
}
