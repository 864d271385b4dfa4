/**
 * GitHub-hosted runner labels and known third-party runner label patterns.
 *
 * As of: 2026-12-03. Sources: GitHub's "GitHub-hosted runners" reference and changelog, and the
 * actions/runner-images announcements (label additions, previews, retirement dates), the third-party
 * providers' own documentation for their label syntax.
 * Update here when GitHub adds or retires an image; `test/data/runners.test.ts` pins every row.
 * Users can add labels of their own larger runners with `runners.hosted` in the config.
 */
export const RUNNER_TABLE_DATE = '2026-12-03';

/** Standard and larger GitHub-hosted labels available on the table date. */
export const GITHUB_HOSTED_LABELS: readonly string[] = [
  'ubuntu-latest',
  'ubuntu-26.04',
  'ubuntu-26.04-arm',
  'ubuntu-24.04',
  'ubuntu-22.04',
  'ubuntu-slim',
  'ubuntu-24.04-arm',
  'ubuntu-22.04-arm',
  'windows-latest',
  'windows-2025',
  'windows-2025-vs2026',
  'windows-2022',
  'windows-11-arm',
  'windows-11-vs2026-arm',
  'macos-latest',
  'macos-26',
  'macos-15',
  'macos-26-intel',
  'macos-15-intel',
  'macos-latest-large',
  'macos-26-large',
  'macos-15-large',
  'macos-latest-xlarge',
  'macos-26-xlarge',
  'macos-15-xlarge',
  'xcode-27',
  'xcode-27-xlarge',
];

/** Hosted labels in public preview on the table date (they run jobs; images may still change). */
export const PREVIEW_HOSTED_LABELS: readonly string[] = ['ubuntu-26.04', 'ubuntu-26.04-arm', 'xcode-27', 'xcode-27-xlarge'];

/** Hosted labels GitHub has retired, with the day: a job using one never gets a runner. */
export const RETIRED_HOSTED_LABELS: Readonly<Record<string, string>> = {
  'ubuntu-18.04': '2023-04-03',
  'ubuntu-20.04': '2025-04-15',
  'windows-2016': '2022-03-15',
  'windows-2019': '2025-06-30',
  'macos-10.15': '2022-12-01',
  'macos-11': '2024-06-28',
  'macos-12': '2024-12-03',
  'macos-13': '2025-12-04',
  'macos-13-large': '2025-12-04',
  'macos-13-xlarge': '2025-12-04',
  'macos-14': '2026-11-02',
  'macos-14-large': '2026-11-02',
  'macos-14-xlarge': '2026-11-02',
};

/**
 * Hosted labels that still work on the table date but that GitHub has announced it will retire,
 * with the announced day (retirements have been postponed before: advice, not a certainty).
 */
export const SCHEDULED_RETIREMENTS: Readonly<Record<string, { date: string; successor: string }>> = {
  'ubuntu-22.04': { date: '2027-04-17', successor: 'ubuntu-24.04' },
  'ubuntu-22.04-arm': { date: '2027-04-17', successor: 'ubuntu-24.04-arm' },
};

export type RunnerRetirement =
  | { status: 'retired'; date: string }
  /** `successor`: the label to move to. */
  | { status: 'scheduled'; date: string; successor: string };

/**
 * The retirement of a GitHub-hosted label (case-insensitive): retired (the job never starts) or
 * scheduled (still works, announced to go on `date`); undefined for labels with neither.
 */
export function runnerRetirement(label: string): RunnerRetirement | undefined {
  const lower = label.trim().toLowerCase();
  const retired = RETIRED_HOSTED_LABELS[lower];
  if (retired) return { status: 'retired', date: retired };
  const scheduled = SCHEDULED_RETIREMENTS[lower];
  return scheduled ? { status: 'scheduled', ...scheduled } : undefined;
}

export interface ThirdPartyRunner {
  provider: string;
  pattern: RegExp;
}

/**
 * Third-party hosted runners. npm sees them as `runner_environment: self-hosted` and rejects the
 * token exchange.
 */
