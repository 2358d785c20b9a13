import { DeliveryListQuery, IdParams } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import { retryDelivery } from '../services/alerts/retry-delivery.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

/** The outbox names channels and receivers' errors: for those who manage channels. */
const ADMIN = { config: { policy: 'channels:write' } } as const;

export function registerDeliveryRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(`${API_PREFIX}/deliveries`, ADMIN, (request) =>
    deps.alertStore.listDeliveries(parseInput(DeliveryListQuery, request.query, 'query')),
  );

  /** A dead delivery back in the outbox, due now; 404 for any other. */
  app.post(`${API_PREFIX}/deliveries/:id/retry`, ADMIN, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    return retryDelivery(deps, id);
  });
}
