import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SimulatedSource,
  startAgent,
  type GpuSource,
  type RunningAgent,
  type SourceListener,
} from '@gpu-sentinel/collector';
import { CreateApiKeyResponse, HostsResponse, type CreateApiKeyBody, type Host } from '@gpu-sentinel/protocol';
import { apiLogin, bearer } from './session.js';

/** One simulated host of the test fleet. */
export interface FleetHostPlan {
  hostname: string;
  labels: Record<string, string>;
  gpus: number;
  seed: number;
  /** How much warmer than the simulation this host's GPUs run (its spot in the room). */
  extraHeatC: number;
}

export interface SimulatedFleet {
  readonly plans: readonly FleetHostPlan[];
  /** Stops one host's agent: the server hears nothing more from it. */
  stopHost(hostname: string): Promise<void>;
  /** Stops every agent still running and deletes the spools. */
  stop(): Promise<void>;
}

/** The agents' sampling interval; the server runs with the same one, so staleness is judged alike. */
export const FLEET_INTERVAL_MS = 1_000;

/**
 * Simulated GPUs that run `extraHeatC` warmer: freshly started simulated GPUs all idle near the
 * same temperature, and a fleet whose hosts differ is what sorting by temperature is for.
 */
function warmerSource(plan: FleetHostPlan, intervalMs: number): GpuSource {
  const source = new SimulatedSource({
    hostId: plan.hostname,
    hostname: plan.hostname,
    gpuCount: plan.gpus,
    seed: plan.seed,
    intervalMs,
  });
  const { extraHeatC } = plan;
  return {
    kind: source.kind,
    start: (listener: SourceListener) =>
      source.start({
        ...listener,
        onTick: (readings) =>
          listener.onTick(
            readings.map((reading) => {
              const { temperatureC } = reading.metrics;
              const warmer = temperatureC === null ? null : temperatureC + extraHeatC;
              return { ...reading, metrics: { ...reading.metrics, temperatureC: warmer } };
            }),
          ),
      }),
    stop: () => source.stop(),
    setIntervalMs: (ms) => source.setIntervalMs(ms),
    state: () => source.state(),
    inventory: () => source.inventory(),
  };
}

/**
 * `count` hosts gpu-node-01…: racks r1–r4 in turn, the first `trainingHosts` in pool=training and the
 * rest in pool=inference; hosts after `eightGpuHosts` have 4 GPUs, the others 8. Each host runs
 * a different amount warmer (0–47.25 °C, in steps of 0.75 °C, shuffled over the hostnames).
 */
export function planFleet(count: number, trainingHosts: number, eightGpuHosts: number): FleetHostPlan[] {
  return Array.from({ length: count }, (_, i) => ({
    hostname: `gpu-node-${String(i + 1).padStart(2, '0')}`,
    labels: { rack: `r${String((i % 4) + 1)}`, pool: i < trainingHosts ? 'training' : 'inference' },
    gpus: i < eightGpuHosts ? 8 : 4,
    seed: 7_000 + i,
    extraHeatC: ((i * 23) % count) * 0.75,
  }));
}

/** Creates an `ingest` API key as the admin, as an operator would for their agents. */
export async function createIngestKey(baseUrl: string): Promise<string> {
  const { accessToken } = await apiLogin(baseUrl);
  const body: CreateApiKeyBody = { name: 'e2e fleet agents', scope: 'ingest' };
  const response = await fetch(`${baseUrl}/api/v1/apikeys`, {
    method: 'POST',
    headers: bearer(accessToken),
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`creating an ingest key answered ${String(response.status)}`);
  return CreateApiKeyResponse.parse(await response.json()).key;
}

/** Runs one agent per plan in this process, each with its own simulated GPUs and spool. */
export async function startSimulatedFleet(
  baseUrl: string,
  key: string,
  plans: readonly FleetHostPlan[],
): Promise<SimulatedFleet> {
  const spoolRoot = mkdtempSync(join(tmpdir(), 'gpu-sentinel-e2e-fleet-'));
  const running = new Map<string, RunningAgent>();
  const stopOne = async (hostname: string) => {
    const agent = running.get(hostname);
    running.delete(hostname);
    // A short drain: the server has had every batch but the last tick's.
    await agent?.stop();
  };
  try {
    for (const plan of plans) {
      const agent = await startAgent({
        servers: [baseUrl],
        key,
        spoolDir: join(spoolRoot, plan.hostname),
        agentVersion: '0.1.0-e2e',
        hostname: plan.hostname,
        // The hostnames are host ids already (lower case, no odd characters).
        hostId: plan.hostname,
        labels: plan.labels,
        intervalMs: FLEET_INTERVAL_MS,
        source: warmerSource(plan, FLEET_INTERVAL_MS),
        stopDrainMs: 500,
      });
      running.set(plan.hostname, agent);
    }
  } catch (error) {
    await Promise.all([...running.keys()].map(stopOne));
    rmSync(spoolRoot, { recursive: true, force: true });
    throw error;
  }
  return {
    plans,
    stopHost: stopOne,
    stop: async () => {
      await Promise.all([...running.keys()].map(stopOne));
      rmSync(spoolRoot, { recursive: true, force: true });
    },
  };
}

export async function listHosts(baseUrl: string, accessToken: string): Promise<Host[]> {
  const response = await fetch(`${baseUrl}/api/v1/hosts`, { headers: bearer(accessToken) });
  if (!response.ok) throw new Error(`GET /api/v1/hosts answered ${String(response.status)}`);
  return HostsResponse.parse(await response.json()).hosts;
}

/** Waits (in a hook: no expect.poll) until the host list holds `count` online hosts with all their GPUs. */
export async function waitForOnlineHosts(baseUrl: string, count: number, timeoutMs = 45_000): Promise<Host[]> {
  const { accessToken } = await apiLogin(baseUrl);
  const deadline = Date.now() + timeoutMs;
  let hosts: Host[] = [];
  while (Date.now() < deadline) {
    hosts = (await listHosts(baseUrl, accessToken)).filter((host) => host.status === 'online' && host.gpuCount > 0);
    if (hosts.length >= count) return hosts;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`only ${String(hosts.length)} of ${String(count)} hosts online after ${String(timeoutMs)} ms`);
}
