import { SECRET_CONFIG_FIELDS, type ChannelBody } from '@gpu-sentinel/protocol';
import type { Secrets } from '../../auth/secrets.js';
import type { AlertStore, ChannelRecord } from '../../store/alert-store.js';

type Cipher = Pick<Secrets, 'encrypt' | 'decrypt'>;

/**
 * The alert store with channel credentials (SECRET_CONFIG_FIELDS: SMTP passwords, webhook signing
 * secrets) encrypted at rest with keys derived from GPU_SENTINEL_SECRET: the database and its
 * backups never hold them in clear. Everything above this sees plain values.
 */
export function sealChannelSecrets(store: AlertStore, cipher: Cipher): AlertStore {
  const open = (channel: ChannelRecord): ChannelRecord => openChannel(channel, cipher);
  const openMaybe = (channel: ChannelRecord | undefined) => (channel === undefined ? undefined : open(channel));
  return {
    ...store,
    createChannel: async (body, now) => open(await store.createChannel(sealBody(body, cipher), now)),
    updateChannel: async (id, body, now) => openMaybe(await store.updateChannel(id, sealBody(body, cipher), now)),
    getChannel: async (id) => openMaybe(await store.getChannel(id)),
    listChannels: async () => (await store.listChannels()).map(open),
    claimDueDeliveries: async (now, limit, leaseMs) =>
      (await store.claimDueDeliveries(now, limit, leaseMs)).map((delivery) => ({
        ...delivery,
        channel: delivery.channel === null ? null : open(delivery.channel),
      })),
  };
}

function sealBody(body: ChannelBody, cipher: Cipher): ChannelBody {
  const config: Record<string, unknown> = { ...body.config };
  for (const field of SECRET_CONFIG_FIELDS) {
    const value = config[field];
    if (typeof value === 'string') config[field] = cipher.encrypt(value);
  }
  return { ...body, config } as ChannelBody;
}

function openChannel(channel: ChannelRecord, cipher: Cipher): ChannelRecord {
  const secretFields: ReadonlySet<string> = new Set(SECRET_CONFIG_FIELDS);
  const config: Record<string, unknown> = {};
  const unreadable: string[] = [];
  for (const [field, value] of Object.entries(channel.config)) {
    if (!secretFields.has(field) || typeof value !== 'string') {
      config[field] = value;
      continue;
    }
    try {
      config[field] = cipher.decrypt(value);
    } catch {
      unreadable.push(field);
    }
  }
  return unreadable.length === 0 ? { ...channel, config } : { ...channel, config, unreadableSecrets: unreadable };
}
