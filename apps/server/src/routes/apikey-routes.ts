import { CreateApiKeyBody, IdParams } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import { auditContextOf } from '../auth/request-principal.js';
import type { IdentityRouteDeps } from './identity-routes.js';
import { API_PREFIX } from './route-deps.js';

const ADMIN = { config: { policy: 'apikeys:admin' } } as const;

export function registerApiKeyRoutes(app: FastifyInstance, deps: IdentityRouteDeps): void {
  app.get(`${API_PREFIX}/apikeys`, ADMIN, () => deps.identity.listApiKeys());

  /** The answer holds the key; it is never shown again. */
  app.post(`${API_PREFIX}/apikeys`, ADMIN, async (request, reply) => {
    const body = parseInput(CreateApiKeyBody, request.body, 'body');
    return reply.code(201).send(await deps.identity.createApiKey(body, auditContextOf(request)));
  });

  app.delete(`${API_PREFIX}/apikeys/:id`, ADMIN, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    return deps.identity.revokeApiKey(id, auditContextOf(request));
  });
}
