/**
 * What a user configuration file a job names (`NPM_CONFIG_USERCONFIG=.npmrc.ci npm publish`,
 * `--userconfig`) says for a registry key no line of the job wrote, whatever the CI provider
 * (docs/domain.md A.63): a committed file's own setting, by repository path; nothing for `/dev/null`
 * or a file a command of the job writes before the publish (its lines are read as the job's
 * writes); else a registry tp-doctor cannot know, since such a file may set any registry. GitHub's
 * user layer (../github/registry-layers.ts `userLayer`) asks the same questions through
 * `writesUserConfig`; GitLab and CircleCI through `namedFileLayer`.
 */
import { scriptIndex } from './script-index.js';
import { memoByKey } from '../core/memo.js';
import { writeTargets } from './write-targets.js';
import type { UserConfig } from './user-config.js';
import type { RegistrySetting } from './publish-site.js';
import type { Location } from '../../yaml/span.js';

/** `$NPM_CONFIG_USERCONFIG` or `${NPM_CONFIG_USERCONFIG}` as a written file (any case). */
const USERCONFIG_VARIABLE = /^\$\{?npm_config_userconfig\}?$/i;

/** The registry URL of a user configuration tp-doctor cannot read: the `$` makes it unknown (./registry.ts `classifyRegistry`). */
export const UNREAD_USER_CONFIG_URL = '${{ unread user configuration }}';

/** The registry setting of a user configuration file tp-doctor cannot read (named by `source`, set at `at`): any registry. */
export function unreadUserConfig(source: string, at: RegistrySetting['at']): RegistrySetting {
  return { url: UNREAD_USER_CONFIG_URL, source: `the user configuration ${source} names, which tp-doctor cannot read`, at, atValue: false };
}

/** The files the commands of a script text write (./write-targets.ts), with where each command ends; read once per text (64 texts). */
const writtenFiles = memoByKey((text: string): readonly { end: number; value: string }[] => {
  const { commands } = scriptIndex(text);
  return commands.flatMap((c, i) => writeTargets(commands, i, text).map((w) => ({ end: c.offset + c.text.length, value: w.value })));
}, 64);

/**
 * True when a command of `scripts` (each read up to `end` when given) writes the user configuration
 * `file`: a file of its name, or `$NPM_CONFIG_USERCONFIG` (./write-targets.ts, the one reader of
 * redirections and `tee`).
 */
export function writesUserConfig(file: string, scripts: readonly { text: string; end?: number }[]): boolean {
  const name = (file.split('/').pop() ?? file).toLowerCase();
  // A text that names neither the file nor the variable writes neither: not split (a job of thousands of lines).
  const mayWrite = (text: string): boolean => text.toLowerCase().includes(name) || /npm_config_userconfig/i.test(text);
  return scripts.some(({ text, end = Infinity }) => mayWrite(text) && writtenFiles(text).some((w) => w.end <= end && (USERCONFIG_VARIABLE.test(w.value) || w.value.toLowerCase().endsWith(name))));
}

/** What a relative user configuration file name is read against in a provider's job. */
export interface NamedFileContext {
  /** The repository directory the publish runs in ('' for the root; undefined when unknown). */
  dir: string | undefined;
  provider: 'gitlab' | 'circleci';
  /** The job's script texts before the publish (each read up to `end` when given); asked only for a file not committed. */
  scripts(): readonly { text: string; end?: number }[];
  exists?(file: string): boolean;
  setting?(file: string, key: string): RegistrySetting | undefined;
  /** Where the file is named, for an unknown registry's location. */
  at: Location;
}

/**
 * A provider's prefix naming the repository root in a path, stripped: `$CI_PROJECT_DIR/` on GitLab;
 * none on CircleCI, whose checkout directory is `~/project` or the job's `working_directory` (a path
 * from the home directory is not read as committed).
 */
const ROOT_PREFIX = { gitlab: /^\$\{?CI_PROJECT_DIR\}?\//, circleci: /^(?!)/ } as const;

/**
 * The repository path of the user configuration file a GitLab or CircleCI publish names, when it
 * can be committed: relative to the publish's directory (`dir`), or to the root through the
 * provider's prefix; undefined for an absolute path, one in the home directory, one with a
 * variable in it, and a relative one in an unknown directory.
 */
export function namedFilePath(file: string, dir: string | undefined, provider: NamedFileContext['provider']): string | undefined {
  const rooted = file.replace(ROOT_PREFIX[provider], '');
  const fromRoot = rooted !== file;
  const relative = rooted.replace(/^(?:\.\/)+/, '');
  if (relative.includes('$') || relative.startsWith('/') || relative.startsWith('~') || (!fromRoot && dir === undefined)) return undefined;
  return fromRoot || dir === '' ? relative : `${dir}/${relative}`;
}

/**
 * The user layer's answer from the named file itself, for keys the job's own writes did not decide;
 * undefined when npm reads `~/.npmrc` (the provider's layers say that one).
 */
export function namedFileLayer(userConfig: UserConfig, ctx: NamedFileContext): ((key: string) => RegistrySetting | undefined) | undefined {
  if (userConfig.kind !== 'file' || userConfig.file === '/dev/null') return undefined;
  // A committed file answers for what the job's own lines did not write (they come first, `findConfigWrite`), as on GitHub.
  const path = namedFilePath(userConfig.file, ctx.dir, ctx.provider);
  if (path !== undefined && ctx.exists?.(path) === true) return (key) => ctx.setting?.(path, key);
  if (writesUserConfig(userConfig.file, ctx.scripts())) return undefined;
  const unread = unreadUserConfig(userConfig.source, ctx.at);
  return () => unread;
}
