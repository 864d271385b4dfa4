/**
 * Token knowledge (docs/domain.md §6): which env names carry an npm token, whether a value comes from a
 * secret, and which script lines write an `_authToken` into the npm configuration. Values are
 * classified, never returned for display.
 */
import { classifyRegistry, NPMJS_HOSTS, registryHost, registryWrites } from './registry.js';
import { splitCommands, type ShellCommand } from './shell.js';
import { mayMention } from './command-words.js';
import type { ShellScope } from './shell-nesting.js';
import { templateWrites, type TemplateReader } from './npmrc-templates.js';
import { writtenOnlyElsewhere } from './write-targets.js';

/** npm access tokens: `npm_` + 36 base62 characters. Never print a match. */
export const LITERAL_TOKEN = /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g;

/**
 * Environment variables a publishing tool reads as the npm token: setup-node's `NODE_AUTH_TOKEN`
 * (through the `.npmrc` it writes), the usual secrets, Yarn 2+'s `YARN_NPM_AUTH_TOKEN`, and
 * `NPM_CONFIG_TOKEN`, which `bun publish` reads in CI (its documentation; arshad-yaseen/bunup),
 * as the CircleCI token list (`NPM_TOKEN_VARIABLES`) already had it.
 */
const TOKEN_NAMES = new Set(['node_auth_token', 'npm_token', 'npm_auth_token', 'yarn_npm_auth_token', 'npm_config_token']);

/** A CircleCI context (or a command) whose name says it holds or writes an npm token: `npm-publish-token`, `npm-auth`, `helper-npm-store-auth-token`. */
export const NPM_TOKEN_NAME = /npm[\w-]*(?:token|auth)|(?:token|auth)[\w-]*npm/i;

/**
 * A command (a script, an orb command) whose name says it sets npm up with credentials: the names of
 * `NPM_TOKEN_NAME`, and `configure-npm.sh` (OpusCapita's CI image), `npm-login`, `write-npmrc`.
 */
export const NPM_CONFIG_NAME = new RegExp(`${NPM_TOKEN_NAME.source}|npmrc|npm[\\w.-]*(?:login|conf)|(?:login|conf)[\\w.-]*npm`, 'i');

export function hasLiteralToken(text: string | undefined): boolean {
  return text !== undefined && new RegExp(LITERAL_TOKEN.source).test(text);
}

/**
 * True for an env name that hands npm (or Yarn) a token for registry.npmjs.org; with `anyRegistry`,
 * also `NPM_CONFIG_//<host>/:_authToken` for another registry (a token of the job's own there).
 */
export function isTokenName(name: string, { anyRegistry = false }: { anyRegistry?: boolean } = {}): boolean {
  const lower = name.toLowerCase();
  if (TOKEN_NAMES.has(lower)) return true;
  const host = /^npm_config_\/\/([^/:]+)(?::\d+)?(?:\/[^:]*)?:_authtoken$/.exec(lower)?.[1];
  return host !== undefined && (anyRegistry || NPMJS_HOSTS.has(host));
}

/**
 * True for a token variable a publish tool reads from the environment by itself: npm takes every
 * `npm_config_*` variable as configuration (`NPM_CONFIG_//registry.npmjs.org/:_authToken`, bun's
 * `NPM_CONFIG_TOKEN`), Yarn 2+ `YARN_NPM_AUTH_TOKEN`. npm reads `NODE_AUTH_TOKEN`, `NPM_TOKEN` and
 * `NPM_AUTH_TOKEN` only through an `.npmrc` line that names them (`_authToken=${NODE_AUTH_TOKEN}`).
 */
export function readFromEnvironment(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('npm_config_') || lower === 'yarn_npm_auth_token';
}

/**
 * Publish tools that publish through the npm CLI and read no token variable themselves: npm, and
 * napi-rs's `napi prepublish` / `pre-publish`, which runs `<napi.npmClient> publish` with its own
 * environment and reads only `GITHUB_TOKEN` (for the GitHub release; @napi-rs/cli
 * `cli/src/api/pre-publish.ts`, read December 2026). Not semantic-release, changesets or auto,
 * which read `NPM_TOKEN` (docs/domain.md §6), nor Yarn or bun, which read their own variables.
 */
