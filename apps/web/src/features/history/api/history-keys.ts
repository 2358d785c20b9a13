import type { HistoryRequest } from './get-history';

/** The history view's queries; the window is part of the key, so each zoom level is cached on its own. */
export const historyKeys = {
  all: ['history-view'] as const,
  request: (request: HistoryRequest) => ['history-view', request] as const,
};
