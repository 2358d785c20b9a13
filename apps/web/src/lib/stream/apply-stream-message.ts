import type { GpuSample, StreamMessage } from '@gpu-sentinel/protocol';
import type { QueryClient } from '@tanstack/react-query';
import { gpusQueryOptions } from '../api/get-gpus';
import { isSimulatedSystem, systemQueryOptions } from '../api/get-system';
import { applyAlertMessage, refreshAlertsAfterReconnect } from '../alerts/alerts-cache';
import { liveStoreOf } from '../live/live-store';
import { queryKeys } from '../query-keys';
import { gpusFromSnapshot, withInventory, withSamples } from './gpus-cache';
import { observeServerTime } from './server-clock';

const DEFAULT_INTERVAL_MS = 250;

function intervalMs(client: QueryClient): number {
  return client.getQueryData(systemQueryOptions().queryKey)?.intervalMs ?? DEFAULT_INTERVAL_MS;
}

/**
 * Appends samples to their GPUs' ring buffers in the live store (the stream's ticks, or the REST
 * fallback's answers); the server's own host decides which GPUs keep the full window.
 */
export function appendToLiveBuffers(client: QueryClient, samples: readonly GpuSample[]): void {
  const store = liveStoreOf(client);
  store.setLocalHost(client.getQueryData(systemQueryOptions().queryKey)?.hostId ?? null);
  store.append(samples);
}

/** A tick's samples into the GPU list (the latest sample of each GPU); silent GPUs may turn stale. */
export function writeSamplesToGpuList(client: QueryClient, samples: readonly GpuSample[], tickTs: number): void {
  const interval = intervalMs(client);
  client.setQueryData(gpusQueryOptions().queryKey, (response) =>
    response ? withSamples(response, samples, tickTs, interval) : response,
  );
}

/**
 * Writes one stream message into the query cache (system, GPU list, alerts) and the live store
 * (recent samples per GPU). At fleet rates the connection goes through `createStreamApplier`,
 * which coalesces the GPU list's writes; this applies one message at once.
 */
export function applyStreamMessage(client: QueryClient, message: StreamMessage): void {
  switch (message.type) {
    case 'snapshot': {
      client.setQueryData(systemQueryOptions().queryKey, message.system);
      client.setQueryData(gpusQueryOptions().queryKey, gpusFromSnapshot(message));
      appendToLiveBuffers(client, message.samples);
      refreshAlertsAfterReconnect(client);
      return;
    }
    case 'samples': {
      observeServerTime(message.ts);
      writeSamplesToGpuList(client, message.samples, message.ts);
      appendToLiveBuffers(client, message.samples);
      return;
    }
    case 'inventory': {
      const simulated = isSimulatedSystem(client.getQueryData(systemQueryOptions().queryKey));
      client.setQueryData(gpusQueryOptions().queryKey, (response) =>
        withInventory(response, message.inventory, response?.simulated ?? simulated),
      );
      liveStoreOf(client).retainOnly(new Set(message.inventory.map((info) => info.uuid)));
      // A GPU page shows static facts from its own endpoint: fetch them again.
      void client.invalidateQueries({ queryKey: queryKeys.gpuRoot });
      return;
    }
    case 'source': {
      client.setQueryData(systemQueryOptions().queryKey, (system) =>
        system ? { ...system, source: message.source } : system,
      );
      return;
    }
    case 'system': {
      client.setQueryData(systemQueryOptions().queryKey, message.system);
      return;
    }
    case 'alert': {
      applyAlertMessage(client, message);
      return;
    }
  }
}
