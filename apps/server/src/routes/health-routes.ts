import type { HealthResponse } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { checkReadiness } from '../services/check-readiness.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

const PUBLIC = { config: { policy: 'public' } } as const;

/** Liveness and readiness, at the root as probes expect them and under the API prefix. */
export function registerHealthRoutes(app: FastifyInstance, deps: Pick<RouteDeps, 'live' | 'storeHealth'>): void {
  for (const prefix of ['', API_PREFIX]) {
    app.get(`${prefix}/healthz`, PUBLIC, (): HealthResponse => ({ status: 'ok' }));

    app.get(`${prefix}/readyz`, PUBLIC, (_request, reply): HealthResponse => {
      const readiness = checkReadiness(deps.live, deps.storeHealth);
      reply.code(readiness.status === 'ok' ? 200 : 503);
      return readiness;
    });
  }
}
