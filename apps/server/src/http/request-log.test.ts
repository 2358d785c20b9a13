import fastifyWebsocket from '@fastify/websocket';
import { ManualClock } from '@gpu-sentinel/core';
import type { Principal } from '@gpu-sentinel/protocol';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { TokenTable } from '../../test/support/app-deps.js';
import { UnauthenticatedError } from '../errors/app-error.js';
import { StreamTickets } from '../ws/stream-tickets.js';
import { registerAuthHooks } from './auth-hooks.js';
import { registerErrorHandler } from './error-handler.js';
import { registerRateLimits } from './rate-limits.js';
import { registerRequestLog } from './request-log.js';
import { requireRoutePolicies } from './route-policy.js';

const RITA: Principal = { kind: 'user', userId: 2, username: 'rita', role: 'admin', sessionId: 'sess-secret-1' };
const GRAFANA: Principal = { kind: 'apiKey', keyId: 9, name: 'grafana', scope: 'read' };
const RITA_TOKEN = 'rita-token-secret';
const KEY_TOKEN = 'gs_key-secret';

interface LoggedLine {
  level: number;
  msg: string;
  reqId?: string;
  method?: string;
  route?: string | null;
  status?: number;
  durationMs?: number;
  principal?: string | null;
  ip?: string;
}

const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** A small app with the real auth hooks, rate limits and error handler, logging JSON lines to memory. */
async function loggedApp(raw: string[], tickets: StreamTickets): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = pino({ level: 'debug' }, { write: (line: string) => raw.push(line) });
  const app = Fastify({
    loggerInstance: logger,
    genReqId: () => randomUUID(),
    logController: new LogController({ disableRequestLogging: true }),
  });
  registerErrorHandler(app);
  requireRoutePolicies(app);
  registerRequestLog(app);
  const tokens = new TokenTable();
  tokens.add(RITA_TOKEN, RITA);
  tokens.add(KEY_TOKEN, GRAFANA);
  registerAuthHooks(app, tokens, tickets);
  await registerRateLimits(app, {
    perMinute: 1_000,
    historyPerMinute: 1_000,
    loginPerMinute: 1,
    redis: null,
    redisPrefix: 'test:',
  });
  await app.register(fastifyWebsocket);
  app.get('/api/v1/gpus/:uuid', { config: { policy: 'gpus:read' } }, () => ({ ok: true }));
  app.post('/api/v1/rules', { config: { policy: 'rules:write' } }, (_request, reply) => reply.code(201).send({}));
  app.get('/api/v1/broken', { config: { policy: 'public' } }, () => {
    throw new Error('disk on fire');
  });
  app.post('/api/v1/auth/refresh', { config: { policy: 'public' } }, () => {
    throw new UnauthenticatedError('refresh token expired');
  });
  app.post('/api/v1/ingest', { config: { policy: 'public' } }, () => ({ accepted: 1 }));
  app.post('/api/v1/auth/login', { config: { policy: 'public' } }, () => ({ ok: true }));
  app.get('/api/v1/stream', { websocket: true, config: { policy: 'gpus:read', acceptsTicket: true } }, (socket) => {
    socket.send('hello');
  });
  return app;
}

