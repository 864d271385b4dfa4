/**
 * Container runners: `docker run [options] <image> [command…]` (also `docker container run`) and
 * `podman run`, which run the command in a new container of the image, not in the job's shell.
 *
 * As of: 2026-12-06. Sources: Docker's CLI reference (`docker container run`, "Set environment
 * variables": `-e NAME=value`, `-e NAME` passes the caller's value, `--env-file`), Podman's
 * `podman-run(1)` (`--env-host` passes the whole environment, `--env-file`), GitHub's "Using OIDC
 * with reusable workflows / custom actions" (the runner gives the ID-token request URL and token to
 * job steps as `ACTIONS_ID_TOKEN_REQUEST_URL` / `ACTIONS_ID_TOKEN_REQUEST_TOKEN`).
 *
 * A container does not inherit the job's environment: only the variables its options pass are set
 * inside it. Its `PATH` and its Node and npm are the image's, not the job's (setup-node and npm
 * upgrades of the job do not reach it). The runner rows are in ./publish-tools.ts (`COMMAND_RUNNERS`,
 * `container`); the command reading is ../npm/command-runners.ts.
 */

/** Options of `docker run` / `podman run` that take the next word as their value (`--name=x` inline too). */
export const CONTAINER_VALUE_FLAGS: readonly string[] = [
  '-a', '--attach', '--add-host', '--annotation', '--blkio-weight', '--blkio-weight-device', '--cap-add', '--cap-drop',
  '--cgroup-parent', '--cgroupns', '--cidfile', '--cpu-period', '--cpu-quota', '--cpu-rt-period', '--cpu-rt-runtime',
  '-c', '--cpu-shares', '--cpus', '--cpuset-cpus', '--cpuset-mems', '--device', '--device-cgroup-rule', '--device-read-bps',
  '--device-read-iops', '--device-write-bps', '--device-write-iops', '--dns', '--dns-option', '--dns-search', '--domainname',
  '--entrypoint', '-e', '--env', '--env-file', '--expose', '--gpus', '--group-add', '--health-cmd', '--health-interval',
  '--health-retries', '--health-start-interval', '--health-start-period', '--health-timeout', '-h', '--hostname', '--ip',
  '--ip6', '--ipc', '--isolation', '--kernel-memory', '-l', '--label', '--label-file', '--link', '--link-local-ip',
  '--log-driver', '--log-opt', '--mac-address', '-m', '--memory', '--memory-reservation', '--memory-swap',
  '--memory-swappiness', '--mount', '--name', '--network', '--net', '--network-alias', '--net-alias', '--oom-score-adj',
  '--pid', '--pids-limit', '--platform', '-p', '--publish', '--pull', '--restart', '--runtime', '--security-opt',
  '--shm-size', '--stop-signal', '--stop-timeout', '--storage-opt', '--sysctl', '--tmpfs', '--ulimit', '-u', '--user',
  '--userns', '--uts', '-v', '--volume', '--volume-driver', '--volumes-from', '-w', '--workdir', '--detach-keys',
  // Podman's own.
  '--arch', '--os', '--variant', '--pod', '--secret', '--authfile', '--creds', '--decryption-key', '--group-entry',
  '--hostuser', '--passwd-entry', '--requires', '--sdnotify', '--seccomp-policy', '--timeout', '--uidmap', '--gidmap',
  '--subuidname', '--subgidname', '--umask', '--chrootdirs', '--init-path', '--log-level',
];

/** How a container runner passes variables into the container. */
export interface ContainerEnvFlags {
  /** `-e NAME=value` (set) or `-e NAME` (the caller's value). */
  readonly env: readonly string[];
  /** A file of `NAME=value` lines, which tp-doctor does not read. */
  readonly envFile: readonly string[];
  /** Passes the caller's whole environment (Podman's `--env-host`). */
  readonly envAll: readonly string[];
}

export const CONTAINER_ENV_FLAGS: ContainerEnvFlags = { env: ['-e', '--env'], envFile: ['--env-file'], envAll: ['--env-host'] };

/**
 * What npm inside a container needs from the job's environment to get the ID token, by CI platform
 * (docs/domain.md; DOMAIN.md §0; npm's lib/utils/oidc.js): `ci`, the variable ci-info recognises the
 * platform by (npm skips trusted publishing on any other CI: `ciInfo.GITHUB_ACTIONS || ciInfo.GITLAB
 * || ciInfo.CIRCLE`), and one of the `token` sets: `NPM_ID_TOKEN` everywhere; on GitHub, npm also
 * asks the runner for one with both `ACTIONS_ID_TOKEN_REQUEST_URL` and `ACTIONS_ID_TOKEN_REQUEST_TOKEN`.
 */
export const CONTAINER_OIDC_VARIABLES: Readonly<Record<'github' | 'gitlab' | 'circleci', { readonly ci: string; readonly token: readonly (readonly string[])[] }>> = {
  github: { ci: 'GITHUB_ACTIONS', token: [['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'], ['NPM_ID_TOKEN']] },
  gitlab: { ci: 'GITLAB_CI', token: [['NPM_ID_TOKEN']] },
  circleci: { ci: 'CIRCLECI', token: [['NPM_ID_TOKEN']] },
};
