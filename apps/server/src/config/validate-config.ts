import { ServerConfig } from '@gpu-sentinel/protocol';
import { ConfigError } from './config-error.js';
import type { MergedConfig } from './merge-config.js';

/** Values that may carry credentials are never echoed back in an error. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['databaseUrl', 'redisUrl', 'adminPassword', 'secret']);

/** Validate merged input with the protocol's schema; a failure names the flag, env var or file field. */
export function validateConfig(merged: MergedConfig): ServerConfig {
  const result = ServerConfig.safeParse(merged.input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${merged.origins[key] ?? key}: unknown setting`).join('\n');
    }
    const field = issue.path.map(String).join('.');
    const origin = merged.origins[field] ?? field;
    const value = merged.input[field];
    const shown = value === undefined || SECRET_FIELDS.has(field) ? '' : ` (got ${JSON.stringify(value)})`;
    return `${origin}: ${issue.message}${shown}`;
  });
  throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}
