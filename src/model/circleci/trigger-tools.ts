/**
 * The sign of npm a release tool that triggers the pipeline gives a step whose command is a
 * pipeline parameter (`data/pipeline-triggers.ts`): its committed file names CircleCI, and one of
 * its plans runs a publish tp-doctor recognises (`npm publish`). A strong sign for that step's
 * possible publish only (`circleci/possible.ts` `triggerCandidate`): which plan a trigger passes,
 * and so whether the publish runs, stays unknown. And the steps whose command a trigger chooses in
 * jobs named for a release that nothing made a possible publish (`triggerChosenReleaseSteps`).
 */
import { PIPELINE_TRIGGER_TOOLS } from '../data/pipeline-triggers.js';
import { PUBLISH_HINT, type NpmSignal } from '../npm/possible-publish.js';
import { findPublishCommands } from '../npm/publish-commands.js';
import { circleJobInstances } from './config.js';
import type { YNode } from '../../yaml/parse.js';
import type { CircleConfig, CircleJob, CircleSubstitution } from './types.js';

/** Plans and command lines read at most, per file. */
const MAX_PLANS = 50;
const MAX_COMMANDS = 200;

/** The sign, from the first tool whose file names CircleCI and has a plan that publishes; `rootOf` gives a repository JSON file's root (`RepoFiles.yaml`: cached, undefined when absent or not valid). */
export function triggerToolSign(rootOf: (file: string) => YNode | undefined): NpmSignal | undefined {
  for (const tool of PIPELINE_TRIGGER_TOOLS) {
    const top = rootOf(tool.file);
    if (!top?.isMap || String(top.get(tool.ciKey)?.value ?? '').toLowerCase() !== tool.ciValue) continue;
    const plans = (top.get(tool.plansKey)?.entries() ?? []).slice(0, MAX_PLANS);
    let budget = MAX_COMMANDS;
    for (const plan of plans) {
      const commands = plan.get(tool.commandsKey);
      if (!commands?.isSeq) continue;
      for (const command of commands.items()) {
        if (budget-- <= 0) break;
        if (typeof command.value !== 'string') continue;
        const match = findPublishCommands(command.value, {})[0];
        if (match) return { label: `${tool.tool} triggers the pipeline from \`${tool.file}\`, whose plan "${plan.key ?? ''}" runs \`${match.text}\``, strong: true };
      }
    }
  }
  return undefined;
}

/**
 * The steps of a configuration's jobs whose command a trigger chooses (`run: << pipeline.parameters.release_command >>`)
 * and whose job, step or parameter name says publish or release, in jobs with no publish, not even
 * a possible one (no sign of npm made it one): a publish tp-doctor cannot read may run there. The
 * inferred publisher reads them (src/config/infer.ts), so such a pipeline is not passed over for a
 * GitHub repository with no workflow that publishes.
 */
export function triggerChosenReleaseSteps(config: CircleConfig): { job: CircleJob; parameter: CircleSubstitution }[] {
  const out: { job: CircleJob; parameter: CircleSubstitution }[] = [];
  for (const job of circleJobInstances(config)) {
    if (job.publishes.length > 0) continue;
    for (const step of job.steps) {
      const parameter = step.run?.triggerChosen;
      if (parameter && PUBLISH_HINT.test(`${job.name} ${step.run?.name?.text ?? ''} ${parameter.name}`)) out.push({ job, parameter });
    }
  }
  return out;
}