describe('request log', () => {
  const raw: string[] = [];
  const tickets = new StreamTickets(new ManualClock(1_000_000));
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await loggedApp(raw, tickets);
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });

  const lines = (): LoggedLine[] => raw.map((line) => JSON.parse(line) as LoggedLine);
  /** The request line for one id: onResponse runs just after the response is sent, so wait for it. */
  async function lineFor(requestId: string): Promise<LoggedLine> {
    return vi.waitFor(
      () => {
        const found = lines().filter((line) => line.reqId === requestId && line.status !== undefined);
        const [line, ...more] = found;
        if (line === undefined || more.length > 0) throw new Error(`${String(found.length)} lines for ${requestId}`);
        return line;
      },
      { timeout: 5_000 },
    );
  }
  async function request(
    method: 'GET' | 'POST',
    url: string,
    token?: string,
  ): Promise<{ status: number; line: LoggedLine }> {
    const headers = token === undefined ? {} : { authorization: `Bearer ${token}` };
    const response = await app.inject({ method, url, headers });
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    return { status: response.statusCode, line: await lineFor(String(requestId)) };
  }

  it('writes one line per request: route pattern, status, latency, principal, ip — never the query or token', async () => {
    const { status, line } = await request('GET', '/api/v1/gpus/GPU-abc?ticket=tkt-secret&filter=x', RITA_TOKEN);

    expect(status).toBe(200);
    expect(line).toMatchObject({
      level: LEVEL.debug,
      method: 'GET',
      route: '/api/v1/gpus/:uuid',
      status: 200,
      principal: 'user:rita',
      ip: '127.0.0.1',
    });
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
    const text = raw.join('\n');
    for (const secret of ['GPU-abc', 'tkt-secret', 'filter=x', RITA_TOKEN, 'sess-secret-1', 'Bearer']) {
      expect(text).not.toContain(secret);
    }
  });

  it('names an API key by its name; a successful write at info, an agent batch at debug', async () => {
    const { status, line } = await request('POST', '/api/v1/rules', KEY_TOKEN);
    // The read key may not write rules: a refusal, at warn.
    expect(status).toBe(403);
    expect(line).toMatchObject({ level: LEVEL.warn, principal: 'apikey:grafana', route: '/api/v1/rules' });
    expect(raw.join('\n')).not.toContain(KEY_TOKEN);

    const write = await request('POST', '/api/v1/rules', RITA_TOKEN);
    expect(write.status).toBe(201);
    expect(write.line).toMatchObject({ level: LEVEL.info, method: 'POST', status: 201, principal: 'user:rita' });

    // Agents on the HTTP fallback post a batch every few hundred ms: polls, not changes.
    expect((await request('POST', '/api/v1/ingest')).line).toMatchObject({ level: LEVEL.debug, status: 200 });
  });

  it('logs a failure at error with the id the 500 body carries, and an unknown route without its path', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/broken' });
    expect(response.statusCode).toBe(500);
    const requestId = String(response.headers['x-request-id']);
    expect(response.json()).toMatchObject({ error: { requestId } });
    expect(await lineFor(requestId)).toMatchObject({ level: LEVEL.error, status: 500, principal: null });

    const missing = await request('GET', '/api/v1/nowhere/secret-path?token=t');
    expect(missing.status).toBe(404);
    expect(missing.line).toMatchObject({ level: LEVEL.warn, route: null });
    expect(raw.join('\n')).not.toContain('secret-path');
  });

  it('keeps routine refusals at info: an expired refresh and a rate-limited client', async () => {
    const refresh = await request('POST', '/api/v1/auth/refresh');
    expect(refresh.status).toBe(401);
    expect(refresh.line).toMatchObject({ level: LEVEL.info, route: '/api/v1/auth/refresh' });

    expect((await request('POST', '/api/v1/auth/login')).line.level).toBe(LEVEL.info);
    const limited = await request('POST', '/api/v1/auth/login');
    expect(limited.status).toBe(429);
    expect(limited.line).toMatchObject({ level: LEVEL.info, status: 429 });

    // Any other 401 is worth a warning: someone is knocking without a valid credential.
    const anonymous = await request('GET', '/api/v1/gpus/GPU-abc');
    expect(anonymous.status).toBe(401);
    expect(anonymous.line.level).toBe(LEVEL.warn);
  });

  it('logs one line when a stream socket opens, without its ticket, and a refused upgrade as a 401', async () => {
    const { port } = app.server.address() as { port: number };
    const { ticket } = await tickets.issue(RITA);
    const before = raw.length;
    const socket = new WebSocket(`ws://127.0.0.1:${String(port)}/api/v1/stream?ticket=${ticket}`);
    await new Promise<void>((resolve, reject) => {
      socket.once('message', () => resolve());
      socket.once('error', reject);
    });
    socket.close();
    await new Promise((resolve) => socket.once('close', resolve));

    const refused = new WebSocket(`ws://127.0.0.1:${String(port)}/api/v1/stream?ticket=used-${ticket}`);
    const refusedStatus = await new Promise<number>((resolve) => {
      refused.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    });
    expect(refusedStatus).toBe(401);

    const streamLines = await vi.waitFor(
      () => {
        const found = lines()
          .slice(before)
          .filter((line) => line.route === '/api/v1/stream');
        expect(found).toHaveLength(2);
        return found;
      },
      { timeout: 5_000 },
    );
    expect(streamLines[0]).toMatchObject({
      level: LEVEL.debug,
      status: 101,
      principal: 'user:rita',
      msg: 'websocket opened',
    });
    expect(streamLines[1]).toMatchObject({ level: LEVEL.warn, status: 401, principal: null });
    expect(raw.join('\n')).not.toContain(ticket);
  });
});
