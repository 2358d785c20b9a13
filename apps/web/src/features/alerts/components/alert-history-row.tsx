import type { Alert } from '@gpu-sentinel/protocol';
import { memo } from 'react';
import { Link } from '../../../components/link';
import { formatDateTime } from '../../../lib/format';
import { paths } from '../../../lib/router';
import { AlertValue } from './alert-item';
import { SeverityBadge, StateBadge } from './severity-badge';
import { useGpuName } from './alert-target';

/** Every row is this tall (CSS keeps it so): the virtual list positions rows by index alone. */
export const HISTORY_ROW_PX = 44;

function Target({ alert }: { alert: Alert }) {
  const gpu = useGpuName(alert.uuid);
  const where =
    alert.uuid === null ? `Host ${alert.hostId ?? '—'}` : gpu ? `GPU ${gpu.index} · ${gpu.name}` : alert.uuid;
  const host = gpu?.hostname ?? alert.hostId;
  return (
    <span
      role="cell"
      className="alert-history-cell alert-history-cell--target"
      title={host === null ? where : `${where} on ${host}`}
    >
      {where}
    </span>
  );
}

export const AlertHistoryRow = memo(function AlertHistoryRow({
  alert,
  index,
  top,
}: {
  alert: Alert;
  index: number;
  top: number;
}) {
  return (
    <div
      className="alert-history-row"
      role="row"
      aria-rowindex={index + 2}
      data-testid="alert-history-row"
      style={{ transform: `translateY(${top}px)` }}
    >
      <span role="cell" className="alert-history-cell">
        <SeverityBadge severity={alert.severity} />
      </span>
      <span role="cell" className="alert-history-cell">
        <Link href={paths.alert(alert.id)}>{alert.ruleName}</Link>
      </span>
      <Target alert={alert} />
      <span role="cell" className="alert-history-cell alert-history-cell--value">
        <AlertValue alert={alert} />
      </span>
      <span role="cell" className="alert-history-cell">
        <StateBadge state={alert.state} />
      </span>
      <span role="cell" className="alert-history-cell alert-history-cell--time">
        {formatDateTime(alert.startedAt)}
      </span>
      <span role="cell" className="alert-history-cell alert-history-cell--time">
        {formatDateTime(alert.resolvedAt)}
      </span>
    </div>
  );
});
