import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksStart, CHECKS_BUDGET, pageSections, ruleHelp } from '../src/formatters/rule-help.js';
import { rules as registry } from '../rules/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const URL = 'https://example.test/rules/x.md';

describe('SARIF rule help: the essentials of the rule page', () => {
  it('splits a page at its `##` headings, not at a `##` inside a fenced block', () => {
    const page = '# x\n\nLead.\n\n## What it checks\n\nA.\n\n```md\n## not a heading\n```\n\n## Why it matters\n\nB.\n';
    expect([...pageSections(page)]).toEqual([
      ['What it checks', 'A.\n\n```md\n## not a heading\n```'],
      ['Why it matters', 'B.'],
    ]);
  });

  it('keeps whole blocks of "What it checks" within the budget, the first one always, and list items that fit', () => {
    expect(checksStart('One.\n\nTwo.', 100)).toEqual({ text: 'One.\n\nTwo.', cut: false });
    expect(checksStart(`${'a'.repeat(50)}\n\n${'b'.repeat(60)}`, 100)).toEqual({ text: 'a'.repeat(50), cut: true });
    expect(checksStart(`${'a'.repeat(150)}`, 100)).toEqual({ text: 'a'.repeat(150), cut: false });
    expect(checksStart(`Each:\n\n- ${'x'.repeat(30)}\n  more\n- ${'y'.repeat(30)}\n- ${'z'.repeat(30)}`, 80)).toEqual({
      text: `Each:\n\n- ${'x'.repeat(30)}\n  more\n- ${'y'.repeat(30)}\n\n… (the rule page has the rest)`,
      cut: true,
    });
    expect(checksStart(`It reports:\n\n1. ${'x'.repeat(300)}`, 100)).toEqual({ text: 'It reports:\n\n… (the rule page has the rest)', cut: true });
  });

  it('is the lead, the start of "What it checks", "Why it matters" and "How to fix", and the address of the page', () => {
    const page = '# x\n\nLead.\n\n<!-- meta:start -->\nmeta\n<!-- meta:end -->\n\n## What it checks\n\nA.\n\n## Why it matters\n\nB.\n\n## Examples\n\n```yaml\non: push\n```\n\n## How to fix\n\nC.\n\n## Configuration\n\nD.\n';
    expect(ruleHelp({ id: 'x', summary: 'S', docsUrl: URL, helpMarkdown: page })).toEqual({
      markdown: `# x\n\nLead.\n\n## What it checks\n\nA.\n\n## Why it matters\n\nB.\n\n## How to fix\n\nC.\n\nThe [rule page](${URL}) has examples and configuration.`,
      text: `Lead.\n\nWhat it checks:\n\nA.\n\nWhy it matters:\n\nB.\n\nHow to fix:\n\nC.\n\nDocumentation (examples and configuration): ${URL}`,
    });
    expect(ruleHelp({ id: 'x', summary: 'S', docsUrl: URL })).toEqual({ text: `S\n\nDocumentation: ${URL}`, markdown: `# x\n\nS\n\nSee the [rule documentation](${URL}).` });
  });

  it("every rule page's help has its three sections and stays small (the largest page is over 60 KB)", () => {
    for (const rule of registry) {
      const page = readFileSync(path.join(ROOT, 'rules', rule.id, `${rule.id}.md`), 'utf8');
      const help = ruleHelp({ id: rule.id, summary: rule.meta.summary, docsUrl: URL, helpMarkdown: page });
      for (const heading of ['What it checks', 'Why it matters', 'How to fix']) expect(help.markdown, rule.id).toContain(`\n## ${heading}\n\n`);
      expect(help.markdown.length, rule.id).toBeLessThan(CHECKS_BUDGET + 8000);
      expect(help.markdown.length, rule.id).toBeLessThan(page.length);
    }
  });
});
