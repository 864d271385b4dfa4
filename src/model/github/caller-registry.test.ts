import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../../fs/source.js';
import { loadProject } from '../project.js';

/**
 * The registry of a publish in a called workflow whose settings read `${{ inputs.x }}`: the value
 * every caller gives (a literal `with:` value or the input's literal `default:`), else unknown.
 */
const GPR = 'https://npm.pkg.github.com';
const NPMJS = 'https://registry.npmjs.org';

interface Callee {
  /** `inputs.reg`'s `default:` line, if any. */
  default?: string;
  /** More triggers beside `workflow_call`. */
  triggers?: string[];
  /** The setup-node `with:` lines after `node-version`. */
  setup?: string[];
  /** Step `env:` lines of the publish. */
  env?: string[];
  /** Steps before the publish. */
  before?: string[];
  publish?: string;
}

function callee(o: Callee = {}): string {
  return [
    'on:',
    ...(o.triggers ?? []).map((t) => `  ${t}`),
    '  workflow_call:',
    '    inputs:',
    '      reg:',
    '        type: string',
    '        required: false',
    ...(o.default === undefined ? [] : [`        default: ${o.default}`]),
    '      host:',
    '        type: string',
    '        default: registry.npmjs.org',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      id-token: write',
    '    steps:',
    '      - uses: actions/setup-node@v6',
    '        with:',
    '          node-version: 24',
    ...(o.setup ?? ['registry-url: ${{ inputs.reg }}']).map((l) => `          ${l}`),
    ...(o.before ?? []).map((l) => `      ${l}`),
    `      - run: ${o.publish ?? 'npm publish'}`,
    ...(o.env ? ['        env:', ...o.env.map((l) => `          ${l}`)] : []),
    '',
  ].join('\n');
}

/** A push workflow calling `target` once per entry of `withs` (each a list of `with:` lines, or undefined for none). */
function caller(withs: (string[] | undefined)[], target = './.github/workflows/publish.yml', on = ['push:']): string {
  return [
    'on:',
    ...on.map((t) => `  ${t}`),
    'permissions:',
    '  id-token: write',
    'jobs:',
    ...withs.flatMap((w, i) => [`  call${i}:`, `    uses: ${target}`, ...(w ? ['    with:', ...w.map((l) => `      ${l}`)] : [])]),
    '',
  ].join('\n');
}

interface Row {
  name: string;
  files: Record<string, string>;
  registry: 'npmjs' | 'other' | 'unknown';
  certainty: 'certain' | 'likely' | 'possible';
  source?: string;
}

const PUBLISH = '.github/workflows/publish.yml';
const RELEASE = '.github/workflows/release.yml';
const STEP1 = "setup-node's `registry-url` in `jobs.publish.steps[0]`";

