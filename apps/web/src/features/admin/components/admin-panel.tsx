import type { ReactNode } from 'react';
import { errorMessage } from '../../../lib/api-client';

interface AdminPanelProps {
  id: string;
  title: string;
  /** How many items the list holds; left out by panels that show no list. */
  count?: number;
  /** The panel's list query: its error and first load are shown the same way on every panel. */
  query: { isError: boolean; error: unknown; isPending: boolean };
  /** Above the error (forms). */
  header?: ReactNode;
  children: ReactNode;
}

/** The frame every admin panel shares: a titled section with a count, the list's error and loading note. */
export function AdminPanel({ id, title, count, query, header, children }: AdminPanelProps) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 className="panel__title" id={`${id}-title`}>
        {title}
        {count === undefined ? null : <span className="panel__count">{count}</span>}
      </h2>
      {header}
      {query.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(query.error)}
        </p>
      ) : null}
      {children}
      {query.isPending ? <p className="panel-note">Loading…</p> : null}
    </section>
  );
}