export const THIRD_PARTY_RUNNERS: readonly ThirdPartyRunner[] = [
  { provider: 'Blacksmith', pattern: /^blacksmith(?:-|$)/ },
  { provider: 'Namespace', pattern: /^(?:namespace-profile-|nscloud(?:-|$))/ },
  { provider: 'BuildJet', pattern: /^buildjet-/ },
  { provider: 'Depot', pattern: /^depot-/ },
  { provider: 'WarpBuild', pattern: /^warp-/ },
  { provider: 'Ubicloud', pattern: /^ubicloud(?:-|$)/ },
  { provider: 'RunsOn', pattern: /^runs-on(?:=|-|$)|(?:^|\/)runner=/ },
  { provider: 'Cirrus Runners', pattern: /^ghcr\.io\/cirruslabs\// },
  { provider: 'Actuated', pattern: /^actuated(?:-|$)/ },
];

/**
 * Labels that only self-hosted runners carry: `self-hosted` and the operating-system and
 * architecture labels GitHub gives every self-hosted runner by default. GitHub-hosted runners are
 * addressed by image labels (`ubuntu-latest`) and never carry these.
 */
export const SELF_HOSTED_LABELS: readonly string[] = ['self-hosted', 'linux', 'windows', 'macos', 'x64', 'arm', 'arm64'];

export type RunnerKind =
  | { kind: 'hosted' }
  | { kind: 'retired'; retiredOn: string }
  | { kind: 'self-hosted' }
  | { kind: 'third-party'; provider: string }
  | { kind: 'unknown' };

/** Classifies one `runs-on` label. Labels are case-insensitive on GitHub. */
export function classifyRunnerLabel(label: string, extraHosted: readonly string[] = []): RunnerKind {
  const lower = label.trim().toLowerCase();
  if (GITHUB_HOSTED_LABELS.includes(lower) || extraHosted.some((l) => l.toLowerCase() === lower)) {
    return { kind: 'hosted' };
  }
  const retired = RETIRED_HOSTED_LABELS[lower];
  if (retired) return { kind: 'retired', retiredOn: retired };
  if (SELF_HOSTED_LABELS.includes(lower)) return { kind: 'self-hosted' };
  const third = THIRD_PARTY_RUNNERS.find((t) => t.pattern.test(lower));
  if (third) return { kind: 'third-party', provider: third.provider };
  return { kind: 'unknown' };
}

/**
 * GitLab.com hosted runners, selected by tag (GitLab's "Hosted runners" documentation, as of the
 * table date): `saas-linux-<size>-<arch>` (e.g. `saas-linux-small-amd64`, `saas-linux-medium-arm64`,
 * `saas-linux-medium-amd64-gpu-standard`), `saas-macos-<size>-<chip>` (`saas-macos-large-m2pro`),
 * `saas-windows-<size>-<arch>` (`saas-windows-medium-amd64`). A job without tags also runs on a
 * hosted runner (the small Linux one). Any other tag selects a runner someone registered
 * themselves (group, project or instance runner of a self-managed fleet), which npm rejects.
 */
export const GITLAB_HOSTED_TAGS: readonly { platform: string; pattern: RegExp }[] = [
  { platform: 'Linux', pattern: /^saas-linux-[a-z0-9]+(?:-[a-z0-9]+)+$/ },
  { platform: 'macOS', pattern: /^saas-macos-[a-z0-9]+(?:-[a-z0-9]+)+$/ },
  { platform: 'Windows', pattern: /^saas-windows-[a-z0-9]+(?:-[a-z0-9]+)+$/ },
];

export type GitlabTagKind = { kind: 'hosted'; platform: string } | { kind: 'declared-hosted' } | { kind: 'unknown' };

/**
 * Classifies one GitLab job tag. Tags are matched case-insensitively (as GitLab does). `extraHosted`
 * are tags the user declared hosted in `runners.hosted`. Anything else is `unknown`: most likely a
 * self-managed runner, which cannot be proven from the CI file alone.
 */
export function classifyGitlabTag(tag: string, extraHosted: readonly string[] = []): GitlabTagKind {
  const lower = tag.trim().toLowerCase();
  const hosted = GITLAB_HOSTED_TAGS.find((t) => t.pattern.test(lower));
  if (hosted) return { kind: 'hosted', platform: hosted.platform };
  if (extraHosted.some((h) => h.trim().toLowerCase() === lower)) return { kind: 'declared-hosted' };
  return { kind: 'unknown' };
}
