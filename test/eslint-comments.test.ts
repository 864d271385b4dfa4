/**
 * Suppression comments in the editor, through the real ESLint class and the recommended config:
 *
 * - the edits the VS Code ESLint extension makes for "Disable <rule> for this line" (on a separate
 *   line or the same line, line or block style) and "for the entire file". The extension picks the
 *   comment characters by language id from a table that knows `yaml` (`#`) and not
 *   `github-actions-workflow`, for which it falls back to `//`: with `yaml` the edit is a YAML
 *   comment that ESLint honours; with the other id it breaks the file. That is why the README
 *   recommends `"eslint.validate": ["yaml"]`;
 * - tp-doctor's own `# tp-doctor-disable-*` comments, which the core applies inside ESLint too.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../src/eslint-plugin/index.js';

const WORKFLOW = `name: Release
on:
  push:
    tags: ['v*']
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: read
    steps:
      - uses: actions/setup-node@v5
        with:
          node-version: 24
      - run: npm publish
`;
const RULE = 'tp-doctor/require-id-token-write';

const root = mkdtempSync(path.join(os.tmpdir(), 'tp-doctor-eslint-comments-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(path.join(root, '.github', 'workflows'), { recursive: true });
writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'widget', version: '1.0.0', repository: { url: 'https://github.com/acme/widget' } }));
writeFileSync(path.join(root, 'tp-doctor.yml'), 'publishers:\n  - provider: github\n    repository: acme/widget\n    workflow: release.yml\n');

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [...plugin.configs.recommended, { linterOptions: { reportUnusedDisableDirectives: 'error' } }],
});

async function lint(code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, '.github', 'workflows', 'release.yml') });
  return result!.messages;
}
const brief = (messages: Linter.LintMessage[]): string[] => messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`);

/**
 * The comment characters the VS Code ESLint extension uses for a language id (its server's
 * `languageDefaults.ts`: `yaml` has `#` and `['#', '']`; an id missing from the table gets `//`
 * and `['/*', '*\/']`).
 */
function commentsFor(languageId: string): { line: string; block: [string, string] } {
  return languageId === 'yaml' ? { line: '#', block: ['#', ''] } : { line: '//', block: ['/*', '*/'] };
}

type Quickfix = 'next-line' | 'next-line-block' | 'same-line' | 'file';

/** The text after the extension's quick fix, built as its server builds the edit. */
function applyQuickfix(text: string, languageId: string, message: Linter.LintMessage, kind: Quickfix): string {
  const { line: lineComment, block } = commentsFor(languageId);
  const lines = text.split('\n');
  const at = message.line - 1;
  const indent = /^[ \t]*/.exec(lines[at]!)![0];
  const rule = message.ruleId!;
  if (kind === 'next-line') lines.splice(at, 0, `${indent}${lineComment} eslint-disable-next-line ${rule}`);
  if (kind === 'next-line-block') lines.splice(at, 0, `${indent}${block[0]} eslint-disable-next-line ${rule} ${block[1]}`);
  if (kind === 'same-line') lines[at] = `${lines[at]} ${lineComment} eslint-disable-line ${rule}`;
  if (kind === 'file') lines.splice(0, 0, `${block[0]} eslint-disable ${rule} ${block[1]}`);
  return lines.join('\n');
}

describe('the VS Code ESLint extension quick fix "Disable ... for this line"', () => {
  it('has a finding to disable', async () => {
    expect(brief(await lint(WORKFLOW))).toEqual([`${RULE}@11:17`]);
  });

  it.each(['next-line', 'next-line-block', 'same-line', 'file'] as const)(
    'with the `yaml` language id (%s) writes a YAML comment that ESLint honours',
    async (kind) => {
      const [finding] = await lint(WORKFLOW);
      const fixed = applyQuickfix(WORKFLOW, 'yaml', finding!, kind);
      expect(fixed).toMatch(/^\s*#|\s#\s/m);
      expect(brief(await lint(fixed))).toEqual([]);
    },
  );

  it('with the `github-actions-workflow` language id writes `//`, which breaks the YAML', async () => {
    const [finding] = await lint(WORKFLOW);
    const fixed = applyQuickfix(WORKFLOW, 'github-actions-workflow', finding!, 'next-line');
    expect(fixed).toContain('      // eslint-disable-next-line tp-doctor/require-id-token-write\n      id-token: read');
    expect(brief(await lint(fixed))).toContain('tp-doctor/invalid-yaml@11:7');
  });
});

describe("tp-doctor's own suppression comments in the editor", () => {
  it.each([
    ['-disable-next-line above the line', WORKFLOW.replace('      id-token: read', '      # tp-doctor-disable-next-line require-id-token-write\n      id-token: read')],
    ['-disable-line at the end of the line', WORKFLOW.replace('      id-token: read', '      id-token: read # tp-doctor-disable-line require-id-token-write')],
    [
      '-disable ... -enable around a block',
      WORKFLOW.replace('    permissions:\n', '    # tp-doctor-disable require-id-token-write\n    permissions:\n').replace(
        '    steps:\n',
        '    # tp-doctor-enable require-id-token-write\n    steps:\n',
      ),
    ],
  ])('%s suppresses the finding', async (_name, code) => {
    expect(brief(await lint(code))).toEqual([]);
  });

  it('a tp-doctor comment that suppresses nothing is reported, as in the CLI', async () => {
    const code = WORKFLOW.replace('id-token: read', 'id-token: write').replace('      id-token: write', '      # tp-doctor-disable-next-line require-id-token-write\n      id-token: write');
    expect(brief(await lint(code))).toEqual(['tp-doctor/unused-disable-directive@11:7']);
  });
});
