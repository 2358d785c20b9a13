import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { AgentMessage, IngestRequest, type AgentHelloMessage, type GpuInfo } from '@gpu-sentinel/protocol';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { AgentTestStore } from './agent-test-store.js';

export interface AgentTestServerOptions {
  /** 0 (default): any free port. Give the old port to "restart" a server. */
  port?: number;
  /** Shared between servers to play a restart, or replicas over one database. */
  store?: AgentTestStore;
  /** Keys taken (default `test-key`); any other gets 401. */
  keys?: readonly string[];
  /** Acks go out this long after a batch is stored, coalesced (default 20 ms). */
  ackDelayMs?: number;
  /** Answer every WebSocket upgrade with this HTTP status, as a proxy without WebSocket does (404, 426, …). */
  refuseUpgradeStatus?: number;
}

export interface AgentTestCounts {
  /** WebSocket connections that got through the upgrade. */
  sockets: number;
  /** Upgrades and ingest requests refused for their key. */
  refusedKeys: number;
  refusedUpgrades: number;
  ingestRequests: number;
  /** Batches that arrived, stored or not. */
  batches: number;
}

/**
 * A small real server speaking the agent protocol (`/api/v1/agent` WebSocket and `POST /api/v1/ingest`)
 * over an in-memory store, for tests and benchmarks of the agent.
 */
export class AgentTestServer {
  readonly store: AgentTestStore;
  readonly hellos: AgentHelloMessage[] = [];
  readonly counts: AgentTestCounts = { sockets: 0, refusedKeys: 0, refusedUpgrades: 0, ingestRequests: 0, batches: 0 };
  latestInventory: GpuInfo[] | null = null;
  ackDelayMs: number;
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor(
    private readonly http: Server,
    private readonly options: AgentTestServerOptions,
  ) {
    this.store = options.store ?? new AgentTestStore();
    this.ackDelayMs = options.ackDelayMs ?? 20;
    http.on('request', (request: IncomingMessage, response: ServerResponse) => {
      void this.ingest(request, response);
    });
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.upgrade(request, socket, head);
    });
  }

  static async start(options: AgentTestServerOptions = {}): Promise<AgentTestServer> {
    const http = createServer();
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, '127.0.0.1', () => {
        http.off('error', reject);
        resolve();
      });
    });
    return new AgentTestServer(http, options);
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** The base URL an agent is given. */
  get url(): string {
    return `http://127.0.0.1:${String(this.port)}`;
  }

  /** Cut every agent connection at once, as a crashed server would. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async close(): Promise<void> {
    this.dropConnections();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private isKeyAccepted(request: IncomingMessage): boolean {
    const keys = this.options.keys ?? ['test-key'];
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    return match?.[1] !== undefined && keys.includes(match[1]);
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number): void => {
      socket.end(
        `HTTP/1.1 ${String(status)} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
    };
    if (this.options.refuseUpgradeStatus !== undefined) {
      this.counts.refusedUpgrades++;
      refuse(this.options.refuseUpgradeStatus);
      return;
    }
    if (new URL(request.url ?? '/', 'http://x').pathname !== '/api/v1/agent') {
      refuse(404);
      return;
    }
    if (!this.isKeyAccepted(request)) {
      this.counts.refusedKeys++;
      refuse(401);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.counts.sockets++;
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      this.serve(ws);
    });
  }

  /** One agent connection: `hello` → `welcome` with the stream's mark; batches stored, acked after a delay. */
  private serve(ws: WebSocket): void {
    let streamId: string | null = null;
    let ackTimer: NodeJS.Timeout | null = null;
    ws.on('close', () => {
      if (ackTimer !== null) clearTimeout(ackTimer);
    });
    ws.on('message', (data) => {
      const parsed = AgentMessage.safeParse(parseJson(textOf(data)));
      if (!parsed.success) {
        ws.send(JSON.stringify({ type: 'error', message: parsed.error.issues[0]?.message ?? 'invalid' }));
        ws.close(1008);
        return;
      }
      const message = parsed.data;
      if (message.type === 'hello') {
        this.hellos.push(message);
        streamId = message.streamId;
        ws.send(JSON.stringify({ type: 'welcome', ackedSeq: this.store.markOf(streamId), serverVersion: 'test' }));
        return;
      }
      if (streamId === null) {
        ws.send(JSON.stringify({ type: 'error', message: 'hello first' }));
        ws.close(1008);
        return;
      }
      if (message.type === 'inventory') this.latestInventory = message.inventory;
      if (message.type !== 'batch') return;
      this.counts.batches++;
      this.store.apply(streamId, message);
      const stream = streamId;
      ackTimer ??= setTimeout(() => {
        ackTimer = null;
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'ack', seq: this.store.markOf(stream) }));
      }, this.ackDelayMs);
    });
  }

  private async ingest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, body: object): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || request.url !== '/api/v1/ingest') {
      reply(404, { error: 'not found' });
      return;
    }
    this.counts.ingestRequests++;
    if (!this.isKeyAccepted(request)) {
      this.counts.refusedKeys++;
      reply(401, { error: 'invalid API key' });
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const parsed = IngestRequest.safeParse(parseJson(Buffer.concat(chunks).toString('utf8')));
    if (!parsed.success) {
      reply(400, {
        error: parsed.error.issues[0]?.message ?? 'invalid',
        field: parsed.error.issues[0]?.path.join('.'),
      });
      return;
    }
    const { agent, batches, inventory } = parsed.data;
    if (inventory !== undefined) this.latestInventory = inventory;
    for (const batch of batches) {
      this.counts.batches++;
      this.store.apply(agent.streamId, batch);
    }
    reply(200, { ackedSeq: this.store.markOf(agent.streamId) });
  }
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
