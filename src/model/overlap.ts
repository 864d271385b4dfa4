/**
 * Whether two publish commands publish the same package, by what they name (`ProjectFacts.overlap`
 * adds the renames before either). Used by \`publish-from-trusted-workflow\` (two workflows, or two
 * CI providers, for one package's one trusted publisher).
 */
import { underOtherRepository } from './github/checkout.js';
import { sameNameSent, sameSuffix } from './npm/name-suffix.js';
import type { PublishSite } from './publish.js';

/**
 * True when two publish commands publish the same package: known targets that share a package
 * (two workspace-wide publishes always do), or, when either is unknown, the same command (tool,
 * directory and targets as written), such as `npm publish $package` in two workflows. Not when the
 * tool renames it (changelogen `--canary nightly` publishes `<name>-nightly`: npm/name-suffix.ts)
 * unless both send it under the same literal name, nor when either runs in files another
 * repository's checkout put there.
 */
export function publishesOverlap(a: PublishSite, b: PublishSite): boolean {
  // OpenZeppelin's release-upgradeable.yml runs the same script as release-cycle.yml over a
  // checkout of the -upgradeable repository: it sends that repository's package.
  if ([a, b].some((s) => s.provider === 'github' && underOtherRepository(s.job.mounts, s.directory ?? ''))) return false;
  const [fa, fb] = [a.publish.match.flags, b.publish.match.flags];
  if (a.targets.kind !== 'unknown' && b.targets.kind !== 'unknown') {
    const byDir = new Map(a.targets.packages.map((p) => [p.dir, p]));
    return (
      (a.targets.kind === 'workspaces' && b.targets.kind === 'workspaces' && sameSuffix(fa, fb)) ||
      b.targets.packages.some((p) => byDir.has(p.dir) && sameNameSent(fa, fb, p.name))
    );
  }
  return commandKey(a) === commandKey(b) && sameSuffix(fa, fb) && mayMeet(a, b);
}

/** A publish command as written, for comparing unknown targets: tool, directory, positional arguments, the committed scripts and makefiles on its way (moonrepo/moon; pulumi's two makefiles run one script with different settings). */
function commandKey(site: PublishSite): string {
  let key = commandKeys.get(site);
  if (key === undefined) {
    const m = site.publish.match;
    const positionals = m.args.filter((a, i) => !a.startsWith('-') && !(m.args[i - 1] ?? '').startsWith('--'));
    key = [m.tool, m.recognizer, site.directory ?? '?', ...positionals, ...m.via.filter((v) => v.file || v.recipe).map((v) => v.script)].join('\u0000');
    commandKeys.set(site, key);
  }
  return key;
}

/** Each site's `commandKey`, built once: the rules compare every pair of sites (issue 17: 11,800 keys for about 100 sites of the 846 bench workflows). */
const commandKeys = new WeakMap<PublishSite, string>();

/** Unknown targets may meet: no candidate known on a side, or a package both may publish. */
function mayMeet(a: PublishSite, b: PublishSite): boolean {
  const dirs = (s: PublishSite): string[] => (s.targets.kind === 'unknown' ? s.targets.candidates : s.targets.packages).map((p) => p.dir);
  const [da, db] = [dirs(a), dirs(b)];
  return da.length === 0 || db.length === 0 || da.some((d) => db.includes(d));
}
