/**
 * Pins every row of src/model/data/runners.ts: each hosted label, each retired label with its
 * date, each third-party pattern with a real label of that provider (and a near miss it must not
 * claim). When the table changes, this test says which row moved.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyGitlabTag,
  classifyRunnerLabel,
  GITHUB_HOSTED_LABELS,
  GITLAB_HOSTED_TAGS,
  PREVIEW_HOSTED_LABELS,
  RETIRED_HOSTED_LABELS,
  RUNNER_TABLE_DATE,
  runnerRetirement,
  SCHEDULED_RETIREMENTS,
  SELF_HOSTED_LABELS,
  THIRD_PARTY_RUNNERS,
} from '../../src/model/data/runners.js';

const HOSTED: readonly string[] = [
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

const RETIRED: readonly [string, string][] = [
  ['ubuntu-18.04', '2023-04-03'],
  ['ubuntu-20.04', '2025-04-15'],
  ['windows-2016', '2022-03-15'],
  ['windows-2019', '2025-06-30'],
  ['macos-10.15', '2022-12-01'],
  ['macos-11', '2024-06-28'],
  ['macos-12', '2024-12-03'],
  ['macos-13', '2025-12-04'],
  ['macos-13-large', '2025-12-04'],
  ['macos-13-xlarge', '2025-12-04'],
  ['macos-14', '2026-11-02'],
  ['macos-14-large', '2026-11-02'],
  ['macos-14-xlarge', '2026-11-02'],
];

const SCHEDULED: readonly [string, string, string][] = [
  ['ubuntu-22.04', '2027-04-17', 'ubuntu-24.04'],
  ['ubuntu-22.04-arm', '2027-04-17', 'ubuntu-24.04-arm'],
];

const PREVIEW: readonly string[] = ['ubuntu-26.04', 'ubuntu-26.04-arm', 'xcode-27', 'xcode-27-xlarge'];

/** Provider, a label of that provider as its docs write it, a label the pattern must not claim. */
const THIRD_PARTY: readonly [string, string, string][] = [
  ['Blacksmith', 'blacksmith-4vcpu-ubuntu-2404', 'blacksmithy'],
  ['Namespace', 'namespace-profile-default', 'namespace'],
  ['BuildJet', 'buildjet-4vcpu-ubuntu-2204', 'buildjet'],
  ['Depot', 'depot-ubuntu-24.04-arm', 'depot'],
  ['WarpBuild', 'warp-ubuntu-latest-x64-4x', 'warpbuild'],
  ['Ubicloud', 'ubicloud-standard-2', 'ubicloudy'],
  ['RunsOn', 'runs-on=12345/runner=2cpu-linux-x64', 'runs'],
  ['Cirrus Runners', 'ghcr.io/cirruslabs/macos-runner:sonoma', 'ghcr.io/acme/runner'],
  ['Actuated', 'actuated-4cpu-8gb', 'actuatedx'],
];

