import { describe, expect, it } from 'vitest';
import { conditionImplies } from './entry-events.js';

describe('conditionImplies: a publish whose if: has another step\'s if: as a conjunct runs only with it (A.64)', () => {
  it.each([
    ["steps.p.outputs.go == 'true' && matrix.ref != 'v0'", "steps.p.outputs.go == 'true'", true],
    ["${{ (vars.X == 'a') && github.ref == 'refs/heads/main' }}", "vars.X == 'a'", true],
    ["vars.X  ==  'a'", "${{ vars.X == 'a' }}", true],
    ["vars.Y && vars.X == 'a'", "vars.X == 'a' && vars.Y", true],
    ["vars.X == 'a' || vars.Y", "vars.X == 'a'", false],
    ["vars.X != 'a'", "vars.X == 'a'", false],
    ["(vars.X == 'a') || (vars.Y)", "vars.X == 'a'", false],
    ["contains('a && b', vars.X)", "b'", false],
    [undefined, "vars.X == 'a'", false],
  ])('`%s` implies `%s`: %s', (implying, condition, want) => {
    expect(conditionImplies(implying, condition)).toBe(want);
  });
});
