import { describe, expect, it } from 'vitest';
import { gpuSample } from '../../test/fixtures';
import { LIVE_WINDOW_MS } from './live-buffer';
import { LiveStore, MAX_RECENT_WATCHES, RECENT_WATCH_MS, SHORT_WINDOW_MS } from './live-store';

const INTERVAL_MS = 250;

/** GPU i of host h, uuid `h/i`. */
function fleetSample(host: string, index: number, ts: number) {
  return gpuSample(index, ts, { hostId: host, uuid: `${host}/${String(index)}` });
}

function feed(store: LiveStore, hosts: readonly string[], fromTs: number, toTs: number) {
  for (let ts = fromTs; ts <= toTs; ts += INTERVAL_MS) {
    for (const host of hosts) store.append([0, 1].map((index) => fleetSample(host, index, ts)));
  }
}

describe('the live store of a fleet', () => {
  it('keeps 15 minutes of the server’s own GPUs and 30 s of the others', () => {
    const store = new LiveStore();
    store.setLocalHost('local');
    feed(store, ['local', 'far'], 0, 20 * 60_000);
    expect(store.samples('local/0')).toHaveLength(LIVE_WINDOW_MS / INTERVAL_MS + 1);
    expect(store.samples('far/0')).toHaveLength(SHORT_WINDOW_MS / INTERVAL_MS + 1);
    expect(store.latest('far/1')?.ts).toBe(20 * 60_000);
  });

  it('keeps the full window of a watched GPU, and for a while after the page closes', () => {
    const store = new LiveStore();
    store.setLocalHost('local');
    const release = store.watch('far/0');
    feed(store, ['far'], 0, 16 * 60_000);
    expect(store.samples('far/0')).toHaveLength(LIVE_WINDOW_MS / INTERVAL_MS + 1);
    release();
    feed(store, ['far'], 16 * 60_000 + INTERVAL_MS, 16 * 60_000 + RECENT_WATCH_MS);
    expect(store.samples('far/0')).toHaveLength(LIVE_WINDOW_MS / INTERVAL_MS + 1);
    feed(store, ['far'], 16 * 60_000 + RECENT_WATCH_MS + INTERVAL_MS, 23 * 60_000);
    expect(store.samples('far/0')).toHaveLength(SHORT_WINDOW_MS / INTERVAL_MS + 1);
    expect(store.samples('far/0').at(-1)?.ts).toBe(23 * 60_000);
  });

  it('keeps at most a few recently closed pages whole (the most recent ones)', () => {
    const store = new LiveStore();
    const uuids = Array.from({ length: MAX_RECENT_WATCHES + 1 }, (_, i) => `far/${String(i)}`);
    for (const uuid of uuids) store.watch(uuid)();
    expect(store.windowOf(uuids[0] ?? '')).toBe(SHORT_WINDOW_MS);
    expect(store.windowOf(uuids.at(-1) ?? '')).toBe(LIVE_WINDOW_MS);
  });

  it('stays bounded for 512 GPUs at 4 Hz: 8 local at 15 minutes, the rest at 30 s', () => {
    const store = new LiveStore();
    store.setLocalHost('host-0');
    const hosts = Array.from({ length: 64 }, (_, i) => `host-${String(i)}`);
    for (let ts = 0; ts <= 16 * 60_000; ts += INTERVAL_MS) {
      for (const host of hosts) {
        store.append(Array.from({ length: 8 }, (_, index) => fleetSample(host, index, ts)));
      }
    }
    const { gpus, samples } = store.stats();
    expect(gpus).toBe(512);
    expect(samples).toBe(8 * 3_601 + 504 * 121);
  });

  it('tells a GPU’s subscribers of its samples only, once per tick', () => {
    const store = new LiveStore();
    const heard: string[] = [];
    store.subscribe('a/0', () => heard.push('a/0'));
    const unsubscribe = store.subscribe('b/0', () => heard.push('b/0'));
    store.append([fleetSample('a', 0, 1), fleetSample('a', 1, 1)]);
    expect(heard).toEqual(['a/0']);
    unsubscribe();
    store.append([fleetSample('b', 0, 2)]);
    expect(heard).toEqual(['a/0']);
  });

  it('drops the samples of GPUs that left the inventory', () => {
    const store = new LiveStore();
    store.append([fleetSample('a', 0, 1), fleetSample('a', 1, 1)]);
    store.retainOnly(new Set(['a/1']));
    expect(store.samples('a/0')).toEqual([]);
    expect(store.samples('a/1')).toHaveLength(1);
    expect(store.stats().gpus).toBe(1);
  });
});
