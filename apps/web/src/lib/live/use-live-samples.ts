import type { GpuSample } from '@gpu-sentinel/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { LIVE_WINDOW_MS } from './live-buffer';
import { liveStoreOf, type LiveStore } from './live-store';

export function useLiveStore(): LiveStore {
  return liveStoreOf(useQueryClient());
}

/** Subscribes to one GPU only, and asks the store to keep `windowMs` of it while mounted. */
function useWatchedGpu(store: LiveStore, uuid: string, windowMs: number) {
  useEffect(() => store.watch(uuid, windowMs), [store, uuid, windowMs]);
  return useCallback((listener: () => void) => store.subscribe(uuid, listener), [store, uuid]);
}

/**
 * The recent samples of one GPU, oldest first (the last 15 minutes, or what the stream has brought
 * since the page opened). Re-renders when this GPU's samples change, not on other GPUs' ticks.
 */
export function useLiveSamples(uuid: string): readonly GpuSample[] {
  const store = useLiveStore();
  const subscribe = useWatchedGpu(store, uuid, LIVE_WINDOW_MS);
  return useSyncExternalStore(subscribe, () => store.samples(uuid));
}

/** The samples of the last `windowMs` before this GPU's newest one (a sparkline's worth, not 15 minutes). */
export function useRecentSamples(uuid: string, windowMs: number): readonly GpuSample[] {
  const store = useLiveStore();
  const subscribe = useWatchedGpu(store, uuid, windowMs);
  const cache = useRef<{ key: string; version: number; samples: readonly GpuSample[] } | null>(null);
  const getSnapshot = () => {
    const key = `${uuid}\n${String(windowMs)}`;
    const version = store.version(uuid);
    if (cache.current?.key !== key || cache.current.version !== version) {
      const newestTs = store.latest(uuid)?.ts ?? 0;
      cache.current = { key, version, samples: store.samplesSince(uuid, newestTs - windowMs) };
    }
    return cache.current.samples;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}
