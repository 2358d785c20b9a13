import { useQuery } from '@tanstack/react-query';
import { gpusQueryOptions } from '../../../lib/api/get-gpus';
import type { ChartedGpu } from '../model/history-series';

/** The GPU list as the history view names and colours it; re-renders when the list changes, not per tick. */
export function useChartedGpus(): { gpus: readonly ChartedGpu[]; isLoading: boolean } {
  const query = useQuery({
    ...gpusQueryOptions(),
    select: (response) =>
      response.gpus.map((view, position): ChartedGpu => ({
        uuid: view.info.uuid,
        label: `#${view.info.index} ${view.info.name}`,
        colorIndex: position,
      })),
  });
  return { gpus: query.data ?? NO_GPUS, isLoading: query.isPending };
}

const NO_GPUS: readonly ChartedGpu[] = [];

/** GPUs the answer has history for that the list no longer shows (removed cards), named by UUID. */
export function withPastGpus(known: readonly ChartedGpu[], answered: readonly string[]): readonly ChartedGpu[] {
  const past = answered.filter((uuid) => !known.some((gpu) => gpu.uuid === uuid));
  if (past.length === 0) return known;
  return [...known, ...past.map((uuid, offset) => ({ uuid, label: uuid, colorIndex: known.length + offset }))];
}
