import { readFile } from 'node:fs/promises';
import type { ServerConfig } from '@gpu-sentinel/protocol';
import { CONFIG_FILE_ENV, type ConfigFlags } from './config-sources.js';
import { ConfigError } from './config-error.js';
import { mergeConfig, type ConfigFile } from './merge-config.js';
import type { Env } from './read-env.js';
import { validateConfig } from './validate-config.js';

export interface LoadedConfig {
  config: ServerConfig;
  /** Things to tell the operator at start-up (settings accepted but not used yet). */
  warnings: string[];
  configFile: string | null;
}

export interface LoadConfigOptions {
  flags: ConfigFlags;
  /** `--config`: wins over GPU_SENTINEL_CONFIG. */
  configPath?: string | undefined;
  env: Env;
}

/** Read and validate the configuration once, at start-up: flags > env > config file > defaults. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const path = options.configPath ?? nonEmpty(options.env[CONFIG_FILE_ENV]);
  const file = path === undefined ? null : await readConfigFile(path);
  const merged = mergeConfig({ flags: options.flags, env: options.env, file });
  return { config: validateConfig(merged), warnings: merged.warnings, configFile: path ?? null };
}

async function readConfigFile(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the config file ${path}: ${messageOf(error)}`);
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The config file ${path} is not valid JSON: ${messageOf(error)}`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new ConfigError(`The config file ${path} must hold a JSON object of settings`);
  }
  return { path, values: values as Record<string, unknown> };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
