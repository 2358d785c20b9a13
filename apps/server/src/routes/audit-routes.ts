import { AuditQuery } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import type { IdentityRouteDeps } from './identity-routes.js';
import { API_PREFIX } from './route-deps.js';

export function registerAuditRoutes(app: FastifyInstance, deps: IdentityRouteDeps): void {
  app.get(`${API_PREFIX}/audit`, { config: { policy: 'audit:read' } }, (request) => {
    const query = parseInput(AuditQuery, request.query, 'query');
    return deps.identity.listAudit(query);
  });
}
