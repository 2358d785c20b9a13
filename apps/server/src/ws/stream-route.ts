import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../routes/route-deps.js';
import type { StreamHub } from './stream-hub.js';

/** `/api/v1/stream`: server → client only; whatever a client sends is ignored. */
export function registerStreamRoute(app: FastifyInstance, hub: StreamHub): void {
  app.get(`${API_PREFIX}/stream`, { websocket: true }, (socket) => {
    hub.add(socket);
  });
}
