/**
 * Orb jobs whose definition `data/orbs.ts` holds (`ORB_SCRIPT_JOBS`: the circleci/node orb's `run`),
 * invoked by a workflow (`- node/run: { npm-run: release }`): read as the job the orb defines, not
 * as a stand-in known only by its names. It runs in the orb's executor (its `default` with the
 * `version` argument as the tag, or the default of the orb version pinned; in 7.x the `executor`
 * argument, else `default`), `checkout`, the `setup` steps, then the package script its arguments
 * name (`npm run release`) in `app-dir`, read like a `run` step's command: a publish in the script is
 * as certain as `npm run release` is in a `run` step, and the Node is the executor image's (unknown
 * when the tag cannot be told, as for any image). An orb version tp-doctor cannot tell, or a job
 * not in the table, is the stand-in of `jobs.ts` as before.
 */
import { orbExecutor, orbScriptJob, type OrbScriptJob, type OrbScriptJobVersion } from '../data/orbs.js';
import { JobBuilder } from './jobs.js';
import { contextSignals, detectCirclePossiblePublish } from './possible.js';
import { findPublishes } from './run.js';
import { MAX_STEPS, type StepContext } from './steps.js';
import { bindParameters, type Binding } from './template.js';
import type { CircleJob, CircleOrb, CircleRun, CircleStep, CircleText, CircleWorkflowJob } from './types.js';

export abstract class OrbJobBuilder extends JobBuilder {
  protected override orbJobInstance(wj: CircleWorkflowJob, orb: CircleOrb): CircleJob | undefined {
    const known = orb.inline ? undefined : orbScriptJob(orb.namespace, orb.orbName, orb.version, wj.job.slice(orb.alias.length + 1));
    return known ? this.scriptJobInstance(wj, orb, known.entry, known.row) : super.orbJobInstance(wj, orb);
  }

  /** The instance of a known orb job; undefined when it runs no publish, not even a possible one. */
  private scriptJobInstance(wj: CircleWorkflowJob, orb: CircleOrb, entry: OrbScriptJob, row: OrbScriptJobVersion): CircleJob | undefined {
    const job: CircleJob = { name: wj.job, node: wj.node, invocation: wj, parameters: new Map(), executorKind: 'none', docker: [], environment: [], steps: [], publishes: [], incomplete: false, orb: orb.alias };
    this.scriptJobExecutor(job, wj, orb, entry, row);
    const steps: CircleStep[] = [];
    const flow = { job, steps, budget: { left: MAX_STEPS, reported: false } };
    const ctx: StepContext = { scope: this.top, via: [], conditional: false, origin: 'pre-steps' };
    const settings = wj.jobNode.isMap ? wj.jobNode : undefined;
    this.expandStepList(settings?.get('pre-steps'), ctx, flow, 0);
    steps.push({ index: steps.length, kind: 'checkout', node: wj.node, via: [], conditional: false, origin: 'job' });
    const setup = wj.args.get(row.setupParameter);
    if (setup?.isSeq) this.expandStepList(setup, { ...ctx, origin: 'job' }, flow, 0);
    const run = this.scriptRun(wj, row);
    if (run) steps.push({ index: steps.length, kind: 'run', node: wj.node, via: [], conditional: false, origin: 'job', run });
    this.expandStepList(settings?.get('post-steps'), { ...ctx, origin: 'post-steps' }, flow, 0);
    job.steps = steps;
    this.rereadStepsInDirectories(job);
    job.publishes = steps.flatMap((s) => s.run?.publishes ?? []);
    detectCirclePossiblePublish(job, this.recognize, contextSignals(wj), this.manifest, this.triggerTool, this.recognizeAt);
    return job.publishes.length > 0 ? job : undefined;
  }

