import { CreateUserBody, IdParams, UpdateUserBody } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import { auditContextOf } from '../auth/request-principal.js';
import type { IdentityRouteDeps } from './identity-routes.js';
import { API_PREFIX } from './route-deps.js';

const ADMIN = { config: { policy: 'users:admin' } } as const;

export function registerUserRoutes(app: FastifyInstance, deps: IdentityRouteDeps): void {
  app.get(`${API_PREFIX}/users`, ADMIN, () => deps.identity.listUsers());

  app.post(`${API_PREFIX}/users`, ADMIN, async (request, reply) => {
    const body = parseInput(CreateUserBody, request.body, 'body');
    return reply.code(201).send(await deps.identity.createUser(body, auditContextOf(request)));
  });

  app.patch(`${API_PREFIX}/users/:id`, ADMIN, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const body = parseInput(UpdateUserBody, request.body, 'body');
    return deps.identity.updateUser(id, body, auditContextOf(request));
  });
}
