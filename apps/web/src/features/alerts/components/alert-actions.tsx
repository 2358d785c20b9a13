import type { Alert } from '@gpu-sentinel/protocol';
import { errorMessage } from '../../../lib/api-client';
import { useCan } from '../../../lib/auth/use-session';
import { useNow } from '../../../lib/use-now';
import { useAlertAction } from '../api/alerts-api';
import { isSilenced } from '../model/alert-order';

const SILENCE_CHOICES: readonly { label: string; seconds: number }[] = [
  { label: '15 m', seconds: 15 * 60 },
  { label: '1 h', seconds: 3_600 },
  { label: '4 h', seconds: 4 * 3_600 },
  { label: '24 h', seconds: 24 * 3_600 },
];

/** Acknowledge, silence for a while, or unsilence: only for roles that may (the server refuses the others). */
export function AlertActions({ alert }: { alert: Alert }) {
  const canAck = useCan('alerts:ack');
  const mutation = useAlertAction();
  const now = useNow();
  if (!canAck || alert.state === 'resolved') return null;
  const where = `${alert.ruleName} #${alert.id}`;
  return (
    <div className="alert-actions">
      {alert.state === 'firing' ? (
        <button
          type="button"
          className="button button--primary"
          data-testid="alert-ack"
          aria-label={`Acknowledge ${where}`}
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ kind: 'ack', id: alert.id })}
        >
          Acknowledge
        </button>
      ) : null}
      {isSilenced(alert, now) ? (
        <button
          type="button"
          className="button"
          data-testid="alert-unsilence"
          aria-label={`Unsilence ${where}`}
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ kind: 'unsilence', id: alert.id })}
        >
          Unsilence
        </button>
      ) : (
        <div className="alert-silence" role="group" aria-label={`Silence ${where} for`}>
          <span className="alert-silence__label" aria-hidden="true">
            Silence
          </span>
          {SILENCE_CHOICES.map(({ label, seconds }) => (
            <button
              key={seconds}
              type="button"
              className="button button--small"
              data-testid={`alert-silence-${seconds}`}
              aria-label={`Silence ${where} for ${label}`}
              disabled={mutation.isPending}
              onClick={() => mutation.mutate({ kind: 'silence', id: alert.id, durationSeconds: seconds })}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      {mutation.isError ? (
        <span className="form-error cell-error" role="alert">
          {errorMessage(mutation.error)}
        </span>
      ) : null}
    </div>
  );
}
