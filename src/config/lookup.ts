/** Where the configuration is: `--config`, a config file at the root, or package.json `tpDoctor`. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DiskFs, MAX_FILE_BYTES, decodeText, describeReadFailure } from '../fs/source.js';
import type { ReadResult, SourceFs } from '../fs/source.js';
import { parseYaml } from '../yaml/parse.js';
import type { YNode } from '../yaml/parse.js';
import { CONFIG_FILE_NAMES } from '../model/core/inputs.js';
import { code, startOf } from './source.js';
import type { ConfigError, ConfigSource } from './source.js';

/** Config files looked up at the repository root, in this order (kept in the list of inputs). */
export { CONFIG_FILE_NAMES };

/** The key of package.json that may hold the configuration. */
export const PACKAGE_JSON_KEY = 'tpDoctor';

const EXECUTABLE_EXTENSIONS = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/i;

function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

function normalizeRelative(p: string): string {
  return path.posix.normalize(toSlashes(p)).replace(/^\.\//, '');
}

/**
 * Finds the configuration: the file given with `--config`, else the first of `CONFIG_FILE_NAMES`,
 * else the `tpDoctor` key of package.json. Problems (unreadable files, several configurations)
 * are pushed to `errors`.
 */
export function findConfig(fs: SourceFs, configPath: string | undefined, errors: ConfigError[]): ConfigSource | undefined {
  if (configPath !== undefined) return readExplicit(fs, configPath, errors);

  const found: ConfigSource[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    const read = fs.read(name);
    if (read.ok) {
      found.push({ file: name, text: read.text });
    } else if (read.reason !== 'missing') {
      errors.push({
        message: `cannot read the config file ${code(name)}: ${describeReadFailure(read)}`,
        location: startOf(name),
      });
    }
  }
  const chosen = found[0];
  if (chosen) {
    const others = found.slice(1);
    if (others.length > 0) {
      const names = found.map((f) => code(f.file));
      const list = names.length === 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
      errors.push({
        message:
          `found ${found.length} config files, ${list}: keep only one ` +
          `(tp-doctor reads ${code(chosen.file)} and ignores the ${others.length === 1 ? 'other' : 'others'})`,
        location: startOf(others[0]?.file ?? chosen.file),
      });
    }
    const pkgKey = packageJsonConfigNode(fs);
    if (pkgKey) {
      errors.push({
        message:
          `both ${code(chosen.file)} and the ${code(PACKAGE_JSON_KEY)} key of ${code('package.json')} configure ` +
          `tp-doctor: keep only one (tp-doctor reads ${code(chosen.file)})`,
        location: { file: 'package.json', ...(pkgKey.keySpan ?? pkgKey.span) },
      });
    }
    return chosen;
  }

  const pkg = fs.read('package.json');
  if (pkg.ok && pkg.text.includes(`"${PACKAGE_JSON_KEY}"`)) {
    const doc = parseYaml('package.json', pkg.text);
    // A package.json that does not parse but mentions the key: report why it cannot be read.
    if (doc.problems.length > 0 || (doc.root?.isMap && doc.root.get(PACKAGE_JSON_KEY))) {
      return { file: 'package.json', text: pkg.text, key: PACKAGE_JSON_KEY };
    }
  }
  return undefined;
}

/** The `tpDoctor` node of the root package.json, when it parses and has one. */
function packageJsonConfigNode(fs: SourceFs): YNode | undefined {
  const pkg = fs.read('package.json');
  if (!pkg.ok || !pkg.text.includes(`"${PACKAGE_JSON_KEY}"`)) return undefined;
  const doc = parseYaml('package.json', pkg.text);
  return doc.root?.isMap ? doc.root.get(PACKAGE_JSON_KEY) : undefined;
}

function readExplicit(fs: SourceFs, configPath: string, errors: ConfigError[]): ConfigSource | undefined {
  if (EXECUTABLE_EXTENSIONS.test(configPath)) {
    errors.push({
      message:
        `the config file ${code(toSlashes(configPath))} looks like code: tp-doctor reads its configuration from ` +
        'YAML or JSON only, never from executable files',
    });
    return undefined;
  }
  const isAbsolute = path.isAbsolute(configPath) || path.win32.isAbsolute(configPath);
  let label: string;
  let read: ReadResult;
  if (isAbsolute || normalizeRelative(configPath).startsWith('../')) {
    const root = fs instanceof DiskFs ? fs.root : undefined;
    const abs = isAbsolute ? path.resolve(configPath) : root ? path.resolve(root, configPath) : undefined;
    const rel = abs && root ? path.relative(root, abs) : undefined;
    if (abs === undefined) {
      label = normalizeRelative(configPath);
      read = { ok: false, reason: 'missing' };
    } else if (rel !== undefined && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      // Inside the repository: read it like any other file, and name it repository-relative.
      label = toSlashes(rel);
      read = fs.read(label);
    } else {
      label = toSlashes(abs);
      read = readAbsolute(abs);
    }
  } else {
    label = normalizeRelative(configPath);
    read = fs.read(label);
  }

  if (!read.ok) {
    errors.push({
      message: `cannot read the config file ${code(label)} given with --config: ${describeReadFailure(read)}`,
    });
    return undefined;
  }
  if (path.posix.basename(label) === 'package.json') {
    const doc = parseYaml(label, read.text);
    if (doc.root?.isMap && doc.root.get(PACKAGE_JSON_KEY) === undefined) {
      errors.push({
        message: `${code(label)} has no ${code(PACKAGE_JSON_KEY)} key to read the configuration from`,
        location: startOf(label),
      });
      return undefined;
    }
    return { file: label, text: read.text, key: PACKAGE_JSON_KEY };
  }
  return { file: label, text: read.text };
}

function readAbsolute(abs: string): ReadResult {
  try {
    const st = statSync(abs);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file' };
    if (st.size > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', bytes: st.size, limit: MAX_FILE_BYTES };
    return decodeText(readFileSync(abs));
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT' || errno === 'ENOTDIR') return { ok: false, reason: 'missing' };
    if (errno === 'EISDIR') return { ok: false, reason: 'not-a-file' };
    return { ok: false, reason: 'unreadable', detail: errno ?? (error as Error).message };
  }
}
