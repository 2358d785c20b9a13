import type { Clock } from '@gpu-sentinel/core';
import type { IdentityStore } from '../store/identity-store.js';
import { ACCESS_TOKEN_TTL_S } from './access-token.js';

/**
 * `here`: revoked by this process (logout, disable, revoke); `store`: found in the store, revoked by the CLI
 * or another replica. Only `here` needs telling to other replicas.
 */
export type RevocationOrigin = 'here' | 'store';
export type SessionRevokedListener = (sessionId: string, origin: RevocationOrigin) => void;

/** How often the cache re-reads the store, to see revocations made elsewhere (the CLI, another replica). */
export const REVOCATION_SYNC_MS = 5_000;
const ACCESS_TTL_MS = ACCESS_TOKEN_TTL_S * 1000;

/**
 * Revoked session ids, in memory, so checking an access token costs no query. An access token lives
 * 15 minutes and a revoked session gets no new one, so entries older than that are dropped.
 */
/** Token checks answered from memory (`hits`) and those that read the store first (`misses`). */
export interface CacheStats {
  hits: number;
  misses: number;
}

export class SessionRevocations {
  private readonly revokedAt = new Map<string, number>();
  private readonly lookups: CacheStats = { hits: 0, misses: 0 };
  private readonly listeners = new Set<SessionRevokedListener>();
  private syncedUpTo: number | null = null;
  private syncing: Promise<void> | null = null;

  constructor(
    private readonly store: Pick<IdentityStore, 'listRevokedSessionIds'>,
    private readonly clock: Clock,
  ) {}

  /** Record revocations made by this process and tell listeners (the WebSocket hub closes their sockets). */
  revoke(sessionIds: readonly string[]): void {
    const now = this.clock.now();
    this.prune(now);
    for (const id of sessionIds) this.add(id, now, 'here');
  }

  isRevoked(sessionId: string): boolean {
    return this.revokedAt.has(sessionId);
  }

  cacheStats(): CacheStats {
    return { ...this.lookups };
  }

  /** Returns the function that stops listening. */
  onRevoked(listener: SessionRevokedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Read revocations from the store when the last read is older than REVOCATION_SYNC_MS (or never happened). */
  syncIfDue(): Promise<void> {
    const now = this.clock.now();
    if (this.syncedUpTo !== null && now - this.syncedUpTo < REVOCATION_SYNC_MS) {
      this.lookups.hits += 1;
      return Promise.resolve();
    }
    this.lookups.misses += 1;
    this.syncing ??= this.sync(now).finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async sync(now: number): Promise<void> {
    // Overlap by a second: a revocation committed just before the last read is still seen.
    const since = this.syncedUpTo === null ? now - ACCESS_TTL_MS : this.syncedUpTo - 1_000;
    const ids = await this.store.listRevokedSessionIds(since);
    this.prune(now);
    for (const id of ids) if (!this.revokedAt.has(id)) this.add(id, now, 'store');
    this.syncedUpTo = now;
  }

  private add(id: string, now: number, origin: RevocationOrigin): void {
    this.revokedAt.set(id, now);
    for (const listener of this.listeners) listener(id, origin);
  }

  private prune(now: number): void {
    const horizon = now - ACCESS_TTL_MS;
    for (const [id, at] of this.revokedAt) if (at < horizon) this.revokedAt.delete(id);
  }
}
