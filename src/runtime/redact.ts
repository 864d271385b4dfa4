/**
 * Redaction for everything probe and diagnose print. Two layers: the exact secret values the run
 * handled (the ID token, each of its parts, the runner's request token), and the patterns every
 * output of tp-doctor passes (`src/diagnostics/redact.ts`: npm, GitHub and GitLab tokens, npmrc
 * secrets, Authorization headers, JWTs), so that a log line or a registry message quoted by probe
 * or diagnose is masked exactly like a diagnostic.
 */
import { MASK, redact } from '../diagnostics/redact.js';

/** Shorter secrets are not replaced literally: they would match ordinary words. */
const MIN_SECRET_LENGTH = 8;

export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: readonly (string | undefined)[] = []) {
    for (const s of secrets) this.add(s);
  }

  /** Registers a secret value; a JWT also registers its three parts. */
  add(secret: string | undefined): void {
    if (!secret) return;
    const value = secret.trim();
    if (value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
    const parts = value.split('.');
    if (parts.length === 3) for (const part of parts) if (part.length >= 16) this.secrets.add(part);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a whole token is replaced before one of its parts.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(MASK);
    }
    return redact(out);
  }
}

/** Pattern redaction only (log lines quoted by diagnose). */
export function redactTokenLike(text: string): string {
  return redact(text);
}
