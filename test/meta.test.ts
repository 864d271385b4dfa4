import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';

const RULES_DIR = path.resolve(import.meta.dirname, '../rules');
const folders = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** Every rule page has these sections, in this order. */
export const REQUIRED_HEADINGS = [
  '## What it checks',
  '## Why it matters',
  '## Examples',
  '## How to fix',
  '## Configuration',
];

describe('rule registry', () => {
  it('lists exactly the rule folders', () => {
    expect(rules.map((r) => r.id).sort()).toEqual(folders);
  });

  it('has unique ids', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      const dir = path.join(RULES_DIR, rule.id);

      it('is kebab-case and matches its folder and files', () => {
        expect(rule.id).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
        for (const ext of ['.ts', '.md', '.test.ts']) expect(existsSync(path.join(dir, rule.id + ext))).toBe(true);
      });

      it('has a doc page with the standard sections', () => {
        const page = readFileSync(path.join(dir, `${rule.id}.md`), 'utf8');
        expect(page.startsWith(`# ${rule.id}\n`)).toBe(true);
        let last = -1;
        for (const heading of REQUIRED_HEADINGS) {
          const at = page.indexOf(`\n${heading}\n`);
          expect(at, `${rule.id}.md lacks "${heading}"`).toBeGreaterThan(last);
          last = at;
        }
        expect(page).toContain(`\`${rule.meta.severity}\``);
      });

      it('has complete messages', () => {
        const messages = Object.entries(rule.meta.messages as Record<string, { text: string; why: string; fix: string }>);
        expect(messages.length).toBeGreaterThan(0);
        for (const [, m] of messages) {
          expect(m.text.length).toBeGreaterThan(10);
          expect(m.why.length).toBeGreaterThan(10);
          expect(m.fix.length).toBeGreaterThan(5);
          expect(m.text).not.toMatch(/\.$/);
        }
      });

      // Message-id coverage is asserted by test/rule-tester.ts from the cases it executed (every
      // `ruleTester.run` call ends with that check), so every rule's suite must use it; a rule that
      // judges other rules' findings runs them beside it as `companions`.
      it('is tested with the rule tester', () => {
        const tests = readdirSync(dir)
          .filter((f) => f.endsWith('.test.ts'))
          .map((f) => readFileSync(path.join(dir, f), 'utf8'))
          .join('\n');
        expect(tests.includes('ruleTester.run('), `${rule.id}: test it with ruleTester.run (test/rule-tester.ts)`).toBe(true);
      });
    });
  }
});
