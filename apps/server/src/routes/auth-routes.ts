import { LoginBody, LogoutBody, RefreshBody, type Principal } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import { principalOf } from '../auth/request-principal.js';
import type { IdentityRouteDeps } from './identity-routes.js';
import { API_PREFIX } from './route-deps.js';

const PUBLIC = { config: { policy: 'public' } } as const;
const SELF = { config: { policy: 'session:self' } } as const;

/** Sign in, rotate the refresh token, sign out, who am I. */
export function registerAuthRoutes(app: FastifyInstance, deps: IdentityRouteDeps): void {
  app.post(`${API_PREFIX}/auth/login`, PUBLIC, (request) => {
    const body = parseInput(LoginBody, request.body, 'body');
    return deps.identity.login(body, { ip: request.ip });
  });

  app.post(`${API_PREFIX}/auth/refresh`, PUBLIC, (request) => {
    const body = parseInput(RefreshBody, request.body, 'body');
    return deps.identity.refresh(body, { ip: request.ip });
  });

  app.post(`${API_PREFIX}/auth/logout`, SELF, async (request, reply) => {
    const body = parseInput(LogoutBody, request.body ?? {}, 'body');
    await deps.identity.logout(principalOf(request), body, { ip: request.ip });
    return reply.code(204).send();
  });

  app.get(`${API_PREFIX}/auth/me`, SELF, (request): Principal => principalOf(request));
}
