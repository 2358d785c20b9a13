import { ruleBodyOf, type AlertRule } from '@gpu-sentinel/protocol';
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { errorMessage } from '../../../lib/api-client';
import { useDeleteRule, useSaveRule } from '../api/rules-api';
import { conditionSummary, formatSeconds, METRIC_LABELS } from '../model/metric-labels';
import { SeverityBadge } from './severity-badge';
import { useGpuName } from './alert-target';
import { ConfirmDelete } from './confirm-delete';

function ScopeText({ rule }: { rule: AlertRule }) {
  const gpu = useGpuName(rule.scope.uuid ?? null);
  if (rule.scope.uuid !== undefined) return <>{gpu ? `GPU ${gpu.index} · ${gpu.name}` : rule.scope.uuid}</>;
  if (rule.scope.hostId !== undefined) return <>host {rule.scope.hostId}</>;
  return <>every GPU</>;
}

/** One rule: its condition in a line, an enabled switch, edit and delete (with a confirm) for admins. */
export function RuleRow({ rule, canWrite, onEdit }: { rule: AlertRule; canWrite: boolean; onEdit: () => void }) {
  const save = useSaveRule();
  const remove = useDeleteRule();
  const [isConfirming, setIsConfirming] = useState(false);
  const error = save.error ?? remove.error;
  return (
    <li
      className={rule.enabled ? 'rule-item' : 'rule-item rule-item--off'}
      data-testid="rule-item"
      data-rule={rule.name}
    >
      <div className="rule-item__main">
        <div className="rule-item__head">
          <SeverityBadge severity={rule.severity} />
          <strong className="rule-item__name">{rule.name}</strong>
          {rule.isDefault ? <Badge>built-in</Badge> : null}
          {rule.enabled ? null : <Badge tone="neutral">off</Badge>}
        </div>
        <p className="rule-item__condition">
          <code data-testid="rule-condition">{conditionSummary(rule)}</code>
          <span className="cell-note">
            {' '}
            · {METRIC_LABELS[rule.metric].label} · <ScopeText rule={rule} />
            {rule.repeatIntervalSeconds === null ? '' : ` · repeats every ${formatSeconds(rule.repeatIntervalSeconds)}`}
          </span>
        </p>
        {error ? (
          <p className="form-error cell-error" role="alert">
            {errorMessage(error)}
          </p>
        ) : null}
      </div>
      <div className="rule-item__actions">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={rule.enabled}
            disabled={!canWrite || save.isPending}
            aria-label={`Rule ${rule.name} enabled`}
            data-testid="rule-enabled"
            onChange={(event) =>
              save.mutate({ id: rule.id, body: { ...ruleBodyOf(rule), enabled: event.target.checked } })
            }
          />
          <span>{rule.enabled ? 'On' : 'Off'}</span>
        </label>
        {canWrite && !isConfirming ? (
          <>
            <button type="button" className="button" aria-label={`Edit rule ${rule.name}`} onClick={onEdit}>
              Edit
            </button>
            <button
              type="button"
              className="button"
              aria-label={`Delete rule ${rule.name}`}
              onClick={() => setIsConfirming(true)}
            >
              Delete
            </button>
          </>
        ) : null}
        {canWrite && isConfirming ? (
          <ConfirmDelete
            what={`rule ${rule.name}`}
            prompt="Delete?"
            isPending={remove.isPending}
            onConfirm={() => remove.mutate(rule.id)}
            onCancel={() => setIsConfirming(false)}
          />
        ) : null}
      </div>
    </li>
  );
}
