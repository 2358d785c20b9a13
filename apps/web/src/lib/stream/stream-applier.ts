import type { GpuSample, StreamMessage } from '@gpu-sentinel/protocol';
import { notifyManager, type QueryClient } from '@tanstack/react-query';
import { appendToLiveBuffers, applyStreamMessage, writeSamplesToGpuList } from './apply-stream-message';
import { observeServerTime } from './server-clock';

/**
 * How long `samples` messages gather before the GPU list is rewritten. A fleet sends one message
 * per host tick (64 hosts at 4 Hz: 256 a second); rewriting the 512-GPU list and waking its every
 * reader for each one is the cost, not the samples. 100 ms keeps the numbers as live as the eye
 * can tell and cuts the writes to 10 a second.
 */
export const GPU_LIST_FLUSH_MS = 100;

export interface StreamApplier {
  apply(message: StreamMessage): void;
  /** Writes what is gathered now. */
  flush(): void;
  /** Drops what is gathered and cancels the timer. */
  stop(): void;
}

interface Timers {
  setTimer: (callback: () => void, delayMs: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

const defaultTimers: Timers = {
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/**
 * Applies stream messages in order, with one difference from `applyStreamMessage`: samples go into
 * the live store at once (each GPU's readers are told), while the GPU list gets each GPU's newest
 * sample at most every `flushMs`. Any other message first writes what is gathered, so the list
 * never sees an inventory, snapshot or status before the samples that came earlier.
 */
export function createStreamApplier(
  client: QueryClient,
  flushMs: number = GPU_LIST_FLUSH_MS,
  timers: Timers = defaultTimers,
): StreamApplier {
  let pending = new Map<string, GpuSample>();
  let pendingTickTs: number | null = null;
  let timer: unknown = null;

  const cancelTimer = () => {
    if (timer !== null) timers.clearTimer(timer);
    timer = null;
  };

  const flush = () => {
    cancelTimer();
    if (pendingTickTs === null) return;
    const samples = [...pending.values()];
    const tickTs = pendingTickTs;
    pending = new Map();
    pendingTickTs = null;
    notifyManager.batch(() => writeSamplesToGpuList(client, samples, tickTs));
  };

  const gather = (samples: readonly GpuSample[], tickTs: number) => {
    for (const sample of samples) {
      const known = pending.get(sample.uuid);
      if (known === undefined || sample.ts >= known.ts) pending.set(sample.uuid, sample);
    }
    pendingTickTs = Math.max(pendingTickTs ?? tickTs, tickTs);
    timer ??= timers.setTimer(flush, flushMs);
  };

  return {
    apply(message) {
      if (message.type === 'samples') {
        observeServerTime(message.ts);
        appendToLiveBuffers(client, message.samples);
        gather(message.samples, message.ts);
        return;
      }
      flush();
      // One notification to observers per message, however many cache entries it touches.
      notifyManager.batch(() => applyStreamMessage(client, message));
    },
    flush,
    stop() {
      cancelTimer();
      pending = new Map();
      pendingTickTs = null;
    },
  };
}