export const THROUGH_NPM_CLI: ReadonlySet<string> = new Set(['npm', 'napi']);

/**
 * True for a secret whose name says it is an npm token (`NPM_TOKEN`, `NPM_PUBLISH_TOKEN`,
 * `NODE_AUTH_TOKEN`): a hint, for names passed where tp-doctor cannot see what reads them (the
 * `secrets:` of a call to another repository's workflow). Not `isTokenName`, which is about the
 * environment variables npm itself reads.
 */
export function namesNpmSecret(name: string): boolean {
  return /npm|node_auth/i.test(name);
}

/** `secrets.NAME` of the first secret other than GITHUB_TOKEN the value reads, if any (none without `secrets`: most values, not scanned). */
export function secretSource(value: string | undefined): string | undefined {
  for (const expr of value?.includes('secrets') ? (value.match(/\$\{\{[\s\S]*?\}\}/g) ?? []) : []) {
    for (const m of expr.matchAll(/\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)) {
      const name = m[1] ?? m[2] ?? '';
      if (name.toUpperCase() !== 'GITHUB_TOKEN') return `secrets.${name}`;
    }
  }
  return undefined;
}

/**
 * `steps.<id>.outputs.<name>` or `needs.<job>.outputs.<name>` when the value is such an expression:
 * a token a step fetched at run time (Bitwarden's `bws`, 1Password, Vault, a cloud secret manager;
 * briansunter/archfetch). Whether it is long-lived is not known (a step may also have exchanged an
 * OIDC token itself), so it counts as a token the publish may fall back on, never as a leaked secret.
 */
export function fetchedTokenSource(value: string | undefined): string | undefined {
  const m = /^\s*\$\{\{\s*((?:steps|needs)\.[A-Za-z_][\w-]*\.outputs\.[A-Za-z_][\w-]*)\s*\}\}\s*$/.exec(value ?? '');
  return m?.[1];
}

export interface TokenWrite {
  /** Offsets into the script text. */
  offset: number;
  end: number;
  /** The token value as written (never shown to the user). */
  value: string;
  /**
   * `unknown` for a write whose key is built from a variable tp-doctor cannot put in
   * (`TokenWriteOptions.variableKeys`): a token, for a registry that may be registry.npmjs.org.
   * Absent for a token for registry.npmjs.org.
   */
  registry?: 'unknown';
  /**
   * The write is Yarn 2+'s `npmAuthToken` (`yarn config set npmAuthToken`, a `.yarnrc.yml` line),
   * which only Yarn reads: no token for the npm CLI (`npmTokenWrites`). Absent for npm's `_authToken`.
   */
  yarn?: true;
}

export interface TokenWriteOptions {
  /**
   * Also count writes whose `_authToken` key is built from a variable (`npm config set
   * "${PACKAGE_REGISTRY#https?}:_authToken=$NPM_TOKEN"`, `echo "${REGISTRY#https:}:_authToken=$T" >>
   * .npmrc`): the key with the values the caller knows put in (./shell-values.ts). One that names
   * registry.npmjs.org is a write like a literal key, one that names another registry is none, and
   * one still holding a variable is a write for an unknown registry (`TokenWrite.registry`). Without it such writes are not returned.
   */
  variableKeys?: (key: string) => string;
  /** Reads the committed template an `envsubst < t > .npmrc` fills the file from (./npmrc-templates.ts): its lines are written as by an `echo`. Without it such writes are not returned. */
  template?: TemplateReader;
  /** The files the environment names as npm's user configuration (`envUserConfigs`): a line echoed into one is a token write (A.42). */ userConfigs?: readonly string[];
}

const OKEN = /oken/i;

/**
 * Script lines that put a token for registry.npmjs.org into the npm (or Yarn) configuration:
 * `npm config set //registry.npmjs.org/:_authToken ...` (also `npm set`, pnpm, `yarn config set
 * npmAuthToken`), and `//registry.npmjs.org/:_authToken=...` written to an `.npmrc`.
 */
