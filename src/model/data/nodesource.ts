/**
 * Node installed from NodeSource's package repositories in a job's shell, and the images that ship
 * no Node of their own, where that Node is then the one on `PATH` (read by src/model/npm/nodesource.ts;
 * the CircleCI, GitLab and GitHub resolvers apply it). Sources, December 2026:
 *
 * - NodeSource (github.com/nodesource/distributions, README "Installation Instructions"): a setup
 *   script, `curl -fsSL https://deb.nodesource.com/setup_<major>.x | sudo -E bash -` (Debian,
 *   Ubuntu) or `https://rpm.nodesource.com/setup_<major>.x` (RHEL, Fedora, Amazon Linux), adds the
 *   repository of that Node line (`setup_lts.x`: the newest LTS line, `setup_current.x`: the newest
 *   line); it installs nothing. `apt-get install -y nodejs` (or `yum`/`dnf install nodejs`) then
 *   installs the newest release of that line on the day the job runs, with its bundled npm, into
 *   `/usr/bin`.
 * - `/usr/bin` comes after `/usr/local/bin` on `PATH`, where the Node images (`node:*`, `cimg/node`),
 *   the GitHub-hosted runners (actions/runner-images `install-nodejs.sh`, tj/n's default prefix) and
 *   `actions/setup-node` (the tool cache, first on `PATH`) put their Node: there NodeSource's Node is
 *   not the one that runs. Only in an image without a Node of its own is it.
 */
import { hubImageName } from './image-mirrors.js';

/** A NodeSource setup script's address, with the line it sets up (`22`, `lts`, `current`). */
export const NODESOURCE_SETUP = /\b(?:deb|rpm)\.nodesource\.com\/setup_(\d{1,3}|lts|current)\.x\b/i;

/** The commands that fetch the setup script, and the shells it is piped into. */
export const NODESOURCE_FETCHERS: readonly string[] = ['curl', 'wget'];
export const NODESOURCE_SHELLS: readonly string[] = ['bash', 'sh'];

/** The package installs that install the `nodejs` package of the repository a setup script added. */
export const NODESOURCE_PACKAGE_INSTALLS: readonly { bin: string; sub: string }[] = [
  { bin: 'apt-get', sub: 'install' },
  { bin: 'apt', sub: 'install' },
  { bin: 'yum', sub: 'install' },
  { bin: 'dnf', sub: 'install' },
  { bin: 'microdnf', sub: 'install' },
];
export const NODESOURCE_PACKAGE = 'nodejs';

/** The Node spec (../npm/node-version.ts `resolveNodeSpec`) of a setup script's line. */
export function nodeSourceSpec(line: string): string {
  const lower = line.toLowerCase();
  return lower === 'lts' ? 'lts/*' : lower === 'current' ? 'current' : lower;
}

/**
 * Images known to ship no Node: CircleCI's convenience images of other languages without their
 * `-node` or `-browsers` variant (circleci.com/developer/images: those variants add Node), and
 * Docker's official images of other languages and distributions.
 */
const CIMG_WITHOUT_NODE = /^cimg\/(?:python|ruby|go|openjdk|rust|php|base|elixir|clojure|android)(?::([^/\s]+))?$/i;
const OFFICIAL_WITHOUT_NODE = /^(?:python|ruby|golang|rust|php|openjdk|eclipse-temurin|amazoncorretto|ubuntu|debian|fedora|rockylinux|almalinux|amazonlinux)(?::[^/\s]+)?$/i;

/** True when `image` is known to ship no Node of its own (see `CIMG_WITHOUT_NODE`). */
export function imageWithoutNode(image: string): boolean {
  const clean = hubImageName(image);
  const cimg = CIMG_WITHOUT_NODE.exec(clean);
  if (cimg) return !/node|browsers/i.test(cimg[1] ?? '');
  return OFFICIAL_WITHOUT_NODE.test(clean);
}
