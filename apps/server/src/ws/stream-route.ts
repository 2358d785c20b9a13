import { StreamTicketResponse } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { UnauthenticatedError } from '../errors/app-error.js';
import { API_PREFIX } from '../routes/route-deps.js';
import type { StreamHub } from './stream-hub.js';
import type { StreamTicketStore } from './stream-tickets.js';

/**
 * `POST /stream/ticket` gives a signed-in principal a single-use ticket; `GET /stream?ticket=…` redeems it
 * on upgrade (the auth hook refuses a missing, used or expired ticket with a 401 before any snapshot).
 * Server → client only; whatever a client sends is ignored.
 */
export function registerStreamRoute(app: FastifyInstance, hub: StreamHub, tickets: StreamTicketStore): void {
  app.post(
    `${API_PREFIX}/stream/ticket`,
    { config: { policy: 'gpus:read' } },
    (request): Promise<StreamTicketResponse> => {
      if (request.principal === null) throw new UnauthenticatedError('sign in first');
      return tickets.issue(request.principal);
    },
  );

  app.get(
    `${API_PREFIX}/stream`,
    { websocket: true, config: { policy: 'gpus:read', acceptsTicket: true } },
    (socket, request) => {
      if (request.principal === null) {
        socket.close(1008, 'unauthenticated');
        return;
      }
      hub.add(socket, request.principal);
    },
  );
}
