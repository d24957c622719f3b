import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh per-run secret: 32 random bytes, base64url (43 characters, URL- and header-safe). */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether `candidate` equals `expected`, in time that does not depend on where they differ.
 * Both sides are hashed first so that the comparison also hides the expected token's length.
 */
export function tokensMatch(candidate: string | null | undefined, expected: string): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(candidate), digest(expected));
}
