import type { Principal } from '@gpu-sentinel/protocol';
import type { FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '../errors/app-error.js';
import { actorOf, type AuditContext } from '../services/auth/identity-deps.js';

/** The caller, which the auth hook has already required for every non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new UnauthenticatedError('sign in first');
  return request.principal;
}

/** Who did it and from where, for the audit log. */
export function auditContextOf(request: FastifyRequest): AuditContext {
  return { actor: actorOf(principalOf(request)), ip: request.ip };
}
