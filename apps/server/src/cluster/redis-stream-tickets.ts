import { Principal, type StreamTicketResponse } from '@gpu-sentinel/protocol';
import type { Redis } from 'ioredis';
import { newTicket, TICKET_TTL_S, type StreamTicketStore } from '../ws/stream-tickets.js';

/**
 * Stream tickets every replica can redeem: the browser may get its ticket from one replica and open the
 * WebSocket on another. Redis expires a ticket (SET PX) and GETDEL redeems it exactly once.
 */
export class RedisStreamTickets implements StreamTicketStore {
  /** @param prefix prefix of the ticket keys, e.g. `gpu-sentinel:ticket:`. */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs = TICKET_TTL_S * 1_000,
  ) {}

  async issue(principal: Principal): Promise<StreamTicketResponse> {
    const ticket = newTicket();
    await this.redis.set(this.prefix + ticket, JSON.stringify(principal), 'PX', this.ttlMs);
    return { ticket, expiresIn: Math.ceil(this.ttlMs / 1_000) };
  }

  async consume(ticket: string): Promise<Principal | null> {
    const text = await this.redis.getdel(this.prefix + ticket);
    if (text === null) return null;
    // Whatever sits in Redis is parsed like any other input before it grants access.
    const parsed = Principal.safeParse(parseJson(text));
    return parsed.success ? parsed.data : null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
