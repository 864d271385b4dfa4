import { secretSource, variableOf } from '../npm/tokens.js';
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

