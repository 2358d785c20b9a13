import { systemClock } from '@gpu-sentinel/core';
import { loadConfig } from '../config/load-config.js';
import { configPathOf, pickConfigFlags } from '../config/pick-flags.js';
import { hostIdentity } from '../host-identity.js';
import { fallbackMessage, selectSource } from '../select-source.js';
import { useColour, type CliIo } from './cli-io.js';
import { collectSnapshot, type CollectedSnapshot } from './snapshot/collect-snapshot.js';
import { renderGpuTable, type SnapshotTable } from './snapshot/render-gpu-table.js';

const SNAPSHOT_TIMEOUT_MS = 15_000;
const PROCESS_GRACE_MS = 3_000;

/** `gpu-sentinel snapshot`: every GPU once, as a coloured table or as JSON (`--json`). */
export async function snapshotCommand(options: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const { config } = await loadConfig({
    flags: pickConfigFlags(options),
    configPath: configPathOf(options),
    env: io.env,
  });
  const host = hostIdentity(config.hostname);
  const clock = systemClock;
  const choice = await selectSource(config, host, clock);
  if (choice.fallbackReason !== null) {
    io.stderr.write(`${fallbackMessage(choice.fallbackReason)}\n`);
  }

  let snapshot: CollectedSnapshot;
  try {
    snapshot = await collectSnapshot(choice.source, {
      hostId: host.hostId,
      clock,
      timeoutMs: SNAPSHOT_TIMEOUT_MS,
      processGraceMs: PROCESS_GRACE_MS,
    });
  } catch (error) {
    io.stderr.write(`gpu-sentinel snapshot: ${error instanceof Error ? error.message : String(error)}\n`);
    io.stderr.write('Run `gpu-sentinel doctor` to see what is wrong, or use --source simulated.\n');
    return 1;
  }

  const takenAt = clock.now();
  const gpus = snapshot.inventory.map((info) => ({
    info,
    latest: snapshot.samples.find((sample) => sample.uuid === info.uuid) ?? null,
    processes: snapshot.processes.filter((process) => process.uuid === info.uuid),
  }));
  if (options.json === true) {
    const json = {
      simulated: snapshot.source.isSimulated,
      source: snapshot.source,
      fallbackReason: choice.fallbackReason,
      hostname: host.hostname,
      takenAt,
      gpus: gpus.map((gpu) => ({ ...gpu, isStale: gpu.latest === null })),
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  const table: SnapshotTable = {
    hostname: host.hostname,
    takenAt,
    isSimulated: snapshot.source.isSimulated,
    sourceKind: snapshot.source.kind,
    gpus: gpus.map((gpu) => ({ info: gpu.info, latest: gpu.latest, processCount: gpu.processes.length })),
  };
  io.stdout.write(renderGpuTable(table, useColour(io)));
  return 0;
}
