import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { runNodeScript } from './child-output.js';
import { quantile } from './stats.js';

const clientScript = join(fileURLToPath(new URL('.', import.meta.url)), 'latency-clients.js');

export interface LatencyRun {
  messages: number;
  p50Ms: number;
  p99Ms: number;
  /** Distinct ticks received, and the longest gap between consecutive ones (the interval when none was skipped). */
  ticks: number;
  maxTickGapMs: number;
}

/**
 * Sample → client latency of one run: `clients` WebSocket clients in a process of their own
 * (lib/latency-clients.ts), recording for `durationMs` after `warmupMs`. `target` is a ws:// URL
 * or `ticket:<http base URL>:<access token>` (a fresh stream ticket per client).
 */
export async function measureLatency(
  target: string,
  clients: number,
  warmupMs: number,
  durationMs: number,
): Promise<LatencyRun> {
  const output = await runNodeScript(clientScript, [target, String(clients), String(warmupMs), String(durationMs)]);
  const { latenciesMs, ticks, maxTickGapMs } = JSON.parse(output) as {
    latenciesMs: number[];
    ticks: number;
    maxTickGapMs: number;
  };
  return {
    messages: latenciesMs.length,
    p50Ms: quantile(latenciesMs, 0.5),
    p99Ms: quantile(latenciesMs, 0.99),
    ticks,
    maxTickGapMs,
  };
}

/** The latency target for GPU Sentinel: clients take their own single-use stream tickets. */
export const ticketTarget = (baseUrl: string, accessToken: string): string => `ticket:${baseUrl}:${accessToken}`;

/** The first `samples` message a stream sends, as text. */
export async function captureSamplesMessage(wsUrl: string): Promise<string> {
  const socket = new WebSocket(wsUrl);
  return new Promise((resolve) => {
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith('{"type":"samples"')) {
        socket.terminate();
        resolve(text);
      }
    });
  });
}
