/**
 * Events only people with write access to a repository can start (GitHub docs, "Events that trigger
 * workflows"): pushes, releases, schedules, dispatches, merge queues, branch and tag creation and
 * deletion. A workflow that runs on nothing else hands a `workflow_run` it triggers nothing from
 * outside (`no-untrusted-trigger`); `pull_request`, `pull_request_target`, `issue_comment`, `issues`,
 * `fork`, `watch` and `workflow_run` itself are not here.
 */
export const INSIDER_EVENTS: ReadonlySet<string> = new Set(['push', 'release', 'schedule', 'workflow_dispatch', 'repository_dispatch', 'merge_group', 'create', 'delete']);
