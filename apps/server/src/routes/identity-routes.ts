import type { FastifyInstance } from 'fastify';
import type { Identity } from '../auth/create-identity.js';
import { registerApiKeyRoutes } from './apikey-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerSetupRoutes } from './setup-routes.js';
import { registerUserRoutes } from './user-routes.js';

export interface IdentityRouteDeps {
  identity: Identity;
}

/** Sign-in, sessions, users, API keys, the audit log and first-admin setup; each route declares its policy. */
export function registerIdentityRoutes(app: FastifyInstance, deps: IdentityRouteDeps): void {
  registerAuthRoutes(app, deps);
  registerSetupRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerApiKeyRoutes(app, deps);
  registerAuditRoutes(app, deps);
}
