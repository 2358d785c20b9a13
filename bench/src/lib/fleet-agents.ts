/**
 * Runs in its own process: N simulated agents speaking the agent protocol over WebSocket, each a
 * host of G simulated GPUs sending one batch per interval, stamped when it is sent. Agent i talks
 * to server i mod S (two replicas: half the agents on each). Prints one JSON line when done: acks,
 * send → ack lag, and the backlog (batches sent but not acknowledged) at the start and the end of
 * the measured window, which tells whether the server keeps up.
 * Usage: node fleet-agents.js SERVERS(comma) KEY AGENTS GPUS INTERVAL_MS WARMUP_MS DURATION_MS
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { AGENT_PROTOCOL_VERSION, ServerToAgentMessage, type GpuSample } from '@gpu-sentinel/protocol';
import { SimulatedFleet } from './simulated-fleet.js';
import { quantile, round } from './stats.js';

const [serversArg = '', key = '', agentsArg = '1', gpusArg = '8', intervalArg = '250', warmupArg, durationArg] =
  process.argv.slice(2);
const servers = serversArg.split(',');
const agentCount = Number(agentsArg);
const gpuCount = Number(gpusArg);
const intervalMs = Number(intervalArg);
const warmupMs = Number(warmupArg ?? '5000');
const durationMs = Number(durationArg ?? '15000');
/** A short recorded loop per host: the server's cost does not depend on how varied the values are. */
const LOOP_TICKS = 64;

interface SimulatedAgent {
  socket: WebSocket;
  fleet: SimulatedFleet;
  seq: number;
  acked: number;
  sentAt: Map<number, number>;
  timer: NodeJS.Timeout | null;
}

const ackLagsMs: number[] = [];
let recording = false;
let closedUnexpectedly = 0;

function backlog(agents: readonly SimulatedAgent[]): number {
  return agents.reduce((sum, agent) => sum + (agent.seq - agent.acked), 0);
}

async function connect(index: number): Promise<SimulatedAgent> {
  const hostname = `bench-agent-${String(index).padStart(4, '0')}`;
  const fleet = new SimulatedFleet(gpuCount, LOOP_TICKS, { hostId: hostname, hostname }, 1_000 + index);
  const base = servers[index % servers.length] ?? '';
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/v1/agent`, {
    headers: { authorization: `Bearer ${key}` },
    perMessageDeflate: false,
  });
  const agent: SimulatedAgent = { socket, fleet, seq: 0, acked: 0, sentAt: new Map(), timer: null };
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => {
      socket.send(
        JSON.stringify({
          type: 'hello',
          protocol: AGENT_PROTOCOL_VERSION,
          streamId: randomUUID(),
          hostId: hostname,
          hostname,
          labels: { rack: `r${String(index % 8)}`, bench: 'fleet' },
          agentVersion: 'bench',
          intervalMs,
        }),
      );
    });
    socket.on('message', (data: Buffer) => {
      const message = ServerToAgentMessage.parse(JSON.parse(data.toString()));
      if (message.type === 'welcome') {
        socket.send(JSON.stringify({ type: 'inventory', inventory: fleet.inventory }));
        resolve();
      } else if (message.type === 'ack') {
        const now = Date.now();
        for (let seq = agent.acked + 1; seq <= message.seq; seq += 1) {
          const sentAt = agent.sentAt.get(seq);
          agent.sentAt.delete(seq);
          if (recording && sentAt !== undefined) ackLagsMs.push(now - sentAt);
        }
        agent.acked = Math.max(agent.acked, message.seq);
      } else {
        process.stderr.write(`${hostname}: server error ${message.message}\n`);
      }
    });
  });
  socket.on('close', () => {
    if (agent.timer !== null) closedUnexpectedly += 1;
  });
  return agent;
}

function startTicking(agent: SimulatedAgent, offsetMs: number): void {
  const send = (): void => {
    const now = Date.now();
    agent.seq += 1;
    const samples: GpuSample[] = agent.fleet.samples(agent.seq, now);
    agent.sentAt.set(agent.seq, now);
    agent.socket.send(JSON.stringify({ type: 'batch', seq: agent.seq, samples }));
  };
  // Spread the agents over the interval, as real hosts are.
  setTimeout(() => {
    agent.timer = setInterval(send, intervalMs);
  }, offsetMs);
}

const agents: SimulatedAgent[] = [];
for (let i = 0; i < agentCount; i += 1) agents.push(await connect(i));
agents.forEach((agent, i) => {
  startTicking(agent, (i * intervalMs) / agentCount);
});
await new Promise((r) => setTimeout(r, warmupMs));
recording = true;
const backlogAtStart = backlog(agents);
await new Promise((r) => setTimeout(r, durationMs));
recording = false;
const backlogAtEnd = backlog(agents);
for (const agent of agents) {
  if (agent.timer !== null) clearInterval(agent.timer);
  agent.timer = null;
  agent.socket.terminate();
}
process.stdout.write(
  `${JSON.stringify({
    agents: agentCount,
    batchesAcked: ackLagsMs.length,
    ackLagP50Ms: round(quantile(ackLagsMs, 0.5)),
    ackLagP99Ms: round(quantile(ackLagsMs, 0.99)),
    backlogAtStart,
    backlogAtEnd,
    closedUnexpectedly,
  })}\n`,
);