export function findTokenWrites(text: string, options: TokenWriteOptions = {}): TokenWrite[] {
  const out: TokenWrite[] = [];
  // Both keys end in `Token`: a script without `oken` (after removing what the shell removes
  // inside a word: quotes, backslashes, line continuations) writes neither and needs no split (the
  // lint asks this of every `run:` of every job). `mayMention` sees through `_auth"To"ken` and
  // `_auth\<newline>Token` alike.
  const commands = mayMention(text, OKEN) ? splitCommands(text) : [];
  // Yarn 2+ sends a top-level `npmAuthToken` to its own registry: after `yarn config set
  // npmPublishRegistry http://localhost:4000` (or `npmRegistryServer`, or a value tp-doctor cannot
  // read) it is that registry's token, as `//localhost:4000/:_authToken` is for npm.
  const yarnElsewhere = commands.length > 0 && yarnRegistryElsewhere(commands);
  for (const cmd of commands) {
    const words = cmd.words.map((w) => w.value);
    const bin = (words[0] ?? '').replace(/^.*\//, '');
    const echoed = yarnrcEcho(bin, words, text.slice(cmd.offset + cmd.text.length));
    if (echoed !== undefined && !yarnElsewhere) out.push({ offset: cmd.offset, end: cmd.offset + cmd.text.length, value: echoed, yarn: true });
    if (!['npm', 'pnpm', 'pn', 'yarn'].includes(bin)) continue;
    const args = words.slice(1).filter((w) => !w.startsWith('-'));
    const at = args[0] === 'config' ? 1 : 0;
    if (args[at] !== 'set') continue;
    for (let i = at + 1; i < args.length; i++) {
      const arg = args[i] ?? '';
      const keyed = options.variableKeys ? variableKeyWrite(arg, args[i + 1], options.variableKeys) : undefined;
      if (keyed !== undefined) {
        if (keyed !== 'other') out.push({ offset: cmd.offset, end: cmd.offset + cmd.text.length, value: keyed.value, ...(keyed.registry ? { registry: keyed.registry } : {}) });
        continue;
      }
      const m = /^(?:\/\/([^/:\s]+)(?:[/:][^\s=]*)?:_authToken|npmAuthToken)(?:=(.*))?$/.exec(arg);
      if (!m) continue;
      const value = m[2] ?? args[i + 1] ?? '';
      if (m[1] === undefined && yarnElsewhere) continue;
      if ((m[1] === undefined || NPMJS_HOSTS.has(m[1].toLowerCase())) && value.trim() !== '') {
        out.push({ offset: cmd.offset, end: cmd.offset + cmd.text.length, value, ...(m[1] === undefined ? { yarn: true as const } : {}) });
      }
    }
  }
  if (!/\.npmrc|NPM_CONFIG_USERCONFIG/i.test(text) && !(options.userConfigs ?? []).some((file) => text.includes(file))) return out;
  for (const t of options.template && text.includes('envsubst') ? templateWrites(splitCommands(text), text) : []) {
    const body = t.template === undefined ? undefined : options.template!(t.template, t.offset);
    // Each token line of the template, read as the same line echoed into the `.npmrc` (`npmrcAuthLines`, a key built from a variable).
    for (const w of body === undefined ? [] : findTokenWrites(`${body}\n.npmrc`, { ...options, template: undefined })) out.push({ ...w, offset: t.offset, end: t.end });
  }
  const written = [...out];
  for (const { offset, ...m } of npmrcAuthLines(text)) {
    const lineStart = text.lastIndexOf('\n', offset) + 1;
    if (/^\s*#/.test(text.slice(lineStart, offset))) continue;
    if (!NPMJS_HOSTS.has(m.host.toLowerCase()) || m.value === '') continue;
    if (written.some((w) => offset >= w.offset && offset < w.end) || writtenOnlyElsewhere(commands, offset, text, options.userConfigs)) continue;
    out.push({ offset, end: m.end, value: m.value });
  }
  if (options.variableKeys) {
    for (const m of variableKeyLines(text)) {
      if (written.some((w) => m.offset >= w.offset && m.offset < w.end)) continue;
      const keyed = variableKeyWrite(`${m.key}:_authToken=${m.value}`, undefined, options.variableKeys);
      if (keyed !== undefined && keyed !== 'other') out.push({ offset: m.offset, end: m.end, value: keyed.value, ...(keyed.registry ? { registry: keyed.registry } : {}) });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Writes whose key is built from a variable count, as a token for a registry that may be npm's (no values put in). */
export const ANY_REGISTRY_KEY: TokenWriteOptions = { variableKeys: (key: string): string => key };

/**
 * The token writes of `text` that the npm CLI reads (`findTokenWrites` without Yarn's
 * `npmAuthToken`): what hands a later `npm dist-tag` or `npm deprecate` of the job a token. A
 * script that only mentions `_authToken` (`grep _authToken .npmrc`, `sed -i '/_authToken/d' .npmrc`,
 * `echo "no _authToken needed"`) writes none.
 */
export function npmTokenWrites(text: string, options: TokenWriteOptions = ANY_REGISTRY_KEY): TokenWrite[] {
  return findTokenWrites(text, options).filter((w) => w.yarn === undefined);
}

/**
 * An `npm config set` argument (or an `.npmrc` line) whose `_authToken` key is built from a
 * variable: `${PACKAGE_REGISTRY#https?}:_authToken=$T`, or the key alone with the value as the next
 * argument. With the caller's values put in, a key for registry.npmjs.org is a token for it, one
 * for another registry (`other`) none, and one still holding a variable a token for an unknown
 * registry. Undefined for an argument that is no such write (a literal key, an empty value).
 */
function variableKeyWrite(arg: string, next: string | undefined, put: (key: string) => string): { value: string; registry?: 'unknown' } | 'other' | undefined {
  const at = arg.indexOf(':_authToken');
  if (at <= 0 || !arg.slice(0, at).includes('$')) return undefined;
  const rest = arg.slice(at + ':_authToken'.length);
  if (rest !== '' && !rest.startsWith('=')) return undefined;
  const value = rest.startsWith('=') ? rest.slice(1) : (next ?? '');
  if (value.trim() === '') return undefined;
  const key = put(arg.slice(0, at));
  if (key.includes('$')) return classifyRegistry(key) === 'other' ? 'other' : { value, registry: 'unknown' };
  const host = registryHost(key);
  return host !== undefined && NPMJS_HOSTS.has(host) ? { value } : 'other';
}

/**
 * `<key>:_authToken=<value>` written in a script (an `.npmrc` line being echoed) whose key starts
 * with a variable (`$REG`, `${REG#https:}`), found by looking back from each `:_authToken` over the
 * key's characters only, as `npmrcAuthLines` does: linear.
 */
function variableKeyLines(text: string): { offset: number; end: number; key: string; value: string }[] {
  const out: { offset: number; end: number; key: string; value: string }[] = [];
  const KEY = ':_authToken';
  // A key never reaches back over the previous `:_authToken`: each character is looked at once.
  let floor = 0;
  for (let at = text.indexOf(KEY); at >= 0; at = text.indexOf(KEY, at + 1)) {
    let start = at;
    while (start > floor && !/[\s'"=]/.test(text[start - 1]!)) start--;
    floor = at + KEY.length;
    if (text[start] !== '$') continue;
    let v = at + KEY.length;
    if (text[v] !== '=') continue;
    v++;
    let end = v;
    while (end < text.length && !/[\s'"`]/.test(text[end]!)) end++;
    if (end > v) out.push({ offset: start, end, key: text.slice(start, at), value: text.slice(v, end) });
  }
  return out;
}

/**
 * The value of a top-level `npmAuthToken:` an `echo`/`printf` appends to or writes into a
 * `.yarnrc.yml` (`echo npmAuthToken: "$NODE_AUTH_TOKEN" >> ./.yarnrc.yml`,
 * semaphore-protocol/semaphore): Yarn 2+ then sends that token to its registry, and a configured
 * token beats trusted publishing there (docs/domain.md §0). One under `npmScopes` or
 * `npmRegistries` (another scope's or registry's) is not read; undefined for anything else.
 */
function yarnrcEcho(bin: string, words: readonly string[], after: string): string | undefined {
  // The redirection after the command's words (the split command's text stops before it).
  if ((bin !== 'echo' && bin !== 'printf') || !/^[ \t]*\d?>>?[ \t]*["']?[^\s;&|'"]*\.yarnrc\.yml\b/.test(after)) return undefined;
  const joined = words.slice(1).join(' ');
  if (/npmScopes|npmRegistries/.test(joined)) return undefined;
  const m = /(?:^|\s|\\n)npmAuthToken:\s*(\S+)/.exec(joined);
  const value = m?.[1]?.replace(/^["']|["']$/g, '');
  return value ? value : undefined;
}

/**
 * True when the script sets Yarn 2+'s top-level registry (`npmPublishRegistry`,
 * `npmRegistryServer`, project or home `.yarnrc.yml`) to something other than npmjs: the rule
 * `yarnAuthTokens` (./yarnrc.ts) applies to a committed `.yarnrc.yml`.
 */
function yarnRegistryElsewhere(commands: readonly ShellCommand[]): boolean {
  return registryWrites(commands).some((w) => (w.file === 'yarnrc-yml' || w.file === 'home-yarnrc-yml') && !w.key.startsWith('npmScopes.') && classifyRegistry(w.url) !== 'npmjs');
}

const HOST_CHAR = /[A-Za-z0-9.-]/;
/** Characters that end the path of a registry URL (`[^\s'":=]`). */
const PATH_END = /[\s'":=]/;

/**
 * `//host[:port][/path]:_authToken = value` written anywhere in a script (an `.npmrc` line being
 * echoed or written by a heredoc), in text order. What the pattern
 * `\/\/([A-Za-z0-9.-]+)(?::\d+)?(?:\/[^\s'":=]*)?:_authToken\s*=\s*(\$\{\{[^}]*\}\}|[^\s'"\`]*)`
 * finds, found by scanning from each `:_authToken` backwards instead: that pattern restarts at
 * every `//` of a long run (`//a//a//a…`) and takes quadratic time. Each `:_authToken` looks back
 * only over its own URL (the path cannot contain `:`, so two looks never overlap), and the value
 * scan stops at the first blank or quote: linear.
 */
export function npmrcAuthLines(text: string): { offset: number; end: number; host: string; value: string }[] {
  const out: { offset: number; end: number; host: string; value: string }[] = [];
  const KEY = ':_authToken';
  let lastEnd = 0;
  // The next `}` at or after a position, remembered: many `${{` without a `}` must not rescan.
  let brace = { from: Infinity, at: -1 };
  const nextBrace = (from: number): number => {
    if (!(from >= brace.from && (brace.at < 0 || from <= brace.at))) brace = { from, at: text.indexOf('}', from) };
    return brace.at;
  };
  for (let at = text.indexOf(KEY); at >= 0; at = text.indexOf(KEY, at + 1)) {
    if (at < lastEnd) continue; // inside the previous match's value
    // The URL before the key: a path without blanks, quotes, `:` or `=`; a `:port` before it.
    let start = at;
    while (start > 0 && !PATH_END.test(text[start - 1]!)) start--;
    let url = text.slice(start, at);
    let port = '';
    if (text[start - 1] === ':' && /^\d+(?:\/|$)/.test(url)) {
      // `host:8080/path`: the host ends at that `:`.
      const colon = start - 1;
      let hostStart = colon;
      while (hostStart > 0 && HOST_CHAR.test(text[hostStart - 1]!)) hostStart--;
      if (hostStart >= 2 && text.startsWith('//', hostStart - 2)) {
        port = text.slice(colon, start);
        start = hostStart - 2;
        url = text.slice(start, at);
      }
    }
    // The leftmost `//host` whose host is followed by the path (`/`), the port or the key.
    let found: { offset: number; host: string } | undefined;
    for (let s = url.indexOf('//'); s >= 0 && !found; s = url.indexOf('//', s + 1)) {
      if (start + s < lastEnd) continue; // a match never starts inside the previous one
      let h = s + 2;
      while (h < url.length && HOST_CHAR.test(url[h]!)) h++;
      if (h === s + 2) continue;
      const next = port && h === url.length ? ':' : url[h];
      if (h === url.length || next === '/' || next === ':') found = { offset: start + s, host: url.slice(s + 2, h) };
    }
    if (!found) continue;
    // ` = value`: a `${{ … }}` expression, or a run without blanks and quotes.
    let v = at + KEY.length;
    while (v < text.length && /\s/.test(text[v]!)) v++;
    if (text[v] !== '=') continue;
    v++;
    while (v < text.length && /\s/.test(text[v]!)) v++;
    let end = v;
    const close = text.startsWith('${{', v) ? nextBrace(v + 3) : -1;
    if (close >= 0 && text[close + 1] === '}') {
      end = close + 2;
    } else {
      while (end < text.length && !/[\s'"`]/.test(text[end]!)) end++;
    }
    out.push({ offset: found.offset, end, host: found.host, value: text.slice(v, end) });
    lastEnd = end;
  }
  return out;
}

/** The first `$VAR` or `${VAR}` a value reads (shell and GitLab CI/CD variable syntax). */
export function variableOf(value: string): string | undefined {
  return /\$\{?([A-Za-z_]\w*)/.exec(value)?.[1];
}

/**
 * True when every `:_authToken` key of `line` names, in a host tp-doctor can read, a registry other
 * than npm's (`NPMJS_HOSTS`): `echo "//npm.pkg.github.com/:_authToken=$T" > ~/.npmrc`
 * (contentful/forma-36, a token to install from GitHub Packages) is no sign of an npmjs publish.
 * False for a key of npm's registry, one whose host holds a variable (`//${REGISTRY}/:_authToken`,
 * `${URL#https:}:_authToken`), or a line with no `:_authToken` key at all (a bare `_authToken`):
 * tp-doctor cannot tell those are not for npmjs. Linear: each key is looked back over once.
 */
export function authTokenLineElsewhere(line: string): boolean {
  let floor = 0;
  let seen = false;
  for (const m of line.matchAll(/:_authtoken/gi)) {
    const at = m.index;
    let start = at;
    while (start > floor && !/[\s'"=>]/.test(line[start - 1]!)) start--;
    floor = at + m[0].length;
    const key = line.slice(start, at);
    const slashes = key.indexOf('//');
    if (slashes < 0) return false;
    let h = slashes + 2;
    while (h < key.length && HOST_CHAR.test(key[h]!)) h++;
    // A host followed by a path, a port or the key; anything else (`//${REGISTRY}/`, `//npm.$D/`) is not read.
    if (h === slashes + 2 || (h < key.length && key[h] !== '/' && key[h] !== ':')) return false;
    if (NPMJS_HOSTS.has(key.slice(slashes + 2, h).toLowerCase())) return false;
    seen = true;
  }
  return seen;
}

/**
 * True when offsets `a` and `b` of a script stand in different branches of one `if` or `case`
 * (./shell-nesting.ts `ShellScope`): at most one of them runs (the napi-rs template writes the same
 * `_authToken` line in its `if` and its `elif`). False when either is in no command the splitter
 * finds (a heredoc body) or in a substitution.
 */
export function inOtherBranches(text: string, a: number, b: number): boolean {
  const commands = splitCommands(text);
  const scopeAt = (o: number): readonly ShellScope[] => commands.find((c) => !c.substitution && o >= c.offset && o < c.offset + c.text.length)?.scope ?? [];
  const other = scopeAt(b);
  return scopeAt(a).some((s) => (s.kind === 'if' || s.kind === 'case') && other.some((t) => t.id === s.id && t.branch !== s.branch));
}
