/**
 * The flags of a recognised publish, the `PATH` it runs under and the scripts on its way
 * (`PublishFlags`, `PathShim`, `ViaScript`): split from publish-match.ts, which re-exports them.
 */
import type { Location } from '../../yaml/span.js';
import type { RegistryConfigFile } from '../data/registry-config.js';

export interface PublishFlags {
  provenance?: boolean;
  registry?: string;
  /** How messages name where `registry` came from, when not `--registry` on the command (a script file's `npm config set registry`). */
  registrySource?: string;
  /**
   * Yarn 2+ registry settings of a committed shell script on the way to the publish (`yarn config
   * set npmPublishRegistry URL` in it), last write first: its place in the file is not tracked, so
   * every one counts, as `registry` does for the npm configuration.
   */
  configWrites?: readonly { key: string; file: RegistryConfigFile; url: string; source: string }[];
  /**
   * npm's scope registries given on the command line, by key (`@acme:registry`): `--@acme:registry=URL`
   * sets the URL; without `=` npm's option parser (nopt) sets `true` and reads the next word as a
   * package to publish, so the value is undefined (a registry tp-doctor cannot tell). The last one
   * of a key wins. Read for every tool; the registry decision uses them for npm and pnpm only.
   */
  scopeRegistries?: ReadonlyMap<string, string | undefined>;
  /** A token given on the command line (`FlagNames.token`, `--//registry.npmjs.org/:_authToken=$T`), as written. */
  token?: string;
  tag?: string;
  access?: string;
  /**
   * The tool renames the package to `<name>-<suffix>` before it publishes it (changelogen
   * `--canary nightly`: name-suffix.ts); `suffix` is undefined when it is not a literal.
   */
  nameSuffix?: { suffix?: string };
}

/** A `PATH` that puts a directory that may hold another `npm` first (`path-shim.ts`). */
export interface PathShim {
  /** The `PATH` as written; for `runtime`, the runner's words that set it (`mise x node@22 --`). */
  path: string;
  /**
   * `wrapper`: a committed `npm` file of the repository; `install`: a folder named for npm or Node;
   * `runtime`: a runner that puts its own Node first (`mise x node@22 -- npm publish`,
   * command-runners.ts), whose npm is not the job's; `image`: a container runner (`docker run …
   * node:20 npm publish`, `container`), whose image's Node and npm run the command.
   */
  holds: 'wrapper' | 'install' | 'runtime' | 'image';
  /** For `runtime`: an environment manager's (`nix develop --command`, ../data/environment-runs.ts), whose Node and npm come from the repository's environment. */
  environment?: true;
  /** For `environment`: the manager clears the environment but for these variables (`nix develop -i -k VAR`, ./environment-runs.ts `keptEnv`). */
  keptEnv?: readonly string[];
  /** For `image`: the container. */
  container?: ContainerRun;
}

/** A container a command runs in (`docker run -e NAME node:20 npm publish`: ../data/container-runs.ts). */
export interface ContainerRun {
  /** The command that starts it, for messages: `docker run` or `podman run`. */
  runner: string;
  /** The image as written. */
  image: string;
  /** The variables its options pass in by name (`-e NAME`, `-e NAME=value`, `--env=NAME`). */
  env: string[];
  /** An option that passes variables tp-doctor cannot read (`--env-file .env`, `-e "$VARS"`): as written. */
  unread?: string;
  /** It passes the caller's whole environment (`--env-host`). */
  all?: true;
}

/**
 * A `package.json` script on the way to the publish: its name and its command (forwarded arguments
 * appended); or a committed shell script (`file: true`): its repository path and its text. A
 * lifecycle script (`lifecycle: true`) is one a publish ran in the package it published
 * (`"prepublishOnly": "napi prepublish"` under `npm publish`: lifecycle-scripts.ts). A command a
 * tool's configuration file gives (`at`: Ship.js's `publishCommand`, shipjs-config.ts): the file's
 * repository path, the command, and where the file writes it.
 */
export interface ViaScript {
  script: string;
  command: string;
  file?: true;
  lifecycle?: true;
  at?: Location;
  /**
   * For a committed shell script (`file`): where the command of its text that led to the publish
   * stands in `command` (`end` exclusive; shell-files.ts `placeInFile`), so that the script's
   * `cd`s and loops before it are read for its targets (./script-file-targets.ts).
   */
  publishAt?: { offset: number; end: number };
  /**
   * For a committed shell script: the publish it ran directly was certain as written there; it
   * is a guess only because the script may branch (what it selects is read all the same). For a
   * JavaScript file (`jsFile`): the same, and the file changes no directory (no `cwd`, `chdir`, `cd(`).
   */
  readCertain?: true;
  /** A committed JavaScript file (./node-scripts.ts): `command` is a command line it hands a child process. */
  jsFile?: true;
  /**
   * A recipe line of a makefile (./make-runs.ts): `script` is the makefile, `command` the line as
   * the shell gets it (variables put in), `at` where the file writes it; placed like a script file's.
   */
  recipe?: true;
  /**
   * For a recipe line of a make run with `-C` (the `-C` directories joined, as written): where the
   * recipes run, relative to the directory that make was started in.
   */
  makeDir?: string;
  /**
   * A command line a tool's configuration hands the shell where the tool runs
   * (`@semantic-release/exec`'s `publishCmd`): the repository directory it starts in (`Frame.dir`
   * where the tool ran). Placed like a script file's (`publishAt`), so that a publish it runs
   * itself is read there, after its `cd`s (./script-file-targets.ts `configLineTargets`).
   */
  startDir?: string;
  /** For a configuration's command line: the option that holds it, for messages (`publishCmd of @semantic-release/exec`). */
  option?: string;
  /**
   * A committed JavaScript file that names another working directory for what it runs (`{ cwd:
   * packageDir }`, `process.chdir`: ./node-scripts.ts): the publish may run in any package's
   * directory, the root's too (xtermjs/xterm.js `bin/publish.js` publishes the root and its addons).
   */
  computedDir?: true;
}


/** Where a command was sent to another package (`PublishMatch.inPackage`). */
export interface PackageSwitch {
  selector: string;
  depth: number;
}

/**
 * A login check a tool runs before it publishes (`@release-it-plugins/workspaces`' `npm whoami`),
 * which fails under OIDC, unless its option turns it off; `unknown`: the option's value cannot be read.
 */
export interface PublishPreCheck {
  /** The tool (a release-it plugin's name). */
  tool: string;
  /** The check, as it runs (`npm whoami`). */
  command: string;
  /** The option that turns it off. */
  option: string;
  /** The configuration file that would set it, and where it writes the tool's entry. */
  file: string;
  at?: Location;
  unknown: boolean;
}

/**
 * A variable a `package.json` script sets for the command it runs (`PublishMatch.scriptEnv`): the
 * assignments before it or those of a prefix that takes them (`HUSKY=0 semantic-release`, `cross-env
 * NODE_ENV=production npm publish`, `env A=b npm publish`), with the name of the script.
 */
export interface ScriptAssignment {
  name: string;
  value: string;
  script: string;
}
