import { isAllowed } from '@gpu-sentinel/core';
import type { Principal } from '@gpu-sentinel/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthenticatedError } from '../errors/app-error.js';
import type { StreamTicketStore } from '../ws/stream-tickets.js';

/** The seam to identity: a bearer credential (JWT or API key) → who it is, or null when it is not valid. */
export interface RequestAuthenticator {
  authenticate(bearer: string): Promise<Principal | null>;
}

const BEARER = /^Bearer ([\x21-\x7e]{1,4096})$/i;

/**
 * Two hooks: `onRequest` finds the principal (never throws, so the rate limiter that runs next can key
 * on it and count failed attempts), then `preParsing` enforces the route's policy before any body is read.
 */
export function registerAuthHooks(
  app: FastifyInstance,
  authenticator: RequestAuthenticator,
  tickets: StreamTicketStore,
): void {
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    request.principal = await principalOf(request, authenticator, tickets);
  });
  app.addHook('preParsing', async (request, reply) => {
    if (request.is404) return;
    const { policy } = request.routeOptions.config;
    if (policy === 'public') return;
    const { principal } = request;
    if (principal === null) {
      reply.header('www-authenticate', 'Bearer');
      throw new UnauthenticatedError('sign in first: send Authorization: Bearer <token>');
    }
    if (policy === undefined || !isAllowed(principal, policy)) {
      throw new ForbiddenError(`not allowed: ${policy ?? 'undeclared'}`);
    }
  });
}

async function principalOf(
  request: FastifyRequest,
  authenticator: RequestAuthenticator,
  tickets: StreamTicketStore,
): Promise<Principal | null> {
  if (request.routeOptions.config.acceptsTicket === true) {
    const ticket = ticketOf(request.query);
    if (ticket !== null) return consumeTicket(request, tickets, ticket);
  }
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const bearer = BEARER.exec(header)?.[1];
  if (bearer === undefined) return null;
  try {
    return await authenticator.authenticate(bearer);
  } catch (error) {
    request.log.warn({ err: error }, 'authenticating a request failed');
    return null;
  }
}

/** A ticket store that cannot be reached (Redis down) refuses the upgrade with a 401, like a bad ticket. */
async function consumeTicket(
  request: FastifyRequest,
  tickets: StreamTicketStore,
  ticket: string,
): Promise<Principal | null> {
  try {
    return await tickets.consume(ticket);
  } catch (error) {
    request.log.warn({ err: error }, 'redeeming a stream ticket failed');
    return null;
  }
}

function ticketOf(query: unknown): string | null {
  if (typeof query !== 'object' || query === null || !('ticket' in query)) return null;
  return typeof query.ticket === 'string' ? query.ticket : null;
}
