import { isMap, isNode, isSeq } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compactDocument, parseYaml, rawDocument, type ParseOptions, type YNode } from './parse.js';

/** Everything a reader can ask of every wrapper under `root`, in a walk order that does not change. */
function observe(root: YNode | undefined): unknown[] {
  const out: unknown[] = [];
  const walk = (n: YNode, depth: number): void => {
    const scalar = n.kind === 'scalar' ? n.text ?? '' : '';
    out.push({
      key: n.key,
      kind: n.kind,
      tag: n.tag,
      span: n.span,
      keySpan: n.keySpan,
      range: n.range,
      keyRange: n.keyRange,
      viaAlias: n.viaAlias,
      value: n.value,
      text: n.text,
      scalarType: n.scalarType,
      valueSpan: scalar.length > 2 ? n.valueSpan(1, scalar.length - 1) : undefined,
      valueRange: scalar.length > 2 ? n.valueRange(1, scalar.length - 1) : undefined,
      nodeRange: n.node?.range?.slice(0, 2),
    });
    if (depth > 20) return;
    for (const child of n.kind === 'map' ? n.entries() : n.items()) walk(child, depth + 1);
  };
  if (root) walk(root, 0);
  return out;
}

/** The wrappers under `root`, each once. */
function wrappers(root: YNode): YNode[] {
  const seen = new Set<YNode>();
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(n.kind === 'map' ? n.entries() : n.items()));
  }
  return [...seen];
}

const WORKFLOW = `name: release
on: { push: { tags: ['v*'] } }
defaults: &defaults
  runs-on: ubuntu-latest
  timeout-minutes: 10
jobs:
  publish:
    <<: *defaults
    permissions:
      id-token: write
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: 24.10
          registry-url: 'https://registry.npmjs.org'
      - run: |
          npm ci
          npm publish --provenance
      - run: >
          echo folded
          text
      - name: "quoted \\u0041 escape"
        run: !!str npm test
      - env: *defaults
        if: \${{ true }}
      - empty:
      - yes
`;

const GITLAB = `spec:
  inputs:
    stage:
      default: deploy
---
.base: &base
  image: node:24
publish:
  <<: *base
  script: [npm publish]
  id_tokens:
    NPM_ID_TOKEN:
      aud: "npm:registry.npmjs.org"
`;

describe('compactDocument', () => {
  const cases: [name: string, text: string, options: ParseOptions][] = [
    ['a workflow with anchors, merge keys, block and flow scalars, tags', WORKFLOW, {}],
    ['a GitLab file with a spec header', GITLAB, { gitlabTags: true, gitlabSpecHeader: true }],
    // Empty values whose ranges touch the next item's: the walk must try each child that holds the place.
    ['empty values next to their neighbours', 'a:\nb:\n  - c:\n  - d:\n    e:\n  -\n  - [x, {y: }, ]\n  - {z: , w: [ ]}\n', {}],
  ];

  it.each(cases)('answers exactly as before for %s', (_name, text, options) => {
    const before = parseYaml('f.yml', text, options);
    const after = parseYaml('f.yml', text, options);
    compactDocument(after);
    expect(after.compacted).toBe(true);
    expect(observe(after.root)).toEqual(observe(before.root));
    expect(observe(after.header)).toEqual(observe(before.header));
    expect(observe(after.root).length).toBeGreaterThan(8);
  });

  it.each(cases)('lets the library tree go and finds its nodes again in a fresh parse, for %s', (_name, text, options) => {
    const doc = parseYaml('f.yml', text, options);
    compactDocument(doc);
    expect(doc.raw).toBeUndefined();
    for (const root of [doc.root!, ...(doc.header ? [doc.header] : [])]) {
      for (const wrapper of wrappers(root)) {
        // No field of a compacted wrapper holds one of the library's nodes.
        for (const value of Object.values(wrapper)) expect(isNode(value)).toBe(false);
        const node = wrapper.node;
        if (wrapper.range && !wrapper.viaAlias) {
          expect(node?.range?.slice(0, 2)).toEqual(wrapper.range);
          expect(node === null ? undefined : { map: isMap(node), seq: isSeq(node) }).toEqual({ map: wrapper.kind === 'map', seq: wrapper.kind === 'seq' });
        }
      }
    }
    const raw = rawDocument(doc);
    expect(raw?.contents?.range?.slice(0, 2)).toEqual(doc.root!.range);
    // The same parse while the same document is asked for.
    expect(rawDocument(doc)).toBe(raw);
  });

  it('leaves a document without a tree as it is, and compacts once', () => {
    const broken = parseYaml('f.yml', 'a: [1,\n');
    compactDocument(broken);
    expect(broken.compacted).toBeUndefined();
    const doc = parseYaml('f.yml', 'a: 1\n');
    compactDocument(doc);
    const first = doc.root!.get('a');
    compactDocument(doc);
    expect(doc.root!.get('a')).toBe(first);
    expect(first?.value).toBe(1);
  });
});
