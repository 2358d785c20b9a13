import type { FastifyRequest } from 'fastify';
import { auditContextOf } from '../auth/request-principal.js';
import type { SecurityAudit } from './route-deps.js';

/** Settings changes are security events: who changed what, to what. */
export function auditSettingChange(
  audit: SecurityAudit,
  request: FastifyRequest,
  target: string,
  value: unknown,
): Promise<unknown> {
  return audit.recordAudit({
    type: 'settings.changed',
    context: auditContextOf(request),
    target,
    details: { [target]: value },
  });
}
