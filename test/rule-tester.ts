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
 * A rule that judges other rules' findings (unused-disable-directive judges their suppressions)
 * runs next to `companions`: rules registered and turned on beside it. Their findings are asserted
 * with the rule's own, in report order: an expectation names a companion's finding by `ruleId`
 * (compact form `ruleId/messageId@l:c-l:c`), a valid case lists them in `companionErrors`, and a
 * companion finding a case does not list fails it. Coverage counts only the rule's own message ids.
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
  /** The id of the companion (`RuleTests.companions`) that reports this finding; absent: the rule under test. */
  ruleId?: string;
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

export interface ValidCase extends CaseBase {
  /**
   * Findings of companions the case expects (each naming its `ruleId`), in report order; default
   * none. The rule under test reports nothing in a valid case.
   */
  companionErrors?: (ExpectedFinding | string)[];
}

export interface InvalidCase extends CaseBase {
  /**
   * Every finding of the rule (and of its companions), in report order; at least one of the rule.
   * A string is the compact form `messageId@line:column-endLine:endColumn` (the `brief` of
   * test/helpers.ts), or `ruleId/messageId@…` for a companion's finding.
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
  /**
   * Rules that run alongside the rule under test (ids of registered rules, or rule objects), for a
   * rule that judges other rules' findings. They are registered and on; every other rule stays off.
   * Every case asserts their findings too: listed in `errors` (with `ruleId`) or `companionErrors`.
   */
  companions?: readonly (string | AnyRule)[];
}

/** What `lintRule` and `checkCase` take besides the files. */
export type LintRuleOptions = Pick<CaseBase, 'registrations' | 'fs'> & Pick<RuleTests, 'companions'>;

function ruleById(rule: string | AnyRule): AnyRule {
  if (typeof rule !== 'string') return rule;
  const found = registry.find((r) => r.id === rule);
  if (!found) throw new Error(`rule-tester: no rule "${rule}" in rules/index.ts`);
  return found;
}

/** The companions as rules, by id; a companion that is the rule itself or named twice throws. */
function companionsOf(target: AnyRule, companions: LintRuleOptions['companions'] = []): Map<string, AnyRule> {
  const byId = new Map<string, AnyRule>();
  for (const c of companions) {
    const rule = ruleById(c);
    if (rule.id === target.id) throw new Error(`rule-tester: ${rule.id} is the rule under test, not a companion`);
    if (byId.has(rule.id)) throw new Error(`rule-tester: companion ${rule.id} is named twice`);
    byId.set(rule.id, rule);
  }
  return byId;
}

/**
 * Lints `files` like the CLI (config lookup, inference) with every rule but `rule` (and its
 * `companions`) turned off; config errors and internal errors throw. Other rules stay registered,
 * so a config that names them is valid. Returns the findings of `rule` and its companions.
 */
export async function lintRule(
  rule: string | AnyRule,
  files: Record<string, string | Uint8Array>,
  options: LintRuleOptions = {},
): Promise<Diagnostic[]> {
  const target = ruleById(rule);
  const running = new Map([[target.id, target], ...companionsOf(target, options.companions)]);
  // A rule object given here replaces the registered rule of its id; a rule outside the registry is added.
  const all = [...registry.map((r) => running.get(r.id) ?? r), ...[...running.values()].filter((r) => !registry.some((x) => x.id === r.id))];
  const off = Object.fromEntries(all.filter((r) => !running.has(r.id)).map((r) => [r.id, 'off' as const]));
  const fs = options.fs ? options.fs(files) : new MemoryFs(files);
  const outcome = await lint({ fs, rules: all, ruleOverrides: off, registrations: options.registrations });
  if (!outcome.ok) throw new Error(`config errors: ${outcome.configErrors.map((e) => e.message).join('; ')}`);
  if (outcome.internalErrors.length > 0) {
    throw new Error(`internal errors: ${outcome.internalErrors.map((e) => `${e.ruleId}: ${e.message}`).join('; ')}`);
  }
  const others = outcome.diagnostics.filter((d) => !running.has(d.ruleId));
  if (others.length > 0) throw new Error(`rule-tester: other rules reported: ${others.map((d) => d.ruleId).join(', ')}`);
  return outcome.diagnostics;
}

const RANGE = /^\d+:\d+-\d+:\d+$/;

function normalise(e: ExpectedFinding | string): ExpectedFinding {
  if (typeof e !== 'string') return e;
  const at = e.indexOf('@');
  if (at < 1) throw new Error(`rule-tester: "${e}" is not [ruleId/]messageId@line:column-endLine:endColumn`);
  const head = e.slice(0, at);
  const slash = head.indexOf('/');
  if (slash < 0) return { messageId: head, at: e.slice(at + 1) };
  return { ruleId: head.slice(0, slash), messageId: head.slice(slash + 1), at: e.slice(at + 1) };
}

const rangeOf = (d: Diagnostic): string => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;

/** Whether an expectation is about the rule under test (not a companion). */
const ofRule = (rule: AnyRule, e: ExpectedFinding): boolean => e.ruleId === undefined || e.ruleId === rule.id;

