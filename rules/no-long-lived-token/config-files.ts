/**
 * Tokens committed in the repository's npm and Yarn configuration files (DOMAIN 6 and 1.7):
 * `_authToken` lines for registry.npmjs.org in `.npmrc` files (the root, the directories publishing
 * steps run in, and the workspace packages) and `npmAuthToken` entries of `.yarnrc.yml`. Values are
 * classified, never returned for display.
 */
import type { Location } from '../../src/yaml/span.js';
import { readNpmrc } from '../../src/model/npm/npmrc.js';
import { NPMJS_HOSTS } from '../../src/model/npm/registry.js';
import { yarnAuthTokens } from '../../src/model/npm/tool-versions.js';
import { discoverPackages, stepDirectory } from '../../src/model/npm/workspaces.js';
import type { Project } from '../../src/model/project.js';
import { hasLiteralToken } from './tokens.js';

/** Legacy npm tokens were UUIDs. */
const UUID_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TokenValue = { kind: 'literal' } | { kind: 'interpolated'; source: string } | { kind: 'fixed' };

/** How a configured token value reads: a literal token, `${VAR}` from the environment, or another fixed value. */
export function classifyToken(value: string): TokenValue {
  const v = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (hasLiteralToken(v) || UUID_TOKEN.test(v)) return { kind: 'literal' };
  const variable = /\$\{([A-Za-z_]\w*)(?:[^\w}][^}]*)?\}|\$([A-Za-z_]\w*)/.exec(v);
  if (variable) return { kind: 'interpolated', source: `\`\${${variable[1] ?? variable[2]}}\`` };
  return { kind: 'fixed' };
}

export interface ConfigToken {
  kind: 'npmrc' | 'yarnrc';
  file: string;
  /** The key as written (`//registry.npmjs.org/:_authToken`) or the YAML path (`npmScopes.acme.npmAuthToken`). */
  key: string;
  value: TokenValue;
  at: Location;
}

/** `.npmrc` keys that hand registry.npmjs.org a token: `//registry.npmjs.org/:_authToken`, or a bare `_authToken`. */
function npmjsTokenKey(key: string): boolean {
  const m = /^(?:\/\/([^/:]+)(?::\d+)?(?:\/[^:]*)?:)?_authToken$/i.exec(key);
  return m !== null && (m[1] === undefined || NPMJS_HOSTS.has(m[1].toLowerCase()));
}

/** Directories whose `.npmrc` npm reads for a publish: the root, publishing steps' directories, workspace packages. */
function npmrcDirs(project: Project): string[] {
  const dirs = new Set<string>(['']);
  for (const wf of project.workflows) {
    for (const job of wf.jobs) for (const step of job.steps) if (step.publishes.length > 0) dirs.add(stepDirectory(step));
  }
  for (const pkg of discoverPackages(project).packages) dirs.add(pkg.dir);
  return [...dirs].filter((d) => !/\$|(?:^|\/)\.\.(?:\/|$)/.test(d));
}

export function configTokens(project: Project): ConfigToken[] {
  const out: ConfigToken[] = [];
  for (const dir of npmrcDirs(project)) {
    const rc = readNpmrc(project.fs, dir);
    for (const entry of rc?.entries ?? []) {
      if (!npmjsTokenKey(entry.key) || entry.value.trim() === '') continue;
      out.push({ kind: 'npmrc', file: rc!.file, key: entry.key, value: classifyToken(entry.value), at: entry.keyLocation });
    }
  }
  for (const token of yarnAuthTokens(project)) {
    out.push({ kind: 'yarnrc', file: token.node.file, key: token.path, value: classifyToken(token.value), at: { file: token.node.file, ...token.node.anchorSpan } });
  }
  return out;
}
