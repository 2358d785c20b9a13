import type { Clock } from '@gpu-sentinel/core';
import type { Alert, ChannelTestResult, NotificationPayload } from '@gpu-sentinel/protocol';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Notifier } from '../../notify/notifier.js';
import type { AlertStore, ChannelRecord } from '../../store/alert-store.js';
import { requireChannel } from './get-channel.js';

export const TEST_MESSAGE = 'Test notification from GPU Sentinel';
/** A receiver that has not answered by then has failed the test (the outbox has its own, longer patience). */
export const CHANNEL_TEST_TIMEOUT_MS = 15_000;

export interface TestChannelDeps {
  alertStore: Pick<AlertStore, 'getChannel'>;
  notifier: Notifier;
  clock: Clock;
}

/**
 * Send a synthetic `test` notification straight to the channel's receiver (not through the outbox)
 * and report how it went: a refusing or unreachable receiver is a result, `ok: false`, not an error.
 */
export async function testChannel(
  deps: TestChannelDeps,
  id: number,
  timeoutMs = CHANNEL_TEST_TIMEOUT_MS,
): Promise<ChannelTestResult> {
  const channel = requireChannel(await deps.alertStore.getChannel(id), id);
  const payload = testPayload(channel, deps.clock.now());
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      deps.notifier.send(channel, payload),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`no answer from the receiver within ${timeoutMs / 1_000} s`));
        }, timeoutMs);
      }),
    ]);
    return { ok: true, error: null, durationMs: elapsedSince(started) };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      durationMs: elapsedSince(started),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** An alert no one could take for a real one: no rule, no GPU, the test message. */
export function testPayload(channel: Pick<ChannelRecord, 'id'>, now: number): NotificationPayload {
  const alert: Alert = {
    id: 1,
    ruleId: null,
    ruleName: 'Test notification',
    hostId: null,
    uuid: null,
    state: 'firing',
    severity: 'info',
    metric: 'temperatureC',
    op: '>',
    value: null,
    threshold: 0,
    message: TEST_MESSAGE,
    startedAt: now,
    resolvedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    silencedUntil: null,
  };
  return {
    idempotencyKey: `test-${channel.id}-${randomUUID()}`,
    event: 'test',
    alert,
    url: null,
    sentBy: 'gpu-sentinel',
  };
}

function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
