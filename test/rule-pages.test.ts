/**
 * Executable rule pages (rules/<id>/<id>.md).
 *
 * 1. The header line between `<!-- meta:start -->` and `<!-- meta:end -->` is generated from the
 *    rule's `meta` (default severity, providers, SARIF `security-severity`, fixes); this test fails
 *    when it differs and rewrites it with UPDATE_DOCS=1 (`UPDATE_DOCS=1 npx vitest run
 *    test/rule-pages.test.ts`). Prose about per-message severities stays below the markers.
 *
 * 2. Every fenced block under `## Examples` is a file of an example repository, linted in memory
 *    through `lint` exactly like the CLI lints a directory. The convention (also in
 *    docs/ARCHITECTURE.md, "Writing a rule"):
 *
 *    - The info string names the file: ```` ```yaml file=.github/workflows/release.yml ````.
 *    - A block marked `context` (```` ```json file=package.json context ````) belongs to the next
 *      block's example; every other block closes one example (one repository).
 *    - `# expect: rule-id` (several ids separated by commas, then any words) in a line's comment
 *      marks a finding on that line, as in fixtures/repos; `# expect: rule-id/messageId@severity`
 *      also checks the message id and the severity (each optional). Files that cannot hold
 *      end-of-line comments (JSON, `.npmrc`) list their lines in the info string: `expect=3` or
 *      `expect=3,7` (the page's rule).
 *    - Examples under a `### Incorrect…` heading must produce exactly the marked findings: for the
 *      page's rule and for every rule a marker names, the findings (file:line rule) equal the
 *      markers. Other rules' findings are not the page's subject and are ignored. At least one
 *      marker must name the page's rule.
 *    - Examples under a `### Correct…` heading produce no finding of the page's rule, and carry
 *      no marker.
 *    - Defaults when the example does not give the file: `package.json` is `widget` 1.0.0 with a
 *      `repository` on github.com/acme/widget (gitlab.com when the example is GitLab only), and
 *      `tp-doctor.yml` declares the publisher the example's CI files suggest: GitHub
 *      `acme/widget` with the workflow `release.yml` (else the first by name), GitLab `acme/widget`
 *      with `.gitlab-ci.yml`, CircleCI with fixed ids and `vcsOrigin: github.com/acme/widget`.
 *      The flag `inferred` on any block of the example adds no `tp-doctor.yml` (tp-doctor infers
 *      the publisher).
 *    - A ```` ```json registry ```` block (no file) is the registry's answer, a `RegistryFacts`
 *      object, handed to the lint as `tp-doctor --online` would (`registered-publisher-matches`).
 *    - A block marked `no-lint` is shown only (a shell session, tp-doctor's output); use it sparingly.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { lint } from '../src/api.js';
import type { Provider } from '../src/diagnostics/diagnostic.js';
import type { AnyRule } from '../src/engine/define-rule.js';
import { MemoryFs } from '../src/fs/source.js';
import type { RegistryFacts } from '../src/model/core/registrations.js';

const RULES_DIR = path.resolve(import.meta.dirname, '../rules');
const META_START = '<!-- meta:start -->';
const META_END = '<!-- meta:end -->';
/** `# expect: rule-id[/messageId][@severity]`, several separated by commas. */
const ID = String.raw`[a-z0-9-]+(?:\/[A-Za-z0-9]+)?(?:@(?:error|warning|info))?`;
const MARKER = new RegExp(String.raw`#\s*expect:\s*(${ID}(?:\s*,\s*${ID})*)`);

const PROVIDER_NAMES: Record<Provider, string> = {
  github: 'GitHub Actions',
  gitlab: 'GitLab CI/CD',
  circleci: 'CircleCI',
  package: 'package.json',
};

/** The generated header line of a rule page. */
export function metaLine(rule: AnyRule): string {
  const meta = rule.meta;
  const parts = [
    `Default severity: \`${meta.severity}\``,
    `Providers: ${meta.providers.map((p) => PROVIDER_NAMES[p]).join(', ')}`,
  ];
  if (meta.securitySeverity !== undefined) parts.push(`SARIF \`security-severity\`: ${meta.securitySeverity.toFixed(1)}`);
  const fixes = [meta.fixable ? '`--fix`' : '', meta.hasSuggestions ? 'suggestions' : ''].filter(Boolean);
  if (fixes.length > 0) parts.push(`Fixes: ${fixes.join(', ')}`);
  return parts.join(' · ');
}

interface Block {
  lang: string;
  file?: string;
  context: boolean;
  inferred: boolean;
  noLint: boolean;
  /** The registry's answer (`RegistryFacts` as JSON), as `tp-doctor --online` would fetch it. */
  registry: boolean;
  /** Lines (1-based, in the block) listed with `expect=`. */
  expectLines: number[];
  text: string;
  /** 1-based line of the opening fence in the page. */
  pageLine: number;
}

interface Example {
  kind: 'incorrect' | 'correct';
  blocks: Block[];
  pageLine: number;
}

