/**
 * The checks `tp-doctor probe` runs, with the metadata the formatters need (SARIF describes rules,
 * GitHub annotations title them). Each check reports diagnostics with the rule id `probe/<check>`;
 * docs/probe.md has a section per check (the anchor below).
 */
import type { Severity } from '../diagnostics/diagnostic.js';
import { REPOSITORY_URL } from '../diagnostics/docs-url.js';

export interface ProbeCheck {
  /** The part after `probe/`. */
  id: string;
  /** The loudest severity the check reports. */
  severity: Severity;
  summary: string;
}

export const PROBE_CHECKS = [
  { id: 'provider', severity: 'error', summary: 'The job runs on a CI provider npm supports for trusted publishing, the one the publisher is declared for' },
  { id: 'id-token', severity: 'error', summary: 'An OIDC ID token is available the way npm gets it (NPM_ID_TOKEN, or the GitHub runner with `id-token: write`)' },
  { id: 'token-format', severity: 'error', summary: 'The ID token is a JSON Web Token whose claims can be read' },
  { id: 'claims', severity: 'info', summary: 'What the registry will compare with the trusted publisher, read from the token' },
  { id: 'audience', severity: 'error', summary: 'The token audience is `npm:<registry host>`' },
  { id: 'expiry', severity: 'error', summary: 'The token has not expired' },
  { id: 'repository', severity: 'error', summary: 'Repository / project path / VCS origin in the token equals the declared publisher (case-sensitive)' },
  { id: 'workflow', severity: 'error', summary: 'The top-level workflow file / CI config file in the token equals the declared publisher (case-sensitive)' },
  { id: 'reusable-workflow', severity: 'info', summary: 'The publish runs in a reusable workflow: npm matches the calling, top-level workflow' },
  { id: 'environment', severity: 'error', summary: 'The deployment environment in the token equals the declared publisher' },
  { id: 'runner', severity: 'error', summary: 'The job runs on a runner hosted by the provider (self-hosted runners are rejected)' },
  { id: 'immutable-subject', severity: 'warning', summary: "The repository does not use GitHub's immutable subject claims, which npm's registry does not match yet" },
  { id: 'circleci-ids', severity: 'error', summary: 'CircleCI organization, project, pipeline definition and context ids equal the declared publisher' },
  { id: 'ssh-rerun', severity: 'warning', summary: 'The CircleCI job is not an SSH rerun' },
  { id: 'npm-version', severity: 'error', summary: "The npm on PATH is new enough for trusted publishing on this provider" },
  { id: 'exchange', severity: 'error', summary: "The registry's answer to the token exchange (with --exchange)" },
  { id: 'config', severity: 'warning', summary: 'A trusted publisher is declared (tp-doctor.yml) and readable, so the token can be compared with it' },
] as const satisfies readonly ProbeCheck[];

export type ProbeCheckId = (typeof PROBE_CHECKS)[number]['id'];

export function probeRuleId(check: ProbeCheckId): string {
  return `probe/${check}`;
}

/** docs/probe.md has a heading "### probe/<check>"; GitHub's anchor drops the slash. */
export function probeDocsUrl(check: ProbeCheckId): string {
  return `${REPOSITORY_URL}/blob/main/docs/probe.md#probe${check}`;
}
