import { LoginResponse, ServerConfig, StreamTicketResponse } from '@gpu-sentinel/protocol';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request, type RequestOptions } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ConfigError } from '../src/config/config-error.js';
import { startServer, type RunningServer } from '../src/start-server.js';
import { TEST_ADMIN_PASSWORD, tempDir } from './support/test-server.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A self-signed certificate for localhost, made with the openssl CLI. */
async function selfSigned(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'];
  try {
    await promisify(execFile)('openssl', [
      ...args,
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
  } catch (error) {
    throw new Error(`the TLS test needs the openssl CLI (apt-get install openssl): ${String(error)}`);
  }
  return { cert, key };
}

function call(url: string, options: RequestOptions & { body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, options, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('TLS: HTTPS and WSS on one port', () => {
  const temp = tempDir('tls');
  let dir: string;
  let server: RunningServer;
  let ca: Buffer;
  let base: string;

  beforeAll(async () => {
    dir = (await temp).dir;
    const files = await selfSigned(dir);
    ca = await readFile(files.cert);
    const config = ServerConfig.parse({
      port: 0,
      host: '127.0.0.1',
      source: 'simulated',
      gpus: 2,
      dataDir: join(dir, 'data'),
      adminPassword: TEST_ADMIN_PASSWORD,
      tlsCert: files.cert,
      tlsKey: files.key,
    });
    server = await startServer({ config, logger: pino({ level: 'silent' }) });
    base = `https://localhost:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    await (await temp).remove();
  });

  it('serves /healthz over HTTPS with HSTS', async () => {
    expect(server.url).toMatch(/^https:\/\//);
    const answer = await call(`${base}/healthz`, { ca });
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('refuses a client that does not trust the certificate', async () => {
    await expect(call(`${base}/healthz`, {})).rejects.toThrow(/self-signed|certificate/i);
  });

  it('streams over WSS with a ticket', async () => {
    const login = await call(`${base}/api/v1/auth/login`, {
      ca,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = LoginResponse.parse(JSON.parse(login.body));
    const issued = await call(`${base}/api/v1/stream/ticket`, {
      ca,
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const { ticket } = StreamTicketResponse.parse(JSON.parse(issued.body));
    const socket = new WebSocket(`wss://localhost:${server.port}/api/v1/stream?ticket=${ticket}`, { ca });
    const first = await new Promise<string>((resolve, reject) => {
      socket.once('message', (data: Buffer) => resolve(data.toString('utf8')));
      socket.once('error', reject);
    });
    socket.close();
    expect(JSON.parse(first)).toMatchObject({ type: 'snapshot' });
  });
});

describe('TLS settings', () => {
  const base = { port: 0, host: '127.0.0.1', source: 'simulated' as const, logLevel: 'silent' as const };
  const start = async (tls: { tlsCert?: string; tlsKey?: string }): Promise<unknown> => {
    const temp = await tempDir('tls-bad');
    try {
      const config = ServerConfig.parse({ ...base, dataDir: temp.dir, ...tls });
      const server = await startServer({ config, logger: pino({ level: 'silent' }) });
      await server.close();
      return null;
    } catch (error) {
      return error;
    } finally {
      await temp.remove();
    }
  };

  it('stops with a clear error when only one of cert and key is given', async () => {
    const error = await start({ tlsCert: '/tmp/cert.pem' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/--tls-key \(GPU_SENTINEL_TLS_KEY\) is missing/);
  });

  it('stops with a clear error when a file cannot be read', async () => {
    const error = await start({ tlsCert: '/no/such/cert.pem', tlsKey: '/no/such/key.pem' });
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/Cannot read the TLS certificate \/no\/such\/cert\.pem/);
  });
});
