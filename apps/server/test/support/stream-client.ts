import { StreamMessage } from '@gpu-sentinel/protocol';
import { WebSocket } from 'ws';
import { eventually } from './test-server.js';

/** A real WebSocket client that parses every message with the protocol's schema and keeps them. */
export class TestStreamClient {
  readonly messages: StreamMessage[] = [];
  readonly arrivals: number[] = [];
  closeCode: number | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.messages.push(StreamMessage.parse(JSON.parse(data.toString('utf8'))));
      this.arrivals.push(Date.now());
    });
    socket.on('close', (code) => {
      this.closeCode = code;
    });
  }

  static async connect(url: string): Promise<TestStreamClient> {
    const socket = new WebSocket(url);
    const client = new TestStreamClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  ofType<Type extends StreamMessage['type']>(type: Type): Extract<StreamMessage, { type: Type }>[] {
    return this.messages.filter((message): message is Extract<StreamMessage, { type: Type }> => message.type === type);
  }

  /** Tick messages that arrived after `since` (epoch ms, this process's clock). */
  ticksSince(since: number): number {
    return this.messages.filter((message, i) => message.type === 'samples' && (this.arrivals[i] ?? 0) >= since).length;
  }

  async waitForTicks(count: number, timeoutMs = 10_000): Promise<void> {
    await eventually(`${count} ticks`, () => (this.ofType('samples').length >= count ? true : undefined), timeoutMs);
  }

  close(): void {
    this.socket.close();
  }
}
