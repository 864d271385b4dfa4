/**
 * An upgrade in a GitHub job whose own `if:` tp-doctor cannot evaluate (`if: vars.LEGACY ==
 * 'true'`), beside another publishing job of the workflow, which runs without it (audit1208 n03,
 * docs/domain.md A.61, A.64): the job `if:` may be what keeps this legacy path from ever running,
 * so its EBADENGINE is a warning naming the `if:` and the other job's publish. A job without `if:`,
 * one with an `if:` certainly true on a trigger, or a job alone in its workflow keeps the error.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { lintFiles, releaseRepo as repo } from '../../test/helpers.js';

const RULE = 'npm-upgrade-compatible';

const job = (name: string, node: string, condition: string | undefined, steps: string): string =>
  `  ${name}:\n${condition ? `    if: ${condition}\n` : ''}    runs-on: ubuntu-latest\n    permissions: { id-token: write, contents: read }\n    steps:\n      - uses: actions/setup-node@v5\n        with: { node-version: ${node} }\n${steps}`;
const PUBLISH = '      - run: npm publish\n';
const UPGRADE = '      - run: npm install -g npm@11.6.0\n';

async function found(condition: string | undefined, sibling = true): Promise<string[]> {
  const wf = `on: release\njobs:\n${sibling ? job('publish', '24', undefined, PUBLISH) : ''}${job('legacy', '18', condition, UPGRADE + PUBLISH)}`;
  return ((await lintFiles(repo(wf), { rule: RULE })) as Diagnostic[]).map(
    (d) => `${d.messageId} ${d.severity}${d.related.filter((r) => !r.label.startsWith('Node version')).map((r) => ` | ${r.start.line}:${r.start.column} ${r.label}`).join('')}`,
  );
}

describe('npm-upgrade-compatible: a job chosen by an if: tp-doctor cannot evaluate (A.64)', () => {
  it("probe n03: `if: vars.LEGACY == 'true'` beside another publishing job: a warning naming the job's if: and that publish", async () => {
    expect(await found("vars.LEGACY == 'true'")).toEqual([
      "engineMismatch warning | 11:5 the job's `if:`, which tp-doctor cannot evaluate, decides whether it runs | 9:14 job \"publish\" also publishes, without this upgrade",
    ]);
  });
  it('control: a job without `if:` runs on the trigger: the error', async () => {
    expect(await found(undefined)).toEqual(['engineMismatch error']);
  });
  it("control: an `if:` certainly true on the workflow's trigger: the error", async () => {
    expect(await found("github.event_name == 'release'")).toEqual(['engineMismatch error']);
  });
  it('control: no other publishing job: when the job runs, it fails; the error', async () => {
    expect(await found("vars.LEGACY == 'true'", false)).toEqual(['engineMismatch error']);
  });
});
