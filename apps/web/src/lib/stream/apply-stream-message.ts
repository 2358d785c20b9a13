import type { GpuSample, StreamMessage } from '@gpu-sentinel/protocol';
import type { QueryClient } from '@tanstack/react-query';
import { gpusQueryOptions } from '../api/get-gpus';
import { liveSamplesQueryOptions } from '../api/get-live-samples';
import { isSimulatedSystem, systemQueryOptions } from '../api/get-system';
import { applyAlertMessage, refreshAlertsAfterReconnect } from '../alerts/alerts-cache';
import { appendSample } from '../live/live-buffer';
import { queryKeys } from '../query-keys';
import { gpusFromSnapshot, withInventory, withSamples } from './gpus-cache';
import { observeServerTime } from './server-clock';

const DEFAULT_INTERVAL_MS = 250;

function intervalMs(client: QueryClient): number {
  return client.getQueryData(systemQueryOptions().queryKey)?.intervalMs ?? DEFAULT_INTERVAL_MS;
}

/** Appends samples to their GPUs' ring buffers (the stream's ticks, or the REST fallback's answers). */
export function appendToLiveBuffers(client: QueryClient, samples: readonly GpuSample[]): void {
  for (const sample of samples) {
    client.setQueryData(liveSamplesQueryOptions(sample.uuid).queryKey, (buffer) => appendSample(buffer, sample));
  }
}

/** Drops the ring buffers of GPUs that left the inventory. */
function dropGoneBuffers(client: QueryClient, uuids: ReadonlySet<string>): void {
  client.removeQueries({
    queryKey: queryKeys.liveRoot,
    predicate: (query) => !uuids.has(String(query.queryKey[1])),
  });
}

/** Writes one stream message into the query cache, the dashboard's only store of server data. */
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
      const interval = intervalMs(client);
      client.setQueryData(gpusQueryOptions().queryKey, (response) =>
        response ? withSamples(response, message.samples, message.ts, interval) : response,
      );
      appendToLiveBuffers(client, message.samples);
      return;
    }
    case 'inventory': {
      const simulated = isSimulatedSystem(client.getQueryData(systemQueryOptions().queryKey));
      client.setQueryData(gpusQueryOptions().queryKey, (response) =>
        withInventory(response, message.inventory, response?.simulated ?? simulated),
      );
      dropGoneBuffers(client, new Set(message.inventory.map((info) => info.uuid)));
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
