import type { Store } from '../../store/index.js';
import { failed, messageOf, passed, type DoctorCheck } from './doctor-check.js';

/** The store opens and its migrations run. */
export async function checkStore(openStore: () => Store): Promise<DoctorCheck> {
  let store: Store | null = null;
  try {
    store = openStore();
    await store.migrate();
    return passed('store opens and migrates', `${store.engine} at ${store.location}`);
  } catch (error) {
    return failed(
      'store opens and migrates',
      messageOf(error),
      'Check that the data dir is writable and not on a network filesystem; if the database file is damaged, ' +
        'move it aside (the server makes a new one).',
    );
  } finally {
    await store?.close();
  }
}
