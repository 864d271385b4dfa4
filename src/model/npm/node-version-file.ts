/**
 * The Node version written in a file, read the way setup-node's `node-version-file` does:
 * package.json, `mise.toml`, or a text file (`.nvmrc`, `.node-version`, `.tool-versions`).
 */
import { dirnameOf, joinRepoPath } from '../../fs/paths.js';
import type { SourceFs } from '../../fs/source.js';
import type { YNode } from '../../yaml/parse.js';
import { LineIndex, type Location } from '../../yaml/span.js';
import { readPackageJson } from './package-json.js';

export type VersionFileResult = { spec: string; at: YNode | Location; label: string } | { unknown: string };

/**
 * Reads the Node version from a file the way setup-node's `node-version-file` does: package.json
 * (`volta.node`, `devEngines.runtime` named node, `engines.node`, `volta.extends`), `mise.toml`
 * (`[tools] node`), or a text file (`.nvmrc`, `.node-version`, `.tool-versions` `nodejs` line).
 */
export function readNodeVersionFile(fs: SourceFs, file: string, depth = 0): VersionFileResult {
  const read = fs.read(file);
  if (!read.ok) {
    const why =
      read.reason === 'missing'
        ? 'not in the repository'
        : read.reason === 'outside-root' || read.reason === 'invalid-path'
          ? 'outside the repository, and tp-doctor reads only files inside it'
          : 'unreadable';
    return { unknown: `its \`node-version-file\` "${file}" is ${why}` };
  }
  const text = read.text;
  if (/(^|\/)package\.json$/.test(file) || /^\s*\{/.test(text)) {
    const pkg = readPackageJson(file, text);
    if ('invalid' in pkg) return { unknown: `its \`node-version-file\` "${file}" is not valid JSON` };
    const root = pkg.root;
    const volta = root.at('volta', 'node');
    if (volta?.text) return { spec: volta.text, at: volta, label: `${file} \`volta.node\`` };
    const runtime = root.at('devEngines', 'runtime');
    for (const entry of runtime?.list() ?? []) {
      const version = entry.get('version');
      if (entry.get('name')?.text?.toLowerCase() === 'node' && version?.text) {
        return { spec: version.text, at: version, label: `${file} \`devEngines.runtime\`` };
      }
    }
    const engines = root.at('engines', 'node');
    if (engines?.text) return { spec: engines.text, at: engines, label: `${file} \`engines.node\`` };
    const extendsPath = root.at('volta', 'extends')?.text;
    if (extendsPath && depth < 3) {
      const joined = joinRepoPath(dirnameOf(file), extendsPath);
      return readNodeVersionFile(fs, joined.ok ? joined.path : extendsPath, depth + 1);
    }
    return { unknown: `"${file}" names no Node version (\`volta.node\`, \`devEngines.runtime\` or \`engines.node\`)` };
  }
  const lines = new LineIndex(text);
  const at = (start: number, end: number): Location => ({ file, ...lines.span(start, end) });
  if (/\.toml$/.test(file)) {
    const found = tomlNodeVersion(text);
    if (!found) return { unknown: `"${file}" names no \`node\` tool` };
    return { spec: found.spec, at: at(found.offset, found.offset + found.spec.length), label: file };
  }
  const found = textNodeVersion(text);
  if (!found) return { unknown: `tp-doctor found no Node version in "${file}"` };
  return { spec: found.spec, at: at(found.offset, found.offset + found.spec.length), label: file };
}

/**
 * The lines of a text with their offsets, split at every line terminator (`\n`, `\r`, U+2028,
 * U+2029). Version files are read line by line with string operations: a regular expression over
 * a file of 1.5 million blank lines (`^\s*` under the `m` flag) is quadratic.
 */
function* linesOf(text: string): Generator<{ line: string; offset: number }> {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === text.length || c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      yield { line: text.slice(start, i), offset: start };
      start = i + 1;
    }
  }
}

const NOT_BLANK = /^\S+$/;

/**
 * `.nvmrc`, `.node-version`, `.tool-versions`: the first line that is a version (`20`, `v20.1.0`,
 * `lts/*`), optionally after `node` or `nodejs` and blanks (`.tool-versions`: `nodejs 20.1.0`).
 * A line with other words, or leading blanks, is skipped.
 */
export function textNodeVersion(text: string): { spec: string; offset: number } | undefined {
  const version = (rest: string, offset: number): { spec: string; offset: number } | undefined => {
    if (!NOT_BLANK.test(rest)) return undefined;
    return rest.length > 1 && rest.startsWith('v') ? { spec: rest.slice(1), offset: offset + 1 } : { spec: rest, offset };
  };
  for (const { line, offset } of linesOf(text)) {
    for (const prefix of ['nodejs', 'node']) {
      if (!line.startsWith(prefix)) continue;
      let k = prefix.length;
      while (line[k] === ' ' || line[k] === '\t') k++;
      if (k === prefix.length) continue;
      const found = version(line.slice(k), offset + k);
      if (found) return found;
    }
    const found = version(line, offset);
    if (found) return found;
  }
  return undefined;
}

/** `mise.toml`: the first `node = "<version>"` line (single or double quotes), any section. */
export function tomlNodeVersion(text: string): { spec: string; offset: number } | undefined {
  for (const { line, offset } of linesOf(text)) {
    let k = 0;
    while (k < line.length && /\s/.test(line[k]!)) k++;
    if (!line.startsWith('node', k)) continue;
    k += 4;
    while (line[k] === ' ' || line[k] === '\t') k++;
    if (line[k] !== '=') continue;
    k++;
    while (line[k] === ' ' || line[k] === '\t') k++;
    if (line[k] !== '"' && line[k] !== "'") continue;
    const from = k + 1;
    let end = from;
    while (end < line.length && line[end] !== '"' && line[end] !== "'") end++;
    if (end === from || end >= line.length) continue;
    return { spec: line.slice(from, end), offset: offset + from };
  }
  return undefined;
}
