import {
  AgentMessage,
  type AgentHelloMessage,
  type GpuSample,
  type ServerToAgentMessage,
} from '@gpu-sentinel/protocol';
import type { RawData } from 'ws';
import { AppError, ValidationError } from '../errors/app-error.js';
import { parseInput } from '../errors/parse-input.js';
import type { WriteRefusal } from '../services/sample-writer.js';
import type { IngestHost, IngestService } from './ingest-service.js';

/** Close codes: bad input (after an `error` message); try again later (a batch was not stored: replay it). */
export const CLOSE_POLICY_VIOLATION = 1008;
export const CLOSE_TRY_AGAIN_LATER = 1013;
/** The agent must say hello this soon after connecting. */
export const HELLO_TIMEOUT_MS = 10_000;

export interface AgentConnectionOptions {
  ingest: IngestService;
  serverVersion: string;
  log: { warn(details: object, message: string): void };
  helloTimeoutMs?: number;
}

/** The part of a `ws` WebSocket an agent connection uses. */
export interface AgentSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code: number, reason: string): void;
  terminate(): void;
  on(event: 'message', listener: (data: RawData, isBinary: boolean) => void): unknown;
  on(event: 'close' | 'error', listener: () => void): unknown;
}

const OPEN = 1;

interface PendingBatch {
  seq: number;
  isStored: boolean;
}

/**
 * One agent on `/api/v1/agent`: `hello` first (answered by `welcome` with the stream's mark), then
 * batches, inventory, processes and source state, handled in arrival order. Each stored batch is
 * acknowledged in order with a cumulative `ack`; a batch the writer refused closes the socket with
 * 1013 (the agent reconnects and replays from the mark). Bad input gets an `error` naming the field
 * and a 1008 close.
 */
export class AgentConnection {
  private host: IngestHost | null = null;
  private streamId = '';
  /** The highest seq accepted on this connection (or stored before it): a batch at or below is a duplicate. */
  private highestAccepted = 0;
  private lastAcked = 0;
  private readonly pending: PendingBatch[] = [];
  private isOpen = true;
  /** One ack per writer flush, however many of this agent's batches it stored. */
  private isAckScheduled = false;
  private handling: Promise<void> = Promise.resolve();
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: AgentSocket,
    private readonly options: AgentConnectionOptions,
  ) {
    this.helloTimer = setTimeout(
      () => this.refuse(new ValidationError('type: expected hello within 10 s of connecting', 'type')),
      options.helloTimeoutMs ?? HELLO_TIMEOUT_MS,
    );
    socket.on('message', (data: RawData, isBinary: boolean) => {
      this.handling = this.handling.then(() => this.handle(data, isBinary));
    });
    socket.on('close', () => this.closed());
    socket.on('error', () => socket.terminate());
  }

  private async handle(data: RawData, isBinary: boolean): Promise<void> {
    if (!this.isOpen) return;
    try {
      const message = parseInput(AgentMessage, parseJson(data, isBinary), 'message');
      if (message.type === 'hello') {
        await this.hello(message);
        return;
      }
      const host = this.host;
      if (host === null) throw new ValidationError(`type: expected hello first, got ${message.type}`, 'type');
      switch (message.type) {
        case 'batch':
          this.batch(host, message.seq, message.samples);
          return;
        case 'inventory':
          await this.options.ingest.applyInventory(host, message.inventory);
          return;
        case 'processes':
          this.options.ingest.applyProcesses(host, message.processes);
          return;
        case 'source':
          this.options.ingest.applySource(host, message.source);
          return;
      }
    } catch (error) {
      this.refuse(error);
    }
  }

  private async hello(hello: AgentHelloMessage): Promise<void> {
    if (this.host !== null) throw new ValidationError('type: hello was already sent on this connection', 'type');
    clearTimeout(this.helloTimer);
    const host: IngestHost = {
      hostId: hello.hostId,
      hostname: hello.hostname,
      labels: hello.labels,
      agentVersion: hello.agentVersion,
      isLocal: false,
      intervalMs: hello.intervalMs,
    };
    const mark = await this.options.ingest.streamMark(hello.streamId);
    await this.options.ingest.register(host);
    if (!this.isOpen) {
      this.options.ingest.disconnect(host);
      return;
    }
    this.host = host;
    this.streamId = hello.streamId;
    this.highestAccepted = mark;
    this.lastAcked = mark;
    this.send({ type: 'welcome', ackedSeq: mark, serverVersion: this.options.serverVersion });
  }

  private batch(host: IngestHost, seq: number, samples: readonly GpuSample[]): void {
    if (seq <= this.highestAccepted) {
      // Sent again (or stored before this connection): nothing to write; repeat the ack if none is due.
      if (this.pending.length === 0) this.send({ type: 'ack', seq: this.lastAcked });
      return;
    }
    this.highestAccepted = seq;
    const entry: PendingBatch = { seq, isStored: false };
    this.pending.push(entry);
    this.options.ingest.acceptBatch(
      host,
      { streamId: this.streamId, seq, samples },
      {
        onStored: () => {
          entry.isStored = true;
          if (this.isAckScheduled) return;
          this.isAckScheduled = true;
          queueMicrotask(() => {
            this.isAckScheduled = false;
            this.sendAcks();
          });
        },
        onFailed: (refusal) => this.tryAgainLater(refusal),
      },
    );
  }

  /** Acks go out in seq order: the stored prefix of the pending batches. */
  private sendAcks(): void {
    let acked: number | null = null;
    while (this.pending[0]?.isStored === true) acked = this.pending.shift()?.seq ?? acked;
    if (acked === null || acked <= this.lastAcked) return;
    this.lastAcked = acked;
    this.send({ type: 'ack', seq: acked });
  }

  private tryAgainLater(refusal: WriteRefusal): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.socket.close(CLOSE_TRY_AGAIN_LATER, refusal.reason === 'busy' ? 'server busy' : 'batch not stored');
  }

  /** Bad input: say what and where, then close. A failure of ours (the store) asks the agent to come back later. */
  private refuse(error: unknown): void {
    if (!this.isOpen) return;
    if (!(error instanceof AppError) || error.code !== 'validation_failed') {
      this.options.log.warn({ err: error }, 'agent connection failed');
      this.isOpen = false;
      this.socket.close(CLOSE_TRY_AGAIN_LATER, 'server error');
      return;
    }
    this.send({ type: 'error', message: error.message, ...(error.field === undefined ? {} : { field: error.field }) });
    this.isOpen = false;
    this.socket.close(CLOSE_POLICY_VIOLATION, 'invalid message');
  }

  private closed(): void {
    this.isOpen = false;
    clearTimeout(this.helloTimer);
    if (this.host !== null) this.options.ingest.disconnect(this.host);
  }

  private send(message: ServerToAgentMessage): void {
    if (this.isOpen && this.socket.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }
}

function parseJson(data: RawData, isBinary: boolean): unknown {
  if (isBinary) throw new ValidationError('message: expected a text frame of JSON', 'message');
  const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError('message: not valid JSON', 'message');
  }
}
