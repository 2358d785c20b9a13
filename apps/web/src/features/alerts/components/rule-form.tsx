import {
  DERIVED_METRICS,
  NUMERIC_METRICS,
  RuleMetric,
  RuleOp,
  SEVERITIES,
  type AlertRule,
} from '@gpu-sentinel/protocol';
import { useState, type SyntheticEvent } from 'react';
import { useSaveRule } from '../api/rules-api';
import { EMPTY_RULE, draftOf, placeApiError, ruleBodyOf, type RuleDraft, type RuleErrors } from '../model/rule-form';
import { METRIC_LABELS, OP_SYMBOLS } from '../model/metric-labels';
import { FormField } from './form-field';
import { RuleChannelsField, RuleScopeFields } from './rule-scope-fields';
import { RulePreviewPanel } from './rule-preview';

const metricOption = (metric: RuleMetric) => (
  <option key={metric} value={metric}>
    {METRIC_LABELS[metric].label}
    {METRIC_LABELS[metric].unit === '' ? '' : ` (${METRIC_LABELS[metric].unit})`}
  </option>
);

/** Create or edit a rule; the API's refusal shows next to the field it names. */
export function RuleForm({ rule, onDone }: { rule: AlertRule | null; onDone: () => void }) {
  const mutation = useSaveRule();
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftOf(rule) : EMPTY_RULE));
  const [errors, setErrors] = useState<RuleErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formId = rule === null ? 'rule-new' : `rule-${rule.id}`;
  const id = (field: string) => `${formId}-${field}`;

  const edit = <K extends keyof RuleDraft>(field: K, value: RuleDraft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    const errorField = field === 'hostId' || field === 'uuid' ? 'scope' : field;
    setErrors((previous) => ({ ...previous, [errorField]: undefined }));
    setFormError(null);
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = ruleBodyOf(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    mutation.mutate(
      { id: rule?.id ?? null, body: checked.value },
      {
        onSuccess: onDone,
        onError: (error) => {
          const { field, message } = placeApiError(error);
          if (field === null) setFormError(message);
          else setErrors({ [field]: message });
        },
      },
    );
  };

  return (
    <form
      className="rule-form"
      data-testid="rule-form"
      noValidate
      onSubmit={submit}
      aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}
    >
      <h3 className="rule-form__title">{rule ? `Edit “${rule.name}”` : 'New rule'}</h3>
      <div className="rule-form__grid">
        <FormField id={id('name')} label="Name" error={errors.name} className="rule-form__wide">
          <input
            className="field__input"
            data-testid="rule-name"
            value={draft.name}
            maxLength={120}
            onChange={(event) => edit('name', event.target.value)}
          />
        </FormField>
        <FormField id={id('metric')} label="Metric" error={errors.metric} className="rule-form__wide">
          <select
            className="field__input"
            data-testid="rule-metric"
            value={draft.metric}
            onChange={(event) => edit('metric', RuleMetric.parse(event.target.value))}
          >
            <optgroup label="Measured">{NUMERIC_METRICS.map(metricOption)}</optgroup>
            <optgroup label="Derived">{DERIVED_METRICS.map(metricOption)}</optgroup>
          </select>
        </FormField>
        <FormField id={id('op')} label="Condition" error={errors.op}>
          <select
            className="field__input"
            data-testid="rule-op"
            value={draft.op}
            onChange={(event) => edit('op', RuleOp.parse(event.target.value))}
          >
            {RuleOp.options.map((op) => (
              <option key={op} value={op}>
                {OP_SYMBOLS[op]} {op === '>' || op === '>=' ? 'above' : 'below'}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={id('threshold')} label={`Threshold ${unitOf(draft.metric)}`} error={errors.threshold}>
          <input
            className="field__input"
            data-testid="rule-threshold"
            inputMode="decimal"
            value={draft.threshold}
            onChange={(event) => edit('threshold', event.target.value)}
          />
        </FormField>
        <FormField id={id('forSeconds')} label="For (seconds)" error={errors.forSeconds} hint="0: at once">
          <input
            className="field__input"
            data-testid="rule-for"
            inputMode="numeric"
            value={draft.forSeconds}
            onChange={(event) => edit('forSeconds', event.target.value)}
          />
        </FormField>
        <FormField
          id={id('clearThreshold')}
          label={`Clears at ${unitOf(draft.metric)}`}
          error={errors.clearThreshold}
          hint="Empty: when the condition stops"
        >
          <input
            className="field__input"
            data-testid="rule-clear"
            inputMode="decimal"
            value={draft.clearThreshold}
            onChange={(event) => edit('clearThreshold', event.target.value)}
          />
        </FormField>
        <FormField id={id('severity')} label="Severity" error={errors.severity}>
          <select
            className="field__input"
            data-testid="rule-severity"
            value={draft.severity}
            onChange={(event) => edit('severity', SEVERITIES.find((each) => each === event.target.value) ?? 'warning')}
          >
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {severity}
              </option>
            ))}
          </select>
        </FormField>
        <RuleScopeFields draft={draft} error={errors.scope} idOf={id} onChange={edit} />
        <FormField
          id={id('repeatIntervalSeconds')}
          label="Repeat every (seconds)"
          error={errors.repeatIntervalSeconds}
          hint="Empty: notify once"
        >
          <input
            className="field__input"
            data-testid="rule-repeat"
            inputMode="numeric"
            value={draft.repeatIntervalSeconds}
            onChange={(event) => edit('repeatIntervalSeconds', event.target.value)}
          />
        </FormField>
        <RuleChannelsField draft={draft} error={errors.channels} onChange={(channels) => edit('channels', channels)} />
        <label className="checkbox rule-form__wide">
          <input
            type="checkbox"
            data-testid="rule-form-enabled"
            checked={draft.enabled}
            onChange={(event) => edit('enabled', event.target.checked)}
          />
          Enabled
        </label>
      </div>
      {formError === null ? null : (
        <p className="form-error" role="alert" data-testid="rule-form-error">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" data-testid="rule-save" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : rule ? 'Save rule' : 'Create rule'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <RulePreviewPanel draft={draft} onInvalid={setErrors} />
    </form>
  );
}

function unitOf(metric: RuleMetric): string {
  const { unit } = METRIC_LABELS[metric];
  return unit === '' ? '' : `(${unit})`;
}
