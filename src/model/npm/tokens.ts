/**
 * Token knowledge (DOMAIN 6): which env names carry an npm token, whether a value comes from a
 * secret, and which script lines write an `_authToken` into the npm configuration. Values are
 * classified, never returned for display.
 */
import { NPMJS_HOSTS } from './registry.js';
import { splitCommands } from './shell.js';

/** npm access tokens: `npm_` + 36 base62 characters. Never print a match. */
export const LITERAL_TOKEN = /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g;

const TOKEN_NAMES = new Set(['node_auth_token', 'npm_token', 'npm_auth_token', 'yarn_npm_auth_token']);

export function hasLiteralToken(text: string | undefined): boolean {
  return text !== undefined && new RegExp(LITERAL_TOKEN.source).test(text);
}

/** True for an env name that hands npm (or Yarn) a token for registry.npmjs.org. */
export function isTokenName(name: string): boolean {
  const lower = name.toLowerCase();
  if (TOKEN_NAMES.has(lower)) return true;
  const host = /^npm_config_\/\/([^/:]+)(?::\d+)?(?:\/[^:]*)?:_authtoken$/.exec(lower)?.[1];
  return host !== undefined && NPMJS_HOSTS.has(host);
}

/** `secrets.NAME` of the first secret other than GITHUB_TOKEN the value reads, if any. */
export function secretSource(value: string | undefined): string | undefined {
  for (const expr of value?.match(/\$\{\{[\s\S]*?\}\}/g) ?? []) {
    for (const m of expr.matchAll(/\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)) {
      const name = m[1] ?? m[2] ?? '';
      if (name.toUpperCase() !== 'GITHUB_TOKEN') return `secrets.${name}`;
    }
  }
  return undefined;
}

export interface TokenWrite {
  /** Offsets into the script text. */
  offset: number;
  end: number;
  /** The token value as written (never shown to the user). */
  value: string;
}

/**
 * Script lines that put a token for registry.npmjs.org into the npm (or Yarn) configuration:
 * `npm config set //registry.npmjs.org/:_authToken ...` (also `npm set`, pnpm, `yarn config set
 * npmAuthToken`), and `//registry.npmjs.org/:_authToken=...` written to an `.npmrc`.
 */
export function findTokenWrites(text: string): TokenWrite[] {
  const out: TokenWrite[] = [];
  for (const cmd of splitCommands(text)) {
    const words = cmd.words.map((w) => w.value);
    const bin = (words[0] ?? '').replace(/^.*\//, '');
    if (!['npm', 'pnpm', 'pn', 'yarn'].includes(bin)) continue;
    const args = words.slice(1).filter((w) => !w.startsWith('-'));
    const at = args[0] === 'config' ? 1 : 0;
    if (args[at] !== 'set') continue;
    for (let i = at + 1; i < args.length; i++) {
      const arg = args[i] ?? '';
      const m = /^(?:\/\/([^/:\s]+)[^\s=]*:_authToken|npmAuthToken)(?:=(.*))?$/.exec(arg);
      if (!m) continue;
      const value = m[2] ?? args[i + 1] ?? '';
      if ((m[1] === undefined || NPMJS_HOSTS.has(m[1].toLowerCase())) && value.trim() !== '') {
        out.push({ offset: cmd.offset, end: cmd.offset + cmd.text.length, value });
      }
    }
  }
  if (!/\.npmrc|NPM_CONFIG_USERCONFIG/i.test(text)) return out;
  const pattern = /\/\/([A-Za-z0-9.-]+)(?::\d+)?(?:\/[^\s'":=]*)?:_authToken\s*=\s*(\$\{\{[^}]*\}\}|[^\s'"`]*)/g;
  for (const m of text.matchAll(pattern)) {
    const offset = m.index;
    const lineStart = text.lastIndexOf('\n', offset) + 1;
    if (/^\s*#/.test(text.slice(lineStart, offset))) continue;
    if (!NPMJS_HOSTS.has((m[1] ?? '').toLowerCase()) || (m[2] ?? '') === '') continue;
    if (out.some((w) => offset >= w.offset && offset < w.end)) continue;
    out.push({ offset, end: offset + m[0].length, value: m[2] ?? '' });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** The first `$VAR` or `${VAR}` a value reads (shell and GitLab CI/CD variable syntax). */
export function variableOf(value: string): string | undefined {
  return /\$\{?([A-Za-z_]\w*)/.exec(value)?.[1];
}
