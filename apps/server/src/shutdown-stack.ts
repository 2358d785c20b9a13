/**
 * What to undo when the server stops, newest first. Each part's close is pushed as soon as the part is
 * open, so a start that fails half way closes exactly what it opened, and a stop closes everything in
 * the reverse order of opening. A step that fails does not keep the others from running; the first
 * failure is thrown once all have run.
 */
export class ShutdownStack {
  private readonly steps: (() => unknown)[] = [];

  push(step: () => unknown): void {
    this.steps.push(step);
  }

  async closeAll(): Promise<void> {
    let failure: { error: unknown } | null = null;
    for (let step = this.steps.pop(); step !== undefined; step = this.steps.pop()) {
      try {
        await step();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== null) throw failure.error;
  }

  /** Runs `open`; if it throws, closes everything pushed so far and rethrows. */
  async orCloseAll<T>(open: () => Promise<T>): Promise<T> {
    try {
      return await open();
    } catch (error) {
      await this.closeAll().catch(() => undefined); // the start's own error is the one to report
      throw error;
    }
  }
}
