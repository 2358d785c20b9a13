/**
 * Streams an export from the server over and over (a new request as soon as one ends), reading
 * every chunk as it arrives, until stopped: a client downloading a long export for the whole of
 * a measurement. Counts what came through.
 */
export class ContinuousExport {
  private readonly abort = new AbortController();
  private bytes = 0;
  private lines = 0;
  private completed = 0;
  private readonly startedAt = performance.now();
  private readonly running: Promise<void>;

  constructor(
    private readonly url: () => string,
    private readonly accessToken: string,
  ) {
    this.running = this.loop();
    this.running.catch(() => undefined); // reported by stop()
  }

  private async loop(): Promise<void> {
    while (!this.abort.signal.aborted) {
      const response = await fetch(this.url(), {
        headers: { authorization: `Bearer ${this.accessToken}` },
        signal: this.abort.signal,
      });
      if (!response.ok || response.body === null) {
        throw new Error(`export refused: ${response.status} ${await response.text()}`);
      }
      for await (const chunk of response.body) {
        const bytes = chunk as Uint8Array;
        this.bytes += bytes.length;
        for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) this.lines += 1;
      }
      this.completed += 1;
    }
  }

  /** Stop downloading; rejects if an export failed (other than by being stopped). */
  async stop(): Promise<{ megabytes: number; lines: number; completed: number; megabytesPerSecond: number }> {
    const seconds = (performance.now() - this.startedAt) / 1000;
    this.abort.abort();
    await this.running.catch((error: unknown) => {
      if (!this.abort.signal.aborted || !(error instanceof Error) || error.name !== 'AbortError') throw error;
    });
    const megabytes = this.bytes / 2 ** 20;
    return { megabytes, lines: this.lines, completed: this.completed, megabytesPerSecond: megabytes / seconds };
  }
}
