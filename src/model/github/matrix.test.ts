import { describe, expect, it } from 'vitest';
import { mentionsMatrix } from './matrix.js';

/** The expression as first written; `matrix` is now spelled out in both cases only because V8 compiles that faster than the `i` flag. */
const WRITTEN = /\$\{\{\s*matrix(?:\.[A-Za-z0-9_-]+)+\s*\}\}/gi;

describe('mentionsMatrix', () => {
  it('finds what the `i` expression found, for every UTF-16 code unit in every part of a reference', () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [`\${{ ${ch}atrix.os }}`, `\${{ MATRI${ch}.os }}`, `\${{${ch}mAtRiX.node${ch}}}`, `\${{ matrix.${ch} }}`, `\${{ Matrix.a${ch}b }}`, `x \${{ matrix.os }${ch}`]) {
        if (mentionsMatrix(text) !== text.search(WRITTEN) >= 0) differ.push(text);
      }
    }
    expect(differ).toEqual([]);
  });

  it('reads `matrix` in any case', () => {
    expect(['${{ matrix.os }}', '${{MATRIX.node}}', '${{ mAtRiX.a.b }}', '${{ matrix }}', '${{ matrixs.os }}'].map(mentionsMatrix)).toEqual([true, true, true, false, false]);
  });
});
