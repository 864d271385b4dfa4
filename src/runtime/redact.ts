/**
 * Redaction for everything probe and diagnose print. Two layers: the exact secret values the run
 * handled (the ID token, each of its parts, the runner's request token), and patterns for anything
 * token-like that may come from elsewhere (a log, a registry message).
 */

/** Token-like text. The replacement keeps a recognisable prefix and drops the secret part. */
const PATTERNS: readonly [RegExp, string][] = [
  // A JWT: base64url JSON header (`{"` → `eyJ`), payload and signature.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted JWT]'],
  // npm access tokens.
  [/\bnpm_[A-Za-z0-9]{16,}/g, 'npm_[redacted]'],
  // GitHub tokens: ghp_, gho_, ghs_, ghu_, ghr_ and fine-grained personal access tokens.
  [/\bgh[oprsu]_[A-Za-z0-9]{16,}/g, 'gh*_[redacted]'],
  [/\bgithub_pat_[A-Za-z0-9_]{16,}/g, 'github_pat_[redacted]'],
  // GitLab personal / CI job tokens.
  [/\bglpat-[A-Za-z0-9_-]{16,}/g, 'glpat-[redacted]'],
  // `_authToken=value` in .npmrc text or `npm config` output.
  [/(_authToken\s*[=:]\s*["']?)(?!\$\{)[^\s"']+/g, '$1[redacted]'],
  // An Authorization header value.
  [/(\b(?:Bearer|Basic)\s+)(?!\[redacted)[A-Za-z0-9._~+/-]{8,}=*/gi, '$1[redacted]'],
];

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
      out = out.split(secret).join('[redacted]');
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }
}

/** Pattern redaction only (log lines quoted by diagnose). */
export function redactTokenLike(text: string): string {
  return new Redactor().redact(text);
}
