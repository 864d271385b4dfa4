/**
 * The packages a guessed publish may send (docs/domain.md A.49): a publish tp-doctor found behind a
 * committed script (`@semantic-release/exec`'s `publishCmd: "node tools/release/publish.ts"`, which
 * runs `pnpm --filter <name> publish` for each public package, secustor/renovate-config-debugger)
 * or guessed from a name is `likely` or `possible`, and its targets are unknown: which of its
 * candidates it sends, tp-doctor cannot see. `ProjectFacts.publishes` counts such a site for no
 * package (a guessed publish says nothing about any one package), so a package only it may send is
 * not `published`; the checks of what every sent package.json must hold (`repository`) still look
 * at it, at most as a warning, saying that the publish may not send it.
 */
import type { CoveredPackage, ProjectFacts } from './facts.js';
import { commandName, leastCertain, mayGoToNpmjs, mostCertain, type Certainty, type PublishSite } from './publish.js';

/** A package only guessed publishes may send, with those publishes and how sure the finding can be. */
export interface GuessedPublish {
  /** The guessed publishes listing the package as a candidate, to npmjs or possibly so, in order. */
  sites: PublishSite[];
  /** `likely` at most: the package may not be among what the publish sends. */
  certainty: Certainty;
  /** The most certain of `sites`, the one findings name. */
  site: PublishSite;
  /** For a message, after the package's name: ` (which "<command>" may publish; ...)`. */
  words: string;
}

/**
 * The guessed publishes that may send `pkg` when no publish surely does (`sitesPublishing` is
 * empty and it is not the only package of a repository): publishable (named, not private), and a
 * candidate of a publish to npmjs (or possibly so, and not to another registry for it) whose
 * targets are unknown. Undefined otherwise.
 */
export function guessedPublish(facts: ProjectFacts, pkg: CoveredPackage): GuessedPublish | undefined {
  if (pkg.published || pkg.private || pkg.name === undefined || pkg.name.trim() === '') return undefined;
  const sites = facts.sites.filter(
    (s) => mayGoToNpmjs(s) && s.packageRegistries.get(pkg.dir)?.registry !== 'other' && s.targets.kind === 'unknown' && s.targets.candidates.some((p) => p.dir === pkg.dir),
  );
  if (sites.length === 0) return undefined;
  const top = mostCertain(sites.map((s) => s.certainty))!;
  const site = sites.find((s) => s.certainty === top)!;
  const words = ` (which "${commandName(site.publish)}" may publish; tp-doctor could not see which packages it publishes)`;
  return { sites, certainty: leastCertain([top, 'likely']), site, words };
}
