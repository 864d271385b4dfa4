/**
 * The rule tester: runs ONE rule alone (every other rule `off`) over in-memory repositories and
 * checks `valid` cases (no finding) and `invalid` cases (each finding's message id, full range
 * `line:column-endLine:endColumn`, and optionally file, data, severity, message and related
 * labels), in the spirit of ESLint's `RuleTester`.
 *
 *     describe(RULE, () => {
 *       ruleTester.run(RULE, {
 *         valid: [{ name: 'the npm audience', files: repo('…') }],
 *         invalid: [{ name: 'a URL', files: repo('…'), errors: [{ messageId: 'url', at: '9:33-9:102', data: { value: '…' } }] }],
 *       });
 *     });
 *
 * Message-id coverage comes from the executed cases: every `run` call ends with a test that fails
 * when a message id of the rule was not produced (and asserted) by one of that call's invalid
 * cases. An id that is genuinely exercised elsewhere (another `run` call, a hand-written test of
 * the same folder) goes in `notCovered` with the reason; naming an id there that the cases do
 * produce fails too, so the escape list cannot go stale. The check is skipped when not every case
 * of the call ran (`-t` filters, `.only`), since coverage is then unknowable.
 *
 * Hand-rolled rather than ESLint's RuleTester: tp-doctor rules are not ESLint rules (they see a
 * whole repository, not one file's AST), so ESLint's tester cannot drive them.
 */
import { expect, it } from 'vitest';
import { rules as registry } from '../rules/index.js';
import { lint, type LintRequest } from '../src/api.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import type { AnyRule } from '../src/engine/define-rule.js';
import { MemoryFs, type SourceFs } from '../src/fs/source.js';
import type { RuleCase } from './helpers.js';

export * from './repos.js';
export type { RuleCase } from './helpers.js';
export type { Diagnostic } from '../src/diagnostics/diagnostic.js';

/** One expected finding. `at` is the full range `line:column-endLine:endColumn` (1-based). */
export interface ExpectedFinding {
  messageId: string;
  at: string;
  /** The repository-relative file of the finding (checked when given). */
  file?: string;
  /** A subset of the finding's `data`. */
  data?: Record<string, unknown>;
  /** The finding's whole `data`, exactly. */
  exactData?: Record<string, unknown>;
  severity?: Diagnostic['severity'];
  /** The whole rendered message, or an asymmetric matcher (`expect.stringContaining(...)`). */
  message?: unknown;
  /** The rendered `why`, exactly or as an asymmetric matcher. */
  why?: unknown;
  /**
   * The finding's related locations, in order: each a label, or `line:column label` to check the
   * location's start too, or `file:line:column label` to check its file as well.
   */
  related?: string[];
  /** The rendered `fix`, exactly or as an asymmetric matcher. */
  fix?: unknown;
}

interface CaseBase {
  name: string;
  files: Record<string, string | Uint8Array>;
  /** What the registry says (`--online`); absent: offline. */
  registrations?: LintRequest['registrations'];
  /** The file system over `files` (default: `MemoryFs`), for a case that needs another listing behaviour. */
  fs?: (files: Record<string, string | Uint8Array>) => SourceFs;
}

export type ValidCase = CaseBase;

export interface InvalidCase extends CaseBase {
  /**
   * Every finding of the rule, in report order. A string is the compact form
   * `messageId@line:column-endLine:endColumn` (the `brief` of test/helpers.ts).
   */
  errors: (ExpectedFinding | string)[];
  /** Further assertions on the findings (after `errors` matched), for what an expectation cannot say. */
  check?: (found: Diagnostic[]) => void;
}

export interface RuleTests {
  valid?: ValidCase[];
  invalid?: InvalidCase[];
  /** Message ids this call does not produce, each with where it is exercised instead. */
  notCovered?: Record<string, string>;
}

