/**
 * `NPM_ID_TOKEN` set in a command line a tool's configuration runs a publish from
 * (`@semantic-release/exec`'s `publishCmd`: `ViaScript.startDir`), read as a `run` step's text is
 * (./run.ts): snyk/broker's `export NPM_ID_TOKEN=$(circleci run oidc get --claims '{"aud":
 * "npm:registry.npmjs.org"}') && npm publish`. The tool hands the line to a shell of its own, so
 * an export before the publish (or the publish's own prefix) reaches npm as one in the step does.
 */
import type { PublishCommand } from '../npm/publish-site.js';
import type { ViaScript } from '../npm/publish-types.js';
import { findNpmIdTokenSets, findOidcGets, shellCommandsFor } from './run.js';
import type { CircleNpmIdTokenSet, CircleOidcGet } from './types.js';

/** A set of `NPM_ID_TOKEN` in a configuration's command line, before the command that leads to the publish. */
export interface ConfigLineTokenSet {
  set: CircleNpmIdTokenSet;
  oidc: CircleOidcGet[];
  /** The set reaches the publish: an export, or the prefix of the command that leads to it. */
  reaches: boolean;
  /** The configuration file that holds the line. */
  file: string;
}

/** The configuration's command line on the publish's way (the last one: what it runs is its own shell's). */
export function configLineOf(publish: PublishCommand): ViaScript | undefined {
  return publish.match.via.findLast((v) => v.startDir !== undefined && v.at !== undefined && v.publishAt !== undefined);
}

/** The `NPM_ID_TOKEN` sets of the configuration's command line that runs the publish, in the order written. */
export function configLineTokenSets(publish: PublishCommand): ConfigLineTokenSet[] {
  const line = configLineOf(publish);
  if (line?.at === undefined || line.publishAt === undefined) return [];
  const text = { text: line.command, at: line.at };
  const shell = shellCommandsFor(text);
  const sets = findNpmIdTokenSets(text, shell, findOidcGets(text, shell));
  const { offset, end } = line.publishAt;
  return sets
    .filter((set) => set.offset <= offset && set.kind !== 'bash-env')
    .map((set) => ({ set, oidc: set.oidc, file: line.script, reaches: set.kind === 'export' || (set.kind === 'prefix' && set.end >= end) }));
}
