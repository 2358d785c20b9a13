import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsernameTakenError, type IdentityStore } from './identity-store.js';
import { createSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';
import { makeTempDir, type TempDir } from './test-fixtures.js';

let dir: TempDir;
let store: Store;
let identity: IdentityStore;
beforeEach(async () => {
  dir = makeTempDir();
  store = createSqliteStore({ dataDir: path.join(dir.path, 'data') });
  await store.migrate();
  identity = store.identity;
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

const alice = { username: 'alice', passwordHash: 'scrypt$x', role: 'user' as const };

describe('identity store on a real SQLite file', () => {
  it('keeps users, finds them case-insensitively and refuses a second user of the same name', async () => {
    const created = await identity.insertUser(alice, 1_000);
    expect(created).toMatchObject({ username: 'alice', role: 'user', isDisabled: false, lastLoginAt: null });
    expect((await identity.findUserByUsername('ALICE'))?.id).toBe(created.id);
    await expect(identity.insertUser({ ...alice, username: 'Alice' }, 2_000)).rejects.toBeInstanceOf(
      UsernameTakenError,
    );
    const updated = await identity.updateUser(created.id, { role: 'admin', isDisabled: true }, 3_000);
    expect(updated).toMatchObject({ role: 'admin', isDisabled: true, updatedAt: 3_000 });
    expect(await identity.countUsers()).toBe(1);
  });

  it('rotates a refresh token once and revokes a family and a user’s sessions', async () => {
    const user = await identity.insertUser(alice, 0);
    const token = { familyId: 'f1', userId: user.id, sessionId: 's1', expiresAt: 10_000 };
    await identity.insertRefreshToken({ ...token, tokenHash: 'h1' }, 1);
    const found = await identity.findRefreshToken('h1');
    expect(found).toMatchObject({ familyId: 'f1', usedAt: null, revokedAt: null });
    expect(await identity.markRefreshTokenUsed(found?.id ?? -1, 2)).toBe(true);
    expect(await identity.markRefreshTokenUsed(found?.id ?? -1, 3)).toBe(false);

    expect(await identity.revokeFamily('f1', 5)).toEqual(['s1']);
    expect((await identity.findRefreshToken('h1'))?.revokedAt).toBe(5);
    await identity.insertRefreshToken({ ...token, familyId: 'f2', sessionId: 's2', tokenHash: 'h2' }, 6);
    expect(await identity.revokeUserSessions(user.id, 7)).toEqual(['s2']);
    expect((await identity.listRevokedSessionIds(5)).sort()).toEqual(['s1', 's2']);
    expect(await identity.listRevokedSessionIds(6)).toEqual(['s2']);
  });

  it('keeps API keys by hash and revokes them once', async () => {
    const key = await identity.insertApiKey(
      { name: 'agent', prefix: 'gs_abc', keyHash: 'k1', scope: 'ingest', createdBy: 'admin', expiresAt: null },
      1,
    );
    expect((await identity.findApiKeyByHash('k1'))?.id).toBe(key.id);
    expect((await identity.revokeApiKey(key.id, 5))?.revokedAt).toBe(5);
    expect((await identity.revokeApiKey(key.id, 9))?.revokedAt).toBe(5);
    expect(await identity.revokeApiKey(999, 9)).toBeUndefined();
  });

  it('pages the audit log newest first', async () => {
    for (let i = 1; i <= 5; i++) {
      await identity.insertAudit({
        ts: i,
        type: 'login.failed',
        actor: null,
        target: `u${i}`,
        ip: null,
        details: { i },
      });
    }
    const first = await identity.listAudit({ limit: 2 });
    expect(first.items.map((event) => event.target)).toEqual(['u5', 'u4']);
    expect(first.items[0]?.details).toEqual({ i: 5 });
    const second = await identity.listAudit({ cursor: first.nextCursor ?? undefined, limit: 2 });
    expect(second.items.map((event) => event.target)).toEqual(['u3', 'u2']);
    const last = await identity.listAudit({ cursor: second.nextCursor ?? undefined, limit: 2 });
    expect(last).toMatchObject({ items: [{ target: 'u1' }], nextCursor: null });
  });

  it('stores settings', async () => {
    await identity.setSetting('a', '1');
    await identity.setSetting('a', '2');
    expect(await identity.getSetting('a')).toBe('2');
    expect(await identity.deleteSetting('a')).toBe(true);
    expect(await identity.getSetting('a')).toBeUndefined();
  });
});
