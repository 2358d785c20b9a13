import { FLAG_FIELDS, type ConfigFlags } from './config-sources.js';

/** The config-bearing flags out of a command's parsed options; the rest (`--json`, `--config`) are the command's. */
export function pickConfigFlags(options: Readonly<Record<string, unknown>>): ConfigFlags {
  const flags: ConfigFlags = {};
  for (const key of Object.keys(FLAG_FIELDS) as (keyof typeof FLAG_FIELDS)[]) {
    const value = options[key];
    if (typeof value === 'string') flags[key] = value;
  }
  return flags;
}

/** `--config`, when given as a string. */
export function configPathOf(options: Readonly<Record<string, unknown>>): string | undefined {
  return typeof options.config === 'string' ? options.config : undefined;
}
