import type { Alert } from '@gpu-sentinel/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from '../../../components/link';
import { queryKeys } from '../../../lib/query-keys';
import { paths } from '../../../lib/router';
import { AlertTarget } from './alert-target';
import './alerts.css';

/** Long enough to read a line and reach for the link. */
const TOAST_MS = 10_000;

function useToasts() {
  const client = useQueryClient();
  const toasts =
    useQuery({
      queryKey: queryKeys.alertToasts,
      queryFn: () => client.getQueryData<Alert[]>(queryKeys.alertToasts) ?? [],
      staleTime: Infinity,
    }).data ?? [];
  const dismiss = (id: number) =>
    client.setQueryData<Alert[]>(queryKeys.alertToasts, (list) => list?.filter((each) => each.id !== id));
  return { toasts, dismiss };
}

function Toast({ alert, onDismiss }: { alert: Alert; onDismiss: () => void }) {
  // The timer starts once per toast: a re-render (a new onDismiss) must not restart it.
  const dismissRef = useRef(onDismiss);
  dismissRef.current = onDismiss;
  useEffect(() => {
    const timer = setTimeout(() => dismissRef.current(), TOAST_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="toast toast--critical" role="alert" data-testid="alert-toast">
      <div className="toast__body">
        <p className="toast__title">Critical: {alert.ruleName}</p>
        <p className="toast__message">{alert.message}</p>
        <p className="toast__where">
          <AlertTarget uuid={alert.uuid} hostId={alert.hostId} />
        </p>
        <Link href={paths.alert(alert.id)} className="toast__link" onClick={onDismiss}>
          Open the alert
        </Link>
      </div>
      <button
        type="button"
        className="icon-button toast__close"
        aria-label={`Dismiss ${alert.ruleName}`}
        onClick={onDismiss}
      >
        ×
      </button>
    </div>
  );
}

/** New critical alerts, top right, a few at most; each leaves after ten seconds or when dismissed. */
export function AlertToasts() {
  const { toasts, dismiss } = useToasts();
  return (
    <div className="toasts" aria-label="Alert notifications">
      {toasts.map((alert) => (
        <Toast key={alert.id} alert={alert} onDismiss={() => dismiss(alert.id)} />
      ))}
    </div>
  );
}
