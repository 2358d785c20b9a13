import { RetentionSettings, type ServerConfig, type StorageSettingsBody } from '@gpu-sentinel/protocol';
import type { IdentityStore } from '../../store/identity-store.js';

/** The settings-table key holding the retention an admin chose (JSON of RetentionSettings). */
export const RETENTION_SETTING_KEY = 'storage.retention';

export type SettingsPort = Pick<IdentityStore, 'getSetting' | 'setSetting'>;

/** What the configuration says (flags, env, file, or the built-in defaults), used until an admin changes it. */
export function configuredRetention(
  config: Pick<
    ServerConfig,
    'retentionRawHours' | 'retentionMinuteDays' | 'retentionTenMinuteDays' | 'retentionHourDays'
  >,
): RetentionSettings {
  return {
    rawHours: config.retentionRawHours,
    minuteDays: config.retentionMinuteDays,
    tenMinuteDays: config.retentionTenMinuteDays,
    hourDays: config.retentionHourDays,
  };
}

export interface LoadedRetention {
  settings: RetentionSettings;
  /** Why the stored value was not used, when it was there but unreadable. */
  problem: string | null;
}

/** The stored retention when there is a valid one, else `defaults` (with the reason a stored one was ignored). */
export async function loadRetention(store: SettingsPort, defaults: RetentionSettings): Promise<LoadedRetention> {
  const text = await store.getSetting(RETENTION_SETTING_KEY);
  if (text === undefined) return { settings: defaults, problem: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { settings: defaults, problem: `${RETENTION_SETTING_KEY} is not JSON` };
  }
  // Stored by an older or newer version: keep what is valid, fill the rest from the defaults.
  const parsed = RetentionSettings.partial().safeParse(value);
  if (!parsed.success)
    return { settings: defaults, problem: `${RETENTION_SETTING_KEY} is invalid: ${parsed.error.message}` };
  return { settings: mergeRetention(defaults, parsed.data), problem: null };
}

export async function saveRetention(store: SettingsPort, settings: RetentionSettings): Promise<void> {
  await store.setSetting(RETENTION_SETTING_KEY, JSON.stringify(settings));
}

/** The current settings with the fields an admin sent replaced. */
export function mergeRetention(current: RetentionSettings, patch: StorageSettingsBody['retention']): RetentionSettings {
  return {
    rawHours: patch.rawHours ?? current.rawHours,
    minuteDays: patch.minuteDays ?? current.minuteDays,
    tenMinuteDays: patch.tenMinuteDays ?? current.tenMinuteDays,
    hourDays: patch.hourDays ?? current.hourDays,
  };
}
