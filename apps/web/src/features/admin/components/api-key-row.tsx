import type { ApiKey } from '@gpu-sentinel/protocol';
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { errorMessage } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { useRevokeApiKey } from '../api/revoke-api-key';

function KeyStatus({ apiKey, now }: { apiKey: ApiKey; now: number }) {
  if (apiKey.revokedAt !== null) {
    return (
      <Badge tone="danger" title={`Revoked ${formatDateTime(apiKey.revokedAt)}`}>
        revoked
      </Badge>
    );
  }
  if (apiKey.expiresAt !== null && apiKey.expiresAt <= now) return <Badge tone="warn">expired</Badge>;
  return <Badge tone="ok">active</Badge>;
}

/** One key: what it is, when it was used, and a revoke that asks first. */
export function ApiKeyRow({ apiKey }: { apiKey: ApiKey }) {
  const now = useNow();
  const mutation = useRevokeApiKey();
  const [isConfirming, setIsConfirming] = useState(false);
  const isRevoked = apiKey.revokedAt !== null;

  return (
    <tr data-testid="apikey-row" data-name={apiKey.name} className={isRevoked ? 'row--muted' : undefined}>
      <td className="cell-name">
        {apiKey.name}
        {mutation.isError ? (
          <span className="form-error cell-error" role="alert">
            {errorMessage(mutation.error)}
          </span>
        ) : null}
      </td>
      <td>
        <code>{apiKey.prefix}…</code>
      </td>
      <td>{apiKey.scope}</td>
      <td className="cell-date">{formatDateTime(apiKey.createdAt)}</td>
      <td className="cell-date">{apiKey.expiresAt === null ? 'never' : formatDateTime(apiKey.expiresAt)}</td>
      <td className="cell-date">{apiKey.lastUsedAt === null ? 'never' : formatDateTime(apiKey.lastUsedAt)}</td>
      <td>
        <KeyStatus apiKey={apiKey} now={now} />
      </td>
      <td className="cell-actions">
        {isRevoked ? null : isConfirming ? (
          <span className="row-form" role="group" aria-label={`Revoke ${apiKey.name}?`}>
            <span className="cell-note">Revoke?</span>
            <button
              type="button"
              className="button button--danger"
              data-testid="apikey-revoke-confirm"
              disabled={mutation.isPending}
              onClick={() => mutation.mutate(apiKey.id, { onSettled: () => setIsConfirming(false) })}
            >
              Revoke
            </button>
            <button type="button" className="button" onClick={() => setIsConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="button" data-testid="apikey-revoke" onClick={() => setIsConfirming(true)}>
            Revoke…
          </button>
        )}
      </td>
    </tr>
  );
}
