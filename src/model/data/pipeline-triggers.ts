/**
 * Release tools that start a CircleCI pipeline through CircleCI's API with a pipeline parameter set
 * to the commands of a plan written in a committed file, for a configuration that runs that
 * parameter as a step's command (`run: << pipeline.parameters.release_command >>`). tp-doctor
 * cannot tell which plan a trigger passes, but a plan that publishes, in the file of a tool that
 * triggers CircleCI, says the step may run it: a sign of npm for that step's possible publish
 * (`circleci/trigger-tools.ts`).
 *
 * Twilio's release tool (npm `twilio-release-tool`): `.release.json` with `"ci": "circleci"` and
 * `plans.<name>.commands`, a list of command lines, in twilio/twilio-video.js and
 * twilio/twilio-video-processors.js (2026-12; whose `publish` plan runs `NPM_ID_TOKEN=$(circleci run
 * oidc get …) npm publish`, and whose configuration says "release-tool specifies the real command").
 */
export interface PipelineTriggerTool {
  /** The committed file, from the repository root. */
  file: string;
  /** The tool, as a finding names it. */
  tool: string;
  /** The top-level key naming the CI system, and the value that means CircleCI. */
  ciKey: string;
  ciValue: string;
  /** The top-level map of plans, and each plan's list of command lines. */
  plansKey: string;
  commandsKey: string;
}

export const PIPELINE_TRIGGER_TOOLS: readonly PipelineTriggerTool[] = [
  { file: '.release.json', tool: "Twilio's release tool", ciKey: 'ci', ciValue: 'circleci', plansKey: 'plans', commandsKey: 'commands' },
];
