import { describe, expect, it } from 'vitest';
import { UsernameTakenError } from '../../src/store/index.js';
import { storeOpener, T0 } from './contract-fixtures.js';
import { ENGINES } from './engines.js';

describe.each(ENGINES)('$name store: identity on the same database', (engine) => {
  const open = storeOpener(engine);

  it('creates a user and finds it by name in any case', async () => {
    const store = await open();
    const user = await store.identity.insertUser({ username: 'Ada', passwordHash: 'scrypt$x', role: 'admin' }, T0);
    expect(user).toMatchObject({ username: 'Ada', role: 'admin', isDisabled: false, createdAt: T0, lastLoginAt: null });
    expect((await store.identity.findUserByUsername('ADA'))?.id).toBe(user.id);
    expect(await store.identity.countUsers()).toBe(1);
  });

  it('refuses a username that differs only in case', async () => {
    const store = await open();
    await store.identity.insertUser({ username: 'Ada', passwordHash: 'x', role: 'admin' }, T0);
    await expect(store.identity.insertUser({ username: 'ada', passwordHash: 'y', role: 'user' }, T0)).rejects.toThrow(
      UsernameTakenError,
    );
    expect(await store.identity.countUsers()).toBe(1);
  });

  it('keeps settings', async () => {
    const store = await open();
    await store.identity.setSetting('retention', '{"rawHours":12}');
    await store.identity.setSetting('retention', '{"rawHours":24}');
    expect(await store.identity.getSetting('retention')).toBe('{"rawHours":24}');
    expect(await store.schemaVersion()).toMatch(/^\d{4}-/);
  });
});
