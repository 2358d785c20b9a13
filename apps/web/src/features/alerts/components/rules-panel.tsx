import type { AlertRule } from '@gpu-sentinel/protocol';
import { useState } from 'react';
import { useCan } from '../../../lib/auth/use-session';
import { errorMessage } from '../../../lib/api-client';
import { useRules } from '../api/rules-api';
import { RuleForm } from './rule-form';
import { RuleRow } from './rule-row';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; rule: AlertRule };

/** The alert rules; admins add, edit, switch off and delete them, everyone else reads them. */
export function RulesPanel() {
  const query = useRules();
  const canWrite = useCan('rules:write');
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const rules = query.data?.items ?? [];
  const close = () => setEditing({ kind: 'none' });
  return (
    <section className="panel" aria-labelledby="rules-title" data-testid="rules-panel">
      <h2 className="panel__title" id="rules-title">
        Rules
        <span className="panel__count">{rules.length}</span>
        {canWrite && editing.kind === 'none' ? (
          <button
            type="button"
            className="button button--primary panel__action"
            data-testid="rule-new"
            onClick={() => setEditing({ kind: 'new' })}
          >
            New rule
          </button>
        ) : null}
      </h2>
      {canWrite ? null : <p className="panel-note">Only admins can change rules.</p>}
      {editing.kind === 'new' ? <RuleForm rule={null} onDone={close} /> : null}
      {query.isError ? (
        <p className="form-error" role="alert">
          Cannot load the rules: {errorMessage(query.error)}
        </p>
      ) : null}
      {query.isPending ? <p className="panel-note">Loading rules…</p> : null}
      {query.isSuccess && rules.length === 0 ? <p className="alerts-empty">No rules yet.</p> : null}
      {rules.length > 0 ? (
        <ul className="rule-list" data-testid="rule-list">
          {rules.map((rule) =>
            editing.kind === 'edit' && editing.rule.id === rule.id ? (
              <li key={rule.id} className="rule-list__editing">
                <RuleForm rule={rule} onDone={close} />
              </li>
            ) : (
              <RuleRow
                key={rule.id}
                rule={rule}
                canWrite={canWrite}
                onEdit={() => setEditing({ kind: 'edit', rule })}
              />
            ),
          )}
        </ul>
      ) : null}
    </section>
  );
}
