import { SetupBody } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import type { IdentityRouteDeps } from './identity-routes.js';
import { API_PREFIX } from './route-deps.js';

/** First-admin setup: public, but only the one-time token from the setup link opens it; 404 once done. */
export function registerSetupRoutes(app: FastifyInstance, deps: IdentityRouteDeps): void {
  app.post(`${API_PREFIX}/auth/setup`, { config: { policy: 'public' } }, async (request, reply) => {
    const body = parseInput(SetupBody, request.body, 'body');
    return reply.code(201).send(await deps.identity.completeSetup(body, { ip: request.ip }));
  });
}
