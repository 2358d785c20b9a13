import { ApiKeyScope, type CreateApiKeyResponse } from '@gpu-sentinel/protocol';
import { useState, type SyntheticEvent } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { useCreateApiKey } from '../api/create-api-key';

const DAY_MS = 86_400_000;
const LIFETIMES = [
  { label: 'never', days: null },
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
] as const;

const SCOPE_HELP: Record<ApiKeyScope, string> = {
  ingest: 'agents pushing samples',
  read: 'scripts and dashboards',
  admin: 'everything',
};

/** Creates a key; the key itself goes to `onCreated`, to be shown once. */
export function CreateApiKeyForm({ onCreated }: { onCreated: (created: CreateApiKeyResponse) => void }) {
  const mutation = useCreateApiKey();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('read');
  const [lifetime, setLifetime] = useState(0);

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const days = LIFETIMES[lifetime]?.days ?? null;
    const body = { name: name.trim(), scope, ...(days === null ? {} : { expiresAt: Date.now() + days * DAY_MS }) };
    mutation.mutate(body, {
      onSuccess: (created) => {
        setName('');
        onCreated(created);
      },
    });
  };

  return (
    <form className="inline-form" data-testid="create-apikey-form" onSubmit={submit}>
      <label className="field">
        <span className="field__label">Name</span>
        <input
          className="field__input"
          name="key-name"
          autoComplete="off"
          placeholder="e.g. rack-3 agent"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">Scope</span>
        <select
          className="field__input"
          name="key-scope"
          value={scope}
          onChange={(event) => setScope(ApiKeyScope.parse(event.target.value))}
        >
          {ApiKeyScope.options.map((each) => (
            <option key={each} value={each}>
              {each} — {SCOPE_HELP[each]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Expires after</span>
        <select
          className="field__input"
          name="key-lifetime"
          value={lifetime}
          onChange={(event) => setLifetime(Number(event.target.value))}
        >
          {LIFETIMES.map((each, index) => (
            <option key={each.label} value={index}>
              {each.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--primary" disabled={mutation.isPending}>
        Create key
      </button>
      {mutation.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      ) : null}
    </form>
  );
}
