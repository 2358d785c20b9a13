/**
 * Runs in its own process: opens N WebSocket clients to URL and, for every message that carries a
 * tick timestamp, records receive time minus that timestamp. Prints one JSON line with the latencies.
 * Usage: node latency-clients.js URL CLIENTS WARMUP_MS DURATION_MS
 */
import WebSocket from 'ws';

const [url = '', clientsArg = '1', warmupArg = '2000', durationArg = '10000'] = process.argv.slice(2);
const clients = Number(clientsArg);
const warmupMs = Number(warmupArg);
const durationMs = Number(durationArg);
const latenciesMs: number[] = [];
let recording = false;
const tsPattern = /"ts":(\d+)/;

function open(): Promise<WebSocket> {
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
      if (match?.[1]) latenciesMs.push(receivedAt - Number(match[1]));
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
process.stdout.write(`${JSON.stringify({ clients, connected: sockets.length, latenciesMs })}\n`);
