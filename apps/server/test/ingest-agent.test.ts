import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedRows, hostGpus, identity, ingestKey, tickOf, TestAgent } from './support/ingest-agent.js';
import { TestStreamClient } from './support/stream-client.js';
import { eventually, sleep, startTestServer, type TestServer } from './support/test-server.js';

describe('agents on /api/v1/agent', () => {
  let server: TestServer;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer({ source: 'none' });
    key = await ingestKey(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('welcomes an agent, acks its batches once stored, and streams its live samples to dashboards', async () => {
    const stream = await TestStreamClient.connect(await server.streamUrl());
    const agent = await TestAgent.connect(server, key);
    const hello = identity('gpu-node-1');
    expect(await agent.welcome(hello)).toBe(0);
    const gpus = hostGpus('gpu-node-1', 2);
    agent.send({ type: 'inventory', inventory: gpus });
    const now = Date.now();
    agent.send({ type: 'batch', seq: 1, samples: tickOf(gpus, now, 61) });
    agent.send({ type: 'batch', seq: 2, samples: tickOf(gpus, now + 250, 62) });
    await agent.acked(2);
    // Acks are cumulative, one per writer flush: both batches were likely stored by the same one.
    const acks = agent.acks();
    expect(acks.at(-1)).toBe(2);
    expect(acks).toEqual([...new Set(acks)].sort((a, b) => a - b));

    const live = await eventually('the agent samples on the stream', () =>
      stream.ofType('samples').find((m) => m.samples.some((s) => s.uuid === gpus[0]?.uuid && s.temperatureC === 62)),
    );
    expect(live.samples.every((s) => s.hostId === 'gpu-node-1')).toBe(true);
    expect(
      stream
        .ofType('inventory')
        .at(-1)
        ?.inventory.map((gpu) => gpu.uuid),
    ).toEqual(gpus.map((gpu) => gpu.uuid));
    expect(await exportedRows(server, gpus[0]?.uuid ?? '', now - 1, now + 1_000)).toHaveLength(2);

    const answer = await server.get(`/api/v1/gpus/${gpus[1]?.uuid ?? ''}`);
    expect(answer.status).toBe(200);
    agent.close();
    stream.close();
  });

  it('stores a replayed (old) batch without broadcasting it, and stores a batch sent twice once', async () => {
    const stream = await TestStreamClient.connect(await server.streamUrl());
    const hello = identity('gpu-node-2');
    const gpus = hostGpus('gpu-node-2', 1);
    const uuid = gpus[0]?.uuid ?? '';
    const old = Date.now() - 10 * 60_000;
    const agent = await TestAgent.connect(server, key);
    await agent.welcome(hello);
    agent.send({ type: 'batch', seq: 1, samples: tickOf(gpus, old, 40) });
    agent.send({ type: 'batch', seq: 2, samples: tickOf(gpus, old + 250, 41) });
    agent.send({ type: 'batch', seq: 2, samples: tickOf(gpus, old + 250, 41) }); // the same batch again
    await agent.acked(2);
    agent.close();
    await agent.closed();

    // The agent reconnects (same stream) and replays from before its last ack.
    const again = await TestAgent.connect(server, key);
    expect(await again.welcome(hello)).toBe(2);
    again.send({ type: 'batch', seq: 2, samples: tickOf(gpus, old + 250, 41) });
    again.send({ type: 'batch', seq: 3, samples: tickOf(gpus, old + 500, 42) });
    await again.acked(3);
    again.close();

    expect((await exportedRows(server, uuid, old - 1, old + 1_000)).map((s) => s.temperatureC)).toEqual([40, 41, 42]);
    await sleep(200);
    expect(stream.ofType('samples').some((m) => m.samples.some((s) => s.uuid === uuid))).toBe(false);
    stream.close();
  });

  it('refuses a sample of another host with an error naming the field, and closes with 1008', async () => {
    const agent = await TestAgent.connect(server, key);
    await agent.welcome(identity('gpu-node-3'));
    const samples = [
      ...tickOf(hostGpus('gpu-node-3', 1), Date.now()),
      ...tickOf(hostGpus('someone-else', 1), Date.now()),
    ];
    agent.send({ type: 'batch', seq: 1, samples });
    expect(await agent.closed()).toBe(1008);
    expect(agent.received.at(-1)).toMatchObject({ type: 'error', field: 'samples.1.hostId' });
    expect(agent.acks()).toEqual([]);
  });

  it('wants hello first, and a valid message', async () => {
    const early = await TestAgent.connect(server, key);
    early.send({ type: 'batch', seq: 1, samples: [] });
    expect(await early.closed()).toBe(1008);
    expect(early.received.at(-1)).toMatchObject({ type: 'error', field: 'type' });

    const bad = await TestAgent.connect(server, key);
    bad.send({ ...identity('gpu-node-4'), intervalMs: 1 });
    expect(await bad.closed()).toBe(1008);
    expect(bad.received.at(-1)).toMatchObject({ type: 'error', field: 'intervalMs' });
  });

  it('answers garbage (not JSON, binary frames) with an error and a 1008 close, and keeps serving', async () => {
    const text = await TestAgent.connect(server, key);
    text.sendRaw('{"type": "hello", ');
    expect(await text.closed()).toBe(1008);
    expect(text.received.at(-1)).toMatchObject({ type: 'error', field: 'message' });

    const binary = await TestAgent.connect(server, key);
    binary.sendRaw(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect(await binary.closed()).toBe(1008);

    const healthy = await TestAgent.connect(server, key);
    expect(await healthy.welcome(identity('gpu-node-5'))).toBe(0);
    healthy.close();
  });

  it('refuses a connection without an ingest-capable key', async () => {
    const reader = (await server.identity.createApiKey({ name: 'grafana', scope: 'read' }, { actor: 'test', ip: null }))
      .key;
    await expect(TestAgent.connect(server, reader)).rejects.toThrow('HTTP 403');
    await expect(TestAgent.connect(server, null)).rejects.toThrow('HTTP 401');
    await expect(TestAgent.connect(server, 'gs_not-a-key')).rejects.toThrow('HTTP 401');
  });
});
