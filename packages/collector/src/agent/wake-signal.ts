/** Lets a loop wait for "something changed" (an ack, a new batch, a closed connection) or a timeout. */
export class WakeSignal {
  private waiters = new Set<() => void>();

  /** Resolves at the next `wake()` or after `timeoutMs`, whichever comes first. */
  next(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
