import { AlertState, Severity, type Alert } from '@gpu-sentinel/protocol';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { AlertHistoryFilters } from '../../../lib/alerts/alerts-cache';
import { errorMessage } from '../../../lib/api-client';
import { navigate, paths, useSearch } from '../../../lib/router';
import { useAlertHistory } from '../api/alerts-api';
import { AlertHistoryRow, HISTORY_ROW_PX } from './alert-history-row';

/** Rows drawn beyond the visible ones, so a fast scroll shows no gap. */
const OVERSCAN = 10;
/** Ask for the next page this many rows before the loaded ones run out. */
const PREFETCH_ROWS = 40;

function filtersOf(search: string): AlertHistoryFilters {
  const params = new URLSearchParams(search);
  const state = AlertState.safeParse(params.get('state'));
  const severity = Severity.safeParse(params.get('severity'));
  return { state: state.success ? state.data : null, severity: severity.success ? severity.data : null };
}

function go(filters: AlertHistoryFilters): void {
  const params = new URLSearchParams();
  if (filters.state !== null) params.set('state', filters.state);
  if (filters.severity !== null) params.set('severity', filters.severity);
  const search = params.toString();
  navigate(paths.alerts('history') + (search === '' ? '' : `?${search}`), { isScrollKept: true });
}

function HistoryFilters({ filters }: { filters: AlertHistoryFilters }) {
  return (
    <div className="alert-history-filters">
      <label className="control">
        State
        <select
          className="control__select"
          data-testid="history-filter-state"
          value={filters.state ?? ''}
          onChange={(event) => go({ ...filters, state: AlertState.safeParse(event.target.value).data ?? null })}
        >
          <option value="">Any</option>
          {AlertState.options.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
      </label>
      <label className="control">
        Severity
        <select
          className="control__select"
          data-testid="history-filter-severity"
          value={filters.severity ?? ''}
          onChange={(event) => go({ ...filters, severity: Severity.safeParse(event.target.value).data ?? null })}
        >
          <option value="">Any</option>
          {Severity.options.map((severity) => (
            <option key={severity} value={severity}>
              {severity}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/**
 * Every alert, newest first, a cursor page at a time. Only the rows in view are in the DOM (fixed
 * height), so a history of 100,000 alerts scrolls as smoothly as one of ten.
 */
export function AlertHistory() {
  const search = useSearch();
  const filters = useMemo(() => filtersOf(search), [search]);
  const query = useAlertHistory(filters);
  const rows = useMemo<Alert[]>(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => HISTORY_ROW_PX,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - PREFETCH_ROWS) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastIndex, rows.length]);

  return (
    <section className="panel" aria-labelledby="alert-history-title">
      <h2 className="panel__title" id="alert-history-title">
        Alert history
        <span className="panel__count" data-testid="history-total">
          {total.toLocaleString('en-US')}
        </span>
      </h2>
      <HistoryFilters filters={filters} />
      {query.isError ? (
        <p className="form-error" role="alert">
          Cannot load the alert history: {errorMessage(query.error)}
        </p>
      ) : null}
      {query.isPending ? <p className="panel-note">Loading alerts…</p> : null}
      {query.isSuccess && rows.length === 0 ? <p className="alerts-empty">No alert matches these filters.</p> : null}
      <div
        className="alert-history-table"
        role="table"
        aria-label="Alert history"
        aria-rowcount={total + 1}
        data-testid="alert-history"
        hidden={rows.length === 0}
      >
        <div className="alert-history-row alert-history-row--head" role="row" aria-rowindex={1}>
          <span role="columnheader">Severity</span>
          <span role="columnheader">Rule</span>
          <span role="columnheader" className="alert-history-cell--target">
            GPU / host
          </span>
          <span role="columnheader" className="alert-history-cell--value">
            Value
          </span>
          <span role="columnheader">State</span>
          <span role="columnheader" className="alert-history-cell--time">
            Started
          </span>
          <span role="columnheader" className="alert-history-cell--time">
            Resolved
          </span>
        </div>
        <div ref={scrollRef} className="alert-history-scroll" data-testid="alert-history-scroll" tabIndex={0}>
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const alert = rows[item.index];
              return alert ? (
                <AlertHistoryRow key={alert.id} alert={alert} index={item.index} top={item.start} />
              ) : null;
            })}
          </div>
        </div>
        <p className="panel-note alert-history-status" aria-live="polite">
          {rows.length.toLocaleString('en-US')} of {total.toLocaleString('en-US')} loaded
          {isFetchingNextPage ? ' · loading more…' : ''}
        </p>
      </div>
    </section>
  );
}
