/**
 * Reads the claims of a JSON Web Token WITHOUT verifying its signature. Probe only wants to know
 * what the registry will see; the registry verifies. Hand-rolled (split, base64url, JSON.parse)
 * because a JOSE library would add verification machinery probe must not use, for three lines.
 * Error messages never contain the token or any part of it.
 */
export type Claims = Record<string, unknown>;

export type DecodeResult =
  | { ok: true; header: Record<string, unknown>; claims: Claims }
  | { ok: false; problem: string };

function decodePart(part: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function decodeJwt(token: string): DecodeResult {
  const parts = token.trim().split('.');
  if (parts.length !== 3) {
    return { ok: false, problem: `it has ${parts.length} dot-separated part${parts.length === 1 ? '' : 's'}, a JWT has 3` };
  }
  const header = decodePart(parts[0]!);
  if (!header) return { ok: false, problem: 'its header is not base64url-encoded JSON' };
  const claims = decodePart(parts[1]!);
  if (!claims) return { ok: false, problem: 'its payload is not base64url-encoded JSON' };
  return { ok: true, header, claims };
}

/** A string claim, or undefined when absent or not a string. */
export function stringClaim(claims: Claims, key: string): string | undefined {
  const value = claims[key];
  return typeof value === 'string' ? value : undefined;
}

/** A string-or-list claim (`aud`, CircleCI `context-ids`) as a list. */
export function listClaim(claims: Claims, key: string): string[] | undefined {
  const value = claims[key];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

export function numberClaim(claims: Claims, key: string): number | undefined {
  const value = claims[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
