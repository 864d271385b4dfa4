import { describe, expect, it } from 'vitest';
import { evaluateRulesIf, type Value } from './rules-if.js';

/** Variables as ./rules-if.ts reads them: `KNOWN` set in the file to "yes", `EMPTY` to "", predefined `CI_*` from the pipeline, the rest unknown. */
const variable = (name: string): Value =>
  name === 'KNOWN' ? { kind: 'known', text: 'yes' } : name === 'EMPTY' ? { kind: 'known', text: '' } : /^CI_/.test(name) ? { kind: 'pipeline' } : { kind: 'unknown' };
const read = (text: string): boolean | undefined => evaluateRulesIf(text, variable);

describe('evaluateRulesIf: a GitLab rules if: read three-valued (audit1207 g02, A.64)', () => {
  it.each([
    ['$USE_TOKEN == "true"', undefined],
    ['$USE_TOKEN != "true"', undefined],
    ['$USE_TOKEN', undefined],
    ['${USE_TOKEN} =~ /^t/', undefined],
    ['$CI_COMMIT_TAG', true],
    ['$CI_PIPELINE_SOURCE == "schedule"', true],
    ['$CI_COMMIT_TAG && $USE_TOKEN == "true"', undefined],
    ['$USE_TOKEN == "true" || $CI_COMMIT_TAG', true],
    ['$KNOWN == "yes"', true],
    ["$KNOWN == 'no'", false],
    ['$KNOWN != "yes" && $USE_TOKEN', false],
    ['($KNOWN == "no" || $USE_TOKEN) && $CI_COMMIT_TAG', undefined],
    ['$EMPTY', false],
    ['$KNOWN == null', false],
    ['$USE_TOKEN == null', undefined],
  ])('`%s` → %s', (text, want) => {
    expect(read(text)).toBe(want);
  });
  it.each(['$A ==', '(($CI_COMMIT_TAG)', '$A === "x"', 'x'.repeat(3000)])('a text tp-doctor cannot parse (`%s`) holds in some pipeline (the job may run)', (text) => {
    expect(read(text)).toBe(true);
  });
});
