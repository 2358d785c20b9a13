import { setTimeout as sleep } from 'node:timers/promises';
import type { AgentIdentity, GpuInfo, GpuProcess, ServerToAgentMessage, SourceState } from '@gpu-sentinel/protocol';
import { silentAgentLogger, type AgentLogger } from './agent-logger.js';
import { AgentSocket, type SocketEnd } from './agent-socket.js';
import type { DiskSpool, SpooledBatch } from './disk-spool.js';
import { shipOverHttp, type HttpEnd, type LatestFacts } from './http-shipping.js';
import { reconnectDelayMs } from './reconnect-backoff.js';
import { DEFAULT_SHIPPER_TUNING, type ShipperStats, type ShipperTuning } from './shipper-tuning.js';
import { WakeSignal } from './wake-signal.js';

export interface ShipperOptions {
  /** Base URLs (`https://gpu.example.com`), tried in turn. */
  servers: readonly string[];
  key: string;
  identity: AgentIdentity;
  spool: DiskSpool;
  logger?: AgentLogger;
  tuning?: Partial<ShipperTuning>;
}

type Outcome = { wasHealthy: boolean; reason: string; unauthorizedStatus: number | null } | 'retry-websocket';

/**
 * Ships spooled batches to the first server that takes them: replays what the server lacks after
 * its `welcome`, then sends each new batch as it is spooled, within a window of unacked batches.
 * Reconnects with jittered backoff, moving to the next URL; falls back to HTTP when a proxy refuses
 * WebSocket upgrades.
 */
export class Shipper {
  private readonly tuning: ShipperTuning;
  private readonly logger: AgentLogger;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | null = null;
  private socket: AgentSocket | null = null;
  private isReady = false;
  private isPumping = false;
  private lastSentSeq = 0;
  private readonly changes = new WakeSignal();
  private readonly facts: LatestFacts = {};
  private unsentFacts: LatestFacts = {};
  private current: Omit<ShipperStats, 'lastError'> = {
    connected: false,
    serverUrl: null,
    transport: null,
    sentBatches: 0,
    ackedSeq: 0,
    reconnects: 0,
  };
  private lastError: string | null = null;

