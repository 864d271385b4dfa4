/**
 * What `init` says of a publish tp-doctor did not recognise for certain: why it is a guess
 * (`PublishFact.guess`), and, when it cannot tell the packages, which ones it may publish and
 * where it runs (`PublishFact.candidates`, `PublishFact.directories`). Plain data from a publish site.
 */
import type { PublishFact } from './repo-facts.js';
import { DEFAULT_CIRCLECI_FILE } from '../model/circleci/config.js';
import type { PublishSite } from '../model/publish.js';

/**
 * Why a publish is not certain (`PublishFact.action` undefined), in words; undefined when it is.
 * Each reason the model records is named: a CircleCI configuration other than the default one
 * (sign-and-publish-examples' `.circleci/npm-publish.yml`), a publish its script may not reach
 * (a committed script tp-doctor read: birdofpreyru's `bin/release.sh`), a script it did not find
 * or cannot read, a configuration it did not read, a pipeline parameter's default, an unknown registry.
 */
export function guessOf(site: PublishSite): string | undefined {
  if (site.certainty === 'certain') return undefined;
  const { match } = site.publish;
  const reasons: string[] = [];
  if (site.provider === 'circleci' && site.config.discovered === true) {
    reasons.push(`${site.config.file} is not the default ${DEFAULT_CIRCLECI_FILE}: a pipeline runs it only when its config file path names it`);
  }
  const last = match.via.at(-1);
  if (match.mayNotRun !== undefined) reasons.push(`\`${match.label}\` ${match.mayNotRun}`);
  else if (match.configUnread !== undefined) reasons.push(`whether \`${match.label}\` publishes depends on its configuration, and ${match.configUnread.unread}`);
  else if (match.scriptNotFound === true) reasons.push(`\`${match.label}\` runs a script tp-doctor did not find`);
  else if (match.runsUnread === true) reasons.push('a script tp-doctor cannot read');
  else if (match.confidence !== 'certain' && last?.readCertain === true) reasons.push(`\`${match.label}\` is in ${last.file === true || last.jsFile === true ? last.script : `the script "${last.script}"`}, which tp-doctor read, but the script may not reach it`);
  else if (match.confidence !== 'certain') reasons.push(`\`${match.label}\` is a guess from its name: tp-doctor does not follow the script, orb or tool it runs`);
  if (reasons.length === 0 && site.registry.registry === 'unknown') reasons.push(`tp-doctor cannot tell the registry \`${match.label}\` publishes to`);
  if (reasons.length > 0) return reasons.join('; ');
  return site.provider === 'circleci' ? `\`${match.label}\` rests on a pipeline parameter's default, which a triggered pipeline may change` : `tp-doctor is not sure \`${match.label}\` runs as written`;
}

/** A change of directory in a command line (as ./script-file-targets.ts reads one). */
const CD = /(?:^|[;&|(]\s*)(?:cd|pushd)\s/m;

/**
 * For a publish whose packages tp-doctor cannot tell: the packages it may publish (named, not
 * private) with their directories (`` the root), and whether a `cd` before it in its own shell or
 * in a script on its way changes to a directory tp-doctor cannot tell (`cd "$DIR" && npm publish`
 * in a `run:`, `cd "$1"` in a script it read; on GitLab a variable `workflow: rules:` or a dotenv report
 * may change). girder/girder's `pushd
 * "$directory"` loop names its sub-packages as candidates, never the root one.
 */
export function unknownTargets(site: PublishSite): Pick<PublishFact, 'candidates' | 'directoryUnknown'> {
  const candidates = site.targets.candidates.filter((p) => p.name !== undefined && !p.private).map((p) => ({ name: p.name!, dir: p.dir }));
  const { match } = site.publish;
  // On GitLab, a `cd "$DIR"` whose variable the pipeline may change is known unknown only for the site (`GitlabSite.cdUnknown`).
  const cd = match.cdUnknown === true || (site.provider === 'gitlab' && site.cdUnknown === true) || match.via.some((v) => CD.test(v.command));
  const moved = site.directory === undefined && (site.directories ?? []).length === 0 && match.runsUnread !== true && cd;
  return { candidates, ...(moved ? { directoryUnknown: true as const } : {}) };
}
