import type { Clock } from '@gpu-sentinel/core';
import {
  AGENT_PROTOCOL_VERSION,
  ServerToAgentMessage,
  type AgentHelloMessage,
  type AgentMessage,
  type GpuInfo,
  type GpuSample,
} from '@gpu-sentinel/protocol';
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { gpuInfo, gpuSample } from '../../src/store/test-fixtures.js';
import { eventually, type TestServer } from './test-server.js';

/** Real time, moved forward on demand: "an agent stopped a minute ago" without waiting a minute. */
export class ShiftedClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** An ingest-scoped API key made through the server's identity service. */
export async function ingestKey(server: TestServer, name = 'agent key'): Promise<string> {
  return (await server.identity.createApiKey({ name, scope: 'ingest' }, { actor: 'test', ip: null })).key;
}

/** Who a test agent says it is. */
export function identity(hostId: string, streamId: string = randomUUID()): AgentHelloMessage {
  return {
    type: 'hello',
    protocol: AGENT_PROTOCOL_VERSION,
    streamId,
    hostId,
    hostname: `${hostId}.example`,
    labels: { rack: 'r1', team: 'vision' },
    agentVersion: '9.9.9-test',
    intervalMs: 250,
  };
}

/** A GPU of a test host: uuids are unique per host. */
export function hostGpus(hostId: string, count: number): GpuInfo[] {
  return Array.from({ length: count }, (_, index) =>
    gpuInfo({ uuid: `GPU-${hostId}-${String(index)}`, index, hostId, hostname: `${hostId}.example` }),
  );
}

/** One sample per GPU at `ts`. */
export function tickOf(gpus: readonly GpuInfo[], ts: number, temperatureC = 50): GpuSample[] {
  return gpus.map((gpu) =>
    gpuSample({ uuid: gpu.uuid, index: gpu.index, hostId: gpu.hostId, ts, temperatureC, memoryTotalMiB: 81_559 }),
  );
}

/** A real `ws` client on `/api/v1/agent`, keeping every message and the close code. */
export class TestAgent {
  readonly received: ServerToAgentMessage[] = [];
  closeCode: number | null = null;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.received.push(ServerToAgentMessage.parse(JSON.parse(data.toString('utf8'))));
    });
    socket.on('close', (code) => {
      this.closeCode = code;
    });
  }

  /** Connect with the key; rejects with the HTTP status when the upgrade is refused. */
  static async connect(server: TestServer, key: string | null): Promise<TestAgent> {
    const headers: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
    const socket = new WebSocket(`ws://127.0.0.1:${String(server.port)}/api/v1/agent`, { headers });
    const agent = new TestAgent(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${String(response.statusCode)}`)),
      );
      socket.once('error', reject);
    });
    return agent;
  }

  send(message: AgentMessage | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Anything at all: a text frame for a string, a binary frame for bytes. */
  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  async welcome(hello: AgentHelloMessage): Promise<number> {
    this.send(hello);
    const welcome = await eventually('welcome', () => this.received.find((m) => m.type === 'welcome'));
    return welcome.ackedSeq;
  }

  /** Waits for an ack of at least `seq`. */
  async acked(seq: number): Promise<void> {
    await eventually(`ack ${String(seq)}`, () =>
      this.received.some((m) => m.type === 'ack' && m.seq >= seq) ? true : undefined,
    );
  }

  acks(): number[] {
    return this.received.flatMap((m) => (m.type === 'ack' ? [m.seq] : []));
  }

  async closed(): Promise<number> {
    return eventually('close', () => this.closeCode ?? undefined);
  }

  close(): void {
    this.socket.close();
  }
}

/** Raw rows of one GPU stored over [from, to), read back through the export API. */
export async function exportedRows(server: TestServer, uuid: string, from: number, to: number): Promise<GpuSample[]> {
  const response = await server.get(`/api/v1/export?format=ndjson&gpus=${uuid}&from=${String(from)}&to=${String(to)}`);
  if (response.status !== 200) throw new Error(`export: ${String(response.status)} ${await response.text()}`);
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as GpuSample);
}