  constructor(private readonly options: ShipperOptions) {
    if (options.servers.length === 0) throw new Error('the agent needs at least one server URL');
    this.tuning = { ...DEFAULT_SHIPPER_TUNING, ...options.tuning };
    this.logger = options.logger ?? silentAgentLogger;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** A batch was just spooled: send it now when the connection is caught up, else let the replay reach it. */
  onBatch(spooled: SpooledBatch): void {
    const socket = this.socket;
    if (socket !== null && this.isReady) {
      const isNext = spooled.batch.seq === this.lastSentSeq + 1;
      const hasRoom = this.lastSentSeq - this.current.ackedSeq < this.tuning.windowBatches;
      if (isNext && hasRoom && !this.isPumping) {
        if (socket.send(spooled.json)) this.markSent(spooled.batch.seq);
        return;
      }
      void this.pump(socket);
    }
    this.changes.wake();
  }

  setInventory(inventory: GpuInfo[]): void {
    this.setFact({ inventory }, { type: 'inventory', inventory });
  }

  setProcesses(processes: GpuProcess[]): void {
    this.setFact({ processes }, { type: 'processes', processes });
  }

  setSource(source: SourceState): void {
    this.setFact({ source }, { type: 'source', source });
  }

  stats(): ShipperStats {
    return { ...this.current, lastError: this.lastError };
  }

  /** Close the connection and end the loop; unacked batches stay spooled for the next run. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.socket?.close();
    this.changes.wake();
    const forceClose = setTimeout(() => this.socket?.terminate(), 1_000);
    await this.loop;
    clearTimeout(forceClose);
  }

  private isStopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async run(): Promise<void> {
    const { servers } = this.options;
    let attempt = 0;
    let index = 0;
    let lastReported = '';
    for (let isFirst = true; !this.isStopped(); isFirst = false) {
      if (!isFirst) this.current.reconnects++;
      const baseUrl = servers[index % servers.length] ?? '';
      const outcome = await this.connect(baseUrl);
      if (this.isStopped()) break;
      if (outcome === 'retry-websocket') {
        attempt = 0;
        continue;
      }
      attempt = outcome.wasHealthy ? 0 : attempt + 1;
      // A refused key will not fix itself soon: retry slowly, but keep going (a daemon should not exit).
      const delayMs = reconnectDelayMs(outcome.unauthorizedStatus === null ? attempt - 1 : 64, this.tuning);
      index++;
      const next = servers[index % servers.length] ?? '';
      this.lastError = outcome.reason;
      if (outcome.unauthorizedStatus !== null) {
        const message =
          `the server refused the key: ${baseUrl} answered HTTP ${String(outcome.unauthorizedStatus)}; ` +
          `check --key / GPU_SENTINEL_AGENT_KEY (an ingest key). Retrying in ${String(delayMs)} ms`;
        // Told at error once; the retries that follow only at debug, so the log does not fill with it.
        if (outcome.reason === lastReported) this.logger.debug(message);
        else this.logger.error(message);
      } else {
        const message = `${baseUrl}: ${outcome.reason}; next try at ${next} in ${String(delayMs)} ms`;
        // The same failure over and over (a server down for a while) is told once, then at debug.
        if (outcome.reason === lastReported) this.logger.debug(message);
        else this.logger.warn(message);
      }
      lastReported = outcome.wasHealthy ? '' : outcome.reason;
      await sleep(delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }

  private async connect(baseUrl: string): Promise<Outcome> {
    const end = await this.runSocket(baseUrl);
    if (end.kind === 'refused' && end.status !== 401 && end.status !== 403 && !this.isStopped()) {
      this.logger.warn(
        `${baseUrl} refused the WebSocket upgrade (HTTP ${String(end.status)}): sending over HTTP POST /api/v1/ingest, ` +
          `trying the WebSocket again every ${String(Math.round(this.tuning.httpRetryWebSocketMs / 1_000))} s`,
      );
      const httpEnd = await this.runHttp(baseUrl);
      if (httpEnd.kind === 'retry-websocket') return 'retry-websocket';
      if (httpEnd.kind === 'stopped') return { wasHealthy: true, reason: 'stopped', unauthorizedStatus: null };
      const unauthorizedStatus = httpEnd.kind === 'unauthorized' ? httpEnd.status : null;
      return { wasHealthy: false, reason: `HTTP ingest: ${httpEnd.reason}`, unauthorizedStatus };
    }
    const unauthorizedStatus = end.kind === 'refused' ? end.status : null;
    return { wasHealthy: end.wasWelcomed, reason: end.reason, unauthorizedStatus };
  }

  private async runSocket(baseUrl: string): Promise<SocketEnd> {
    const socket = new AgentSocket(baseUrl, this.options.key, this.tuning, {
      onOpen: () => this.sendHello(socket),
      onMessage: (message) => this.receive(socket, baseUrl, message),
      onInvalidMessage: (problem) => this.logger.warn(`${baseUrl} sent ${problem}: ignored`),
    });
    this.socket = socket;
    this.current.serverUrl = baseUrl;
    this.current.transport = 'websocket';
    if (this.isStopped()) socket.close();
    const end = await socket.ended;
    this.socket = null;
    this.isReady = false;
    this.current.connected = false;
    this.current.transport = null;
    this.changes.wake();
    return end;
  }

  private sendHello(socket: AgentSocket): void {
    socket.send(JSON.stringify({ ...this.options.identity, type: 'hello' }));
    const { inventory, processes, source } = this.facts;
    if (inventory !== undefined) socket.send(JSON.stringify({ type: 'inventory', inventory }));
    if (processes !== undefined) socket.send(JSON.stringify({ type: 'processes', processes }));
    if (source !== undefined) socket.send(JSON.stringify({ type: 'source', source }));
  }

  private receive(socket: AgentSocket, baseUrl: string, message: ServerToAgentMessage): void {
    const { spool } = this.options;
    switch (message.type) {
      case 'welcome': {
        spool.advancePast(message.ackedSeq);
        this.acknowledge(message.ackedSeq);
        this.lastSentSeq = message.ackedSeq;
        this.isReady = true;
        this.current.connected = true;
        const pending = Math.max(0, spool.lastSeq - message.ackedSeq);
        this.logger.info(
          `connected to ${baseUrl} (WebSocket, server ${message.serverVersion}): ` +
            `it holds this stream up to seq ${String(message.ackedSeq)}; ${String(pending)} batch(es) to send`,
        );
        void this.pump(socket);
        return;
      }
      case 'ack':
        this.acknowledge(message.seq);
        return;
      case 'error':
        this.logger.error(
          `${baseUrl} says: ${message.message}${message.field === undefined ? '' : ` (${message.field})`}`,
        );
        return;
    }
  }

  /** Replay from the spool after `lastSentSeq`, in order, keeping at most a window of unacked batches. */
  private async pump(socket: AgentSocket): Promise<void> {
    if (this.isPumping) return;
    this.isPumping = true;
    try {
      while (this.isLive(socket) && this.lastSentSeq < this.options.spool.lastSeq) {
        let sentThisPass = 0;
        for await (const batch of this.options.spool.pending(this.lastSentSeq)) {
          while (this.socket === socket && this.lastSentSeq - this.current.ackedSeq >= this.tuning.windowBatches) {
            await this.changes.next(this.tuning.pingIntervalMs);
          }
          if (!this.isLive(socket)) return;
          if (batch.seq <= this.lastSentSeq) continue;
          if (!socket.send(JSON.stringify(batch))) return;
          this.markSent(batch.seq);
          sentThisPass++;
        }
        if (sentThisPass === 0) break; // Nothing readable past lastSentSeq.
      }
    } finally {
      this.isPumping = false;
    }
  }

  /** The socket is still the current one and welcomed (both change while a replay awaits). */
  private isLive(socket: AgentSocket): boolean {
    return this.socket === socket && this.isReady;
  }

  private runHttp(baseUrl: string): Promise<HttpEnd> {
    this.current.transport = 'http';
    this.current.serverUrl = baseUrl;
    // A new server may not have the facts yet.
    this.unsentFacts = { ...this.facts };
    return shipOverHttp({
      baseUrl,
      key: this.options.key,
      identity: this.options.identity,
      spool: this.options.spool,
      batchesPerRequest: this.tuning.httpBatches,
      requestTimeoutMs: this.tuning.requestTimeoutMs,
      retryWebSocketMs: this.tuning.httpRetryWebSocketMs,
      signal: this.stopping.signal,
      takeFacts: () => {
        const facts = this.unsentFacts;
        this.unsentFacts = {};
        return facts;
      },
      restoreFacts: (facts) => {
        this.unsentFacts = { ...facts, ...this.unsentFacts };
      },
      onStored: (ackedSeq, batches) => {
        this.options.spool.advancePast(ackedSeq);
        this.acknowledge(ackedSeq);
        this.current.sentBatches += batches;
        if (!this.current.connected) this.logger.info(`connected to ${baseUrl} (HTTP ingest)`);
        this.current.connected = true;
      },
      waitForWork: (timeoutMs) => this.changes.next(timeoutMs),
    }).finally(() => {
      this.current.connected = false;
      this.current.transport = null;
    });
  }

  private setFact(fact: LatestFacts, message: object): void {
    Object.assign(this.facts, fact);
    Object.assign(this.unsentFacts, fact);
    this.socket?.send(JSON.stringify(message));
    this.changes.wake();
  }

  private acknowledge(seq: number): void {
    this.options.spool.ack(seq);
    if (seq > this.current.ackedSeq) this.current.ackedSeq = seq;
    this.changes.wake();
  }

  private markSent(seq: number): void {
    this.lastSentSeq = seq;
    this.current.sentBatches++;
  }
}
