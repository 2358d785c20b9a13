/** How much room a host takes: a card with labels and numbers, or one line of coloured squares. */
export const FLEET_DENSITIES = ['comfortable', 'compact'] as const;
export type FleetDensity = (typeof FLEET_DENSITIES)[number];

/**
 * Past this many hosts on screen the fleet is shown compact unless a density is chosen: 24 comfortable
 * rows (~80 px each) already fill two screens, while compact lines put ~64 hosts on one.
 */
export const COMPACT_FROM_HOSTS = 25;

/** Compact lines are laid out in as many columns of at least this width as the list has room for. */
export const COMPACT_COLUMN_MIN_PX = 340;
export const COMPACT_COLUMN_GAP_PX = 12;

export function isFleetDensity(value: string | null): value is FleetDensity {
  return (FLEET_DENSITIES as readonly (string | null)[]).includes(value);
}

/** The density a view shows: the chosen one, else compact for more than 24 hosts shown, comfortable otherwise. */
export function shownDensity(chosen: FleetDensity | null, shownHostCount: number): FleetDensity {
  if (chosen !== null) return chosen;
  return shownHostCount >= COMPACT_FROM_HOSTS ? 'compact' : 'comfortable';
}

/** How many columns of compact lines fit a list this wide (at least one, so a phone gets one line per host). */
export function compactColumns(listWidthPx: number): number {
  const columns = Math.floor((listWidthPx + COMPACT_COLUMN_GAP_PX) / (COMPACT_COLUMN_MIN_PX + COMPACT_COLUMN_GAP_PX));
  return Math.max(1, Number.isFinite(columns) ? columns : 1);
}

/** Items cut into rows of `columns`, in reading order (left to right, then down). */
export function inRows<T>(items: readonly T[], columns: number): T[][] {
  const width = Math.max(1, Math.floor(columns));
  const rows: T[][] = [];
  for (let start = 0; start < items.length; start += width) rows.push(items.slice(start, start + width));
  return rows;
}
