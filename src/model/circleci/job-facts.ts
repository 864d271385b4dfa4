/**
 * The per-run facts of CircleCI job instances, each computed once per job on first use: the step
 * that runs each publish command (a step with 10,000 publishes is not searched once per publish,
 * issue 12), the job's Node before a step, and the answers built on them (npm upgrades, the npm at
 * a publish, how `NPM_ID_TOKEN` reaches it). `ProjectFacts` owns one (`ctx.facts.circleci`), so an
 * editor session never sees an answer from an earlier run and the type shows what rules can ask.
 */
import type { NodeContext, NodeResolution } from '../npm/node-version.js';
import type { PublishCommand } from '../npm/publish-site.js';
import {
  circleNpmAtPublish,
  circleUpgradesBefore,
  computeJobNode,
  npmIdTokenSources,
  stepsOfPublishes,
  upgradeNeedsSudo,
  type CircleNpmAtPublish,
  type CircleNpmUpgradeAt,
  type NpmIdTokenSource,
} from './facts.js';
import type { CircleConfig, CircleJob, CircleStep } from './types.js';
import { circleCommandNode } from './node-switch.js';
import { comparePositions, type Location, type Span } from '../../yaml/span.js';
import { carriedTokenWrites, persistedTokenWrites, type CarriedTokenWrite, type PersistedTokenWrite } from './workspace.js';
import { unreadInStep, unreadStepsBefore, type ReadFile, type UnreadInStep, type UnreadStep } from './unread-steps.js';

export class CircleJobFacts {
  private readonly steps = new Map<CircleJob, Map<PublishCommand, CircleStep>>();
  private readonly persistedWrites = new Map<CircleJob, readonly PersistedTokenWrite[]>();
  private readonly carried = new Map<CircleJob, Map<string, CarriedTokenWrite[]>>();
  private readonly nodes = new Map<CircleJob, Map<string, NodeResolution>>();
  private readonly unread = new Map<CircleJob, Map<PublishCommand, UnreadStep[]>>();
  private readonly unreadSteps = new Map<CircleJob, Map<CircleStep, UnreadInStep>>();

  /** `read` gives a committed file's text (the committed scripts a step runs). */
  constructor(private readonly read: ReadFile = () => undefined) {}

  /**
   * The step of the job that runs a publish command; for another command placed in a `run` step
   * (npm-supports-oidc's `npm dist-tag`, asked as a publish), the step whose command holds its location.
   */
  stepOf(job: CircleJob, publish: PublishCommand): CircleStep | undefined {
    let map = this.steps.get(job);
    if (!map) this.steps.set(job, (map = stepsOfPublishes(job)));
    return map.get(publish) ?? job.steps.find((s) => s.run !== undefined && s.run.command.node.file === publish.location.file && holds(s.run.command.node.span, publish.location));
  }

  /**
   * The Node a job's steps run on, up to the step `before` (exclusive; see `computeJobNode`). Every
   * publish of a step asks for the same answer: decided once per job, step and reader (a step with
   * thousands of publish lines resolved the image's Node that many times).
   */
  jobNode(job: CircleJob, before?: CircleStep, files?: NodeContext): NodeResolution {
    let perJob = this.nodes.get(job);
    if (!perJob) this.nodes.set(job, (perJob = new Map()));
    const key = `${before?.index ?? 'all'}:${files === undefined ? 'no-files' : 'files'}`;
    let node = perJob.get(key);
    if (!node) perJob.set(key, (node = computeJobNode(job, before, files)));
    return node;
  }

  /**
   * The Node that runs an npm upgrade: the job's before its step; after it for an orb command that
   * installs Node first and then upgrades npm with it (`node/install` of the node orb 1.x to 4.x); or
   * a version manager's run before it in its shell (../npm/node-switch.ts).
   */
  upgradeNode(job: CircleJob, upgrade: CircleNpmUpgradeAt, files?: NodeContext): NodeResolution {
    if (upgrade.viaOrb?.installsNode === true) return this.jobNode(job, job.steps[upgrade.step.index + 1], files);
    const base = this.jobNode(job, upgrade.step, files);
    return upgrade.viaScript !== undefined ? base : circleCommandNode(job, upgrade.step, { offset: upgrade.upgrade.offset, end: upgrade.upgrade.end }, base, files);
  }

  /** The npm upgrades that run before a publish: earlier steps, and earlier commands of its own step. */
  upgradesBefore(job: CircleJob, publish: PublishCommand): CircleNpmUpgradeAt[] {
    return circleUpgradesBefore(this, job, publish);
  }

  /** The npm that runs a publish of the job (see `circleNpmAtPublish`). */
  npmAtPublish(job: CircleJob, publish: PublishCommand, files?: NodeContext): CircleNpmAtPublish {
    return circleNpmAtPublish(this, job, publish, files);
  }

  /** True when a global npm install of the job fails with EACCES because it lacks `sudo` (see `upgradeNeedsSudo`). */
  upgradeNeedsSudo(job: CircleJob, upgrade: CircleNpmUpgradeAt): boolean {
    return upgradeNeedsSudo(this, job, upgrade);
  }

  /**
   * The token files jobs upstream of `job` write and carry to it through the workspace before its
   * step `beforeStep` (see `carriedTokenWrites`); each job's own writes are read once per run.
   */
  carriedTokenWrites(config: CircleConfig, job: CircleJob, beforeStep: number, publishDirs: readonly (string | undefined)[]): CarriedTokenWrite[] {
    let perJob = this.carried.get(job);
    if (!perJob) this.carried.set(job, (perJob = new Map()));
    const key = `${beforeStep}:${publishDirs.map((d) => d ?? '\u0000').join('\n')}`;
    let found = perJob.get(key);
    if (!found) {
      const writesOf = (upstream: CircleJob): readonly PersistedTokenWrite[] => {
        let writes = this.persistedWrites.get(upstream);
        if (!writes) this.persistedWrites.set(upstream, (writes = persistedTokenWrites(upstream)));
        return writes;
      };
      perJob.set(key, (found = carriedTokenWrites(config, job, beforeStep, publishDirs, writesOf)));
    }
    return found;
  }

  /**
   * The steps (and commands of its own step) before a publish that tp-doctor cannot fully read and
   * that may set a variable for it through `$BASH_ENV` (see unread-steps.ts), in the order they run.
   */
  unreadStepsBefore(job: CircleJob, publish: PublishCommand): UnreadStep[] {
    let perJob = this.unread.get(job);
    if (!perJob) this.unread.set(job, (perJob = new Map()));
    let found = perJob.get(publish);
    if (!found) {
      const step = this.stepOf(job, publish);
      let steps = this.unreadSteps.get(job);
      if (!steps) this.unreadSteps.set(job, (steps = new Map()));
      const memo = steps;
      const inStep = (s: CircleStep): UnreadInStep => {
        let answer = memo.get(s);
        if (!answer) memo.set(s, (answer = unreadInStep(job, s, this.read)));
        return answer;
      };
      perJob.set(publish, (found = step ? unreadStepsBefore(job, step, publish.match.offset, inStep) : []));
    }
    return found;
  }

  /** Every way `NPM_ID_TOKEN` is set before a publish command (see `npmIdTokenSources`). */
  npmIdTokenSources(job: CircleJob, publish: PublishCommand): NpmIdTokenSource[] {
    return npmIdTokenSources(this, job, publish);
  }
}

/** Whether `at` lies within `span` of its file. */
function holds(span: Span, at: Location): boolean {
  return comparePositions(span.start, at.start) <= 0 && comparePositions(at.end, span.end) <= 0;
}
