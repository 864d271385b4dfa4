import { parseYaml, type YamlDocument, type YNode } from '../../yaml/parse.js';

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
}

function stringMap(node: YNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!node?.isMap) return out;
  for (const e of node.entries()) if (e.key !== undefined && e.text !== undefined) out[e.key] = e.text;
  return out;
}

/**
 * Reads package.json through the YAML parser (JSON is YAML 1.2) so every field keeps its position.
 * Returns the parse problems instead when the file is not a JSON object.
 */
export function readPackageJson(file: string, text: string): PackageJson | { invalid: true; doc: YamlDocument } {
  const doc = parseYaml(file, text);
  const root = doc.root;
  if (!root?.isMap) return { invalid: true, doc };
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
  };
}

/**
 * npm tests `private` for truthiness, so `"private": "true"` (a string, seen in real repositories)
 * is private too. The string `"false"` is left out on purpose: tp-doctor does not claim a failure
 * it has not seen.
 */
function isPrivateValue(value: string | number | boolean | undefined): boolean {
  return value !== undefined && value !== false && value !== 0 && value !== '' && value !== 'false';
}
