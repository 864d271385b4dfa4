import type { ReadFailure, SourceFs } from '../../fs/source.js';
import { parseJson } from '../../yaml/json.js';
import type { YamlDocument, YNode } from '../../yaml/parse.js';
import type { Location, Span } from '../../yaml/span.js';

/**
 * Why a package.json cannot be used as npm would use it. `read` and `json` make every npm command
 * in that directory fail (EJSONPARSE for invalid JSON); `not-an-object` too (npm needs an object);
 * `duplicate-key` does not (npm keeps the last value, and so does tp-doctor), but what runs is not
 * what a reader of the first value expects.
 */
export type PackageJsonProblem =
  | { file: string; kind: 'read'; failure: ReadFailure }
  | { file: string; kind: 'json'; message: string; span: Span }
  | { file: string; kind: 'not-an-object'; span: Span }
  | { file: string; kind: 'duplicate-key'; key: string; span: Span; first: Span; topKey: string | undefined };

/** The parts of a package.json tp-doctor reads, each with its node for positions. */
export interface PackageJson {
  /** Repository-relative path, e.g. `package.json` or `packages/a/package.json`. */
  file: string;
  /** Directory of the package, `` for the root. */
  dir: string;
  doc: YamlDocument;
  root: YNode;
  name?: string;
  version?: string;
  private: boolean;
  scripts: Record<string, string>;
  /** `repository` as a URL string (shorthands kept as written) and its node. */
  repository?: { url: string | undefined; node: YNode };
  publishConfig?: YNode;
  packageManager?: string;
  workspaces: string[];
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
  engines?: YNode;
  /** Repeated keys (the last value is used, as npm does). */
  problems: PackageJsonProblem[];
}

function stringMap(node: YNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!node?.isMap) return out;
  for (const e of node.entries()) if (e.key !== undefined && e.text !== undefined) out[e.key] = e.text;
  return out;
}

/**
 * Reads package.json as npm does: strict JSON (`JSON.parse` grammar; a YAML or JSON5 file is
 * invalid), a repeated key keeps its last value. Every field keeps its position (src/yaml/json.ts).
 * Returns the problems instead when the file is not a JSON object.
 */
export function readPackageJson(
  file: string,
  text: string,
): PackageJson | { invalid: true; doc: YamlDocument; problems: PackageJsonProblem[] } {
  const parsed = parseJson(file, text);
  const { doc } = parsed;
  // A hundred repeated keys say enough: a generated file must not become 100,000 findings.
  const duplicates: PackageJsonProblem[] = parsed.duplicates.slice(0, 100).map((d) => ({ file, kind: 'duplicate-key', key: d.key, span: d.span, first: d.first, topKey: d.topKey }));
  if (parsed.error) return { invalid: true, doc, problems: [{ file, kind: 'json', message: parsed.error.message, span: parsed.error.span }, ...duplicates] };
  const root = doc.root;
  if (!root?.isMap) {
    const span = root?.span ?? doc.lines.span(0, 0);
    return { invalid: true, doc, problems: [{ file, kind: 'not-an-object', span }, ...duplicates] };
  }
  const repo = root.get('repository');
  const workspacesNode = root.get('workspaces');
  const workspaceList = workspacesNode?.isMap ? workspacesNode.get('packages') : workspacesNode;
  return {
    file,
    dir: file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '',
    doc,
    root,
    name: root.get('name')?.text,
    version: root.get('version')?.text,
    private: isPrivateValue(root.get('private')?.value),
    scripts: stringMap(root.get('scripts')),
    repository: repo ? { url: repo.isMap ? repo.get('url')?.text : repo.text, node: repo } : undefined,
    publishConfig: root.get('publishConfig'),
    packageManager: root.get('packageManager')?.text,
    workspaces: (workspaceList?.list() ?? []).map((n) => n.text ?? '').filter(Boolean),
    devDependencies: stringMap(root.get('devDependencies')),
    dependencies: stringMap(root.get('dependencies')),
    engines: root.get('engines'),
    problems: duplicates,
  };
}

/**
 * Reads and parses `file` through `fs`: the package (undefined when it is missing or unusable) and
 * every problem found, a read failure other than "missing" included. Nothing is cached here.
 */
export function loadPackageJson(fs: SourceFs, file: string): { pkg?: PackageJson; problems: PackageJsonProblem[] } {
  const read = fs.read(file);
  if (!read.ok) return { problems: read.reason === 'missing' ? [] : [{ file, kind: 'read', failure: read }] };
  const pkg = readPackageJson(file, read.text);
  return 'invalid' in pkg ? { problems: pkg.problems } : { pkg, problems: pkg.problems };
}

/**
 * npm tests `private` for truthiness (libnpmpublish `publish.js`: `if (manifest.private)` throws
 * EPRIVATE, and so does `lib/commands/publish.js` for a workspace; @npmcli/package-json's
 * normalisation leaves the field as written), so any non-empty string is private, `"false"`
 * included, and so is a number other than 0. `false`, `0` and `""` are not.
 */
function isPrivateValue(value: string | number | boolean | undefined): boolean {
  return value !== undefined && value !== false && value !== 0 && value !== '';
}

/**
 * How messages name a `private` value npm takes as true: `` `private: true` `` for the boolean, else
 * the value as written and why npm takes it as true (`"false"` is a non-empty string).
 */
export function privateValueLabel(value: string | number | boolean | undefined): string {
  if (value === true) return '`private: true`';
  if (typeof value === 'string') return `\`"private": ${JSON.stringify(value)}\` (a non-empty string, which npm takes as true${value.trim() === 'false' ? ': the string "false" is not the boolean `false`' : ''})`;
  return `\`"private": ${String(value)}\` (which npm takes as true)`;
}

/**
 * Where a command of the `package.json` script `script` is written, for a command run in `dir`: in
 * the script's value of the nearest package that has it (`dir`'s, else the root's), at the whole
 * script when the offsets fall outside its text, else the first line of the file.
 */
export function packageScriptLocator(packageAt: (dir: string) => PackageJson | undefined, dir: string | undefined, script: string): (offset: number, end: number) => Location {
  const pkg = [dir, ''].map((d) => (d === undefined ? undefined : packageAt(d))).find((p) => p?.scripts[script] !== undefined);
  const node = pkg?.root.get('scripts')?.get(script);
  return (offset, end) => {
    if (node === undefined) return { file: pkg?.file ?? 'package.json', start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    const length = node.text?.length ?? 0;
    return end <= length ? { file: node.file, ...node.valueSpan(offset, end) } : { file: node.file, ...node.span };
  };
}