const rows: Row[] = [
  {
    name: 'the caller omits the input: its literal default',
    files: { [PUBLISH]: callee({ default: `'${NPMJS}'` }), [RELEASE]: caller([undefined]) },
    registry: 'npmjs',
    certainty: 'certain',
    source: `${STEP1} with \`inputs.reg\` as its callers set it`,
  },
  {
    name: 'the caller passes a literal',
    files: { [PUBLISH]: callee({ default: `'${NPMJS}'` }), [RELEASE]: caller([[`reg: ${GPR}`]]) },
    registry: 'other',
    certainty: 'certain',
    source: `${STEP1} with \`inputs.reg\` as its callers set it`,
  },
  {
    name: 'the caller passes npmjs, no default',
    files: { [PUBLISH]: callee(), [RELEASE]: caller([[`reg: '${NPMJS}'`]]) },
    registry: 'npmjs',
    certainty: 'certain',
  },
  {
    name: 'two callers agree (a default and a literal)',
    files: { [PUBLISH]: callee({ default: NPMJS }), [RELEASE]: caller([undefined]), '.github/workflows/nightly.yml': caller([[`reg: ${NPMJS}`]], undefined, ['schedule:', "  - cron: '0 0 * * *'"]) },
    registry: 'npmjs',
    certainty: 'certain',
  },
  {
    name: 'two callers differ',
    files: { [PUBLISH]: callee({ default: NPMJS }), [RELEASE]: caller([undefined, [`reg: ${GPR}`]]) },
    registry: 'unknown',
    certainty: 'possible',
  },
  {
    name: 'the caller passes an expression',
    files: { [PUBLISH]: callee({ default: NPMJS }), [RELEASE]: caller([['reg: ${{ vars.REGISTRY }}']]) },
    registry: 'unknown',
    certainty: 'possible',
  },
  {
    // GitHub gives an input without a `default:` that no caller passes `""`: setup-node then writes no `.npmrc`.
    name: 'no default and the caller omits it: `""`, no registry-url',
    files: { [PUBLISH]: callee(), [RELEASE]: caller([undefined]) },
    registry: 'npmjs',
    certainty: 'certain',
  },
  {
    name: 'a literal passed through a middle workflow',
    files: {
      [PUBLISH]: callee({ default: NPMJS }),
      '.github/workflows/middle.yml': ['on:', '  workflow_call:', '    inputs:', '      r:', '        type: string', 'jobs:', '  go:', '    uses: ./.github/workflows/publish.yml', '    with:', '      reg: ${{ inputs.r }}', ''].join('\n'),
      [RELEASE]: caller([[`r: ${GPR}`]], './.github/workflows/middle.yml'),
    },
    registry: 'other',
    certainty: 'certain',
  },
  {
    name: "a dispatch input passed through (the dispatcher's value)",
    files: { [PUBLISH]: callee({ default: NPMJS }), [RELEASE]: caller([['reg: ${{ inputs.r }}']], undefined, ['workflow_dispatch:', '  inputs:', '    r:', '      type: string', `      default: ${NPMJS}`]) },
    registry: 'unknown',
    certainty: 'possible',
  },
  {
    name: 'the workflow also runs on its own trigger',
    files: { [PUBLISH]: callee({ default: NPMJS, triggers: ['workflow_dispatch:'] }), [RELEASE]: caller([undefined]) },
    registry: 'unknown',
    certainty: 'possible',
  },
  {
    name: 'no workflow of the repository calls it',
    files: { [PUBLISH]: callee({ default: NPMJS }) },
    registry: 'unknown',
    certainty: 'possible',
  },
  {
    name: 'text around the reference',
    files: { [PUBLISH]: callee({ setup: ['registry-url: https://${{ inputs.host }}/'] }), [RELEASE]: caller([undefined]) },
    registry: 'npmjs',
    certainty: 'certain',
  },
  {
    name: 'a reference beside another expression stays unknown',
    files: { [PUBLISH]: callee({ setup: ['registry-url: https://${{ inputs.host }}${{ vars.PATH }}'] }), [RELEASE]: caller([undefined]) },
    registry: 'unknown',
    certainty: 'possible',
  },
  {
    name: '`--registry ${{ inputs.reg }}`',
    files: { [PUBLISH]: callee({ setup: [], publish: 'npm publish --registry ${{ inputs.reg }}' }), [RELEASE]: caller([[`reg: ${GPR}`]]) },
    registry: 'other',
    certainty: 'certain',
    source: '`--registry` on `npm publish` with `inputs.reg` as its callers set it',
  },
  {
    name: '`NPM_CONFIG_REGISTRY: ${{ inputs.reg }}` in the step env',
    files: { [PUBLISH]: callee({ setup: [], env: ['NPM_CONFIG_REGISTRY: ${{ inputs.reg }}'] }), [RELEASE]: caller([[`reg: ${GPR}`]]) },
    registry: 'other',
    certainty: 'certain',
    source: '`NPM_CONFIG_REGISTRY` in the step `env` with `inputs.reg` as its callers set it',
  },
  {
    name: '`NPM_CONFIG_REGISTRY=${{ inputs.reg }}` on the command',
    files: { [PUBLISH]: callee({ setup: [], publish: 'NPM_CONFIG_REGISTRY=${{ inputs.reg }} npm publish' }), [RELEASE]: caller([[`reg: ${GPR}`]]) },
    registry: 'other',
    certainty: 'certain',
  },
  {
    // `""` put in: `npm config set registry` with no value sets no registry (npm's `config set` deletes a key given an empty value).
    name: '`npm config set registry ${{ inputs.reg }}` in an earlier step, no default, not passed',
    files: { [PUBLISH]: callee({ setup: [], before: ['- run: npm config set registry ${{ inputs.reg }}'] }), [RELEASE]: caller([undefined]) },
    registry: 'npmjs',
    certainty: 'certain',
  },
  {
    name: '`npm config set registry ${{ inputs.reg }}` with the default',
    files: { [PUBLISH]: callee({ setup: [], default: GPR, before: ['- run: npm config set registry ${{ inputs.reg }}'] }), [RELEASE]: caller([undefined]) },
    registry: 'other',
    certainty: 'certain',
  },
];

describe('a called workflow reads its callers’ inputs for the registry', () => {
  it.each(rows)('$name', (row) => {
    const project = loadProject(new MemoryFs({ 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0' }), ...row.files }));
    const wf = project.workflows.find((w) => w.file === PUBLISH)!;
    const [site] = project.facts.jobSites(wf.jobs[0]!);
    expect(site?.registry.registry).toBe(row.registry);
    expect(site?.certainty).toBe(row.certainty);
    if (row.source !== undefined) expect(site?.registry.setting?.source).toBe(row.source);
  });

  it('a workflow_dispatch input default stays unknown', () => {
    const text = ['on:', '  workflow_dispatch:', '    inputs:', '      reg:', '        type: string', `        default: ${NPMJS}`, 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/setup-node@v6', '        with:', '          registry-url: ${{ inputs.reg }}', '      - run: npm publish', ''].join('\n');
    const project = loadProject(new MemoryFs({ 'package.json': JSON.stringify({ name: 'widget', version: '1.0.0' }), [PUBLISH]: text }));
    const [site] = project.facts.jobSites(project.workflows[0]!.jobs[0]!);
    expect(site?.registry.registry).toBe('unknown');
  });
});
