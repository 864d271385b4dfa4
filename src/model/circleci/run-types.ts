/**
 * What a CircleCI `run` step does that trusted publishing depends on (read by run.ts): its command
 * and the publishes, `circleci run oidc get` commands, `NPM_ID_TOKEN` sets, npm upgrades and
 * `_authToken` writes in it. Re-exported by types.ts.
 */
import type { Location } from '../../yaml/span.js';
import type { PublishCommand } from '../npm/publish-site.js';
import type { NpmUpgrade } from '../npm/publish-commands.js';
import type { CircleEnvEntry, CircleSubstitution, CircleText } from './types.js';

/** `circleci run oidc get` in a `run` step. */
export interface CircleOidcGet {
  /** The command (in the step's expanded text) and where it is written. */
  text: string;
  offset: number;
  end: number;
  location: Location;
  /** The `--claims` argument as the shell passes it; undefined without `--claims`. */
  claims?: string;
  /** `aud` of the claims (a string, or each item of a list); undefined when not readable. */
  audiences?: string[];
  /** Why the audience cannot be read (a variable, not JSON, no `aud`); undefined when it can. */
  audienceUnknown?: string;
  /** True when the claims are strict JSON (`JSON.parse` accepts them as given). */
  claimsJson: boolean;
}

/** Where a `run` step sets `NPM_ID_TOKEN`. */
export interface CircleNpmIdTokenSet {
  /**
   * `export`: `export NPM_ID_TOKEN=...` (for the rest of this step only);
   * `prefix`: `NPM_ID_TOKEN=... cmd` (for that command only);
   * `assign`: `NPM_ID_TOKEN=...` without export (not passed to child processes);
   * `bash-env`: written to `$BASH_ENV` (`echo "export NPM_ID_TOKEN=..." >> "$BASH_ENV"`), for the later steps of the job.
   */
  kind: 'export' | 'prefix' | 'assign' | 'bash-env';
  text: string;
  /**
   * What is assigned, as written: the rest of the shell word after `NPM_ID_TOKEN=` (`$(cat t)`,
   * `$TOKEN`), for `bash-env` in the text echoed to `$BASH_ENV` (without the redirect).
   */
  value: string;
  offset: number;
  end: number;
  location: Location;
  /** True when the value comes from `circleci run oidc get` in the same command or line. */
  fromOidc: boolean;
  /**
   * The `circleci run oidc get` commands whose output it sets: in the same command, or in the text
   * written to `$BASH_ENV` (`echo "export NPM_ID_TOKEN=\\$(circleci run oidc get ...)"`, run when a
   * later step starts); located at this command when they are only in the written text.
   */
  oidc: CircleOidcGet[];
}

/** `npm install -g npm@<spec>` (or corepack) in a `run` step. */
export interface CircleNpmUpgrade {
  upgrade: NpmUpgrade;
  /** The command runs under `sudo` (cimg images need it for a global install). */
  sudo: boolean;
  location: Location;
  /** The command goes on after a failure (`NpmUpgradeAt`: `|| true`). */
  handled?: true;
  tolerated?: true;
}

/** A line of a `run` step that writes an `_authToken` (to `.npmrc`, usually). */
export interface CircleAuthTokenWrite {
  text: string;
  offset: number;
  end: number;
  location: Location;
}

export interface CircleRun {
  /**
   * The command, parameters expanded; a command that is nothing but a pipeline parameter stays the
   * unresolved placeholder (see `triggerChosen`).
   */
  command: CircleText;
  /**
   * Set when the whole command is a pipeline parameter (`run: << pipeline.parameters.cmd >>`), or one
   * stands in a command position of it (`npm ci && << pipeline.parameters.cmd >>`): the trigger
   * chooses what runs there, so tp-doctor cannot read it (its `default:` is only what runs when no
   * value is passed). A whole command runs nothing tp-doctor recognises; in a longer one the rest is
   * read, the parameter's name standing in `command` for its default. It may be a possible publish.
   * `offset`/`end`: the placeholder's range in `command`.
   */
  triggerChosen?: CircleSubstitution;
  name?: CircleText;
  environment: CircleEnvEntry[];
  workingDirectory?: CircleText;
  /**
   * Its own `working_directory` is the repository's root (the checkout's `path:`, girder/girder):
   * its commands were read again as at the root, committed scripts included (jobs.ts).
   */
  atRoot?: true;
  /**
   * The repository directory below the root it runs in (its own or the job's `working_directory`),
   * when tp-doctor can tell it: its commands were read again from there, that directory's
   * package.json scripts and script files (jobs.ts `rereadStepsInDirectories`).
   */
  readIn?: string;
  /** `when: always | on_success | on_fail` (CircleCI's default is `on_success`). */
  when?: string;
  background: boolean;
  /** Publish commands found in the command, located where written. */
  publishes: PublishCommand[];
  oidc: CircleOidcGet[];
  npmIdToken: CircleNpmIdTokenSet[];
  npmUpgrades: CircleNpmUpgrade[];
  authTokenWrites: CircleAuthTokenWrite[];
}