/**
 * Checks one case's findings (the rule's and its companions') against its expectations; returns
 * the message ids the rule under test produced.
 */
function checkFindings(rule: AnyRule, companions: Map<string, AnyRule>, found: Diagnostic[], errors: ExpectedFinding[]): string[] {
  for (const e of errors) {
    const owner = ofRule(rule, e) ? rule : companions.get(e.ruleId as string);
    if (!owner) throw new Error(`rule-tester: "${e.ruleId}" is not a companion of ${rule.id} (RuleTests.companions)`);
    if (!Object.keys(owner.meta.messages).includes(e.messageId)) throw new Error(`rule-tester: ${owner.id} has no message id "${e.messageId}"`);
    if (!RANGE.test(e.at)) throw new Error(`rule-tester: "${e.at}" is not a full range line:column-endLine:endColumn`);
  }
  const withFile = errors.some((e) => e.file !== undefined);
  const show = (d: Diagnostic, i: number): string =>
    `${withFile && errors[i]?.file !== undefined ? `${d.file} ` : ''}${label(rule, d)}`;
  const want = (e: ExpectedFinding): string =>
    `${e.file !== undefined ? `${e.file} ` : ''}${ofRule(rule, e) ? '' : `${e.ruleId}/`}${e.messageId}@${e.at}`;
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
  return found.filter((d) => d.ruleId === rule.id).map((d) => d.messageId);
}

/** `messageId@range`, prefixed with `ruleId/` for a companion's finding. */
const label = (rule: AnyRule, d: Diagnostic): string => `${d.ruleId === rule.id ? '' : `${d.ruleId}/`}${d.messageId}@${rangeOf(d)}`;

/**
 * Runs one valid or invalid case of `rule` (with `options.companions` beside it) and asserts its
 * findings; returns the message ids of `rule` it produced. `ruleTester.run` registers one test per
 * case around it; test/rule-tester.test.ts calls it directly to show which cases fail.
 */
export async function checkCase(rule: string | AnyRule, c: ValidCase | InvalidCase, options: Pick<RuleTests, 'companions'> = {}): Promise<string[]> {
  const target = ruleById(rule);
  const companions = companionsOf(target, options.companions);
  const lintOptions: LintRuleOptions = { registrations: c.registrations, fs: c.fs, companions: options.companions };
  if (!('errors' in c)) {
    const expected = (c.companionErrors ?? []).map(normalise);
    if (expected.some((e) => ofRule(target, e))) {
      throw new Error(`rule-tester: a valid case lists only companion findings (with their ruleId) in companionErrors`);
    }
    const found = await lintRule(target, c.files, lintOptions);
    if (expected.length === 0) expect(found.map((d) => `${d.file} ${label(target, d)}`)).toEqual([]);
    else checkFindings(target, companions, found, expected);
    return [];
  }
  const errors = c.errors.map(normalise);
  if (!errors.some((e) => ofRule(target, e))) {
    throw new Error('rule-tester: an invalid case lists its findings, at least one of the rule (use `valid` for none)');
  }
  const found = await lintRule(target, c.files, lintOptions);
  // Writing a case: RULE_TESTER_SHOW=1 prints what the rules report (it asserts nothing less).
  if (process.env.RULE_TESTER_SHOW) console.log(`${c.name}\n${found.map((d) => `  ${d.file} ${label(target, d)}${d.related.map((r) => `\n    related ${r.file}:${r.start.line}:${r.start.column} ${r.label}`).join('')}`).join('\n')}`);
  const ids = checkFindings(target, companions, found, errors);
  c.check?.(found);
  return ids;
}

/**
 * Fails when a message id of `rule` is neither in `produced` nor in `notCovered`, or when
 * `notCovered` names an id the rule does not have or that was produced.
 */
export function checkCoverage(rule: AnyRule, produced: ReadonlySet<string>, notCovered: Record<string, string> = {}): void {
  const ids = Object.keys(rule.meta.messages);
  for (const id of Object.keys(notCovered)) {
    expect(ids, `notCovered names "${id}", which ${rule.id} does not have`).toContain(id);
    expect(produced.has(id), `"${id}" is produced by these cases: drop it from notCovered`).toBe(false);
  }
  const missing = ids.filter((id) => !produced.has(id) && !(id in notCovered));
  expect(missing, `message ids of ${rule.id} that no invalid case produced`).toEqual([]);
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
  companionsOf(rule, tests.companions); // a bad companion list fails at collection, not in every case
  for (const c of valid) {
    it(`valid: ${c.name}`, async () => {
      await checkCase(rule, c, tests);
      executed++;
    });
  }
  for (const c of invalid) {
    it(`invalid: ${c.name}`, async () => {
      for (const id of await checkCase(rule, c, tests)) produced.add(id);
      executed++;
    });
  }
  it(`produces every message id of ${rule.id}`, (ctx) => {
    if (executed < valid.length + invalid.length) {
      ctx.skip();
      return;
    }
    checkCoverage(rule, produced, tests.notCovered);
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
