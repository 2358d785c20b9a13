import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../../errors/app-error.js';
import { ADMIN, FROM, openIdentityKit, type IdentityKit } from './identity-test-kit.js';

let kit: IdentityKit;
beforeEach(async () => {
  kit = await openIdentityKit();
  await kit.identity.createUser({ username: 'alice', password: 'alice password 1', role: 'user' }, ADMIN);
});
afterEach(() => kit.close());

const auditTypes = async () => (await kit.identity.listAudit({})).items.map((event) => event.type).reverse();

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof UnauthenticatedError)) throw error;
  return { name: error.name, message: error.message };
}

describe('login', () => {
  it('returns tokens that authenticate as the user, and records the login', async () => {
    const session = await kit.identity.login({ username: 'ALICE', password: 'alice password 1' }, FROM);
    expect(session).toMatchObject({ expiresIn: 900, user: { username: 'alice', role: 'user' } });
    const principal = await kit.identity.authenticator.authenticate(session.accessToken);
    expect(principal).toMatchObject({ kind: 'user', username: 'alice', role: 'user' });
    expect((await kit.identity.listUsers()).items[0]?.lastLoginAt).toBe(kit.clock.now());
    expect(await auditTypes()).toEqual(['user.created', 'login.succeeded']);
  });

  it('fails the same way for an unknown user, a wrong password and a disabled user, and audits each', async () => {
    await kit.identity.createUser({ username: 'bob', password: 'bob password 12', role: 'reader' }, ADMIN);
    const bob = (await kit.identity.listUsers()).items.find((user) => user.username === 'bob');
    await kit.identity.updateUser(bob?.id ?? -1, { isDisabled: true }, ADMIN);

    const unknown = await failure(kit.identity.login({ username: 'mallory', password: 'whatever pass' }, FROM));
    const wrong = await failure(kit.identity.login({ username: 'alice', password: 'not her password' }, FROM));
    const disabled = await failure(kit.identity.login({ username: 'bob', password: 'bob password 12' }, FROM));
    expect(wrong).toEqual(unknown);
    expect(disabled).toEqual(unknown);

    const failures = (await kit.identity.listAudit({})).items.filter((event) => event.type === 'login.failed');
    expect(failures.map((event) => [event.target, event.details.reason, event.ip])).toEqual([
      ['bob', 'disabled', FROM.ip],
      ['alice', 'wrong_password', FROM.ip],
      ['mallory', 'unknown_user', FROM.ip],
    ]);
    const logged = kit.logger.lines.filter((line) => line.fields.event === 'login.failed');
    expect(logged).toHaveLength(3);
    expect(logged.every((line) => line.level === 'warn' && line.fields.security === true)).toBe(true);
    expect(JSON.stringify(kit.logger.lines)).not.toContain('not her password');
  });
});

describe('refresh tokens', () => {
  it('rotate: each works once and gives a new pair', async () => {
    const first = await kit.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    const second = await kit.identity.refresh({ refreshToken: first.refreshToken }, FROM);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(await kit.identity.authenticator.authenticate(second.accessToken)).toMatchObject({ username: 'alice' });
    const third = await kit.identity.refresh({ refreshToken: second.refreshToken }, FROM);
    expect(third.user).toEqual({ username: 'alice', role: 'user' });
  });

  it('revoke the whole family when a spent one is reused', async () => {
    const first = await kit.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    const second = await kit.identity.refresh({ refreshToken: first.refreshToken }, FROM);
    const closed: string[] = [];
    kit.identity.authenticator.onSessionRevoked((sessionId) => closed.push(sessionId));

    await failure(kit.identity.refresh({ refreshToken: first.refreshToken }, FROM));
    await failure(kit.identity.refresh({ refreshToken: second.refreshToken }, FROM));
    expect(await kit.identity.authenticator.authenticate(second.accessToken)).toBeNull();
    expect(await kit.identity.authenticator.authenticate(first.accessToken)).toBeNull();
    expect(closed).toHaveLength(1);
    const reuse = (await kit.identity.listAudit({})).items.find((event) => event.type === 'refresh.reuse_detected');
    expect(reuse).toMatchObject({ target: 'alice', ip: FROM.ip });
    // Other sessions of the same user are untouched.
    const other = await kit.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    expect(await kit.identity.authenticator.authenticate(other.accessToken)).not.toBeNull();
  });

  it('expire after 14 days without use', async () => {
    const session = await kit.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    kit.clock.advance(14 * 24 * 3600 * 1000);
    await failure(kit.identity.refresh({ refreshToken: session.refreshToken }, FROM));
    await failure(kit.identity.refresh({ refreshToken: 'never issued' }, FROM));
  });
});

describe('access tokens', () => {
  it('expire after 15 minutes', async () => {
    const session = await kit.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    kit.clock.advance(15 * 60 * 1000 - 1000);
    expect(await kit.identity.authenticator.authenticate(session.accessToken)).not.toBeNull();
    kit.clock.advance(2000);
    expect(await kit.identity.authenticator.authenticate(session.accessToken)).toBeNull();
  });

  it('refuse a tampered token and garbage', async () => {
    const session = await kit.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    const [header, payload, signature] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(await kit.identity.authenticator.authenticate(`${header}.${forged}.${signature}`)).toBeNull();
    for (const junk of ['', 'abc', 'a.b.c', 'gs_', 'gs_unknown']) {
      expect(await kit.identity.authenticator.authenticate(junk)).toBeNull();
    }
  });
});

describe('logout', () => {
  it('ends the session: its access and refresh tokens stop working, listeners hear of it', async () => {
    const session = await kit.identity.login({ username: 'alice', password: 'alice password 1' }, FROM);
    const principal = await kit.identity.authenticator.authenticate(session.accessToken);
    if (principal?.kind !== 'user') throw new Error('expected a user principal');
    const closed: string[] = [];
    kit.identity.authenticator.onSessionRevoked((sessionId) => closed.push(sessionId));

    await kit.identity.logout(principal, {}, FROM);
    expect(await kit.identity.authenticator.authenticate(session.accessToken)).toBeNull();
    await failure(kit.identity.refresh({ refreshToken: session.refreshToken }, FROM));
    expect(closed).toEqual([principal.sessionId]);
    expect(await auditTypes()).toContain('logout');
  });
});
