import type { CreateApiKeyResponse } from '@gpu-sentinel/protocol';
import { useState } from 'react';
import { useApiKeys } from '../api/get-api-keys';
import { ApiKeyRow } from './api-key-row';
import { CreateApiKeyForm } from './create-api-key-form';
import { CreatedKeyNotice } from './created-key-notice';
import { AdminPanel } from './admin-panel';

export function ApiKeysPanel() {
  const query = useApiKeys();
  // The one place the new key exists on the client; it is gone once dismissed or the page is left.
  const [created, setCreated] = useState<CreateApiKeyResponse | null>(null);
  const keys = query.data?.items ?? [];
  return (
    <AdminPanel
      id="apikeys"
      title="API keys"
      count={keys.length}
      query={query}
      header={
        <>
          <CreateApiKeyForm onCreated={setCreated} />
          {created ? <CreatedKeyNotice created={created} onDismiss={() => setCreated(null)} /> : null}
        </>
      }
    >
      <div className="table-scroll">
        <table className="table admin-table" data-testid="apikeys-table">
          <thead>
            <tr>
              <th>Name</th>
              <th className="col-prefix">Key</th>
              <th className="col-scope">Scope</th>
              <th className="col-date">Created</th>
              <th className="col-date">Expires</th>
              <th className="col-date">Last used</th>
              <th className="col-status">Status</th>
              <th className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <ApiKeyRow key={key.id} apiKey={key} />
            ))}
          </tbody>
        </table>
      </div>
      {query.isSuccess && keys.length === 0 ? <p className="panel-note">No API keys yet.</p> : null}
    </AdminPanel>
  );
}
