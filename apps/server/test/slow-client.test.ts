import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStreamClient } from './support/stream-client.js';
import { eventually, startTestServer, type TestServer } from './support/test-server.js';

/** A WebSocket client that completes the handshake and then never reads: its socket is paused. */
async function connectNeverReading(port: number, streamUrl: string): Promise<Socket> {
  const path = new URL(streamUrl).pathname + new URL(streamUrl).search;
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    socket.once('data', (chunk: Buffer) => {
      if (chunk.toString('latin1').startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`handshake refused: ${chunk.toString('latin1').split('\r\n')[0] ?? ''}`));
    });
  });
  socket.pause();
  return socket;
}

describe('a client that does not read', () => {
  let server: TestServer;

  beforeAll(async () => {
    // 64 GPUs at 100 ms is about 40 kB per tick, so the never-reading socket fills its kernel buffers fast.
    server = await startTestServer(
      { source: 'simulated', gpus: 64, intervalMs: 100, wsMaxBufferedBytes: 64 * 1024 },
      { slowClientTimeoutMs: 1_500 },
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  // Loopback kernel buffers take several MB before the server sees back-pressure: about 15 s here.
  it(
    'gets ticks skipped and is then disconnected, while a normal client keeps receiving',
    { timeout: 90_000 },
    async () => {
      const normal = await TestStreamClient.connect(await server.streamUrl());
      const slow = await connectNeverReading(server.port, await server.streamUrl());
      try {
        await eventually(
          'ticks skipped for the slow client',
          () => (server.hubStats().skippedTicks > 0 ? true : undefined),
          60_000,
        );
        await eventually(
          'the slow client dropped',
          () => (server.hubStats().droppedSlowClients === 1 ? true : undefined),
          60_000,
        );
        expect(server.hubStats().clients).toBe(1);

        const ticksAtDrop = normal.ofType('samples').length;
        await normal.waitForTicks(ticksAtDrop + 5);
        expect(normal.closeCode).toBeNull();
        const last = normal.ofType('samples').at(-1);
        expect(last?.samples).toHaveLength(64);
      } finally {
        slow.destroy();
        normal.close();
      }
    },
  );
});
