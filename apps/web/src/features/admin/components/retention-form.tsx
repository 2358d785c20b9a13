import type { RetentionSettings } from '@gpu-sentinel/protocol';
import { useState, type SyntheticEvent } from 'react';
import { useUpdateStorage } from '../api/update-storage';
import {
  RETENTION_FIELDS,
  RETENTION_SPECS,
  changedRetention,
  draftOf,
  saveErrorPlacement,
  validateRetention,
  type RetentionDraft,
  type RetentionErrors,
  type RetentionField,
} from '../model/retention-form';

/** How long each tier is kept; checked here against the schema's bounds before anything is sent. */
export function RetentionForm({ retention }: { retention: RetentionSettings }) {
  const mutation = useUpdateStorage();
  const [draft, setDraft] = useState<RetentionDraft>(() => draftOf(retention));
  const [errors, setErrors] = useState<RetentionErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaved, setIsSaved] = useState(false);

  const edit = (field: RetentionField, value: string) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
    setFormError(null);
    setIsSaved(false);
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = validateRetention(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    mutation.mutate(
      { retention: changedRetention(retention, checked.settings) },
      {
        onSuccess: (status) => {
          setDraft(draftOf(status.retention));
          setIsSaved(true);
        },
        onError: (error) => {
          const { field, message } = saveErrorPlacement(error);
          if (field === null) setFormError(message);
          else setErrors({ [field]: message });
        },
      },
    );
  };

  return (
    <form className="storage-section" data-testid="retention-form" noValidate onSubmit={submit}>
      <h3 className="storage-section__title">Retention</h3>
      <p className="cell-note storage-section__help">
        Older data is deleted by the next retention run; saving starts one.
      </p>
      <div className="retention-fields">
        {RETENTION_FIELDS.map((field) => {
          const { label, unit, min, max } = RETENTION_SPECS[field];
          const error = errors[field];
          return (
            <label className="field" key={field}>
              <span className="field__label">{label}</span>
              <span className="retention-input">
                <input
                  className="field__input"
                  name={field}
                  type="number"
                  inputMode="numeric"
                  min={min}
                  max={max}
                  step={1}
                  value={draft[field]}
                  aria-invalid={error === undefined ? undefined : true}
                  aria-describedby={error === undefined ? undefined : `retention-error-${field}`}
                  data-testid={`retention-${field}`}
                  onChange={(event) => edit(field, event.target.value)}
                />
                <span className="retention-input__unit">{unit}</span>
              </span>
              {error === undefined ? null : (
                <span className="field-error" id={`retention-error-${field}`} data-testid={`retention-error-${field}`}>
                  {error}
                </span>
              )}
            </label>
          );
        })}
      </div>
      <div className="retention-actions">
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save retention'}
        </button>
        {isSaved ? (
          <span className="retention-saved" role="status" data-testid="retention-saved">
            Saved; retention ran with the new settings.
          </span>
        ) : null}
      </div>
      {formError === null ? null : (
        <p className="form-error" role="alert" data-testid="retention-form-error">
          {formError}
        </p>
      )}
    </form>
  );
}