function ruleById(rule: string | AnyRule): AnyRule {
  if (typeof rule !== 'string') return rule;
  const found = registry.find((r) => r.id === rule);
  if (!found) throw new Error(`rule-tester: no rule "${rule}" in rules/index.ts`);
  return found;
}

/**
 * Lints `files` like the CLI (config lookup, inference) with every rule but `rule` turned off; config
 * errors and internal errors throw. Other rules stay registered, so a config that names them is valid.
 */
export async function lintRule(
  rule: string | AnyRule,
  files: Record<string, string | Uint8Array>,
  options: Pick<CaseBase, 'registrations' | 'fs'> = {},
): Promise<Diagnostic[]> {
  const target = ruleById(rule);
  const all = registry.some((r) => r.id === target.id) ? registry : [...registry, target];
  const off = Object.fromEntries(all.filter((r) => r.id !== target.id).map((r) => [r.id, 'off' as const]));
  const fs = options.fs ? options.fs(files) : new MemoryFs(files);
  const outcome = await lint({ fs, rules: all, ruleOverrides: off, registrations: options.registrations });
  if (!outcome.ok) throw new Error(`config errors: ${outcome.configErrors.map((e) => e.message).join('; ')}`);
  if (outcome.internalErrors.length > 0) {
    throw new Error(`internal errors: ${outcome.internalErrors.map((e) => `${e.ruleId}: ${e.message}`).join('; ')}`);
  }
  const others = outcome.diagnostics.filter((d) => d.ruleId !== target.id);
  if (others.length > 0) throw new Error(`rule-tester: other rules reported: ${others.map((d) => d.ruleId).join(', ')}`);
  return outcome.diagnostics;
}

const RANGE = /^\d+:\d+-\d+:\d+$/;

function normalise(e: ExpectedFinding | string): ExpectedFinding {
  if (typeof e !== 'string') return e;
  const at = e.indexOf('@');
  if (at < 1) throw new Error(`rule-tester: "${e}" is not messageId@line:column-endLine:endColumn`);
  return { messageId: e.slice(0, at), at: e.slice(at + 1) };
}

const rangeOf = (d: Diagnostic): string => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;

/** Checks one invalid case's findings against its expectations; returns the message ids produced. */
function checkFindings(rule: AnyRule, found: Diagnostic[], errors: ExpectedFinding[]): string[] {
  const ids = Object.keys(rule.meta.messages);
  for (const e of errors) {
    if (!ids.includes(e.messageId)) throw new Error(`rule-tester: ${rule.id} has no message id "${e.messageId}"`);
    if (!RANGE.test(e.at)) throw new Error(`rule-tester: "${e.at}" is not a full range line:column-endLine:endColumn`);
  }
  const withFile = errors.some((e) => e.file !== undefined);
  const show = (d: Diagnostic, i: number): string =>
    `${withFile && errors[i]?.file !== undefined ? `${d.file} ` : ''}${d.messageId}@${rangeOf(d)}`;
  const want = (e: ExpectedFinding): string => `${e.file !== undefined ? `${e.file} ` : ''}${e.messageId}@${e.at}`;
  expect(found.map(show)).toEqual(errors.map(want));
  errors.forEach((e, i) => {
    const d = found[i] as Diagnostic;
    if (e.data) expect(d.data, `data of finding ${i + 1}`).toMatchObject(e.data);
    if (e.exactData) expect(d.data, `data of finding ${i + 1}`).toEqual(e.exactData);
    if (e.severity) expect(d.severity, `severity of finding ${i + 1}`).toBe(e.severity);
    if (e.message !== undefined) expect(d.message, `message of finding ${i + 1}`).toEqual(e.message);
    if (e.why !== undefined) expect(d.why, `why of finding ${i + 1}`).toEqual(e.why);
    if (e.fix !== undefined) expect(d.fix, `fix of finding ${i + 1}`).toEqual(e.fix);
    if (e.related) {
      const got = d.related.map((r, j) => {
        const want = e.related?.[j] ?? '';
        if (/^\d+:\d+ /.test(want)) return `${r.start.line}:${r.start.column} ${r.label}`;
        if (/^[^\s:]+:\d+:\d+ /.test(want)) return `${r.file}:${r.start.line}:${r.start.column} ${r.label}`;
        return r.label;
      });
      expect(got, `related locations of finding ${i + 1}`).toEqual(e.related);
    }
  });
  return found.map((d) => d.messageId);
}

