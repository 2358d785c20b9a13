import { createSqliteStore, type Store } from '../../src/store/index.js';
import { gpuSample } from '../../src/store/test-fixtures.js';
import type { GpuSample } from '@gpu-sentinel/protocol';

/**
 * A second connection to a running test server's SQLite file (WAL allows it): tests write rows
 * at chosen times, such as days ago, that the live source cannot produce.
 */
export async function openSideStore(dataDir: string): Promise<Store> {
  const store = createSqliteStore({ dataDir });
  await store.migrate();
  return store;
}

/** One sample every `stepMs` over [from, to) for `uuid`, with temperature rising by one per sample. */
export function samplesEvery(
  uuid: string,
  from: number,
  to: number,
  stepMs: number,
  hostId = 'host-side',
): GpuSample[] {
  const samples: GpuSample[] = [];
  for (let ts = from, i = 0; ts < to; ts += stepMs, i += 1) {
    samples.push(gpuSample({ uuid, ts, hostId, temperatureC: 40 + (i % 40), powerDrawW: 100 + i }));
  }
  return samples;
}
