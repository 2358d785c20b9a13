import type { Clock } from '@gpu-sentinel/core';
import type { GpuInfo, Principal, SnapshotMessage, StreamMessage } from '@gpu-sentinel/protocol';
import { WebSocket } from 'ws';
import type { Bus } from '../bus/bus.js';
import { newStreamClient, type StreamClient, type StreamSocket } from './stream-client.js';

/** Close codes: 1013 "try again later" for a client that cannot keep up; 1001 on shutdown. */
export const CLOSE_TOO_SLOW = 1013;
/** The session or API key behind the socket was revoked or logged out. */
export const CLOSE_REVOKED = 4001;
const CLOSE_GOING_AWAY = 1001;
const TEXT_FRAME = { binary: false } as const;

/** UTF-8 bytes of the JSON, made once per message: `ws` would otherwise encode a string per client. */
const encode = (message: StreamMessage): Buffer => Buffer.from(JSON.stringify(message));

export interface StreamHubOptions {
  clock: Clock;
  /** A client whose queued bytes exceed this gets ticks skipped. */
  maxBufferedBytes: number;
  /** Disconnect a client that stays over the bound this long (or goes over 4× the bound). */
  slowClientTimeoutMs?: number;
  heartbeatMs?: number;
  snapshot: () => SnapshotMessage;
  /**
   * The whole fleet's inventory, read when a host's inventory changes (the live state must follow the
   * bus before the hub does, so it already holds the change).
   */
  fleetInventory: () => GpuInfo[];
  /** The server's own host: only its source state goes out (the banner is about this server's source); null: none. */
  localHostId: string | null;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void };
  /** Told, for each tick sent to clients, how old its samples were then (ms): the send lag. */
  onTickSent?: (ageMs: number) => void;
}

export interface StreamHubStats {
  clients: number;
  /** Bytes queued on the clients' sockets, not yet taken by the network. */
  bufferedBytes: number;
  skippedTicks: number;
  droppedSlowClients: number;
  terminatedDeadClients: number;
}

/**
 * Fans live messages out to WebSocket clients. Each message is serialised and encoded once and the
 * same bytes are sent to every client. A client that does not drain its socket gets ticks skipped and is then
 * disconnected, so a slow client never makes server memory grow.
 */
export class StreamHub {
  private readonly clients = new Set<StreamClient>();
  private readonly counters = { skippedTicks: 0, droppedSlowClients: 0, terminatedDeadClients: 0 };
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly slowClientTimeoutMs: number;
  private readonly heartbeatMs: number;

  constructor(private readonly options: StreamHubOptions) {
    this.slowClientTimeoutMs = options.slowClientTimeoutMs ?? 10_000;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
  }

  /** Follow the bus and start the heartbeat; returns the function that stops both. */
  attach(bus: Bus): () => void {
    const unsubscribes = [
      bus.subscribe('tick', (tick) => {
        if (this.clients.size === 0) return;
        this.broadcast({ type: 'samples', ts: tick.ts, samples: tick.samples }, true);
        this.options.onTickSent?.(this.options.clock.now() - tick.ts);
      }),
      bus.subscribe('inventory', () =>
        this.broadcast({ type: 'inventory', inventory: this.options.fleetInventory() }, false),
      ),
      bus.subscribe('source', (event) => {
        if (event.hostId === this.options.localHostId) this.broadcast({ type: 'source', source: event.source }, false);
      }),
      bus.subscribe('system', (system) => this.broadcast({ type: 'system', system }, false)),
      bus.subscribe('alert', (message) => this.broadcast(message, false)),
    ];
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
      if (this.heartbeat !== null) clearInterval(this.heartbeat);
      this.heartbeat = null;
    };
  }

  /** A new connection: send the snapshot, then it receives every broadcast. */
  add(socket: StreamSocket, principal: Principal): void {
    const client = newStreamClient(socket, principal);
    this.clients.add(client);
    socket.on('pong', () => {
      client.isAlive = true;
    });
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => socket.terminate());
    this.send(client, encode(this.options.snapshot()), false);
  }

  stats(): StreamHubStats {
    let bufferedBytes = 0;
    for (const client of this.clients) bufferedBytes += client.socket.bufferedAmount;
    return { clients: this.clients.size, bufferedBytes, ...this.counters };
  }

  /** Close every socket opened by this (now revoked or logged-out) session. */
  closeSession(sessionId: string): void {
    this.closeWhere((p) => p.kind === 'user' && p.sessionId === sessionId, 'session ended');
  }

  /** Close every socket opened with this (now revoked) API key. */
  closeApiKey(keyId: number): void {
    this.closeWhere((p) => p.kind === 'apiKey' && p.keyId === keyId, 'api key revoked');
  }

  /** Close every connection (on shutdown). */
  closeAll(): void {
    for (const client of this.clients) client.socket.close(CLOSE_GOING_AWAY, 'server shutting down');
    this.clients.clear();
  }

  private closeWhere(isRevoked: (principal: Principal) => boolean, reason: string): void {
    for (const client of this.clients) {
      if (!isRevoked(client.principal)) continue;
      this.clients.delete(client);
      client.socket.close(CLOSE_REVOKED, reason);
    }
  }

  private broadcast(message: StreamMessage, isSkippable: boolean): void {
    if (this.clients.size === 0) return;
    const data = encode(message);
    for (const client of this.clients) this.send(client, data, isSkippable);
  }

  /** Ticks are skipped while a client is over the bound; state changes are sent unless it is far over. */
  private send(client: StreamClient, data: Buffer, isSkippable: boolean): void {
    const { socket } = client;
    if (socket.readyState !== WebSocket.OPEN) return;
    const bound = this.options.maxBufferedBytes;
    if (socket.bufferedAmount <= bound) {
      client.overBoundSince = null;
      socket.send(data, TEXT_FRAME);
      return;
    }
    const now = this.options.clock.now();
    client.overBoundSince ??= now;
    const isFarOver = socket.bufferedAmount > 4 * bound;
    if (isFarOver || now - client.overBoundSince >= this.slowClientTimeoutMs) {
      this.dropSlow(client);
      return;
    }
    if (isSkippable) {
      client.skippedTicks += 1;
      this.counters.skippedTicks += 1;
    } else {
      socket.send(data, TEXT_FRAME);
    }
  }

  private dropSlow(client: StreamClient): void {
    this.clients.delete(client);
    this.counters.droppedSlowClients += 1;
    this.options.log.warn(
      { bufferedBytes: client.socket.bufferedAmount, skippedTicks: client.skippedTicks },
      'disconnecting a WebSocket client that does not keep up',
    );
    // The close frame may sit behind the stuck buffer: give it a moment, then drop the socket.
    client.socket.close(CLOSE_TOO_SLOW, 'client too slow');
    setTimeout(() => client.socket.terminate(), 1_000).unref();
  }

  private beat(): void {
    for (const client of this.clients) {
      if (!client.isAlive) {
        this.clients.delete(client);
        this.counters.terminatedDeadClients += 1;
        client.socket.terminate();
        continue;
      }
      client.isAlive = false;
      client.socket.ping();
    }
  }
}
