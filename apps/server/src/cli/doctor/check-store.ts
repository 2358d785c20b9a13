import type { StorageEngine } from '@gpu-sentinel/protocol';
import type { Store } from '../../store/index.js';
import { failed, messageOf, passed, type DoctorCheck } from './doctor-check.js';

const FIXES: Readonly<Record<StorageEngine, string>> = {
  sqlite:
    'Check that the data dir is writable and not on a network filesystem; if the database file is damaged, ' +
    'move it aside (the server makes a new one).',
  postgres:
    'Check DATABASE_URL (host, port, user, password, database) and that this machine can reach the server; ' +
    'on Supabase use the connection string of the database (session pooler or direct), with ?sslmode=require if asked.',
};

/** The store is reachable, opens and its migrations run; says which engine and where. */
export async function checkStore(engine: StorageEngine, openStore: () => Store): Promise<DoctorCheck> {
  const name = `store (${engine}) is reachable and migrates`;
  let store: Store | null = null;
  try {
    store = openStore();
    await store.migrate();
    return passed(name, `${store.engine} at ${store.location}, schema ${await store.schemaVersion()}`);
  } catch (error) {
    return failed(name, messageOf(error), FIXES[engine]);
  } finally {
    await store?.close();
  }
}
