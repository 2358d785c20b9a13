import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { fuzzAuthorization, fuzzBody, fuzzPath, fuzzQuery, METHODS, Random } from './support/fuzz-inputs.js';
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from './support/test-server.js';

const SEED = 20_260_311;
const HTTP_REQUESTS = 10_000;
const IN_FLIGHT = 24;

/** Sends raw bytes on a fresh connection and returns what came back (until the server closes or 2 s pass). */
function raw(port: number, data: Buffer | string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = (): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(2_000, done);
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', done);
    socket.on('close', done);
    socket.write(data);
  });
}

const statusOf = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

describe('fuzzing every route', () => {
  let server: TestServer;
  let routes: string[];
  let routeKeys: string[];
  /** A fresh admin session: the fuzzer may well log its own session out. */
  const adminToken = async (): Promise<string> => (await server.login('admin', TEST_ADMIN_PASSWORD)).accessToken;
  const statuses = new Map<number, number>();
  const serverErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 2, intervalMs: 200 });
    routeKeys = [...server.app.routePolicies.keys()];
    routes = [...new Set(routeKeys.map((key) => key.split(' ')[1] ?? '/'))];
  });
  afterAll(async () => {
    await server.stop();
  });

  const count = (status: number, what: string): void => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 500) serverErrors.push(`${status} ${what}`);
  };

  it(`answers ${HTTP_REQUESTS} malformed requests without a 5xx`, { timeout: 120_000 }, async () => {
    const random = new Random(SEED);
    const token = await adminToken();
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (sent < HTTP_REQUESTS) {
        sent += 1;
        // Mostly a route's own method on its own path, so the requests reach the handlers.
        const [ownMethod = 'GET', ownUrl = '/'] = random.pick(routeKeys).split(' ');
        const isOwn = random.chance(0.6);
        const method = isOwn ? ownMethod : random.pick(METHODS);
        const path = fuzzPath(random, isOwn ? [ownUrl] : routes) + fuzzQuery(random);
        const headers: Record<string, string> = {};
        const authorization = fuzzAuthorization(random, token);
        if (authorization !== null) headers.authorization = authorization;
        if (random.chance(0.05)) headers['x-padding'] = 'p'.repeat(8_000);
        let body: string | Buffer | undefined;
        if (method !== 'GET' && method !== 'HEAD' && random.chance(0.8)) {
          const fuzzed = fuzzBody(random);
          if (fuzzed.contentType !== '') headers['content-type'] = fuzzed.contentType;
          body = fuzzed.body;
        }
        try {
          const response = await server.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
          await response.arrayBuffer();
          count(response.status, `${method} ${path.slice(0, 120)}`);
        } catch {
          count(0, `${method} ${path.slice(0, 120)}`); // the client refused to send it, or the server closed
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    expect(serverErrors).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(HTTP_REQUESTS);
    // Not everything was refused at the door: the handlers themselves saw plenty of it.
    expect((statuses.get(200) ?? 0) + (statuses.get(400) ?? 0) + (statuses.get(404) ?? 0)).toBeGreaterThan(1_000);
  });

  it('survives malformed HTTP and WebSocket upgrades', { timeout: 60_000 }, async () => {
    const random = new Random(SEED + 1);
    const ticket = new URL(await server.streamUrl(await adminToken())).search;
    const upgrades = [
      'GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      `GET /api/v1/stream${ticket} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 99\r\nSec-WebSocket-Key: x\r\n\r\n`,
      'GET /api/v1/stream?ticket=%zz HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      'GET /api/v1/gpus HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      'POST /api/v1/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzzzzz',
      'GARBAGE\r\n\r\n',
    ];
    for (let i = 0; i < 300; i += 1) {
      const data =
        i < upgrades.length * 20 ? (upgrades[i % upgrades.length] ?? '') : random.bytes(1 + random.int(3_000));
      const status = statusOf(await raw(server.port, data));
      count(status, `raw #${i}`);
    }
    expect(serverErrors).toEqual([]);
  });

  it('closes sockets that send garbage frames, and keeps serving the others', { timeout: 60_000 }, async () => {
    const random = new Random(SEED + 2);
    const token = await adminToken();
    const healthy = new WebSocket(await server.streamUrl(token));
    await new Promise((resolve) => healthy.once('message', resolve));
    for (let i = 0; i < 40; i += 1) {
      const socket = new WebSocket(await server.streamUrl(token));
      await new Promise((resolve) => socket.once('open', resolve));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      if (i % 2 === 0) socket.send(random.bytes(5_000 + random.int(5_000)));
      else socket.send(random.text(200));
      if (i % 2 === 1) socket.close();
      await closed;
    }
    for (let i = 0; i < 40; i += 1) {
      const path = new URL(await server.streamUrl(token));
      const answer = await raw(
        server.port,
        Buffer.concat([
          Buffer.from(
            `GET ${path.pathname}${path.search} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
              'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
          ),
          random.bytes(1 + random.int(500)),
        ]),
      );
      expect(statusOf(answer)).toBe(101);
    }
    const before = (await new Promise<Buffer>((resolve) => healthy.once('message', resolve))).length;
    expect(before).toBeGreaterThan(0);
    expect(healthy.readyState).toBe(WebSocket.OPEN);
    healthy.close();
  });

  it('is healthy afterwards', async () => {
    expect((await server.request('/readyz')).status).toBe(200);
    const headers = { authorization: `Bearer ${await adminToken()}` };
    const gpus = await server.request('/api/v1/gpus', { headers });
    expect(gpus.status).toBe(200);
    expect(((await gpus.json()) as { gpus: unknown[] }).gpus).toHaveLength(2);
  });
});