describe('runner table', () => {
  it('is dated', () => {
    expect(RUNNER_TABLE_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has exactly the pinned hosted labels', () => {
    expect([...GITHUB_HOSTED_LABELS].sort()).toEqual([...HOSTED].sort());
  });

  it.each(HOSTED)('%s is hosted', (label) => {
    expect(classifyRunnerLabel(label)).toEqual({ kind: 'hosted' });
    expect(classifyRunnerLabel(label.toUpperCase())).toEqual({ kind: 'hosted' });
  });

  it('has exactly the pinned retired labels', () => {
    expect(Object.entries(RETIRED_HOSTED_LABELS).sort()).toEqual([...RETIRED].sort());
  });

  it.each(RETIRED)('%s was retired on %s', (label, date) => {
    expect(classifyRunnerLabel(label)).toEqual({ kind: 'retired', retiredOn: date });
  });

  it('no label is both hosted and retired', () => {
    expect(HOSTED.filter((l) => l in RETIRED_HOSTED_LABELS)).toEqual([]);
  });

  it.each(RETIRED)('the retirement of %s is looked up with its date, %s', (label, date) => {
    expect(runnerRetirement(label)).toEqual({ status: 'retired', date });
    expect(runnerRetirement(` ${label.toUpperCase()} `)).toEqual({ status: 'retired', date });
  });

  it('has exactly the pinned scheduled retirements, all of them still hosted labels', () => {
    expect(Object.entries(SCHEDULED_RETIREMENTS).map(([l, r]) => [l, r.date, r.successor]).sort()).toEqual([...SCHEDULED].sort());
    for (const [label, , successor] of SCHEDULED) {
      expect(HOSTED).toContain(label);
      expect(HOSTED).toContain(successor);
    }
  });

  it.each(SCHEDULED)('%s still runs jobs and is scheduled to retire on %s (move to %s)', (label, date, successor) => {
    expect(classifyRunnerLabel(label)).toEqual({ kind: 'hosted' });
    expect(runnerRetirement(label)).toEqual({ status: 'scheduled', date, successor });
  });

  it.each(['ubuntu-24.04', 'macos-15', 'xcode-27', 'my-runner'])('%s has no retirement', (label) => {
    expect(runnerRetirement(label)).toBeUndefined();
  });

  it('pins the preview labels, which are hosted labels', () => {
    expect([...PREVIEW_HOSTED_LABELS].sort()).toEqual([...PREVIEW].sort());
    for (const label of PREVIEW) expect(classifyRunnerLabel(label)).toEqual({ kind: 'hosted' });
  });

  it('has exactly the pinned third-party providers', () => {
    expect(THIRD_PARTY_RUNNERS.map((t) => t.provider)).toEqual(THIRD_PARTY.map(([p]) => p));
  });

  it.each(THIRD_PARTY)('%s: "%s" is third-party, "%s" is not', (provider, label, near) => {
    expect(classifyRunnerLabel(label)).toEqual({ kind: 'third-party', provider });
    expect(classifyRunnerLabel(near)).toEqual({ kind: 'unknown' });
  });

  it.each(SELF_HOSTED_LABELS)('%s is self-hosted', (label) => {
    expect(classifyRunnerLabel(label)).toEqual({ kind: 'self-hosted' });
    expect(classifyRunnerLabel(`  ${label.toUpperCase()} `)).toEqual({ kind: 'self-hosted' });
  });

  it('pins the self-hosted labels', () => {
    expect(SELF_HOSTED_LABELS).toEqual(['self-hosted', 'linux', 'windows', 'macos', 'x64', 'arm', 'arm64']);
  });

  it.each(['linux', 'X64', 'ARM64', 'macOS'])('%s is a default self-hosted label', (label) => {
    expect(classifyRunnerLabel(label)).toEqual({ kind: 'self-hosted' });
  });

  it.each(['ubuntu-latest-16-cores', 'gpu', 'ubuntu-oldest', 'linux-x64'])('%s is unknown', (label) => {
    expect(classifyRunnerLabel(label)).toEqual({ kind: 'unknown' });
  });

  it('user-declared hosted labels win, case-insensitively, even over retired or third-party rows', () => {
    expect(classifyRunnerLabel('Ubuntu-Latest-16-Cores', ['ubuntu-latest-16-cores'])).toEqual({ kind: 'hosted' });
    expect(classifyRunnerLabel('macos-13', ['macos-13'])).toEqual({ kind: 'hosted' });
    expect(classifyRunnerLabel('depot-ubuntu-24.04', ['DEPOT-UBUNTU-24.04'])).toEqual({ kind: 'hosted' });
  });
});

/** GitLab.com hosted runner tags as GitLab's documentation writes them, with their platform. */
const GITLAB_HOSTED: readonly [string, string][] = [
  ['saas-linux-small-amd64', 'Linux'],
  ['saas-linux-medium-amd64', 'Linux'],
  ['saas-linux-large-amd64', 'Linux'],
  ['saas-linux-xlarge-amd64', 'Linux'],
  ['saas-linux-2xlarge-amd64', 'Linux'],
  ['saas-linux-small-arm64', 'Linux'],
  ['saas-linux-medium-arm64', 'Linux'],
  ['saas-linux-large-arm64', 'Linux'],
  ['saas-linux-medium-amd64-gpu-standard', 'Linux'],
  ['saas-macos-medium-m1', 'macOS'],
  ['saas-macos-large-m2pro', 'macOS'],
  ['saas-windows-medium-amd64', 'Windows'],
];

describe('GitLab hosted runner tags', () => {
  it('pins the platforms', () => {
    expect(GITLAB_HOSTED_TAGS.map((t) => t.platform)).toEqual(['Linux', 'macOS', 'Windows']);
  });

  it.each(GITLAB_HOSTED)('%s is a hosted %s runner', (tag, platform) => {
    expect(classifyGitlabTag(tag)).toEqual({ kind: 'hosted', platform });
    expect(classifyGitlabTag(` ${tag.toUpperCase()} `)).toEqual({ kind: 'hosted', platform });
  });

  it.each(['my-k8s-runner', 'docker', 'linux', 'shared', 'saas-linux', 'saas-linux-small', 'saas-ubuntu-small-amd64', 'ubuntu-latest', 'gitlab-org'])(
    '%s is unknown (a self-managed runner, most likely)',
    (tag) => {
      expect(classifyGitlabTag(tag)).toEqual({ kind: 'unknown' });
    },
  );

  it('tags declared in runners.hosted count as hosted, case-insensitively', () => {
    expect(classifyGitlabTag('Docker', ['docker'])).toEqual({ kind: 'declared-hosted' });
    expect(classifyGitlabTag('docker', ['linux'])).toEqual({ kind: 'unknown' });
  });
});
