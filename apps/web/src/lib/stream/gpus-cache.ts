import type { GpuInfo, GpuSample, GpusResponse, GpuView, SnapshotMessage } from '@gpu-sentinel/protocol';

/** A GPU is stale when it has not reported for this many intervals. */
export const STALE_AFTER_INTERVALS = 3;

export function isStaleAt(latest: GpuSample | null, nowTs: number, intervalMs: number): boolean {
  return latest === null || nowTs - latest.ts > STALE_AFTER_INTERVALS * intervalMs;
}

function newestTs(samples: readonly GpuSample[]): number {
  return samples.reduce((newest, sample) => Math.max(newest, sample.ts), 0);
}

/** The GPU list as `GET /gpus` would answer it, from the stream's snapshot. */
export function gpusFromSnapshot(message: SnapshotMessage): GpusResponse {
  const byUuid = new Map(message.samples.map((sample) => [sample.uuid, sample]));
  const nowTs = newestTs(message.samples);
  return {
    simulated: message.system.simulated || message.system.source.isSimulated,
    gpus: message.inventory.map((info) => {
      const latest = byUuid.get(info.uuid) ?? null;
      return { info, latest, isStale: isStaleAt(latest, nowTs, message.system.intervalMs) };
    }),
  };
}

/** A tick: each GPU in it gets its new sample; the others may turn stale (judged on server time). */
export function withSamples(
  response: GpusResponse,
  samples: readonly GpuSample[],
  tickTs: number,
  intervalMs: number,
): GpusResponse {
  const byUuid = new Map(samples.map((sample) => [sample.uuid, sample]));
  const gpus = response.gpus.map((view): GpuView => {
    const sample = byUuid.get(view.info.uuid);
    if (sample) return { ...view, latest: sample, isStale: false };
    const isStale = isStaleAt(view.latest, tickTs, intervalMs);
    return isStale === view.isStale ? view : { ...view, isStale };
  });
  return { ...response, gpus };
}

/** The GPU set or its facts changed: keep each remaining GPU's latest sample. */
export function withInventory(
  response: GpusResponse | undefined,
  inventory: readonly GpuInfo[],
  simulated: boolean,
): GpusResponse {
  const previous = new Map(response?.gpus.map((view) => [view.info.uuid, view]));
  return {
    simulated,
    gpus: inventory.map((info) => {
      const known = previous.get(info.uuid);
      return { info, latest: known?.latest ?? null, isStale: known?.isStale ?? true };
    }),
  };
}

const viewIndexes = new WeakMap<GpusResponse, Map<string, GpuView>>();

/**
 * One GPU of the list by UUID in O(1): the index is built once per list version and shared by every
 * reader, so 500 cards selecting their GPU cost one pass, not 500 scans.
 */
export function gpuViewOf(response: GpusResponse, uuid: string): GpuView | undefined {
  let index = viewIndexes.get(response);
  if (!index) {
    index = new Map(response.gpus.map((view) => [view.info.uuid, view]));
    viewIndexes.set(response, index);
  }
  return index.get(uuid);
}
