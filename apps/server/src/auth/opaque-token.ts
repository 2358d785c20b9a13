import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: refresh tokens, setup tokens, the body of API keys. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How opaque tokens are stored: sha256 hex. They carry 256 bits of entropy, so a fast hash is enough. */
export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const API_KEY_PREFIX = 'gs_';
/** How many leading characters of a key are kept in clear, to tell keys apart in lists. */
const VISIBLE_KEY_CHARS = 11;

export interface GeneratedApiKey {
  key: string;
  prefix: string;
  keyHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const key = `${API_KEY_PREFIX}${randomToken()}`;
  return { key, prefix: key.slice(0, VISIBLE_KEY_CHARS), keyHash: sha256Hex(key) };
}

export function isApiKey(bearer: string): boolean {
  return bearer.startsWith(API_KEY_PREFIX);
}