function parseInfo(info: string, pageLine: number, text: string): Block {
  const [lang = '', ...words] = info.trim().split(/\s+/);
  const block: Block = { lang, context: false, inferred: false, noLint: false, registry: false, expectLines: [], text, pageLine };
  for (const word of words) {
    const [key, value] = word.split('=', 2) as [string, string | undefined];
    if (key === 'file' && value) block.file = value;
    else if (key === 'expect' && value) block.expectLines = value.split(',').map((n) => Number(n));
    else if (key === 'context' && value === undefined) block.context = true;
    else if (key === 'inferred' && value === undefined) block.inferred = true;
    else if (key === 'no-lint' && value === undefined) block.noLint = true;
    else if (key === 'registry' && value === undefined) block.registry = true;
    else throw new Error(`line ${pageLine}: unknown word "${word}" in the info string "${info}"`);
  }
  if (block.expectLines.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`line ${pageLine}: expect= takes line numbers`);
  return block;
}

/** The examples of a page's `## Examples` section, grouped into repositories. */
export function pageExamples(page: string): Example[] {
  const lines = page.split('\n');
  const start = lines.indexOf('## Examples');
  if (start === -1) throw new Error('no "## Examples" section');
  const examples: Example[] = [];
  let kind: Example['kind'] | undefined;
  let pending: Block[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) break;
    if (line.startsWith('### ')) {
      if (pending.length > 0) throw new Error(`line ${i + 1}: a \`context\` block ends its section without an example`);
      kind = /^### Incorrect/.test(line) ? 'incorrect' : /^### Correct/.test(line) ? 'correct' : undefined;
      if (!kind) throw new Error(`line ${i + 1}: "${line}" is neither "### Incorrect…" nor "### Correct…"`);
      continue;
    }
    const fence = /^(`{3,})(.*)$/.exec(line);
    if (!fence) continue;
    const close = lines.findIndex((l, j) => j > i && l === fence[1]);
    if (close === -1) throw new Error(`line ${i + 1}: unclosed fence`);
    const block = parseInfo(fence[2] ?? '', i + 1, lines.slice(i + 1, close).join('\n') + '\n');
    i = close;
    if (block.noLint) continue;
    if (!kind) throw new Error(`line ${block.pageLine}: an example outside "### Incorrect" / "### Correct"`);
    if (!block.file && !block.registry) throw new Error(`line ${block.pageLine}: give the block a file= (or mark it no-lint)`);
    if (block.file && block.registry) throw new Error(`line ${block.pageLine}: a registry block is not a file`);
    pending.push(block);
    if (block.context) continue;
    examples.push({ kind, blocks: pending, pageLine: pending[0]!.pageLine });
    pending = [];
  }
  if (pending.length > 0) throw new Error('a `context` block ends the section without an example');
  return examples;
}

const GITHUB_PUBLISHER = (workflow: string): string =>
  `  - provider: github\n    repository: acme/widget\n    workflow: ${workflow}\n`;
const GITLAB_PUBLISHER = '  - provider: gitlab\n    project: acme/widget\n    ciFile: .gitlab-ci.yml\n';
const CIRCLECI_PUBLISHER = [
  '  - provider: circleci',
  '    organizationId: 8b4e1c2a-1111-4a5b-9c3d-0123456789ab',
  '    projectId: 5f6a7b8c-2222-4d5e-8f90-abcdef012345',
  '    pipelineDefinitionId: 0a1b2c3d-3333-4e5f-a6b7-c8d9e0f1a2b3',
  '    vcsOrigin: github.com/acme/widget',
  '',
].join('\n');

/** The repository of an example: its blocks plus the default package.json and tp-doctor.yml. */
export function exampleFiles(example: Example): Record<string, string> {
  const files: Record<string, string> = {};
  for (const block of example.blocks) {
    if (block.registry) continue;
    if (files[block.file!] !== undefined) throw new Error(`line ${block.pageLine}: ${block.file} is given twice in one example`);
    files[block.file!] = block.text;
  }
  const names = Object.keys(files);
  const workflows = names.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f)).map((f) => f.slice('.github/workflows/'.length));
  const gitlab = names.includes('.gitlab-ci.yml');
  const circleci = names.includes('.circleci/config.yml');
  const onGitlab = gitlab && workflows.length === 0 && !circleci;
  files['package.json'] ??= `${JSON.stringify({
    name: 'widget',
    version: '1.0.0',
    repository: { type: 'git', url: `git+https://${onGitlab ? 'gitlab.com' : 'github.com'}/acme/widget.git` },
  })}\n`;
  const inferred = example.blocks.some((b) => b.inferred);
  const hasConfig = names.some((f) => /^\.?tp-doctor\.ya?ml$/.test(f)) || names.includes('.tp-doctor.json');
  if (!inferred && !hasConfig) {
    const publishers: string[] = [];
    if (workflows.length > 0) publishers.push(GITHUB_PUBLISHER(workflows.includes('release.yml') ? 'release.yml' : [...workflows].sort()[0]!));
    if (gitlab) publishers.push(GITLAB_PUBLISHER);
    if (circleci) publishers.push(CIRCLECI_PUBLISHER);
    if (publishers.length > 0) files['tp-doctor.yml'] = `publishers:\n${publishers.join('')}`;
  }
  return files;
}

/** `file:line rule-id` (or `file:line rule-id/messageId` when the marker names one) for every marker of the example. */
function markers(example: Example, ruleId: string): string[] {
  const out: string[] = [];
  for (const block of example.blocks) {
    if (block.registry) continue;
    block.text.split('\n').forEach((line, i) => {
      const m = MARKER.exec(line);
      if (!m) return;
      for (const id of (m[1] ?? '').split(',')) out.push(`${block.file}:${i + 1} ${id.trim()}`);
    });
    for (const n of block.expectLines) out.push(`${block.file}:${n} ${ruleId}`);
  }
  return out.sort();
}

/** The findings as `file:line rule-id`, and in detail (with message id and severity) for failure messages. */
async function findings(files: Record<string, string>, registrations?: RegistryFacts): Promise<{ keys: string[]; withIds: string[]; detail: string }> {
  const outcome = await lint({ fs: new MemoryFs(files), rules, registrations });
  if (!outcome.ok) throw new Error(`config errors: ${outcome.configErrors.map((e) => e.message).join('; ')}`);
  expect(outcome.internalErrors).toEqual([]);
  return {
    keys: outcome.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`).sort(),
    withIds: outcome.diagnostics.flatMap((d) => {
      const at = `${d.file}:${d.line} ${d.ruleId}`;
      return [`${at}/${d.messageId}`, `${at}@${d.severity}`, `${at}/${d.messageId}@${d.severity}`];
    }),
    detail: outcome.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}/${d.messageId} ${d.severity}`).join('; '),
  };
}

const pageOf = (rule: AnyRule): string => path.join(RULES_DIR, rule.id, `${rule.id}.md`);

describe('rule pages', () => {
  it('exist for every rule', () => {
    expect(readdirSync(RULES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).length).toBe(rules.length);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('has the generated header line (UPDATE_DOCS=1 rewrites it)', () => {
        const text = readFileSync(pageOf(rule), 'utf8');
        const start = text.indexOf(META_START);
        const end = text.indexOf(META_END);
        expect(start, `${rule.id}.md lacks ${META_START}`).toBeGreaterThan(-1);
        expect(end).toBeGreaterThan(start);
        const current = text.slice(start + META_START.length, end).trim();
        const wanted = metaLine(rule);
        if (current !== wanted && process.env.UPDATE_DOCS === '1') {
          writeFileSync(pageOf(rule), `${text.slice(0, start + META_START.length)}\n${wanted}\n${text.slice(end)}`);
          return;
        }
        expect(current, `stale header: run UPDATE_DOCS=1 npx vitest run test/rule-pages.test.ts`).toBe(wanted);
        // The prose keeps per-message severities only; the defaults live in the generated line.
        const prose = text.slice(0, start) + text.slice(end);
        expect(prose).not.toMatch(/^Default severity:|Providers:/m);
      });

      let examples: Example[] = [];
      let parseError: unknown;
      try {
        examples = pageExamples(readFileSync(pageOf(rule), 'utf8'));
      } catch (error) {
        parseError = error;
      }

      it('follows the examples convention', () => {
        if (parseError) throw parseError;
      });

      it('has at least one incorrect and one correct example', () => {
        expect(examples.filter((e) => e.kind === 'incorrect').length).toBeGreaterThan(0);
        expect(examples.filter((e) => e.kind === 'correct').length).toBeGreaterThan(0);
      });

      for (const example of examples) {
        it(`${example.kind} example at line ${example.pageLine} (${example.blocks.map((b) => b.file ?? 'registry').join(', ')})`, async () => {
          const registry = example.blocks.find((b) => b.registry);
          const registrations = registry ? (JSON.parse(registry.text) as RegistryFacts) : undefined;
          const { keys: got, withIds, detail } = await findings(exampleFiles(example), registrations);
          const marked = markers(example, rule.id);
          const want = marked.map((m) => m.replace(/(?:\/[A-Za-z0-9]+)?(?:@[a-z]+)?$/, '')).sort();
          if (example.kind === 'correct') {
            expect(want, 'a correct example carries no # expect: marker').toEqual([]);
            expect(got.filter((f) => f.endsWith(` ${rule.id}`)), `all findings: ${detail}`).toEqual([]);
            return;
          }
          expect(want.filter((m) => m.endsWith(` ${rule.id}`)).length, 'an incorrect example marks a finding of the page\'s rule').toBeGreaterThan(0);
          const checked = new Set([rule.id, ...want.map((m) => m.slice(m.lastIndexOf(' ') + 1))]);
          expect(got.filter((f) => checked.has(f.slice(f.lastIndexOf(' ') + 1))), `all findings: ${detail}`).toEqual(want);
          // A marker that names a message id or a severity (`# expect: rule-id/messageId@warning`) must match them too.
          for (const m of marked.filter((m) => /[/@]/.test(m.slice(m.lastIndexOf(' ') + 1)))) expect(withIds, `all findings: ${detail}`).toContain(m);
        });
      }
    });
  }
});