  /**
   * The `run` step that runs the package script: `<runner> <script>` for the package manager the
   * arguments choose (a value tp-doctor cannot read chooses none), in `app-dir` when it is not the
   * default. Undefined without a script name (the orb then runs `npm run` with none).
   */
  private scriptRun(wj: CircleWorkflowJob, row: OrbScriptJobVersion): CircleRun | undefined {
    const texts = this.argTexts(wj.args, this.top);
    const chosen = texts.get(row.managerParameter);
    if (chosen && chosen.unknown.length > 0) return undefined;
    const manager = chosen?.text.trim() || row.managerDefault;
    const script = row.scripts[manager] ?? row.scripts['else'];
    const name = script ? texts.get(script.parameter) : undefined;
    if (!script || !name || name.text.trim() === '') return undefined;
    const shift = script.runner.length + 1 - (name.text.length - name.text.trimStart().length);
    const command: CircleText = {
      text: `${script.runner} ${name.text.trim()}`,
      raw: name.raw,
      node: name.node,
      unknown: name.unknown,
      substituted: name.substituted.map((s) => ({ ...s, offset: s.offset + shift, end: s.end + shift })),
    };
    // The orb names the step `Run <pkg-manager> <npm-run>`.
    const stepName: CircleText = { text: `Run ${manager} ${name.text.trim()}`, raw: name.raw, node: name.node, unknown: [], substituted: [] };
    const run: CircleRun = { command, name: stepName, environment: [], background: false, publishes: [], oidc: [], npmIdToken: [], npmUpgrades: [], authTokenWrites: [] };
    const directory = texts.get(row.directoryParameter);
    if (directory && directory.text.trim() !== row.directoryDefault) run.workingDirectory = directory;
    // As `readRun` does: committed files are looked up from the root, a step's own directory later (`rereadRootSteps`).
    run.publishes = findPublishes(command, run.workingDirectory ? { ...this.recognize, shellFile: undefined, toolConfig: undefined, workspaceScripts: undefined } : this.recognize);
    return run;
  }

  /** The orb's executor: an `executor` argument (7.x) read like a job's `executor:`, else the orb's with the `tag` the arguments or the orb version give. */
  private scriptJobExecutor(job: CircleJob, wj: CircleWorkflowJob, orb: CircleOrb, entry: OrbScriptJob, row: OrbScriptJobVersion): void {
    const given = row.executorParameter === undefined ? undefined : wj.args.get(row.executorParameter);
    if (given) {
      const resolved = this.resolveExecutor(wj.job, given, this.top);
      job.executor = resolved.use;
      if (resolved.use.known && resolved.scope) this.useImage(job, this.knownOrbImage(resolved.use.known.image, resolved.use.node, resolved.scope));
      else if (resolved.use.definition?.isMap && resolved.scope) this.readExecution(job, wj.job, [{ node: resolved.use.definition, scope: resolved.scope, level: 'executor' }]);
      else job.incomplete = true;
      return;
    }
    const known = orbExecutor(orb.namespace, orb.orbName, orb.version, entry.executor);
    if (!known) {
      job.incomplete = true;
      return;
    }
    const tag = row.tagParameter === undefined ? undefined : wj.args.get(row.tagParameter);
    const bound = bindParameters(new Map([['tag', { name: 'tag', node: orb.node }]]), tag ? new Map([['tag', tag]]) : new Map(), this.top, this.hooks);
    const tagDefault = row.tagDefault ?? known.tagDefault;
    const fallback: Binding | undefined = tagDefault === undefined ? undefined : { kind: 'text', value: tagDefault, node: orb.node, from: 'default', unknown: [] };
    const scope = tag || !fallback ? bound : { ...bound, bindings: new Map([['tag', fallback]]) };
    job.executor = { name: `${orb.alias}/${entry.executor}`, node: tag ?? orb.node, orb: orb.alias, known: { ref: orb.ref ?? orb.alias, ...known } };
    this.useImage(job, this.knownOrbImage(known.image, tag ?? orb.node, scope));
  }

  private useImage(job: CircleJob, image: CircleJob['docker'][number]): void {
    job.docker = [image];
    job.executorKind = 'docker';
    if (image.image.unknown.length > 0) job.incomplete = true;
  }
}
