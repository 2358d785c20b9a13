import { randomUUID } from 'node:crypto';
import { IngestResponse, type IngestRequest } from '@gpu-sentinel/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, errorOf, type ApiCall } from './support/api-caller.js';
import { exportedRows, hostGpus, identity, ingestKey, tickOf } from './support/ingest-agent.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** The agent identity of a request body (a hello without its type). */
function agentOf(hostId: string, streamId: string): IngestRequest['agent'] {
  const hello = identity(hostId, streamId);
  return {
    protocol: hello.protocol,
    streamId: hello.streamId,
    hostId: hello.hostId,
    hostname: hello.hostname,
    labels: hello.labels,
    agentVersion: hello.agentVersion,
    intervalMs: hello.intervalMs,
  };
}

describe('POST /api/v1/ingest (the HTTP fallback)', () => {
  let server: TestServer;
  let agent: ApiCall;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 1 });
    agent = apiCaller(server, await ingestKey(server));
  });
  afterAll(async () => {
    await server.stop();
  });

  it('stores the batches once and answers the stream mark once they are stored', async () => {
    const gpus = hostGpus('http-node', 2);
    const streamId = randomUUID();
    const ts = Date.now();
    const body: IngestRequest = {
      agent: agentOf('http-node', streamId),
      inventory: gpus,
      batches: [
        { type: 'batch', seq: 1, samples: tickOf(gpus, ts, 70) },
        { type: 'batch', seq: 2, samples: tickOf(gpus, ts + 250, 71) },
      ],
    };
    const first = await agent('POST', '/api/v1/ingest', body);
    expect(first.status).toBe(200);
    expect(IngestResponse.parse(first.body)).toEqual({ ackedSeq: 2 });

    const replay = await agent('POST', '/api/v1/ingest', body);
    expect(IngestResponse.parse(replay.body)).toEqual({ ackedSeq: 2 });
    const rows = await exportedRows(server, gpus[0]?.uuid ?? '', ts - 1, ts + 1_000);
    expect(rows.map((row) => row.temperatureC)).toEqual([70, 71]);

    const gpu = await server.get(`/api/v1/gpus/${gpus[1]?.uuid ?? ''}`);
    expect(gpu.status).toBe(200);
  });

  it('refuses a sample of another host, naming the field, and stores nothing of the request', async () => {
    const gpus = hostGpus('http-node-2', 1);
    const ts = Date.now();
    const answer = await agent('POST', '/api/v1/ingest', {
      agent: agentOf('http-node-2', randomUUID()),
      batches: [
        { type: 'batch', seq: 1, samples: tickOf(gpus, ts) },
        { type: 'batch', seq: 2, samples: tickOf(hostGpus('elsewhere', 1), ts) },
      ],
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).field).toBe('batches.1.samples.0.hostId');
    expect(await exportedRows(server, gpus[0]?.uuid ?? '', ts - 1, ts + 1)).toEqual([]);
  });

  it('names the field of a malformed body, and refuses callers without ingest rights', async () => {
    const answer = await agent('POST', '/api/v1/ingest', { agent: agentOf('http-node-3', 'not-a-uuid'), batches: [] });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).field).toBe('agent.streamId');

    const reader = await server.identity.createApiKey({ name: 'reader', scope: 'read' }, { actor: 'test', ip: null });
    const body = { agent: agentOf('http-node-3', randomUUID()), batches: [] };
    expect((await apiCaller(server, reader.key)('POST', '/api/v1/ingest', body)).status).toBe(403);
    expect((await server.request('/api/v1/ingest', { method: 'POST' })).status).toBe(401);
  });
});
