/**
 * How much tp-doctor reads, at most. A hostile repository must not make a run take minutes or
 * gigabytes; each limit is far above real repositories (the 846 real workflows in the shared bench
 * have at most 22 jobs, 34 steps in a job and 70 KB), and hitting one is a finding that says what
 * was not checked (invalid-yaml `limit`), never silence. Documented in the README ("Limits").
 */

/** Workflow files read from `.github/workflows` (in name order); the rest are reported, not read. */
export const MAX_WORKFLOW_FILES = 2_000;
/**
 * Workflow files read when the loader streams (the CLI and `lint()`): the workflows nothing
 * project-wide depends on are checked and dropped one at a time, so only the kept ones
 * (publishing, calling or callable, at most `MAX_WORKFLOW_FILES`) stay in memory.
 */
export const MAX_STREAMED_WORKFLOW_FILES = 50_000;
/**
 * Characters of workflow text read in all (64 MiB; the 846 bench workflows hold 2 MiB, a
 * repository usually well under 1 MiB): files of up to 2 MiB each would otherwise let 50,000 of
 * them take hours to parse. The files after the one that crosses it, in name order, are reported,
 * not read.
 */
export const MAX_WORKFLOW_CHARS = 64 * 1024 * 1024;
/** Jobs in one workflow; a workflow with more is reported and not checked. */
export const MAX_JOBS_PER_WORKFLOW = 1_000;
/** Steps in one job of a workflow; a workflow with a longer job is reported and not checked. */
export const MAX_STEPS_PER_JOB = 2_000;
/**
 * Steps of local composite actions read for one workflow step, nested actions included (each use
 * of an action counts its steps again). Real actions hold a few dozen; an action that uses itself
 * a hundred times fanned out to millions of steps and minutes (review of 2026-12-04). The steps
 * after the budget are not read for publishes.
 */
export const MAX_ACTION_STEPS = 2_000;

/** Nested local composite actions (an action using another) are followed at most this deep. */
export const MAX_ACTION_DEPTH = 3;

/**
 * Directory levels below the root of a mise working directory (`jdx/mise-action`'s
 * `working_directory`): mise reads its configuration files in that directory and in each one above
 * it, 19 names a level (12 more per `MISE_ENV` environment). Real ones are a few levels deep; a
 * deeper one makes the Node and the npm mise installs unknown, with the reason (review400 B2).
 */
export const MAX_MISE_DEPTH = 32;
/**
 * Distinct `MISE_ENV` environments read (`MISE_ENV=ci,release`): each adds 12 file names a level.
 * Real ones name one or two; more makes the Node and the npm mise installs unknown, with the reason.
 */
export const MAX_MISE_ENVS = 8;
