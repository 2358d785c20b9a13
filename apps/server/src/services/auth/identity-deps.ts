import type { Clock } from '@gpu-sentinel/core';
import type { Principal } from '@gpu-sentinel/protocol';
import type { Secrets } from '../../auth/secrets.js';
import type { SessionRevocations } from '../../auth/session-revocations.js';
import type { IdentityStore } from '../../store/identity-store.js';

/** Where security events are logged, marked `security: true` (pino's and Fastify's loggers fit). */
export interface SecurityLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** The ports the identity use cases share; each takes the subset it uses. */
export interface IdentityDeps {
  store: IdentityStore;
  clock: Clock;
  secrets: Pick<Secrets, 'jwtKey'>;
  revocations: SessionRevocations;
  logger: SecurityLogger;
}

/** Who asks and from where, for the audit log. `actor` is a username, `apikey:<name>`, `cli` or `system`. */
export interface AuditContext {
  actor: string | null;
  ip: string | null;
}

/** The audit actor of an authenticated principal. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'user' ? principal.username : `apikey:${principal.name}`;
}
