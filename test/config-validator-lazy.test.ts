/**
 * The generated config validator makes its schema objects on the first failed check
 * (scripts/gen-config-validator.mjs `lazySchemas`): the committed file is what the generator writes,
 * the error objects still carry the schema parts the messages are made from, and the same objects
 * on every failure.
 */
import { describe, expect, it } from 'vitest';
import { generate, lazySchemas } from '../scripts/gen-config-validator.mjs';
import validate from '../src/config/generated/config-validator.js';

describe('the config validator with lazy schema objects', () => {
  it('is the committed file', () => {
    expect(generate({ check: true }).outdated).toEqual([]);
  });

  it('declares no schema object at its top level', () => {
    const code = [
      '"use strict";',
      'export default validate10;',
      'const schema11 = {"title":"root","type":"object"};',
      'const pattern0 = new RegExp("\\\\S", "u");',
      'function validate10(data){ return {schema:schema11.type,parentSchema:schema11}; }',
      'const schema17 = {"title":"later"};',
      'function other(){ return schema17; }',
      '',
    ].join('\n');
    const lazy = lazySchemas(code);
    expect(lazy).not.toMatch(/^const schema\d+/m);
    expect(lazy).toContain('{schema:schemaObjects().schema11.type,parentSchema:schemaObjects().schema11}');
    expect(lazy).toContain('return schemaObjects().schema17;');
    expect(lazy.startsWith('"use strict";\nlet schemas;\nfunction schemaObjects() {\nreturn (schemas ??= {\nschema11: {"title":"root","type":"object"},\nschema17: {"title":"later"}\n});\n}\n')).toBe(true);
    expect(lazySchemas('const x = 1;\n')).toBe('const x = 1;\n');
  });

  it('gives the schema parts in its errors, the same objects each time', () => {
    const bad = { publishers: [{ provider: 'github', repository: 'a/b', workflow: 3 }] };
    expect(validate(bad)).toBe(false);
    const first = validate.errors ?? [];
    const typeError = first.find((e) => e.keyword === 'type');
    expect(typeError?.parentSchema?.['title']).toBe('Workflow file name');
    expect(typeError?.schema).toBe('string');
    expect(validate(bad)).toBe(false);
    const again = (validate.errors ?? []).find((e) => e.keyword === 'type');
    expect(again?.parentSchema).toBe(typeError?.parentSchema);
    expect(validate({ publishers: [{ provider: 'github', repository: 'a/b', workflow: 'release.yml' }] })).toBe(true);
  });
});
