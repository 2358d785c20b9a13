import type { ChannelRecord } from '../store/alert-store.js';
import { DeliveryError } from './notifier.js';

interface ConfigSchema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * The channel's config, parsed with its type's protocol schema. A stored config that no longer parses
 * cannot be delivered by retrying: a permanent DeliveryError naming the fields (never their values,
 * which may be secrets).
 */
export function parseChannelConfig<T>(channel: ChannelRecord, schema: ConfigSchema<T>): T {
  const result = schema.safeParse(channel.config);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.length === 0 ? 'config' : issue.path.map(String).join('.')}: ${issue.message}`)
    .join('; ');
  throw new DeliveryError(`channel "${channel.name}" has an invalid ${channel.type} config (${problems})`, true);
}

/** What every channel's send takes beside the channel and payload. */
export interface SendContext {
  /** Per request (HTTP) or per connection phase (SMTP). */
  timeoutMs: number;
  now: () => number;
}
