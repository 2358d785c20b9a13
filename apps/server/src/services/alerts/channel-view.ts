import { SECRET_CONFIG_FIELDS, type Channel } from '@gpu-sentinel/protocol';
import type { ChannelRecord } from '../../store/alert-store.js';

const SECRETS: ReadonlySet<string> = new Set(SECRET_CONFIG_FIELDS);

/**
 * A channel as clients see it: secret config fields (passwords, signing secrets) removed and named
 * in `secretsSet`, so a form can say "set" without the value ever leaving the server.
 */
export function toChannelView(record: ChannelRecord): Channel {
  const config: Record<string, unknown> = {};
  const secretsSet: string[] = [];
  for (const [key, value] of Object.entries(record.config)) {
    if (!SECRETS.has(key)) config[key] = value;
    else if (value !== undefined && value !== null && value !== '') secretsSet.push(key);
  }
  return {
    id: record.id,
    name: record.name,
    type: record.type,
    config,
    secretsSet: secretsSet.sort(),
    severities: [...record.severities],
    enabled: record.enabled,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
