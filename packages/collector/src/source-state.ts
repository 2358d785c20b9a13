import type { Clock } from '@gpu-sentinel/core';
import type { SourceKind, SourceState, SourceStatus } from '@gpu-sentinel/protocol';

/**
 * Holds a source's supervision state and tells the listener when the status or reason changes.
 * Counters (restarts, bad lines) change silently; they travel with the next transition.
 */
export class SourceStateTracker {
  private current: SourceState;
  private notify: (state: SourceState) => void = () => undefined;

  constructor(
    kind: SourceKind,
    private readonly clock: Clock,
    isSimulated: boolean,
  ) {
    this.current = {
      kind,
      status: 'stopped',
      reason: 'not started',
      since: clock.now(),
      restarts: 0,
      badLines: 0,
      isSimulated,
    };
  }

  listen(notify: (state: SourceState) => void): void {
    this.notify = notify;
  }

  get(): SourceState {
    return { ...this.current };
  }

  get status(): SourceStatus {
    return this.current.status;
  }

  set(status: SourceStatus, reason: string | null = null): void {
    if (status === this.current.status && reason === this.current.reason) return;
    this.current = { ...this.current, status, reason, since: this.clock.now() };
    this.notify(this.get());
  }

  countRestart(): void {
    this.current = { ...this.current, restarts: this.current.restarts + 1 };
  }

  countBadLine(): void {
    this.current = { ...this.current, badLines: this.current.badLines + 1 };
  }
}
