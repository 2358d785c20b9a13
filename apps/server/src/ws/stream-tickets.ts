import type { Clock } from '@gpu-sentinel/core';
import type { Principal, StreamTicketResponse } from '@gpu-sentinel/protocol';
import { randomBytes } from 'node:crypto';

/** A ticket lets a browser open the stream without putting a long-lived token in a URL. */
export const TICKET_TTL_S = 30;

/**
 * Where single-use stream tickets live between `POST /stream/ticket` and the WebSocket upgrade: in
 * memory for one server, in Redis (cluster/redis-stream-tickets.ts) when the upgrade may reach another replica.
 */
export interface StreamTicketStore {
  issue(principal: Principal): Promise<StreamTicketResponse>;
  /** The ticket's principal, once: a used, unknown or expired ticket gives null. */
  consume(ticket: string): Promise<Principal | null>;
}

/** 256 random bits, URL-safe. */
export function newTicket(): string {
  return randomBytes(32).toString('base64url');
}

interface Issued {
  principal: Principal;
  expiresAt: number;
}

/** Single-use, short-lived stream tickets, kept in memory (a ticket is redeemed seconds after it is issued). */
export class StreamTickets implements StreamTicketStore {
  private readonly issued = new Map<string, Issued>();

  constructor(private readonly clock: Clock) {}

  issue(principal: Principal): Promise<StreamTicketResponse> {
    this.sweep();
    const ticket = newTicket();
    this.issued.set(ticket, { principal, expiresAt: this.clock.now() + TICKET_TTL_S * 1_000 });
    return Promise.resolve({ ticket, expiresIn: TICKET_TTL_S });
  }

  consume(ticket: string): Promise<Principal | null> {
    const entry = this.issued.get(ticket);
    if (entry === undefined) return Promise.resolve(null);
    this.issued.delete(ticket);
    return Promise.resolve(entry.expiresAt > this.clock.now() ? entry.principal : null);
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [ticket, entry] of this.issued) if (entry.expiresAt <= now) this.issued.delete(ticket);
  }
}
