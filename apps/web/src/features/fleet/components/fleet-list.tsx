import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { HostSnapshot } from '../model/fleet-hosts';
import type { FleetOrder } from '../model/fleet-order';
import type { FleetViewState } from '../model/fleet-url';
import { HostRow } from './host-row';
import { useOffsetTop } from './use-list-geometry';

/** A row with one line of eight cells; rows that wrap are measured as they render. */
const ESTIMATED_ROW_PX = 84;
/** Rows drawn beyond the visible ones, so a fast scroll shows no gap. */
const OVERSCAN = 6;

interface FleetListProps {
  hosts: readonly HostSnapshot[];
  order: FleetOrder;
  view: FleetViewState;
  nowTs: number | null;
  isSimulated: boolean;
}

/**
 * The hosts in order, only those in view (and a few more) in the DOM: a fleet of hundreds of GPUs
 * updating four times a second renders a screenful of rows per tick, not the whole fleet.
 */
export function FleetList({ hosts, order, view, nowTs, isSimulated }: FleetListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const scrollMargin = useOffsetTop(listRef);
  const byId = useMemo(() => new Map(hosts.map((host) => [host.hostId, host])), [hosts]);
  const virtualizer = useWindowVirtualizer({
    count: order.hostIds.length,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
    scrollMargin,
    getItemKey: (index) => order.hostIds[index] ?? index,
  });
  return (
    <div
      ref={listRef}
      className="fleet-list"
      data-density="comfortable"
      role="list"
      aria-label="Hosts"
      data-testid="fleet-list"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const hostId = order.hostIds[item.index];
        const host = hostId === undefined ? undefined : byId.get(hostId);
        if (!host) return null;
        return (
          <div
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            className="fleet-list__slot"
            role="listitem"
            style={{ transform: `translateY(${String(item.start - scrollMargin)}px)` }}
          >
            <HostRow
              host={host}
              gpuOrder={order.gpuOrder.get(host.hostId)}
              metric={view.metric}
              state={view.state}
              nowTs={host.status === 'offline' ? nowTs : null}
              isSimulated={isSimulated}
            />
          </div>
        );
      })}
    </div>
  );
}
