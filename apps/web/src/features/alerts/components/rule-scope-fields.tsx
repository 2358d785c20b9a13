import { useMemo } from 'react';
import { useGpus } from '../../../lib/api/get-gpus';
import { useChannels } from '../api/channels-api';
import type { RuleDraft } from '../model/rule-form';
import { FormField } from './form-field';

interface ScopeProps {
  draft: RuleDraft;
  error: string | undefined;
  idOf: (field: string) => string;
  onChange: <K extends keyof RuleDraft>(field: K, value: RuleDraft[K]) => void;
}

/** Which GPUs the rule watches, picked from the inventory: all, one host's, or one GPU. */
export function RuleScopeFields({ draft, error, idOf, onChange }: ScopeProps) {
  const gpus = useGpus().data?.gpus;
  const hosts = useMemo(() => {
    const byId = new Map<string, string>();
    for (const { info } of gpus ?? []) byId.set(info.hostId, info.hostname);
    if (draft.hostId !== '' && !byId.has(draft.hostId)) byId.set(draft.hostId, draft.hostId);
    return [...byId.entries()];
  }, [gpus, draft.hostId]);
  const gpuChoices = (gpus ?? []).filter((view) => draft.hostId === '' || view.info.hostId === draft.hostId);
  const isKnownGpu = draft.uuid === '' || gpuChoices.some((view) => view.info.uuid === draft.uuid);
  return (
    <>
      <FormField id={idOf('host')} label="Host" error={error}>
        <select
          className="field__input"
          data-testid="rule-host"
          value={draft.hostId}
          onChange={(event) => {
            onChange('hostId', event.target.value);
            onChange('uuid', '');
          }}
        >
          <option value="">All hosts</option>
          {hosts.map(([hostId, hostname]) => (
            <option key={hostId} value={hostId}>
              {hostname === hostId ? hostId : `${hostname} (${hostId})`}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={idOf('gpu')} label="GPU" error={undefined}>
        <select
          className="field__input"
          data-testid="rule-gpu"
          value={draft.uuid}
          onChange={(event) => onChange('uuid', event.target.value)}
        >
          <option value="">Every GPU</option>
          {gpuChoices.map(({ info }) => (
            <option key={info.uuid} value={info.uuid}>
              GPU {info.index} · {info.name}
              {draft.hostId === '' ? ` (${info.hostname})` : ''}
            </option>
          ))}
          {isKnownGpu ? null : <option value={draft.uuid}>{draft.uuid}</option>}
        </select>
      </FormField>
    </>
  );
}

/** The channels to notify; none ticked means every enabled channel that takes the severity. */
export function RuleChannelsField({
  draft,
  error,
  onChange,
}: {
  draft: RuleDraft;
  error: string | undefined;
  onChange: (channels: number[]) => void;
}) {
  const channels = useChannels().data?.items ?? [];
  return (
    <fieldset
      className="field rule-form__wide checkbox-group"
      aria-describedby={error ? 'rule-channels-error' : undefined}
    >
      <legend className="field__label">Channels</legend>
      {channels.length === 0 ? <span className="field__hint">No channels yet: alerts show here only.</span> : null}
      {channels.map((channel) => (
        <label key={channel.id} className="checkbox">
          <input
            type="checkbox"
            checked={draft.channels.includes(channel.id)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...draft.channels, channel.id]
                  : draft.channels.filter((each) => each !== channel.id),
              )
            }
          />
          {channel.name} <span className="cell-note">({channel.type})</span>
        </label>
      ))}
      {channels.length > 0 ? (
        <span className="field__hint">None ticked: every enabled channel that takes the severity.</span>
      ) : null}
      {error === undefined ? null : (
        <span className="field-error" id="rule-channels-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}
