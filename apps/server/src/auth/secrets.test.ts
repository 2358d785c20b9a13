import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../store/test-fixtures.js';
import { DecryptionError, loadSecrets, SECRET_KEY_FILENAME } from './secrets.js';

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('gpu-sentinel-secrets-');
});
afterEach(() => dir.remove());

describe('secrets', () => {
  it('generate a private key file on first start, with a warning, and reuse it afterwards', async () => {
    const first = await loadSecrets({ dataDir: dir.path });
    const file = path.join(dir.path, SECRET_KEY_FILENAME);
    expect(first.warning).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);

    const second = await loadSecrets({ dataDir: dir.path });
    expect(second.warning).toBeNull();
    expect(second.secrets.jwtKey).toEqual(first.secrets.jwtKey);
    expect(second.secrets.decrypt(first.secrets.encrypt('smtp password'))).toBe('smtp password');
  });

  it('derive the keys from GPU_SENTINEL_SECRET when given, writing no file', async () => {
    const a = await loadSecrets({ secret: 'a long operator secret', dataDir: dir.path });
    const b = await loadSecrets({ secret: 'a long operator secret', dataDir: dir.path });
    const other = await loadSecrets({ secret: 'another secret', dataDir: dir.path });
    expect(a.warning).toBeNull();
    expect(() => statSync(path.join(dir.path, SECRET_KEY_FILENAME))).toThrow();
    expect(b.secrets.jwtKey).toEqual(a.secrets.jwtKey);
    expect(other.secrets.jwtKey).not.toEqual(a.secrets.jwtKey);
    expect(() => other.secrets.decrypt(a.secrets.encrypt('webhook secret'))).toThrow(DecryptionError);
  });

  it('encrypt with a fresh nonce each time and detect tampering', async () => {
    const { secrets } = await loadSecrets({ secret: 'x'.repeat(32), dataDir: dir.path });
    const sealed = secrets.encrypt('hunter2 hunter2');
    expect(sealed).not.toContain('hunter2');
    expect(secrets.encrypt('hunter2 hunter2')).not.toBe(sealed);
    expect(secrets.decrypt(sealed)).toBe('hunter2 hunter2');

    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    const tampered = [parts[0], parts[1], parts[2], body.toString('base64url')].join('.');
    expect(() => secrets.decrypt(tampered)).toThrow(DecryptionError);
    expect(() => secrets.decrypt('not.a.sealed.value')).toThrow(DecryptionError);
    expect(() => secrets.decrypt('')).toThrow(DecryptionError);
  });
});
