/** Work that must run on exactly one replica (alert evaluation, re-posts, retention) runs while its lease is owned. */
export interface Lease {
  /** Resolves after the first attempt to own the lease. */
  start(): Promise<void>;
  isOwner(): boolean;
  /** Stops (and gives the lease up, so another replica takes over at once). */
  close(): Promise<void>;
}

/** A single server without Redis: it always owns its work. */
export class LocalLease implements Lease {
  private isOwned = false;

  constructor(private readonly options: { onChange: (isOwner: boolean) => void }) {}

  start(): Promise<void> {
    if (!this.isOwned) {
      this.isOwned = true;
      this.options.onChange(true);
    }
    return Promise.resolve();
  }

  isOwner(): boolean {
    return this.isOwned;
  }

  close(): Promise<void> {
    if (this.isOwned) {
      this.isOwned = false;
      this.options.onChange(false);
    }
    return Promise.resolve();
  }
}
