import { useMemo } from 'react';
import { navigate, paths, useSearch } from '../../../lib/router';
import { fleetSearch, parseFleetSearch, type FleetViewState } from '../model/fleet-url';

/** The fleet view's filters and sort, read from the URL (one parse per URL change). */
export function useFleetView(): FleetViewState {
  const search = useSearch();
  return useMemo(() => parseFleetSearch(search), [search]);
}

/** Shows the fleet with other filters: a new URL, the reader stays where they are. */
export function goToFleetView(view: FleetViewState): void {
  navigate(paths.fleet + fleetSearch(view), { isScrollKept: true });
}
