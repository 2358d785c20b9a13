import { describe, expect, it } from 'vitest';
import { storeOpener, T0 } from './contract-fixtures.js';
import { ENGINES } from './engines.js';

const alice = { username: 'alice', passwordHash: 'scrypt$x', role: 'user' as const };

/** Sessions, API keys and the audit log behave the same on both engines (users and settings: identity.test.ts). */
describe.each(ENGINES)('$name store: sessions, API keys and audit', (engine) => {
  const open = storeOpener(engine);

  it('rotates a refresh token once and revokes a family and a user’s sessions', async () => {
    const { identity } = await open();
    const user = await identity.insertUser(alice, T0);
    const token = { familyId: 'f1', userId: user.id, sessionId: 's1', expiresAt: T0 + 10_000 };
    await identity.insertRefreshToken({ ...token, tokenHash: 'h1' }, T0 + 1);
    const found = await identity.findRefreshToken('h1');
    expect(found).toMatchObject({ familyId: 'f1', createdAt: T0 + 1, usedAt: null, revokedAt: null });
    expect(await identity.markRefreshTokenUsed(found?.id ?? -1, T0 + 2)).toBe(true);
    expect(await identity.markRefreshTokenUsed(found?.id ?? -1, T0 + 3)).toBe(false);

    expect(await identity.revokeFamily('f1', T0 + 5)).toEqual(['s1']);
    expect((await identity.findRefreshToken('h1'))?.revokedAt).toBe(T0 + 5);
    await identity.insertRefreshToken({ ...token, familyId: 'f2', sessionId: 's2', tokenHash: 'h2' }, T0 + 6);
    expect(await identity.revokeUserSessions(user.id, T0 + 7)).toEqual(['s2']);
    expect((await identity.listRevokedSessionIds(T0 + 5)).sort()).toEqual(['s1', 's2']);
    expect(await identity.listRevokedSessionIds(T0 + 6)).toEqual(['s2']);
  });

  it('keeps API keys by hash and revokes them once', async () => {
    const { identity } = await open();
    const key = await identity.insertApiKey(
      { name: 'agent', prefix: 'gs_abc', keyHash: 'k1', scope: 'ingest', createdBy: 'admin', expiresAt: null },
      T0,
    );
    expect((await identity.findApiKeyByHash('k1'))?.id).toBe(key.id);
    expect((await identity.revokeApiKey(key.id, T0 + 5))?.revokedAt).toBe(T0 + 5);
    expect((await identity.revokeApiKey(key.id, T0 + 9))?.revokedAt).toBe(T0 + 5);
    expect(await identity.revokeApiKey(999, T0 + 9)).toBeUndefined();
  });

  it('pages the audit log newest first, details intact', async () => {
    const { identity } = await open();
    for (let i = 1; i <= 5; i++) {
      await identity.insertAudit({
        ts: T0 + i,
        type: 'login.failed',
        actor: null,
        target: `u${String(i)}`,
        ip: '10.0.0.1',
        details: { i, note: 'tab\there' },
      });
    }
    const first = await identity.listAudit({ limit: 2 });
    expect(first.items.map((event) => event.target)).toEqual(['u5', 'u4']);
    expect(first.items[0]).toMatchObject({ ts: T0 + 5, ip: '10.0.0.1', details: { i: 5, note: 'tab\there' } });
    const second = await identity.listAudit({ cursor: first.nextCursor ?? undefined, limit: 2 });
    expect(second.items.map((event) => event.target)).toEqual(['u3', 'u2']);
    const last = await identity.listAudit({ cursor: second.nextCursor ?? undefined, limit: 2 });
    expect(last).toMatchObject({ items: [{ target: 'u1' }], nextCursor: null });
  });

  it('numbers new users after ones restored from a backup', async () => {
    const source = await open();
    await source.identity.insertUser(alice, T0);
    await source.identity.insertUser({ ...alice, username: 'bob' }, T0);
    const target = await open();
    await target.restoreTables(source.dumpTables(), { replace: false });
    const carol = await target.identity.insertUser({ ...alice, username: 'carol' }, T0);
    expect(carol.id).toBeGreaterThan(2);
    expect((await target.identity.listUsers()).map((user) => user.username)).toEqual(['alice', 'bob', 'carol']);
  });
});
