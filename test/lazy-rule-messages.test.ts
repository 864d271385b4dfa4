/**
 * The CLI bundle makes each rule's `meta.messages` on first read (scripts/lazy-rule-messages.mjs):
 * the getter returns the object the source wrote, the same object on every read, and the plugin
 * leaves alone what it cannot move safely.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyRuleMessages } from '../scripts/lazy-rule-messages.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const RULE_FILE = '/repo/dist/rules/some-rule/some-rule.js';

function transform(code: string, id = RULE_FILE): string | undefined {
  return (lazyRuleMessages.transform(code, id) as { code: string } | null)?.code;
}

/** Runs a transformed module body (no imports) and returns its `rule` and a creation counter. */
function evaluate(code: string): { rule: { meta: { messages: Record<string, unknown> } }; made: () => number } {
  const body = code.replace(/^export /gm, '');
  return new Function('defineRule', `let count = 0; const made = () => count; const tick = (x) => (count++, x);\n${body}\nreturn { rule, made };`)(
    (r: unknown) => r,
  ) as ReturnType<typeof evaluate>;
}

describe('lazy rule messages in the CLI bundle', () => {
  it('turns an inline messages object into a getter that builds it once', () => {
    const code = transform(
      'const WHY = "because";\nexport const rule = defineRule({ id: "r", meta: { severity: "error", messages: tick({ a: { text: "t {x}", why: WHY, fix: "f" } }) }, create() { return {}; } });\n',
    );
    expect(code).toBeUndefined(); // a call, not an object literal: left alone

    const lazy = transform('const WHY = "because";\nexport const rule = defineRule({ id: "r", meta: { severity: "error", messages: { a: { text: "t {x}", why: WHY, fix: "f" } } }, create() { return {}; } });\n');
    expect(lazy).toContain('get messages() { return (messages$lazy0 ??= { a: { text: "t {x}", why: WHY, fix: "f" } }); }');
    const { rule } = evaluate(lazy ?? '');
    expect(rule.meta.messages).toEqual({ a: { text: 't {x}', why: 'because', fix: 'f' } });
    expect(rule.meta.messages).toBe(rule.meta.messages);
    expect(Object.keys(rule.meta)).toEqual(['severity', 'messages']);
  });

  it('is not built before the first read, and once', () => {
    const lazy = transform('export const rule = defineRule({ meta: { messages: { a: tick({ text: "t", why: "w", fix: "f" }) } } });\n');
    const { rule, made } = evaluate(lazy ?? '');
    expect(made()).toBe(0);
    expect(rule.meta.messages).toEqual({ a: { text: 't', why: 'w', fix: 'f' } });
    expect(rule.meta.messages.a).toBe(rule.meta.messages.a);
    expect(made()).toBe(1);
  });

  it('moves a module constant read only by `meta`, and leaves one read elsewhere', () => {
    const moved = transform('const messages = { a: { text: "t", why: "w", fix: "f" } };\nexport const rule = defineRule({ meta: { messages } });\n');
    expect(moved).not.toContain('const messages =');
    expect(evaluate(moved ?? '').rule.meta.messages).toEqual({ a: { text: 't', why: 'w', fix: 'f' } });

    expect(transform('const M = { a: 1 };\nexport const rule = defineRule({ meta: { messages: M } });\nexport const OTHER = M;\n')).toBeUndefined();
    expect(transform('import { MESSAGES } from "./messages.js";\nexport const rule = defineRule({ meta: { messages: MESSAGES } });\n')).toBeUndefined();
  });

  it('reads only rule modules', () => {
    const code = 'export const rule = defineRule({ meta: { messages: { a: 1 } } });\n';
    expect(transform(code, '/repo/dist/src/engine/define-rule.js')).toBeUndefined();
    expect(transform(code)).toBeDefined();
  });

  it.skipIf(!existsSync(path.join(ROOT, 'dist/rules')))('makes every rule lazy but the one whose messages live in another module', () => {
    const eager: string[] = [];
    for (const id of readdirSync(path.join(ROOT, 'dist/rules'))) {
      const file = path.join(ROOT, 'dist/rules', id, `${id}.js`);
      if (!existsSync(file)) continue;
      const code = transform(readFileSync(file, 'utf8'), file);
      if (!code?.includes('get messages()')) eager.push(id);
    }
    expect(eager).toEqual(['gitlab-config-resolvable']);
  });
});
