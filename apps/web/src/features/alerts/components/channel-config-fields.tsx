import type { ChannelDraft } from '../model/channel-form';
import { FormField } from './form-field';

interface ConfigProps {
  draft: ChannelDraft;
  formId: string;
  /** Secret fields the server holds: left empty, they are kept. */
  secretsSet: readonly string[];
  errorOf: (field: string) => string | undefined;
  onChange: <K extends keyof ChannelDraft>(key: K, value: ChannelDraft[K]) => void;
}

type TextKey = 'host' | 'port' | 'username' | 'password' | 'from' | 'to' | 'url' | 'secret' | 'template' | 'labels';

/** The settings of the chosen channel type. */
export function ChannelConfigFields({ draft, formId, secretsSet, errorOf, onChange }: ConfigProps) {
  const text = (key: TextKey, label: string, options: { hint?: string; type?: string; isLong?: boolean } = {}) => {
    const isSecret = key === 'password' || key === 'secret';
    const isSet = isSecret && secretsSet.includes(key);
    const hint = isSet ? 'Set — leave empty to keep' : options.hint;
    const common = {
      className: options.isLong ? 'field__input field__textarea' : 'field__input',
      'data-testid': `channel-${key}`,
      value: draft[key],
      placeholder: isSet ? '••••••• (set)' : undefined,
    };
    return (
      <FormField
        id={`${formId}-${key}`}
        label={label}
        error={errorOf(key)}
        hint={hint}
        className={options.isLong ? 'rule-form__wide' : undefined}
      >
        {options.isLong ? (
          <textarea rows={3} {...common} onChange={(event) => onChange(key, event.target.value)} />
        ) : (
          <input
            type={options.type ?? 'text'}
            autoComplete={isSecret ? 'new-password' : 'off'}
            {...common}
            onChange={(event) => onChange(key, event.target.value)}
          />
        )}
      </FormField>
    );
  };

  switch (draft.type) {
    case 'email':
      return (
        <>
          {text('host', 'SMTP host')}
          {text('port', 'Port', { type: 'number' })}
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="channel-secure"
              checked={draft.secure}
              onChange={(event) => onChange('secure', event.target.checked)}
            />
            TLS from the start (port 465)
          </label>
          {text('username', 'Username', { hint: 'Optional' })}
          {text('password', 'Password', { type: 'password', hint: 'Optional' })}
          {text('from', 'From address', { type: 'email' })}
          {text('to', 'To addresses', { isLong: true, hint: 'One per line, or separated by commas' })}
        </>
      );
    case 'webhook':
      return (
        <>
          {text('url', 'URL', { type: 'url' })}
          {text('secret', 'Signing secret', {
            type: 'password',
            hint: 'Optional: signs each body (X-GPU-Sentinel-Signature)',
          })}
          {text('template', 'Body template', {
            isLong: true,
            hint: 'Optional: {{alert.severity}}, {{event}}, {{idempotencyKey}}…; empty sends the default JSON',
          })}
        </>
      );
    case 'slack':
    case 'discord':
      return text('url', 'Incoming webhook URL', { type: 'url' });
    case 'alertmanager':
      return (
        <>
          {text('url', 'Alertmanager URL', { type: 'url', hint: 'Alerts go to <url>/api/v2/alerts' })}
          {text('labels', 'Extra labels', { isLong: true, hint: 'One key=value per line' })}
        </>
      );
  }
}
