/**
 * A value from the repository is quoted in a message at most MAX_QUOTED_VALUE characters long
 * (src/diagnostics/quoted-value.ts, applied by src/engine/run.ts): a hostile workflow with values of 100,000 characters would otherwise copy them
 * into every message, every why and fix text, the JSON `data` and every output format.
 */
import { describe, expect, it } from 'vitest';
import { MAX_QUOTED_VALUE, quotedValue } from '../../src/diagnostics/quoted-value.js';
import { lintFiles } from '../helpers.js';

const LONG = 'x'.repeat(100_000);
const workflow = `on: push
permissions: { id-token: write }
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: E${LONG}
    steps:
      - uses: actions/setup-node@v5
        with: { node-version: "${LONG}" }
      - run: npm publish --tag ${LONG}
`;

describe('values quoted in messages', () => {
  it('are cut with an ellipsis past MAX_QUOTED_VALUE characters, in the text, why, fix and data', async () => {
    const diagnostics = await lintFiles({ 'package.json': '{"name":"x","version":"1.0.0"}', '.github/workflows/p.yml': workflow });
    const oidc = diagnostics.find((d) => d.ruleId === 'npm-supports-oidc');
    expect(oidc?.message).toMatch(/x{250}…x{150}/);
    expect(oidc?.message).not.toMatch(new RegExp(`x{${MAX_QUOTED_VALUE}}`));
    for (const d of diagnostics) {
      // The template's own words plus a few values: far below one uncut value.
      for (const text of [d.message, d.why, d.fix]) expect(text.length).toBeLessThan(4 * MAX_QUOTED_VALUE);
      for (const value of Object.values(d.data ?? {})) expect(String(value).length).toBeLessThanOrEqual(MAX_QUOTED_VALUE);
      for (const r of d.related ?? []) expect(r.label.length).toBeLessThanOrEqual(MAX_QUOTED_VALUE);
    }
  });

  it('keep a short value whole, keep the start and the end of a long one, and never cut a surrogate pair in two', () => {
    expect(quotedValue('node 24')).toBe('node 24');
    expect(quotedValue('a'.repeat(MAX_QUOTED_VALUE))).toBe('a'.repeat(MAX_QUOTED_VALUE));
    const cut = quotedValue(`"${'a'.repeat(10_000)}" (a reason)`);
    expect(cut.length).toBe(MAX_QUOTED_VALUE);
    expect(cut).toMatch(/^"a+…a+" \(a reason\)$/);
    for (const value of ['😀'.repeat(5_000), `a${'😀'.repeat(5_000)}`]) {
      const emoji = quotedValue(value);
      expect(emoji.length).toBeLessThanOrEqual(MAX_QUOTED_VALUE);
      expect(emoji).toMatch(/^a?(?:😀)+…(?:😀)+$/u);
    }
  });
});
