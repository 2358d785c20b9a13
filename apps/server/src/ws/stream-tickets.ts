import type { Clock } from '@gpu-sentinel/core';
import type { Principal } from '@gpu-sentinel/protocol';
import { randomBytes } from 'node:crypto';

/** A ticket lets a browser open the stream without putting a long-lived token in a URL. */
export const TICKET_TTL_S = 30;

interface Issued {
  principal: Principal;
  expiresAt: number;
}

/** Single-use, short-lived stream tickets, kept in memory (a ticket is redeemed seconds after it is issued). */
export class StreamTickets {
  private readonly issued = new Map<string, Issued>();

  constructor(private readonly clock: Clock) {}

  issue(principal: Principal): { ticket: string; expiresIn: number } {
    this.sweep();
    const ticket = randomBytes(32).toString('base64url');
    this.issued.set(ticket, { principal, expiresAt: this.clock.now() + TICKET_TTL_S * 1_000 });
    return { ticket, expiresIn: TICKET_TTL_S };
  }

  /** The ticket's principal, once: a used, unknown or expired ticket gives null. */
  consume(ticket: string): Principal | null {
    const entry = this.issued.get(ticket);
    if (entry === undefined) return null;
    this.issued.delete(ticket);
    return entry.expiresAt > this.clock.now() ? entry.principal : null;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [ticket, entry] of this.issued) if (entry.expiresAt <= now) this.issued.delete(ticket);
  }
}
