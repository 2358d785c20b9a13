import { CHANNEL_TYPES, ChannelType, SEVERITIES, type Channel } from '@gpu-sentinel/protocol';
import { useState, type SyntheticEvent } from 'react';
import { ApiError, errorMessage } from '../../../lib/api-client';
import { useSaveChannel } from '../api/channels-api';
import {
  CHANNEL_TYPE_LABELS,
  EMPTY_CHANNEL,
  channelBodyOf,
  channelDraftOf,
  type ChannelDraft,
} from '../model/channel-form';
import { ChannelConfigFields } from './channel-config-fields';
import { FormField } from './form-field';

/** The API names a field like `config.url` or `to.1`: the form shows it beside `url` or `to`. */
function errorField(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.field === null) return null;
  const segments = error.field
    .split(/[.[\]]/)
    .filter((part) => part !== '' && part !== 'config' && !/^\d+$/.test(part));
  return segments[0] ?? null;
}

/** Create or edit a channel; each type shows its own settings. */
export function ChannelForm({ channel, onDone }: { channel: Channel | null; onDone: () => void }) {
  const mutation = useSaveChannel();
  const [draft, setDraft] = useState<ChannelDraft>(() => (channel ? channelDraftOf(channel) : EMPTY_CHANNEL));
  const formId = channel === null ? 'channel-new' : `channel-${channel.id}`;
  const field = errorField(mutation.error);
  const errorOf = (name: string) =>
    field === name && mutation.error instanceof ApiError ? mutation.error.message.replace(/^[\w.]+: /, '') : undefined;
  const edit = <K extends keyof ChannelDraft>(key: K, value: ChannelDraft[K]) => {
    setDraft((previous) => ({ ...previous, [key]: value }));
    mutation.reset();
  };

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate({ id: channel?.id ?? null, body: channelBodyOf(draft) }, { onSuccess: onDone });
  };

  const shownFields = ['name', 'type', 'severities', 'host', 'port', 'username', 'password', 'from', 'to', 'url'];
  const isUnplaced =
    mutation.isError && (field === null || !shownFields.concat('secret', 'template', 'labels').includes(field));

  return (
    <form
      className="rule-form"
      data-testid="channel-form"
      noValidate
      onSubmit={submit}
      aria-label={channel ? `Edit channel ${channel.name}` : 'New channel'}
    >
      <h3 className="rule-form__title">{channel ? `Edit “${channel.name}”` : 'New channel'}</h3>
      <div className="rule-form__grid">
        <FormField id={`${formId}-name`} label="Name" error={errorOf('name')}>
          <input
            className="field__input"
            data-testid="channel-name"
            value={draft.name}
            maxLength={120}
            onChange={(event) => edit('name', event.target.value)}
          />
        </FormField>
        <FormField id={`${formId}-type`} label="Type" error={errorOf('type')}>
          <select
            className="field__input"
            data-testid="channel-type"
            value={draft.type}
            disabled={channel !== null}
            onChange={(event) => edit('type', ChannelType.parse(event.target.value))}
          >
            {CHANNEL_TYPES.map((type) => (
              <option key={type} value={type}>
                {CHANNEL_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </FormField>
        <ChannelConfigFields
          draft={draft}
          formId={formId}
          secretsSet={channel?.secretsSet ?? []}
          errorOf={errorOf}
          onChange={edit}
        />
        <fieldset className="field checkbox-group rule-form__wide">
          <legend className="field__label">Severities</legend>
          <div className="checkbox-row">
            {SEVERITIES.map((severity) => (
              <label key={severity} className="checkbox">
                <input
                  type="checkbox"
                  data-testid={`channel-severity-${severity}`}
                  checked={draft.severities.includes(severity)}
                  onChange={(event) =>
                    edit(
                      'severities',
                      event.target.checked
                        ? SEVERITIES.filter((each) => each === severity || draft.severities.includes(each))
                        : draft.severities.filter((each) => each !== severity),
                    )
                  }
                />
                {severity}
              </label>
            ))}
          </div>
          {errorOf('severities') === undefined ? null : <span className="field-error">{errorOf('severities')}</span>}
        </fieldset>
        <label className="checkbox rule-form__wide">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => edit('enabled', event.target.checked)} />
          Enabled
        </label>
      </div>
      {isUnplaced ? (
        <p className="form-error" role="alert" data-testid="channel-form-error">
          {errorMessage(mutation.error)}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          data-testid="channel-save"
          disabled={mutation.isPending}
        >
          {mutation.isPending ? 'Saving…' : channel ? 'Save channel' : 'Create channel'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
