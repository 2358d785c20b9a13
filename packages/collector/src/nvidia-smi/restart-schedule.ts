import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';

/**
 * When to restart a failed child: exponential backoff, forgotten once a child has run healthily
 * for `healthyAfterMs`. Holds at most one pending restart.
 */
export class RestartSchedule {
  private readonly policy: BackoffPolicy;
  private attempt = 0;
  private healthySince: number | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    policy: Partial<BackoffPolicy> = {},
    private readonly healthyAfterMs = 30_000,
  ) {
    this.policy = { ...DEFAULT_BACKOFF, ...policy };
  }

  /** The child delivered a sample: it counts as healthy from the first one. */
  markHealthy(): void {
    this.healthySince ??= performance.now();
  }

  /** A child was started; it has not proved itself yet. */
  markStarted(): void {
    this.healthySince = null;
  }

  /** Runs `restart` after the next backoff delay, which it returns. */
  schedule(restart: () => void): number {
    if (this.healthySince !== null && performance.now() - this.healthySince >= this.healthyAfterMs) this.attempt = 0;
    this.healthySince = null;
    const delayMs = backoffDelayMs(this.attempt++, this.policy);
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      restart();
    }, delayMs);
    return delayMs;
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
