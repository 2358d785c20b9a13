import { StreamTicketResponse, type Principal } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { buildApp } from '../src/app.js';
import { CLOSE_REVOKED, StreamHub } from '../src/ws/stream-hub.js';
import { StreamTickets } from '../src/ws/stream-tickets.js';
import { appDeps, TokenTable } from './support/app-deps.js';
import { eventually } from './support/test-server.js';
import { ManualClock } from '@gpu-sentinel/core';
import { pino } from 'pino';

const READER: Principal = { kind: 'user', userId: 2, username: 'rita', role: 'reader', sessionId: 'sess-r' };
const OTHER: Principal = { ...READER, sessionId: 'sess-o' };
const READ_KEY: Principal = { kind: 'apiKey', keyId: 9, name: 'grafana', scope: 'read' };
const INGEST_KEY: Principal = { kind: 'apiKey', keyId: 10, name: 'agent', scope: 'ingest' };

/** Opens a socket and reports how the upgrade went: the first message, or the HTTP status that refused it. */
function open(url: string): Promise<{ socket: WebSocket; first: string } | { status: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('message', (data: Buffer) => resolve({ socket, first: data.toString('utf8') }));
    socket.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0 }));
    socket.once('error', reject);
  });
}

describe('stream tickets', () => {
  const clock = new ManualClock(5_000_000);
  const tokens = new TokenTable();
  const hub = new StreamHub({
    clock,
    maxBufferedBytes: 1_024,
    snapshot: () => ({ type: 'snapshot', system: {} as never, inventory: [], samples: [] }),
    fleetInventory: () => [],
    localHostId: null,
    log: pino({ level: 'silent' }),
  });
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    tokens.add('reader', READER);
    tokens.add('other', OTHER);
    tokens.add('read-key', READ_KEY);
    tokens.add('ingest-key', INGEST_KEY);
    app = await buildApp(appDeps({ authenticator: tokens, clock, hub, tickets: new StreamTickets(clock) }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    hub.closeAll();
    await app.close();
  });

  async function ticketFor(token: string): Promise<Response> {
    return fetch(`http://${base}/api/v1/stream/ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  }
  async function ticket(token: string): Promise<string> {
    const response = await ticketFor(token);
    expect(response.status).toBe(200);
    const body = StreamTicketResponse.parse(await response.json());
    expect(body.expiresIn).toBe(30);
    return body.ticket;
  }

  it('gives a signed-in reader and a read key a ticket; not an ingest key or no one', async () => {
    await ticket('reader');
    await ticket('read-key');
    expect((await ticketFor('ingest-key')).status).toBe(403);
    expect((await fetch(`http://${base}/api/v1/stream/ticket`, { method: 'POST' })).status).toBe(401);
  });

  it('opens the stream once per ticket, with the snapshot first', async () => {
    const value = await ticket('reader');
    const first = await open(`ws://${base}/api/v1/stream?ticket=${value}`);
    if (!('socket' in first)) throw new Error(`refused with ${first.status}`);
    expect(JSON.parse(first.first)).toMatchObject({ type: 'snapshot' });
    first.socket.close();
    expect(await open(`ws://${base}/api/v1/stream?ticket=${value}`)).toEqual({ status: 401 });
  });

  it('refuses a missing, unknown or expired ticket with 401 and sends nothing', async () => {
    expect(await open(`ws://${base}/api/v1/stream`)).toEqual({ status: 401 });
    expect(await open(`ws://${base}/api/v1/stream?ticket=made-up`)).toEqual({ status: 401 });
    const value = await ticket('reader');
    clock.advance(30_001);
    expect(await open(`ws://${base}/api/v1/stream?ticket=${value}`)).toEqual({ status: 401 });
  });

  it('closes the sockets of a session when it is revoked, and only those', async () => {
    const mine = await open(`ws://${base}/api/v1/stream?ticket=${await ticket('reader')}`);
    const theirs = await open(`ws://${base}/api/v1/stream?ticket=${await ticket('other')}`);
    const key = await open(`ws://${base}/api/v1/stream?ticket=${await ticket('read-key')}`);
    if (!('socket' in mine) || !('socket' in theirs) || !('socket' in key)) throw new Error('refused');
    const codes = new Map<string, number>();
    mine.socket.on('close', (code) => codes.set('mine', code));
    key.socket.on('close', (code) => codes.set('key', code));

    hub.closeSession('sess-r');
    hub.closeApiKey(9);
    await eventually('both closed', () => (codes.size === 2 ? true : undefined));
    expect(codes.get('mine')).toBe(CLOSE_REVOKED);
    expect(codes.get('key')).toBe(CLOSE_REVOKED);
    expect(theirs.socket.readyState).toBe(WebSocket.OPEN);
    theirs.socket.close();
  });
});
