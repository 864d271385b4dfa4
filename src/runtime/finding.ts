import type { RelatedLocation, Severity } from '../diagnostics/diagnostic.js';
import type { Location } from '../yaml/span.js';
import type { ProbeCheckId } from './checks.js';

/**
 * One probe result before it becomes a Diagnostic. `at` is where it points (a declared field in
 * the config, usually); without it the probe points at the running workflow / CI file.
 */
export interface ProbeFinding {
  check: ProbeCheckId;
  messageId: string;
  severity: Severity;
  message: string;
  why: string;
  fix: string;
  data: Record<string, string | number>;
  at?: Location;
  related?: RelatedLocation[];
}
