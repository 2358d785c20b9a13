import { readFile } from 'node:fs/promises';
import type { ServerConfig } from '@gpu-sentinel/protocol';
import { ConfigError } from './config-error.js';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/** Both `tlsCert` and `tlsKey` → their PEM contents; neither → null (plain HTTP); one alone is an error. */
export async function loadTls(config: Pick<ServerConfig, 'tlsCert' | 'tlsKey'>): Promise<TlsFiles | null> {
  const { tlsCert, tlsKey } = config;
  if (tlsCert === undefined && tlsKey === undefined) return null;
  if (tlsCert === undefined || tlsKey === undefined) {
    const missing = tlsCert === undefined ? '--tls-cert (GPU_SENTINEL_TLS_CERT)' : '--tls-key (GPU_SENTINEL_TLS_KEY)';
    throw new ConfigError(`TLS needs both a certificate and a key: ${missing} is missing`);
  }
  return { cert: await readPem(tlsCert, 'certificate'), key: await readPem(tlsKey, 'key') };
}

async function readPem(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Cannot read the TLS ${what} ${path}: ${reason}`);
  }
}
