import type { Alert } from '@gpu-sentinel/protocol';
import { Link } from '../../../components/link';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { useNow } from '../../../lib/use-now';
import { isSilenced } from '../model/alert-order';
import { formatMetricValue, OP_SYMBOLS } from '../model/metric-labels';
import { AlertActions } from './alert-actions';
import { TimeAgo, TimeLeft } from './relative-time';
import { SeverityBadge, StateBadge } from './severity-badge';
import { AlertTarget } from './alert-target';

/** "92 °C ≥ 85 °C": the value that fired it against the rule's threshold. */
export function AlertValue({ alert }: { alert: Alert }) {
  return (
    <span className="alert-value num" data-testid="alert-value">
      <strong>{formatMetricValue(alert.metric, alert.value)}</strong> {OP_SYMBOLS[alert.op]}{' '}
      {formatMetricValue(alert.metric, alert.threshold)}
    </span>
  );
}

/** One active alert: what, where, how bad, since when, who took it; and what the reader may do. */
export function AlertItem({ alert, isCompact = false }: { alert: Alert; isCompact?: boolean }) {
  const now = useNow();
  const silenced = isSilenced(alert, now);
  return (
    <li
      className={`alert-item alert-item--${alert.severity} alert-item--${alert.state}`}
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-state={alert.state}
    >
      <div className="alert-item__head">
        <SeverityBadge severity={alert.severity} />
        <Link href={paths.alert(alert.id)} className="alert-item__rule" data-testid="alert-rule">
          {alert.ruleName}
        </Link>
        {alert.state === 'acknowledged' ? <StateBadge state={alert.state} /> : null}
        <span className="alert-item__since">
          since <TimeAgo ts={alert.startedAt} />
        </span>
      </div>
      <div className="alert-item__body">
        <AlertTarget uuid={alert.uuid} hostId={alert.hostId} />
        <AlertValue alert={alert} />
      </div>
      {isCompact ? null : (
        <>
          {alert.acknowledgedAt === null ? null : (
            <p className="alert-item__note" data-testid="alert-acknowledged">
              Acknowledged by <strong>{alert.acknowledgedBy ?? 'someone'}</strong>{' '}
              <span title={formatDateTime(alert.acknowledgedAt)}>
                <TimeAgo ts={alert.acknowledgedAt} />
              </span>
            </p>
          )}
          {silenced && alert.silencedUntil !== null ? (
            <p className="alert-item__note" data-testid="alert-silenced">
              Silenced until {formatDateTime(alert.silencedUntil)} (<TimeLeft until={alert.silencedUntil} /> left)
            </p>
          ) : null}
          <AlertActions alert={alert} />
        </>
      )}
    </li>
  );
}
