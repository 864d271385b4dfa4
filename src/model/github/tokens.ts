import { secretSource, variableOf } from '../npm/tokens.js';
import { assignsVariable } from '../npm/script-index.js';
import { envFor } from './steps.js';
import type { Step } from './types.js';

/**
 * How a written token value reads to the user: `secrets.X`, `$VAR from secrets.X`, or undefined when it is
 * not a long-lived token (GITHUB_TOKEN, an empty variable). Literal tokens are handled apart.
 */
export function describeWrittenValue(value: string, step: Step): string | undefined {
  if (/\bgithub\.token\b|GITHUB_TOKEN|GH_TOKEN/i.test(value)) return undefined;
  const secret = secretSource(value);
  if (secret) return secret;
  const variable = variableOf(value);
  if (variable === undefined) return 'value written by the script';
  const entry = envFor(step, variable);
  if (entry && (entry.value === undefined || entry.value.trim() === '' || /\bgithub\.token\b|secrets\.GITHUB_TOKEN\b/i.test(entry.value))) {
    return undefined;
  }
  const from = secretSource(entry?.value);
  return from ? `$${variable} from ${from}` : `$${variable}`;
}

/**
 * True when a written token value is a variable nothing in the job sets (no `env:`, no
 * `$GITHUB_ENV` write, no assignment in a script of the job): on GitHub Actions it is empty, a
 * leftover line rather than a token (twilio-node, workerd after moving to trusted publishing).
 * `script`: the text of a shell script the write is in, whose own assignments count too.
 */
export function writtenFromUnsetVariable(value: string, step: Step, script?: string): boolean {
  const variable = variableOf(value);
  if (variable === undefined || secretSource(value) !== undefined || envFor(step, variable) || assignedInJob(step, variable)) return false;
  return script === undefined || !assignsVariable(script, variable);
}

/**
 * True when a `run:` of the job up to `step` may set `variable`: an assignment (`NPM_TOKEN=…`,
 * `export NPM_TOKEN`, `read NPM_TOKEN`, read with the shell splitter) or a `$GITHUB_ENV` write
 * naming it. A local action's steps are not read: a step using one counts as setting it.
 */
function assignedInJob(step: Step, variable: string): boolean {
  return step.job.steps.slice(0, step.index + 1).some((s) => {
    if (s.uses && s.uses.name.startsWith('./')) return true;
    const text = s.run?.text ?? '';
    if (!text.includes(variable)) return false;
    if (text.includes('GITHUB_ENV')) return true;
    return assignsVariable(text, variable);
  });
}

