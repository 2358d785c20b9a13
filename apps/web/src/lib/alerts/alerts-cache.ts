import type { Alert, AlertMessage, AlertPage } from '@gpu-sentinel/protocol';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';

/** The filters of one alert history query, as its key holds them (null: any). */
export interface AlertHistoryFilters {
  state: Alert['state'] | null;
  severity: Alert['severity'] | null;
}

export type AlertHistoryData = InfiniteData<AlertPage, string | null>;

/** At most this many toasts stack; the oldest goes first. */
export const MAX_TOASTS = 4;

export const isActiveAlert = (alert: Alert): boolean => alert.state !== 'resolved';

/** The active list after one alert changed: replaced in place, added when it opened, dropped when it resolved. */
export function withActiveAlert(page: AlertPage, alert: Alert): AlertPage {
  const others = page.items.filter((item) => item.id !== alert.id);
  const wasListed = others.length !== page.items.length;
  if (!isActiveAlert(alert)) return wasListed ? { ...page, items: others, total: Math.max(0, page.total - 1) } : page;
  if (wasListed) return { ...page, items: page.items.map((item) => (item.id === alert.id ? alert : item)) };
  return { ...page, items: [alert, ...page.items], total: page.total + 1 };
}

function matchesFilters(alert: Alert, filters: AlertHistoryFilters): boolean {
  return (
    (filters.state === null || filters.state === alert.state) &&
    (filters.severity === null || filters.severity === alert.severity)
  );
}

/**
 * One history query after one alert changed: a new alert that its filters take goes on top; a known
 * one is replaced where it is (a state filter may no longer take it: it stays until the next fetch).
 */
export function withHistoryAlert(
  data: AlertHistoryData,
  alert: Alert,
  filters: AlertHistoryFilters,
  isNew: boolean,
): AlertHistoryData {
  if (isNew) {
    const [first, ...rest] = data.pages;
    if (first === undefined || !matchesFilters(alert, filters)) return data;
    if (first.items.some((item) => item.id === alert.id)) return data;
    const total = first.total + 1;
    return {
      ...data,
      pages: [{ ...first, items: [alert, ...first.items], total }, ...rest.map((page) => ({ ...page, total }))],
    };
  }
  const isListed = data.pages.some((page) => page.items.some((item) => item.id === alert.id));
  if (!isListed) return data;
  const pages = data.pages.map((page) =>
    page.items.some((item) => item.id === alert.id)
      ? { ...page, items: page.items.map((item) => (item.id === alert.id ? alert : item)) }
      : page,
  );
  return { ...data, pages };
}

export function withToast(toasts: readonly Alert[] | undefined, alert: Alert): Alert[] {
  const others = (toasts ?? []).filter((toast) => toast.id !== alert.id);
  return [...others, alert].slice(-MAX_TOASTS);
}

/** Writes one alert, as the API or the stream gives it, into every cached alert query. */
export function writeAlert(client: QueryClient, alert: Alert, isNew = false): void {
  client.setQueryData<AlertPage>(queryKeys.activeAlerts, (page) => (page ? withActiveAlert(page, alert) : page));
  client.setQueryData<Alert>(queryKeys.alert(alert.id), (previous) => (previous ? alert : previous));
  for (const [queryKey, data] of client.getQueriesData<AlertHistoryData>({ queryKey: queryKeys.alertHistoryRoot })) {
    const filters = queryKey[2] as AlertHistoryFilters | undefined;
    if (data === undefined || filters === undefined) continue;
    const next = withHistoryAlert(data, alert, filters, isNew);
    if (next !== data) client.setQueryData(queryKey, next);
  }
}

/** An `alert` stream message: the cache takes the alert as it is now; a new critical one also toasts. */
export function applyAlertMessage(client: QueryClient, message: AlertMessage): void {
  const isNew = message.change === 'opened';
  writeAlert(client, message.alert, isNew);
  if (isNew && message.alert.severity === 'critical') {
    client.setQueryData<Alert[]>(queryKeys.alertToasts, (toasts) => withToast(toasts, message.alert));
  }
}

/**
 * A (re)connected stream: alerts may have changed while it was down. The active list is asked again;
 * history pages (maybe many) only at their next mount.
 */
export function refreshAlertsAfterReconnect(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: queryKeys.activeAlerts });
  void client.invalidateQueries({ queryKey: queryKeys.alertHistoryRoot, refetchType: 'none' });
}
