import { describe, expect, it } from 'vitest';
import { circlePublisherConfig, lintFiles } from '../../test/helpers.js';
import { defineRule } from './define-rule.js';

/** Reports each CircleCI configuration's file, with no certainty: an error. */
const everyConfig = defineRule({
  id: 'every-config',
  meta: { severity: 'error', providers: ['circleci'], summary: 'test rule', messages: { here: { text: 'a finding', why: 'why', fix: 'fix' } } },
  hooks: {
    circleciConfig(config, ctx) {
      ctx.report({ messageId: 'here', data: {}, at: { file: config.file, start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } });
    },
  },
});

const PIPELINE = 'version: 2.1\njobs:\n  build:\n    docker: [{ image: cimg/node:24.16 }]\n    steps: [checkout]\nworkflows:\n  main:\n    jobs: [build]\n';

describe('a finding in a CircleCI configuration a pipeline may not run (CircleConfig.discovered)', () => {
  it('is a warning at most; in .circleci/config.yml, or in a declared configFile, it keeps its severity', async () => {
    const files = { 'package.json': '{"name":"w"}', '.circleci/config.yml': PIPELINE, '.circleci/other.yml': PIPELINE };
    const found = await lintFiles(files, { rules: [everyConfig], rule: 'every-config' });
    expect(found.map((d) => `${d.file}:${d.severity}`)).toEqual(['.circleci/config.yml:error', '.circleci/other.yml:warning']);
    const declared = { ...files, 'tp-doctor.yml': circlePublisherConfig('    configFile: .circleci/other.yml') };
    const named = await lintFiles(declared, { rules: [everyConfig], rule: 'every-config' });
    expect(named.map((d) => `${d.file}:${d.severity}`)).toEqual(['.circleci/other.yml:error']);
  });
});
