import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SECRET_KEY_FILENAME = 'secret.key';
const MASTER_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

/** Keys derived from one master secret; each purpose gets its own key. */
export interface Secrets {
  /** HS256 key for access tokens. */
  readonly jwtKey: Uint8Array;
  /** AES-256-GCM, for credentials at rest (channel passwords, webhook secrets). */
  encrypt(plaintext: string): string;
  /** Throws DecryptionError when the text was altered or was encrypted under another key. */
  decrypt(ciphertext: string): string;
}

export interface LoadedSecrets {
  secrets: Secrets;
  /** Set when a key was generated into the data dir: the caller logs it as a warning. */
  warning: string | null;
}

export class DecryptionError extends Error {
  constructor() {
    super('the encrypted value was altered or was encrypted with another secret');
    this.name = 'DecryptionError';
  }
}

/**
 * Derive the keys with HKDF from GPU_SENTINEL_SECRET when given; otherwise from 32 random bytes kept
 * in `<dataDir>/secret.key` (mode 0600), generated on first start.
 */
export async function loadSecrets(options: { secret?: string | undefined; dataDir: string }): Promise<LoadedSecrets> {
  if (options.secret !== undefined && options.secret !== '') {
    return { secrets: deriveSecrets(Buffer.from(options.secret, 'utf8')), warning: null };
  }
  const file = path.join(options.dataDir, SECRET_KEY_FILENAME);
  const existing = await readKeyFile(file);
  if (existing !== null) return { secrets: deriveSecrets(existing), warning: null };
  const master = randomBytes(MASTER_KEY_BYTES);
  await mkdir(options.dataDir, { recursive: true });
  // `wx`: never overwrite a key another process just wrote.
  await writeFile(file, master.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return {
    secrets: deriveSecrets(master),
    warning:
      `GPU_SENTINEL_SECRET is not set: generated a secret key into ${file}. ` +
      'Keep that file private and back it up; set GPU_SENTINEL_SECRET to manage the key yourself.',
  };
}

async function readKeyFile(file: string): Promise<Buffer | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== MASTER_KEY_BYTES) throw new Error(`${file} does not hold a ${MASTER_KEY_BYTES}-byte key`);
  return key;
}

export function deriveSecrets(master: Buffer): Secrets {
  const derive = (purpose: string) =>
    new Uint8Array(hkdfSync('sha256', master, 'gpu-sentinel', `gpu-sentinel ${purpose}`, 32));
  const jwtKey = derive('jwt-hs256');
  const dataKey = derive('at-rest-aes-256-gcm');
  return { jwtKey, encrypt: (text) => encrypt(dataKey, text), decrypt: (text) => decrypt(dataKey, text) };
}

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url. */
function encrypt(key: Uint8Array, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

function decrypt(key: Uint8Array, ciphertext: string): string {
  const [format, iv, tag, body, ...rest] = ciphertext.split('.');
  if (format !== FORMAT || iv === undefined || tag === undefined || body === undefined || rest.length > 0) {
    throw new DecryptionError();
  }
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new DecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError();
  }
}
