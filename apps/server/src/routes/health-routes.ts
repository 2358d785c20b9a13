import type { HealthResponse } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { checkReadiness } from '../services/check-readiness.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

/** Liveness and readiness, at the root as probes expect them and under the API prefix. */
export function registerHealthRoutes(app: FastifyInstance, deps: Pick<RouteDeps, 'live' | 'storeHealth'>): void {
  for (const prefix of ['', API_PREFIX]) {
    app.get(`${prefix}/healthz`, (): HealthResponse => ({ status: 'ok' }));

    app.get(`${prefix}/readyz`, (_request, reply): HealthResponse => {
      const readiness = checkReadiness(deps.live, deps.storeHealth);
      reply.code(readiness.status === 'ok' ? 200 : 503);
      return readiness;
    });
  }
}
