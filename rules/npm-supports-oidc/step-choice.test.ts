import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../test/helpers.js';

/**
 * A publish step whose own `if:` tp-doctor cannot evaluate, in a job with another publish path
 * (audit1207 p03, docs/domain.md A.64): `vars.LEGACY` chooses between a Node 18 publish and a
 * Node 24 one. Which runs is set in the repository's settings: the Node 18 publish is a warning.
 */
const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } });
const setup = (node: string, condition?: string): string =>
  `      - uses: actions/setup-node@v4\n${condition ? `        if: ${condition}\n` : ''}        with: { node-version: ${node}, registry-url: 'https://registry.npmjs.org' }\n`;
const publish = (condition?: string): string => `      - ${condition ? `if: ${condition}\n        ` : ''}run: npm publish\n`;
const workflow = (steps: string, on = 'release'): string =>
  `on: ${on}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { id-token: write, contents: read }\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;
const legacy = (legacyIf: string | undefined, modernIf: string | undefined, modernNode = '24'): string =>
  workflow(`${setup('18')}${publish(legacyIf)}${setup(modernNode, modernIf)}${publish(modernIf)}`);

async function found(yml: string): Promise<{ id: string; severity: string; message: string; related: string[] }[]> {
  const ds = await lintFiles({ 'package.json': PKG, '.github/workflows/release.yml': yml }, { rule: 'npm-supports-oidc' });
  return ds.map((d) => ({ id: d.messageId ?? '', severity: d.severity, message: d.message, related: (d.related ?? []).map((r) => `${r.start.line}: ${r.label}`) }));
}

describe('npm-supports-oidc: a publish step chosen by an `if:` tp-doctor cannot evaluate (A.64)', () => {
  it("probe p03: `if: vars.LEGACY == 'true'` on the Node 18 publish, Node 24 under `!=`: a warning naming the if: and the other publish", async () => {
    const [d, ...rest] = await found(legacy("vars.LEGACY == 'true'", "vars.LEGACY != 'true'"));
    expect(rest).toEqual([]);
    expect(d?.id).toBe('bundledTooOld');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('`npm publish (in a step where an if: condition tp-doctor cannot evaluate decides whether it runs)` runs with npm 10.8.2, bundled with Node 18.20.8 ("18") (setup-node `node-version: 18`); trusted publishing needs npm 11.5.1 or later');
    expect(d?.related).toEqual([
      '9: Node version: setup-node `node-version: 18`',
      "10: the step's `if:`, which tp-doctor cannot evaluate, decides whether it runs",
      '16: "npm publish" also publishes in job "a", with an npm that may use trusted publishing',
    ]);
  });
  it('the other publish has no `if:`: the legacy one may still never run, a warning', async () => {
    expect((await found(legacy("vars.LEGACY == 'true'", undefined))).map((d) => `${d.id}@${d.severity}`)).toEqual(['bundledTooOld@warning']);
  });
  it('`if: ${{ success() && vars.LEGACY }}`: the status function read as in a passing run, still undecided', async () => {
    expect((await found(legacy('${{ success() && vars.LEGACY }}', "vars.LEGACY != 'true'"))).map((d) => `${d.id}@${d.severity}`)).toEqual(['bundledTooOld@warning']);
  });
  it('control: the Node 18 publish without `if:` runs in every run: the error', async () => {
    expect((await found(legacy(undefined, "vars.LEGACY != 'true'"))).map((d) => `${d.id}@${d.severity}`)).toEqual(['bundledTooOld@error']);
  });
  it("control: an `if:` certainly true on a trigger (`github.event_name == 'release'`): the error", async () => {
    expect((await found(legacy("github.event_name == 'release'", "github.event_name != 'release'"))).map((d) => `${d.id}@${d.severity}`)).toEqual(['bundledTooOld@error']);
  });
  it('control: the other publish is on Node 18 too: whichever runs fails, the error', async () => {
    expect((await found(legacy("vars.LEGACY == 'true'", "vars.LEGACY != 'true'", '18'))).map((d) => `${d.id}@${d.severity}`)).toEqual(['bundledTooOld@error']);
  });
  it('control: the other publish runs only under `vars.LEGACY == \'true\' && …` too, so with this one: the error', async () => {
    const steps = `${setup('18')}${publish("vars.LEGACY == 'true'")}${setup('24', "vars.LEGACY == 'true' && github.ref == 'refs/heads/main'")}${publish("vars.LEGACY == 'true' && github.ref == 'refs/heads/main'")}`;
    expect((await found(workflow(steps))).map((d) => `${d.id}@${d.severity}`)).toEqual(['bundledTooOld@error']);
  });
  it('control: the only publish of the job, under `if: vars.PUBLISH`: when it runs it fails, the error', async () => {
    expect((await found(workflow(`${setup('18')}${publish("vars.PUBLISH == 'true'")}`))).map((d) => `${d.id}@${d.severity}`)).toEqual(['bundledTooOld@error']);
  });
});

describe('npm-supports-oidc: a GitLab job chosen by rules: tp-doctor cannot evaluate (audit1207 g02, A.64)', () => {
  const GL_PKG = JSON.stringify({ name: '@acme/widget', version: '1.0.0', repository: { url: 'git+https://gitlab.com/acme/widget.git' } });
  const job = (name: string, image: string, rules?: string): string =>
    `${name}:\n  image: ${image}\n  id_tokens:\n    NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" }\n${rules ? `  rules:\n    - if: ${rules}\n` : ''}  script: [npm publish]\n`;
  const gitlab = async (ci: string): Promise<string[]> =>
    (await lintFiles({ 'package.json': GL_PKG, '.gitlab-ci.yml': ci }, { rule: 'npm-supports-oidc' })).map((d) => `${d.messageId}@${d.severity} ${d.related.map((r) => `${r.start.line}`).join(',')} ${d.message.includes('rules: if: tp-doctor cannot evaluate') ? 'undecided' : ''}`.trim());
  it('probe g02: the node:18 job under `$USE_TOKEN == "true"`, a node:24 job under `!=`: a warning naming the if: and that job', async () => {
    expect(await gitlab(`${job('publish-oidc', 'node:24', '$USE_TOKEN != "true"')}${job('publish-legacy', 'node:18', '$USE_TOKEN == "true"')}`)).toEqual(['bundledTooOld@warning 14,13,1 undecided']);
  });
  it('control: the node:18 job without rules: the error', async () => {
    expect(await gitlab(`${job('publish-oidc', 'node:24', '$USE_TOKEN != "true"')}${job('publish-legacy', 'node:18')}`)).toEqual(['bundledTooOld@error 12']);
  });
  it('control: both jobs on node:18: whichever runs fails, the errors', async () => {
    expect(await gitlab(`${job('publish-oidc', 'node:18', '$USE_TOKEN != "true"')}${job('publish-legacy', 'node:18', '$USE_TOKEN == "true"')}`)).toEqual(['bundledTooOld@error 7', 'bundledTooOld@error 14']);
  });
});
