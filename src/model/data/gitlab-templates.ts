/**
 * GitLab's own CI templates (`include: template:`) that never add a job publishing to npm: the
 * security scanners, code quality, license scanning and the Auto DevOps building blocks. tp-doctor
 * cannot read templates offline; for these it does not need to, so it does not say so (a note for
 * each would be noise in a publish preflight). Matched on the template name, case-sensitively, as
 * GitLab names them (gitlab-org/gitlab `lib/gitlab/ci/templates`, 2026).
 */
export const NON_PUBLISHING_TEMPLATE_PREFIXES: readonly string[] = [
  'Security/',
  'Jobs/',
  'Workflows/',
  'Verify/',
  'Code-Quality.',
  'Dependency-Scanning.',
  'License-Scanning.',
  'License-Management.',
  'Container-Scanning.',
  'SAST.',
  'SAST-IaC.',
  'Secret-Detection.',
  'DAST.',
  'DAST-API.',
  'API-Fuzzing.',
  'Coverage-Fuzzing.',
  'Accessibility.',
  'Browser-Performance.',
  'Load-Performance.',
  'Pages/',
];

/** True for a GitLab template that never publishes to npm. */
export function isNonPublishingTemplate(name: string): boolean {
  const clean = name.trim().replace(/^\/+/, '');
  return NON_PUBLISHING_TEMPLATE_PREFIXES.some((p) => clean.startsWith(p));
}
