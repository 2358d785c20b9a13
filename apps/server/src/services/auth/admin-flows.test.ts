import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../../errors/app-error.js';
import { ADMIN, FROM, openIdentityKit, type IdentityKit } from './identity-test-kit.js';

let kit: IdentityKit;
beforeEach(async () => {
  kit = await openIdentityKit();
});
afterEach(() => kit.close());

const auditTypes = async () => (await kit.identity.listAudit({})).items.map((event) => event.type).reverse();
const signIn = (username: string, password: string) => kit.identity.login({ username, password }, FROM);

describe('users', () => {
  it('refuse a second user of the same name, whatever the case', async () => {
    await kit.identity.createUser({ username: 'carol', password: 'carol password', role: 'reader' }, ADMIN);
    await expect(
      kit.identity.createUser({ username: 'Carol', password: 'carol password', role: 'reader' }, ADMIN),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('disabling a user ends their sessions at once', async () => {
    const user = await kit.identity.createUser({ username: 'dave', password: 'dave password 1', role: 'user' }, ADMIN);
    const session = await signIn('dave', 'dave password 1');
    await kit.identity.updateUser(user.id, { isDisabled: true }, ADMIN);
    expect(await kit.identity.authenticator.authenticate(session.accessToken)).toBeNull();
    await expect(kit.identity.refresh({ refreshToken: session.refreshToken }, FROM)).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await kit.identity.updateUser(user.id, { isDisabled: false }, ADMIN);
    expect((await signIn('dave', 'dave password 1')).user.username).toBe('dave');
  });

  it('a new password ends their sessions and replaces the old one', async () => {
    const user = await kit.identity.createUser({ username: 'erin', password: 'erin password 1', role: 'user' }, ADMIN);
    const session = await signIn('erin', 'erin password 1');
    await kit.identity.updateUser(user.id, { password: 'erin password 2' }, ADMIN);
    expect(await kit.identity.authenticator.authenticate(session.accessToken)).toBeNull();
    await expect(signIn('erin', 'erin password 1')).rejects.toBeInstanceOf(UnauthenticatedError);
    expect((await signIn('erin', 'erin password 2')).user.username).toBe('erin');
  });

  it('a new role takes effect at the next sign-in', async () => {
    const user = await kit.identity.createUser({ username: 'fay', password: 'fay password 12', role: 'reader' }, ADMIN);
    const before = await signIn('fay', 'fay password 12');
    await kit.identity.updateUser(user.id, { role: 'admin' }, ADMIN);
    expect(await kit.identity.authenticator.authenticate(before.accessToken)).toBeNull();
    const after = await signIn('fay', 'fay password 12');
    expect(await kit.identity.authenticator.authenticate(after.accessToken)).toMatchObject({ role: 'admin' });
  });

  it('keep at least one enabled admin', async () => {
    const admin = await kit.identity.createUser({ username: 'root', password: 'root password', role: 'admin' }, ADMIN);
    await expect(kit.identity.updateUser(admin.id, { isDisabled: true }, ADMIN)).rejects.toBeInstanceOf(ConflictError);
    await expect(kit.identity.updateUser(admin.id, { role: 'user' }, ADMIN)).rejects.toBeInstanceOf(ConflictError);
    await expect(kit.identity.updateUser(999, { role: 'user' }, ADMIN)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('write each change to the audit log with who did it', async () => {
    const user = await kit.identity.createUser({ username: 'gus', password: 'gus password 1', role: 'user' }, ADMIN);
    await kit.identity.updateUser(user.id, { role: 'reader' }, ADMIN);
    await kit.identity.updateUser(user.id, { password: 'gus password 2' }, ADMIN);
    await kit.identity.updateUser(user.id, { isDisabled: true }, ADMIN);
    expect(await auditTypes()).toEqual(['user.created', 'user.updated', 'user.password_changed', 'user.disabled']);
    const events = (await kit.identity.listAudit({})).items;
    expect(events.every((event) => event.actor === 'root' && event.target === 'gus')).toBe(true);
    expect(events.find((event) => event.type === 'user.updated')?.details).toMatchObject({
      role: { from: 'user', to: 'reader' },
    });
  });
});

describe('API keys', () => {
  it('work until revoked, and are shown once', async () => {
    const created = await kit.identity.createApiKey({ name: 'agent-1', scope: 'ingest' }, ADMIN);
    expect(created.key).toMatch(/^gs_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(await kit.identity.authenticator.authenticate(created.key)).toEqual({
      kind: 'apiKey',
      keyId: created.id,
      name: 'agent-1',
      scope: 'ingest',
    });
    const listed = (await kit.identity.listApiKeys()).items;
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed[0]?.lastUsedAt).toBe(kit.clock.now());

    await kit.identity.revokeApiKey(created.id, ADMIN);
    expect(await kit.identity.authenticator.authenticate(created.key)).toBeNull();
    await expect(kit.identity.revokeApiKey(12345, ADMIN)).rejects.toBeInstanceOf(NotFoundError);
    expect(await auditTypes()).toEqual(['apikey.created', 'apikey.revoked']);
  });

  it('stop working when they expire', async () => {
    const expiresAt = new Date(kit.clock.now() + 60_000).toISOString();
    const created = await kit.identity.createApiKey({ name: 'ci', scope: 'read', expiresAt }, ADMIN);
    expect(created.expiresAt).toBe(kit.clock.now() + 60_000);
    expect(await kit.identity.authenticator.authenticate(created.key)).not.toBeNull();
    kit.clock.advance(60_000);
    expect(await kit.identity.authenticator.authenticate(created.key)).toBeNull();
    await expect(
      kit.identity.createApiKey({ name: 'old', scope: 'read', expiresAt: kit.clock.now() - 1 }, ADMIN),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('record their last use at most once a minute', async () => {
    const created = await kit.identity.createApiKey({ name: 'dash', scope: 'read' }, ADMIN);
    const start = kit.clock.now();
    await kit.identity.authenticator.authenticate(created.key);
    kit.clock.advance(30_000);
    await kit.identity.authenticator.authenticate(created.key);
    expect((await kit.identity.listApiKeys()).items[0]?.lastUsedAt).toBe(start);
    kit.clock.advance(30_000);
    await kit.identity.authenticator.authenticate(created.key);
    expect((await kit.identity.listApiKeys()).items[0]?.lastUsedAt).toBe(start + 60_000);
  });
});

describe('first admin', () => {
  it('is created from GPU_SENTINEL_ADMIN_PASSWORD on first start only', async () => {
    expect(await kit.identity.bootstrapFirstAdmin({ adminPassword: 'first admin password' })).toEqual({
      kind: 'created',
      username: 'admin',
    });
    expect(await kit.identity.bootstrapFirstAdmin({ adminPassword: 'another password' })).toEqual({ kind: 'ready' });
    expect((await signIn('admin', 'first admin password')).user).toEqual({ username: 'admin', role: 'admin' });
  });

  it('is created once when two replicas start together on an empty database', async () => {
    const results = await Promise.all([
      kit.identity.bootstrapFirstAdmin({ adminPassword: 'first admin password' }),
      kit.identity.bootstrapFirstAdmin({ adminPassword: 'first admin password' }),
    ]);
    expect(results.map((result) => result.kind).sort()).toEqual(['created', 'ready']);
    expect((await signIn('admin', 'first admin password')).user).toEqual({ username: 'admin', role: 'admin' });
  });

  it('is made through a single-use setup link when there is no password', async () => {
    const result = await kit.identity.bootstrapFirstAdmin({});
    if (result.kind !== 'setup') throw new Error('expected a setup link');
    const token = new URL(result.setupPath, 'http://localhost').searchParams.get('token') ?? '';
    expect(token).toHaveLength(43);

    await expect(
      kit.identity.completeSetup({ token: 'wrong', username: 'owner', password: 'owner password' }, FROM),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    const session = await kit.identity.completeSetup({ token, username: 'owner', password: 'owner password' }, FROM);
    expect(session.user).toEqual({ username: 'owner', role: 'admin' });
    expect(await kit.identity.authenticator.authenticate(session.accessToken)).toMatchObject({ role: 'admin' });
    await expect(
      kit.identity.completeSetup({ token, username: 'thief', password: 'thief password' }, FROM),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await kit.identity.bootstrapFirstAdmin({})).toEqual({ kind: 'ready' });
    expect(await auditTypes()).toContain('setup.completed');
  });
});

describe('security events from the HTTP layer', () => {
  it('go to the audit log and to the log, marked as security events', async () => {
    const context = { actor: null, ip: '198.51.100.7' };
    const details = { failures: 5, waitMs: 30_000 };
    const event = await kit.identity.recordAudit({ type: 'login.locked_out', context, target: 'alice', details });
    expect(event).toMatchObject({ type: 'login.locked_out', target: 'alice', ip: '198.51.100.7', details });
    expect((await kit.identity.listAudit({})).items).toEqual([event]);
    const logged = kit.logger.lines.find((line) => line.fields.event === 'login.locked_out');
    expect(logged).toMatchObject({ level: 'warn', fields: { security: true, target: 'alice' } });
  });
});
