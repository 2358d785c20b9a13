import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { compactColumns, inRows } from '../model/fleet-density';
import type { HostSnapshot } from '../model/fleet-hosts';
import type { FleetOrder } from '../model/fleet-order';
import type { FleetViewState } from '../model/fleet-url';
import { HostLine } from './host-line';
import { useOffsetTop, useWidth } from './use-list-geometry';

/** A line of up to ~8 squares and the gap under it; hosts with more GPUs wrap and are measured. */
const ESTIMATED_ROW_PX = 28;
/** Rows drawn beyond the visible ones, so a fast scroll shows no gap. */
const OVERSCAN = 8;

interface CompactFleetListProps {
  hosts: readonly HostSnapshot[];
  order: FleetOrder;
  view: FleetViewState;
  nowTs: number | null;
}

/**
 * The hosts as a heatmap: one line each, in as many columns as fit, read left to right then down.
 * The virtualiser handles rows of that grid (one row = one line per column), so only the rows in
 * view are in the DOM, whatever the fleet's size.
 */
export function CompactFleetList({ hosts, order, view, nowTs }: CompactFleetListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const scrollMargin = useOffsetTop(listRef);
  const columns = compactColumns(useWidth(listRef));
  const byId = useMemo(() => new Map(hosts.map((host) => [host.hostId, host])), [hosts]);
  const rows = useMemo(() => inRows(order.hostIds, columns), [order.hostIds, columns]);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
    scrollMargin,
  });
  return (
    <div
      ref={listRef}
      className="fleet-list fleet-list--compact"
      role="list"
      aria-label="Hosts"
      data-testid="fleet-list"
      data-density="compact"
      data-columns={columns}
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => (
        <div
          key={item.key}
          ref={virtualizer.measureElement}
          data-index={item.index}
          className="fleet-list__slot fleet-grid-row"
          role="none"
          style={{
            transform: `translateY(${String(item.start - scrollMargin)}px)`,
            gridTemplateColumns: `repeat(${String(columns)}, minmax(0, 1fr))`,
          }}
        >
          {(rows[item.index] ?? []).map((hostId) => {
            const host = byId.get(hostId);
            if (!host) return null;
            return (
              <HostLine
                key={hostId}
                host={host}
                gpuOrder={order.gpuOrder.get(hostId)}
                metric={view.metric}
                state={view.state}
                nowTs={host.status === 'offline' ? nowTs : null}
              />
            );
          })}
        </div>
      ))}
    </div>
  );
}
