/**
 * The CircleCI model (`.circleci/config.yml`): what rules import. See config.ts (loading, workflows
 * and job instances; it builds on reader.ts, steps.ts and jobs.ts), facts.ts (Node, npm,
 * NPM_ID_TOKEN, resource class, token environment; orb-npm.ts: npm upgrades of orb commands), job-facts.ts (`CircleJobFacts`, the per-run
 * memo `ProjectFacts.circleci` owns) and types.ts.
 */
export * from './types.js';
export {
  circleJobInstances,
  circleJobPublishes,
  DEFAULT_CIRCLECI_FILE,
  isPublishingCircleJob,
  jobParameter,
  loadCircleConfig,
  MAX_COMMAND_DEPTH,
  MAX_MATRIX,
  MAX_STEPS,
  type CircleLoadOptions,
  type CircleLoadResult,
} from './config.js';
export {
  circleJobContexts,
  computeJobNode,
  stepsOfPublishes,
  circleNpmAtPublish,
  cimgFor,
  cimgShipping,
  circleImageUser,
  circleOidcEnvToken,
  circleUpgradesBefore,
  describeCircleStep,
  effectiveNpmIdToken,
  hasCirclePublisher,
  npmIdTokenSources,
  npmTokenEnvironment,
  NPM_TOKEN_VARIABLES,
  onPipelineDefault,
  readsPipelineDefault,
  substitutionFrom,
  upgradeNeedsSudo,
  whereToSetCircleNode,
  type CircleNpmAtPublish,
  type CircleNpmUpgradeAt,
  type NpmIdTokenSource,
} from './facts.js';
export { CircleJobFacts } from './job-facts.js';
export { nodeInstallOf, orbInstallNode, type CircleNodeInstall } from './orb-node.js';
export { frozenNodeImage, parseKnownNodeImage } from '../npm/node-images.js';
export { setsNpmUp, unreadStepsBefore, type UnreadStep } from './unread-steps.js';
export { circlePipelineFile, unreadableContinuations } from './continuation.js';
export { locate, readAudience } from './run.js';
export { pipelineDefaults } from './template.js';
