import type { Sampler, SourceListener } from '@gpu-sentinel/collector';
import type { SourceState } from '@gpu-sentinel/protocol';
import type { Logger } from 'pino';
import type { SourceChoice } from '../select-source.js';
import type { IngestHost, IngestService } from './ingest-service.js';

/** The server's own source, fed through the ingest service like any agent (no stream mark: never deduplicated). */
export function localAgent(
  ingest: IngestService,
  host: IngestHost,
  sampler: Sampler,
  choice: SourceChoice,
  logger: Pick<Logger, 'error'>,
): SourceListener {
  return {
    onTick: (readings) => ingest.acceptLocalTick(host, sampler.sample(readings)),
    onInventory: (inventory) => {
      sampler.retain(new Set(inventory.map((gpu) => gpu.uuid)));
      ingest
        .applyInventory(host, inventory)
        .catch((error: unknown) => logger.error({ err: error }, 'storing the inventory failed'));
    },
    onProcesses: (processes) => ingest.applyProcesses(host, processes),
    onState: (state) => ingest.applySource(host, explained(state, choice)),
  };
}

/** A simulated source chosen because nvidia-smi did not work says so in its state. */
export function explained(state: SourceState, choice: SourceChoice): SourceState {
  return choice.fallbackReason !== null && state.reason === null ? { ...state, reason: choice.fallbackReason } : state;
}
