/**
 * The rule registry: every rule folder under rules/ is listed here (a meta test checks that the
 * two agree). The engine does not import this file; the CLI and the ESLint plugin pass it in.
 */
import type { AnyRule } from '../src/engine/define-rule.js';
import invalidYaml from './invalid-yaml/invalid-yaml.js';
import invalidPackageJson from './invalid-package-json/invalid-package-json.js';
import publisherConfigValid from './publisher-config-valid/publisher-config-valid.js';
import trustedWorkflowExists from './trusted-workflow-exists/trusted-workflow-exists.js';
import publishFromTrustedWorkflow from './publish-from-trusted-workflow/publish-from-trusted-workflow.js';
import requireIdTokenWrite from './require-id-token-write/require-id-token-write.js';
import environmentMatchesPublisher from './environment-matches-publisher/environment-matches-publisher.js';
import requireHostedRunner from './require-hosted-runner/require-hosted-runner.js';
import noLongLivedToken from './no-long-lived-token/no-long-lived-token.js';
import npmSupportsOidc from './npm-supports-oidc/npm-supports-oidc.js';
import npmUpgradeCompatible from './npm-upgrade-compatible/npm-upgrade-compatible.js';
import unusedDisableDirective from './unused-disable-directive/unused-disable-directive.js';
import registryIsNpmjs from './registry-is-npmjs/registry-is-npmjs.js';
import repositoryMatchesPublisher from './repository-matches-publisher/repository-matches-publisher.js';
import provenanceRepositoryUrl from './provenance-repository-url/provenance-repository-url.js';
import noPrivatePackage from './no-private-package/no-private-package.js';
import provenanceSettings from './provenance-settings/provenance-settings.js';
import publishToolSupportsOidc from './publish-tool-supports-oidc/publish-tool-supports-oidc.js';
import allowedActionsMatch from './allowed-actions-match/allowed-actions-match.js';
import gitlabNpmIdToken from './gitlab-npm-id-token/gitlab-npm-id-token.js';
import gitlabIdTokenAudience from './gitlab-id-token-audience/gitlab-id-token-audience.js';
import gitlabSigstoreToken from './gitlab-sigstore-token/gitlab-sigstore-token.js';
import gitlabConfigResolvable from './gitlab-config-resolvable/gitlab-config-resolvable.js';
import registeredPublisherMatches from './registered-publisher-matches/registered-publisher-matches.js';
import circleciNpmIdToken from './circleci-npm-id-token/circleci-npm-id-token.js';
import circleciIdTokenAudience from './circleci-id-token-audience/circleci-id-token-audience.js';
import noCacheInPublishJob from './no-cache-in-publish-job/no-cache-in-publish-job.js';
import noUntrustedTrigger from './no-untrusted-trigger/no-untrusted-trigger.js';
import requireEnvironmentProtection from './require-environment-protection/require-environment-protection.js';
import noScriptInjectionInPublishJob from './no-script-injection-in-publish-job/no-script-injection-in-publish-job.js';

export const rules: readonly AnyRule[] = [
  invalidYaml,
  invalidPackageJson,
  publisherConfigValid,
  trustedWorkflowExists,
  publishFromTrustedWorkflow,
  requireIdTokenWrite,
  environmentMatchesPublisher,
  requireHostedRunner,
  noLongLivedToken,
  npmSupportsOidc,
  npmUpgradeCompatible,
  unusedDisableDirective,
  registryIsNpmjs,
  repositoryMatchesPublisher,
  provenanceRepositoryUrl,
  noPrivatePackage,
  provenanceSettings,
  publishToolSupportsOidc,
  allowedActionsMatch,
  gitlabNpmIdToken,
  gitlabIdTokenAudience,
  gitlabSigstoreToken,
  gitlabConfigResolvable,
  registeredPublisherMatches,
  circleciNpmIdToken,
  circleciIdTokenAudience,
  noCacheInPublishJob,
  noUntrustedTrigger,
  requireEnvironmentProtection,
  noScriptInjectionInPublishJob,
];

export function findRule(id: string): AnyRule | undefined {
  return rules.find((r) => r.id === id);
}
