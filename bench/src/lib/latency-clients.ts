/**
 * Runs in its own process: opens N WebSocket clients and, for every message that carries a tick
 * timestamp, records receive time minus that timestamp. Prints one JSON line with the latencies,
 * the number of distinct ticks received and the longest gap between consecutive ticks.
 * TARGET is a ws:// URL (the bare baseline) or `ticket:<http base URL>:<access token>` (GPU
 * Sentinel: a fresh single-use stream ticket per client).
 * Usage: node latency-clients.js TARGET CLIENTS WARMUP_MS DURATION_MS
 */
import WebSocket from 'ws';
import { streamUrl } from './bench-session.js';

const [target = '', clientsArg = '1', warmupArg = '2000', durationArg = '10000'] = process.argv.slice(2);
const clients = Number(clientsArg);
const warmupMs = Number(warmupArg);
const durationMs = Number(durationArg);
const latenciesMs: number[] = [];
/** Every tick timestamp any client received: a gap over the interval is a tick the server never sent. */
const tickTimestamps = new Set<number>();
let recording = false;
const tsPattern = /"ts":(\d+)/;

async function urlForNextClient(): Promise<string> {
  if (!target.startsWith('ticket:')) return target;
  const rest = target.slice('ticket:'.length);
  const split = rest.lastIndexOf(':');
  return streamUrl(rest.slice(0, split), rest.slice(split + 1));
}

async function open(): Promise<WebSocket> {
  const url = await urlForNextClient();
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('open', () => {
      resolve(socket);
    });
    socket.on('error', reject);
    socket.on('message', (data: Buffer) => {
      if (!recording) return;
      const receivedAt = Date.now();
      // The tick's timestamp is the first "ts" of a samples message; no full parse on the hot path.
      const head = data.subarray(0, 64).toString();
      if (!head.includes('"samples"')) return;
      const match = tsPattern.exec(head);
      if (match?.[1]) {
        const ts = Number(match[1]);
        latenciesMs.push(receivedAt - ts);
        tickTimestamps.add(ts);
      }
    });
  });
}

const sockets: WebSocket[] = [];
for (let i = 0; i < clients; i += 1) sockets.push(await open());
await new Promise((r) => setTimeout(r, warmupMs));
recording = true;
await new Promise((r) => setTimeout(r, durationMs));
recording = false;
for (const socket of sockets) socket.terminate();
const ticks = [...tickTimestamps].sort((a, b) => a - b);
const maxTickGapMs = ticks.reduce((max, ts, i) => Math.max(max, i === 0 ? 0 : ts - (ticks[i - 1] ?? ts)), 0);
process.stdout.write(
  `${JSON.stringify({ clients, connected: sockets.length, latenciesMs, ticks: ticks.length, maxTickGapMs })}\n`,
);
