import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/app-error.js';
import { hashPassword, verifyPassword } from './password-hash.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('the same password')).not.toBe(await hashPassword('the same password'));
  });

  it('refuses a password shorter than the minimum', async () => {
    await expect(hashPassword('short')).rejects.toBeInstanceOf(ValidationError);
  });

  it('answers false, not an error, for a malformed hash', async () => {
    for (const broken of ['', 'bcrypt$1$2$3$4$5', 'scrypt$x$8$1$AAAA$BBBB', 'scrypt$16384$8$1$AAAA$BBBB']) {
      expect(await verifyPassword('whatever password', broken)).toBe(false);
    }
  });
});
