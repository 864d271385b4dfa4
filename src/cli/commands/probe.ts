/**
 * `tp-doctor probe`: argv, help and output. The work is in src/runtime/probe.ts.
 */
import { appendFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { summarize } from '../../diagnostics/diagnostic.js';
import { formatNames, isFormatName, loadFormatter } from '../../formatters/index.js';
import type { FormatInput, RuleMetaSummary } from '../../formatters/types.js';
import { DiskFs } from '../../fs/source.js';
import { PROBE_CHECKS, probeDocsUrl, probeRuleId } from '../../runtime/checks.js';
import { DEFAULT_TIMEOUT_MS, probe, resolveRegistry } from '../../runtime/probe.js';
import { argsErrorMessage } from '../args-error.js';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { toolVersion } from '../package-info.js';
import { cwdPrefix, paintFor, usageError, useColor } from './output.js';

export const HELP = `Usage: tp-doctor probe [directory] [options]

Run it as a step of the publishing CI job, right before the publish. It gets the job's OIDC ID
token the way npm does (NPM_ID_TOKEN, or on GitHub Actions the runner's token endpoint with the
npm audience), reads its claims without verifying or printing it, and compares them with the
trusted publisher declared in tp-doctor.yml and with the workflows; it checks the npm on PATH
(running \`npm --version\`, the only program it runs). With --exchange it also asks the registry to
exchange the token for each package and reports the answer (the returned token is discarded).

Options:
      --exchange            Try the registry's token exchange for each package
      --package <name>      A package to exchange for (repeatable; default: the repository's
                            non-private packages from package.json and its workspaces)
      --registry <url>      The registry (default: NPM_CONFIG_REGISTRY, else https://registry.npmjs.org/)
      --stage               Check for \`npm stage publish\` (npm 11.15.0 or later)
  -c, --config <file>       Config file (default: tp-doctor.yml and the other names tp-doctor reads)
  -f, --format <name>       Output format: ${formatNames.join(', ')} (default: stylish)
      --timeout <ms>        Time limit for each request and for \`npm --version\` (default: ${DEFAULT_TIMEOUT_MS})
      --color, --no-color   Force or disable colours
  -h, --help                Show this help

The directory is the checked-out repository (default: the current directory).
Exit codes: 0 nothing certain to fail, 1 trusted publishing will fail from this job, 2 usage error.
Checks and their ids (probe/<check>): docs/probe.md.
`;

function probeRuleSummaries(): RuleMetaSummary[] {
  return PROBE_CHECKS.map((c) => ({
    id: probeRuleId(c.id),
    severity: c.severity,
    summary: c.summary,
    docsUrl: probeDocsUrl(c.id),
    providers: ['github', 'gitlab', 'circleci'],
  }));
}

export async function run(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      options: {
        exchange: { type: 'boolean' },
        package: { type: 'string', multiple: true },
        registry: { type: 'string' },
        stage: { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f' },
        timeout: { type: 'string' },
        color: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError(io, 'probe', argsErrorMessage(error));
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (positionals.length > 1) return usageError(io, 'probe', `expected at most one directory, got ${positionals.length}`);
  const format = values.format ?? 'stylish';
  if (!isFormatName(format)) return usageError(io, 'probe', `unknown format "${format}"; expected one of: ${formatNames.join(', ')}`);
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) return usageError(io, 'probe', `--timeout expects a number of milliseconds, got "${values.timeout}"`);
  }
  const registry = resolveRegistry(values.registry, io.env);
  if (!registry.ok) return usageError(io, 'probe', registry.message);
  const packages = values.package?.map((p) => p.trim()).filter((p) => p !== '');
  if (values.package && (!packages || packages.length !== values.package.length)) return usageError(io, 'probe', '--package expects a package name');

  const dir = path.resolve(io.cwd, positionals[0] ?? '.');
  try {
    if (!statSync(dir).isDirectory()) return usageError(io, 'probe', `"${positionals[0]}" is not a directory`);
  } catch {
    return usageError(io, 'probe', `"${positionals[0] ?? '.'}" does not exist`);
  }

  const report = await probe({
    env: io.env,
    fs: new DiskFs(dir),
    ...(values.config ? { configPath: path.resolve(io.cwd, values.config) } : {}),
    registry: registry.url,
    ...(packages ? { packages } : {}),
    exchange: values.exchange ?? false,
    stage: values.stage ?? false,
    timeoutMs,
  });

  const input: FormatInput = { diagnostics: report.diagnostics, rules: probeRuleSummaries(), toolVersion: toolVersion(), notes: report.notes };
  const color = useColor(io, values.color);
  const prefix = cwdPrefix(io.cwd, dir);
  const text = (await loadFormatter(format))(input, { color, paint: await paintFor(color), cwdPrefix: prefix });
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile) {
    try {
      const { stepSummary } = await import('../../formatters/github.js');
      appendFileSync(summaryFile, report.redactor.redact(stepSummary(input, { cwdPrefix: prefix })));
    } catch (error) {
      io.stderr(`tp-doctor probe: cannot write the step summary: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    }
  }
  if (text) io.stdout(report.redactor.redact(text));
  return summarize(report.diagnostics).errors > 0 ? EXIT.problems : EXIT.ok;
}
