import type { Clock } from '@gpu-sentinel/core';
import type {
  ApiKey,
  AuditEvent,
  ApiKeysResponse,
  AuditResponse,
  CreateApiKeyBody,
  CreateApiKeyResponse,
  CreateUserBody,
  LoginBody,
  LoginResponse,
  LogoutBody,
  Principal,
  RefreshBody,
  SetupBody,
  UpdateUserBody,
  User,
  UsersResponse,
} from '@gpu-sentinel/protocol';
import { bootstrapFirstAdmin, type BootstrapResult } from '../services/auth/bootstrap-first-admin.js';
import { completeSetup } from '../services/auth/complete-setup.js';
import { createApiKey } from '../services/auth/create-api-key.js';
import { createUser } from '../services/auth/create-user.js';
import { recordAudit, type AuditInput } from '../services/auth/record-audit.js';
import { auditView } from '../services/auth/identity-views.js';
import type { AuditContext, IdentityDeps, SecurityLogger } from '../services/auth/identity-deps.js';
import { listApiKeys } from '../services/auth/list-api-keys.js';
import { listAudit } from '../services/auth/list-audit.js';
import { listUsers } from '../services/auth/list-users.js';
import { login } from '../services/auth/login.js';
import { logout } from '../services/auth/logout.js';
import { refreshSession } from '../services/auth/refresh-session.js';
import { revokeApiKey } from '../services/auth/revoke-api-key.js';
import { updateUser } from '../services/auth/update-user.js';
import type { IdentityStore } from '../store/identity-store.js';
import { createAuthenticator, type Authenticator } from './authenticator.js';
import { dummyPasswordHash } from './password-hash.js';
import type { Secrets } from './secrets.js';
import { SessionRevocations } from './session-revocations.js';

export interface CreateIdentityOptions {
  store: IdentityStore;
  clock: Clock;
  secrets: Pick<Secrets, 'jwtKey'>;
  logger: SecurityLogger;
}

interface RequestMeta {
  ip: string | null;
}

/** Users, sessions, API keys and the audit log: the authenticator the HTTP layer calls, and the use cases. */
export interface Identity {
  authenticator: Authenticator;
  login(body: LoginBody, request: RequestMeta): Promise<LoginResponse>;
  refresh(body: RefreshBody, request: RequestMeta): Promise<LoginResponse>;
  logout(principal: Principal, body: LogoutBody, request: RequestMeta): Promise<void>;
  listUsers(): Promise<UsersResponse>;
  createUser(body: CreateUserBody, context: AuditContext): Promise<User>;
  updateUser(id: number, body: UpdateUserBody, context: AuditContext): Promise<User>;
  listApiKeys(): Promise<ApiKeysResponse>;
  createApiKey(body: CreateApiKeyBody, context: AuditContext): Promise<CreateApiKeyResponse>;
  revokeApiKey(id: number, context: AuditContext): Promise<ApiKey>;
  listAudit(query: { cursor?: number | undefined; limit?: number | undefined }): Promise<AuditResponse>;
  /** Call once at start; log what it returns (a setup link to print, or the admin it created). */
  bootstrapFirstAdmin(options: { adminPassword?: string | undefined }): Promise<BootstrapResult>;
  completeSetup(body: SetupBody, request: RequestMeta): Promise<LoginResponse>;
  /** Record a security event the HTTP layer sees (`login.locked_out`, `settings.changed`): audit log and log. */
  recordAudit(input: AuditInput): Promise<AuditEvent>;
}

export function createIdentity(options: CreateIdentityOptions): Identity {
  const revocations = new SessionRevocations(options.store, options.clock);
  const deps: IdentityDeps = { ...options, revocations };
  // Hash the dummy password now, so the first login of an unknown user takes no longer than the others.
  void dummyPasswordHash();
  return {
    authenticator: createAuthenticator({ ...options, jwtKey: options.secrets.jwtKey, revocations }),
    login: (body, request) => login(deps, body, request),
    refresh: (body, request) => refreshSession(deps, body, request),
    logout: (principal, body, request) => logout(deps, principal, body, request),
    listUsers: () => listUsers(deps),
    createUser: (body, context) => createUser(deps, body, context),
    updateUser: (id, body, context) => updateUser(deps, id, body, context),
    listApiKeys: () => listApiKeys(deps),
    createApiKey: (body, context) => createApiKey(deps, body, context),
    revokeApiKey: (id, context) => revokeApiKey(deps, id, context),
    listAudit: (query) => listAudit(deps, query),
    bootstrapFirstAdmin: (bootstrap) => bootstrapFirstAdmin(deps, bootstrap),
    completeSetup: (body, request) => completeSetup(deps, body, request),
    recordAudit: async (input) => auditView(await recordAudit(deps, input)),
  };
}
