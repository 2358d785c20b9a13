import { ServerToAgentMessage } from '@gpu-sentinel/protocol';
import WebSocket from 'ws';
import { agentSocketUrl } from './reconnect-backoff.js';

/** How one WebSocket connection ended. */
export type SocketEnd =
  | { kind: 'closed'; wasWelcomed: boolean; reason: string }
  /** The upgrade got an HTTP answer instead of a WebSocket (401 or 403: the key; else a proxy in the way). */
  | { kind: 'refused'; status: number; wasWelcomed: false; reason: string };

export interface AgentSocketHandlers {
  onOpen(): void;
  onMessage(message: ServerToAgentMessage): void;
  onInvalidMessage(problem: string): void;
}

export interface AgentSocketTimings {
  /** Limit for the upgrade and then for `welcome` (default 10 s). */
  welcomeTimeoutMs: number;
  /** A ping this often; no pong by the next one ends the connection (default 15 s). */
  pingIntervalMs: number;
}

/** One connection to `<base>/api/v1/agent`: parses what the server says and reports how it ended. */
export class AgentSocket {
  readonly ended: Promise<SocketEnd>;
  private readonly ws: WebSocket;
  private isWelcomed = false;
  private isAlive = true;
  private refusedStatus: number | null = null;
  private lastError: string | null = null;
  private welcomeTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;

  constructor(baseUrl: string, key: string, timings: AgentSocketTimings, handlers: AgentSocketHandlers) {
    this.ws = new WebSocket(agentSocketUrl(baseUrl), {
      headers: { authorization: `Bearer ${key}` },
      handshakeTimeout: timings.welcomeTimeoutMs,
      // Compression would cost each agent a zlib context; samples are small.
      perMessageDeflate: false,
    });
    this.ws.on('unexpected-response', (_request, response) => {
      this.refusedStatus = response.statusCode ?? 0;
      response.resume();
      this.ws.terminate();
    });
    this.ws.on('open', () => {
      this.welcomeTimer = setTimeout(() => {
        this.lastError = `no welcome within ${String(timings.welcomeTimeoutMs)} ms`;
        this.ws.terminate();
      }, timings.welcomeTimeoutMs);
      this.pingTimer = setInterval(() => {
        this.ping();
      }, timings.pingIntervalMs);
      handlers.onOpen();
    });
    this.ws.on('pong', () => {
      this.isAlive = true;
    });
    this.ws.on('message', (data, isBinary) => {
      this.receive(data, isBinary, handlers);
    });
    this.ws.on('error', (error) => {
      this.lastError = error.message;
    });
    this.ended = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => {
        this.clearTimers();
        resolve(this.endOf(code, reason.toString()));
      });
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Queue a message; false when the socket is no longer open. */
  send(text: string): boolean {
    if (!this.isOpen) return false;
    this.ws.send(text);
    return true;
  }

  close(): void {
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else this.ws.close(1000, 'agent stopping');
  }

  terminate(): void {
    this.ws.terminate();
  }

  private receive(data: WebSocket.RawData, isBinary: boolean, handlers: AgentSocketHandlers): void {
    if (isBinary) {
      handlers.onInvalidMessage('a binary message');
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(rawText(data));
    } catch {
      handlers.onInvalidMessage('a message that is not JSON');
      return;
    }
    const parsed = ServerToAgentMessage.safeParse(value);
    if (!parsed.success) {
      handlers.onInvalidMessage(`an unknown message: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    if (parsed.data.type === 'welcome') {
      this.isWelcomed = true;
      if (this.welcomeTimer !== null) clearTimeout(this.welcomeTimer);
      this.welcomeTimer = null;
    }
    handlers.onMessage(parsed.data);
  }

  private ping(): void {
    if (!this.isAlive) {
      this.lastError = 'no answer to ping';
      this.ws.terminate();
      return;
    }
    this.isAlive = false;
    this.ws.ping();
  }

  private endOf(code: number, reason: string): SocketEnd {
    if (this.refusedStatus !== null) {
      return {
        kind: 'refused',
        status: this.refusedStatus,
        wasWelcomed: false,
        reason: `the upgrade was answered with HTTP ${String(this.refusedStatus)}`,
      };
    }
    const why = this.lastError ?? (reason === '' ? `closed (${String(code)})` : `closed (${String(code)}: ${reason})`);
    return { kind: 'closed', wasWelcomed: this.isWelcomed, reason: why };
  }

  private clearTimers(): void {
    if (this.welcomeTimer !== null) clearTimeout(this.welcomeTimer);
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.welcomeTimer = null;
    this.pingTimer = null;
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
}