/**
 * Registers one test per valid and invalid case (call inside a `describe`), then a test that every
 * message id of the rule was produced by an executed invalid case or is listed in `notCovered`.
 */
function run(ruleOrId: string | AnyRule, tests: RuleTests): void {
  const rule = ruleById(ruleOrId);
  const valid = tests.valid ?? [];
  const invalid = tests.invalid ?? [];
  const produced = new Set<string>();
  let executed = 0;
  for (const c of valid) {
    it(`valid: ${c.name}`, async () => {
      const found = await lintRule(rule, c.files, c);
      expect(found.map((d) => `${d.file} ${d.messageId}@${rangeOf(d)}`)).toEqual([]);
      executed++;
    });
  }
  for (const c of invalid) {
    it(`invalid: ${c.name}`, async () => {
      if (c.errors.length === 0) throw new Error('rule-tester: an invalid case lists its findings (use `valid` for none)');
      const found = await lintRule(rule, c.files, c);
      // Writing a case: RULE_TESTER_SHOW=1 prints what the rule reports (it asserts nothing less).
      if (process.env.RULE_TESTER_SHOW) console.log(`${c.name}\n${found.map((d) => `  ${d.file} ${d.messageId}@${rangeOf(d)}${d.related.map((r) => `\n    related ${r.file}:${r.start.line}:${r.start.column} ${r.label}`).join('')}`).join('\n')}`);
      const ids = checkFindings(rule, found, c.errors.map(normalise));
      c.check?.(found);
      for (const id of ids) produced.add(id);
      executed++;
    });
  }
  it(`produces every message id of ${rule.id}`, (ctx) => {
    if (executed < valid.length + invalid.length) {
      ctx.skip();
      return;
    }
    const notCovered = tests.notCovered ?? {};
    const ids = Object.keys(rule.meta.messages);
    for (const id of Object.keys(notCovered)) {
      expect(ids, `notCovered names "${id}", which ${rule.id} does not have`).toContain(id);
      expect(produced.has(id), `"${id}" is produced by these cases: drop it from notCovered`).toBe(false);
    }
    const missing = ids.filter((id) => !produced.has(id) && !(id in notCovered));
    expect(missing, `message ids of ${rule.id} that no invalid case produced`).toEqual([]);
  });
}

/**
 * The rows of a `ruleCases` table (test/helpers.ts) as tester cases: `want: []` is valid, the rest
 * invalid, with the row's `data` and `related` asserted on its first finding, as `ruleCases` did.
 */
export function fromRuleCases(cases: readonly RuleCase[], options: Pick<CaseBase, 'fs'> = {}): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const valid: ValidCase[] = [];
  const invalid: InvalidCase[] = [];
  for (const c of cases) {
    if (c.want.length === 0) {
      if (c.data || c.related) throw new Error(`rule-tester: "${c.name}" expects no finding but asserts data or related`);
      valid.push({ name: c.name, files: c.files, ...options });
      continue;
    }
    const errors = c.want.map(normalise);
    errors[0] = { ...(errors[0] as ExpectedFinding), data: c.data, related: c.related };
    invalid.push({ name: c.name, files: c.files, errors, ...options });
  }
  return { valid, invalid };
}

/** An asymmetric matcher for a `message` or `why` that contains every one of `parts`, in any order. */
export function textWith(...parts: string[]): unknown {
  const escape = (p: string): string => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return expect.stringMatching(new RegExp(`^${parts.map((p) => `(?=[^]*${escape(p)})`).join('')}`));
}

export const ruleTester = { run };
