import type { Env } from './read-env.js';
import {
  ENV_FIELDS,
  FLAG_FIELDS,
  LIST_FIELDS,
  NOT_YET_SUPPORTED_ENV,
  NUMERIC_FIELDS,
  type ConfigField,
  type ConfigFlags,
} from './config-sources.js';

export interface ConfigFile {
  path: string;
  /** The parsed JSON; validated field by field after the merge. */
  values: Record<string, unknown>;
}

export interface ConfigLayers {
  flags: ConfigFlags;
  env: Env;
  file: ConfigFile | null;
}

export interface MergedConfig {
  /** Unvalidated input for the protocol's ServerConfig schema. */
  input: Record<string, unknown>;
  /** Where each set field came from, for error messages: `--port`, `GPU_SENTINEL_PORT`, `config file x.json: port`. */
  origins: Record<string, string>;
  warnings: string[];
}

/** flags > env > config file > defaults (the schema fills the defaults). Pure: no I/O. */
export function mergeConfig(layers: ConfigLayers): MergedConfig {
  const input: Record<string, unknown> = {};
  const origins: Record<string, string> = {};

  if (layers.file !== null) {
    for (const [field, value] of Object.entries(layers.file.values)) {
      input[field] = value;
      origins[field] = `config file ${layers.file.path}: ${field}`;
    }
  }
  for (const [name, field] of Object.entries(ENV_FIELDS)) {
    const value = layers.env[name];
    if (value === undefined || value === '') continue;
    input[field] = fromText(field, value);
    origins[field] = name;
  }
  for (const [key, { field, flag }] of Object.entries(FLAG_FIELDS)) {
    const value = layers.flags[key as keyof ConfigFlags];
    if (value === undefined) continue;
    input[field] = fromText(field, value);
    origins[field] = flag;
  }
  return { input, origins, warnings: notYetSupported(layers.env) };
}

/** Numbers and lists arrive as text from flags and env; text that is not a number is left for the schema to reject. */
function fromText(field: ConfigField, value: string): unknown {
  if (LIST_FIELDS.has(field))
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  if (!NUMERIC_FIELDS.has(field)) return value;
  const trimmed = value.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : value;
}

function notYetSupported(env: Env): string[] {
  return Object.entries(NOT_YET_SUPPORTED_ENV)
    .filter(([name]) => (env[name] ?? '') !== '')
    .map(([name, what]) => `${name} is set: ${what}`);
}
