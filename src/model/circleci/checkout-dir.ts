/**
 * Where a CircleCI job's steps see the repository. `checkout` puts it in the job's
 * `working_directory` (default `~/project`), or at its `path:`, which is read relative to that
 * directory [doc: configuration reference, `checkout`]. `~` is the home of the user the steps run
 * as: `/home/circleci` on CircleCI's convenience images (`cimg/*`, the legacy `circleci/*`) and on
 * its Linux machine images; another image's user is not known (`node:22` runs as `root`, whose
 * home is `/root`), so there only the `~` forms name the checkout. A step's `working_directory`
 * or a `cd` to the checkout or below it (`cd /home/circleci/welcome-ui/lib`, WTTJ/welcome-ui)
 * runs in the repository path below it; any other path (`/tmp/pkg`), a parameter without a value
 * or a `path:` tp-doctor cannot read leaves the directory unknown.
 */
import { circleImageUser } from './facts.js';
import { joinDir } from '../npm/targets.js';
import type { CircleJob, CircleStep } from './types.js';

/** CircleCI's default job `working_directory`, where `checkout` puts the repository. */
export const DEFAULT_WORKING_DIRECTORY = '~/project';

/** The home of the user `circleci`, who runs the steps on CircleCI's own images. */
const CIRCLECI_HOME = '/home/circleci';

/**
 * True when the job's steps run as the user `circleci`: a `cimg/*` (or legacy `circleci/*`) primary
 * image, or a Linux machine image on CircleCI's own machines (a self-hosted runner's user is its own).
 */
function runsAsCircleci(job: CircleJob): boolean {
  if (job.executorKind === 'docker') return circleImageUser(job)?.user === 'circleci';
  if (job.executorKind !== 'machine') return false;
  if (job.resourceClass !== undefined && job.resourceClass.selfHosted !== false) return false;
  const image = job.machine?.image;
  if (image === undefined) return true;
  return image.unknown.length === 0 && !/^\s*windows/i.test(image.text);
}

/** A path from the root or the home, as written (`/x`, `~`, `~/x`, `$HOME/x`, `${HOME}/x`). */
const ANCHORED_TEXT = /^\s*(?:\/|~(?:\/|\s*$)|\$(?:HOME|\{HOME\})(?:\/|\s*$))/;

/**
 * A path from the root or the home as the job's steps see it, spelt one way: `~/a/b` for one in
 * the home (`~`, `$HOME`, `${HOME}`, and `/home/circleci` when `circleciHome`), `/a/b` for another;
 * `.` and `..` worked out. Undefined for a relative path and for one tp-doctor cannot read: a
 * variable, a glob, another user's home (`~bob`), a `..` above where it starts.
 */
export function canonicalPath(text: string, circleciHome: boolean): string | undefined {
  let rest = text.trim();
  let base: '~' | '' = '';
  const home = /^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/.exec(rest);
  if (home) {
    base = '~';
    rest = rest.slice(home[0].length);
  } else if (circleciHome && (rest === CIRCLECI_HOME || rest.startsWith(`${CIRCLECI_HOME}/`))) {
    base = '~';
    rest = rest.slice(CIRCLECI_HOME.length);
  } else if (!rest.startsWith('/')) return undefined;
  if (/[$`~\\*?[\]{}]/.test(rest)) return undefined;
  const parts: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return base === '~' ? ['~', ...parts].join('/') : `/${parts.join('/')}`;
}

/** `path` as written, read from `from` (canonical); canonical, or undefined when tp-doctor cannot tell. */
export function resolveFrom(from: string | undefined, path: string, circleciHome: boolean): string | undefined {
  if (ANCHORED_TEXT.test(path)) return canonicalPath(path, circleciHome);
  if (from === undefined) return undefined;
  const [head, ...rest] = from.split('/');
  const joined = joinDir(rest.join('/'), path.trim());
  if (joined === undefined) return undefined;
  return joined === '' ? (head === '~' ? '~' : '/') : `${head}/${joined}`;
}

/** The path of `path` (canonical) below `root` (canonical), `` for `root` itself, or undefined when it is not there. */
export function below(root: string, path: string): string | undefined {
  if (path === root) return '';
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/** The job's first `checkout` step, when it has a `path:`. */
function checkoutPathStep(job: CircleJob): CircleStep | undefined {
  const checkout = job.steps.find((s) => s.kind === 'checkout');
  return checkout?.args?.isMap && checkout.args.get('path') !== undefined ? checkout : undefined;
}

/** Where a job's steps start and where its checkout is (see the file comment). */
export interface CircleCheckoutDir {
  /** The job's `working_directory` (canonical); undefined when it is neither absolute nor in the home (`$CIRCLE_WORKING_DIRECTORY/x`). */
  start: string | undefined;
  /** The repository path of `start`: `` unless a `checkout` `path:` puts the repository above it; undefined when not known. */
  startInRepository: string | undefined;
  /** Where `checkout` put the repository (canonical); undefined when not known. */
  root: string | undefined;
  /** True when the steps run as the user `circleci`, so `/home/circleci` is `~`. */
  circleciHome: boolean;
}

/**
 * Where a job's steps start and where its checkout is; undefined when its `working_directory` holds
 * a parameter without a value. Without a `checkout` `path:`, the repository is where the steps start.
 */
export function circleCheckoutDir(job: CircleJob): CircleCheckoutDir | undefined {
  const written = job.workingDirectory;
  if (written && written.unknown.length > 0) return undefined;
  const circleciHome = runsAsCircleci(job);
  const start = canonicalPath(written?.text.trim() || DEFAULT_WORKING_DIRECTORY, circleciHome);
  const step = checkoutPathStep(job);
  if (!step) return { start, startInRepository: '', root: start, circleciHome };
  const path = step.checkoutPath;
  const root = path && path.unknown.length === 0 ? resolveFrom(start, path.text, circleciHome) : undefined;
  const startInRepository = root === undefined || start === undefined ? undefined : below(root, start);
  return { start, startInRepository, root, circleciHome };
}

/**
 * The repository path a `cd` target from the root or the home names in the job (`lib` for
 * `/home/circleci/welcome-ui/lib` below a checkout at `/home/circleci/welcome-ui` on a `cimg/*`
 * image); undefined when it is not below the checkout or tp-doctor cannot tell.
 */
export function circleAbsoluteDirectory(dir: CircleCheckoutDir, target: string): string | undefined {
  if (dir.root === undefined) return undefined;
  const path = canonicalPath(target, dir.circleciHome);
  const rel = path === undefined ? undefined : below(dir.root, path);
  return rel === undefined ? undefined : joinDir('', rel);
}

/**
 * The repository directory a step runs in: its own `working_directory` (a relative one read from
 * the job's) or the job's, mapped below the checkout. Undefined when it cannot be told (a parameter
 * without a value, a directory outside the checkout, a checkout `path:` tp-doctor cannot read).
 */
export function circleStepDirectory(job: CircleJob, step: CircleStep, dir = circleCheckoutDir(job)): string | undefined {
  if (dir === undefined) return undefined;
  const own = step.run?.workingDirectory;
  if (!own) return dir.startInRepository;
  if (own.unknown.length > 0) return undefined;
  // A relative one from where the steps start, also when they start above the checkout (`path:`).
  if (!ANCHORED_TEXT.test(own.text) && dir.startInRepository !== undefined) return joinDir(dir.startInRepository, own.text.trim());
  const path = resolveFrom(dir.start, own.text, dir.circleciHome);
  const rel = path === undefined || dir.root === undefined ? undefined : below(dir.root, path);
  return rel === undefined ? undefined : joinDir('', rel);
}
