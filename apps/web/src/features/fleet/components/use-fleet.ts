import { useEffect, useMemo, useState } from 'react';
import { useGpus } from '../../../lib/api/get-gpus';
import { isSimulatedSystem, useIntervalMs, useSystem } from '../../../lib/api/get-system';
import { isServerTimeKnown, serverNow } from '../../../lib/stream/server-clock';
import { useNow } from '../../../lib/use-now';
import { useHosts } from '../api/get-hosts';
import { snapshotFleet, type HostSnapshot } from '../model/fleet-hosts';
import { orderFleet, type FleetOrder } from '../model/fleet-order';
import type { FleetViewState } from '../model/fleet-url';

/** Rows keep their places this long between re-sorts, so live values do not shuffle them under the pointer. */
export const ORDER_REFRESH_MS = 2_000;

export interface Fleet {
  hosts: readonly HostSnapshot[];
  /** The server's time now (to the second), or null before the first tick. */
  nowTs: number | null;
  isSimulated: boolean;
  isLoading: boolean;
  /** The GPU list could not be loaded: nothing to show. */
  gpusError: unknown;
  /** The host list could not be loaded: GPUs are shown without their hosts' facts. */
  hostsError: unknown;
}

/**
 * The whole fleet at this tick: host facts from the polled host list, GPU samples from the stream's
 * GPU list (the one WebSocket keeps it current). Re-derived on every tick in one O(hosts + GPUs) pass.
 */
export function useFleet(): Fleet {
  const hostsQuery = useHosts();
  const gpusQuery = useGpus();
  const system = useSystem().data;
  const intervalMs = useIntervalMs();
  const localNow = useNow();
  const nowTs = isServerTimeKnown() ? serverNow(localNow) : null;
  const hostList = hostsQuery.data?.hosts;
  const views = gpusQuery.data?.gpus;
  const hosts = useMemo(
    () =>
      views === undefined && hostList === undefined ? [] : snapshotFleet(hostList, views ?? [], nowTs, intervalMs),
    [hostList, views, nowTs, intervalMs],
  );
  return {
    hosts,
    nowTs,
    isSimulated:
      (hostsQuery.data?.simulated ?? false) || (gpusQuery.data?.simulated ?? false) || isSimulatedSystem(system),
    isLoading: gpusQuery.isPending && hostsQuery.isPending,
    gpusError: gpusQuery.data === undefined && gpusQuery.isError ? gpusQuery.error : null,
    hostsError: hostsQuery.isError ? hostsQuery.error : null,
  };
}

/** Which hosts show in what order: recomputed when the view or the host set changes, else every ORDER_REFRESH_MS. */
export function useFleetOrder(hosts: readonly HostSnapshot[], view: FleetViewState): FleetOrder {
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setEpoch((value) => value + 1), ORDER_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const hostSetKey = hosts.map((host) => `${host.hostId}:${host.gpus.length}:${host.facts ? 1 : 0}`).join(',');
  // Deliberately not keyed on `hosts`: the order is a snapshot taken at the epoch, the values stay live.
  return useMemo(() => orderFleet(hosts, view), [epoch, view, hostSetKey]);
}
