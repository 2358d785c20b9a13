import { z } from 'zod';
import { EpochMs } from './gpu.js';

/** `admin` does everything; `user` views and acknowledges/silences alerts; `reader` only views. */
export const Role = z.enum(['admin', 'user', 'reader']);
export type Role = z.infer<typeof Role>;

/** What an API key may do: push samples (agents), read, or administer. */
export const ApiKeyScope = z.enum(['ingest', 'read', 'admin']);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

/**
 * Everything a route can ask permission for. Every route declares one of these, or `public`;
 * the policy in packages/core decides who may do it.
 */
export const Action = z.enum([
  'session:self', // log out, who am I, stream tickets: any signed-in principal
  'gpus:read', // hosts, GPUs, processes, history, the live stream
  'system:read',
  'system:write', // recording on/off, sampling interval
  'alerts:read',
  'alerts:ack', // acknowledge and silence
  'rules:write',
  'channels:write',
  'export:read',
  'storage:admin',
  'users:admin',
  'apikeys:admin',
  'audit:read',
  'diagnostics:read', // the System page: health, storage, writer, recent errors
  'ingest', // agents pushing samples
]);
export type Action = z.infer<typeof Action>;

/** What a route declares: an action, or that it is public. */
export const RoutePolicy = z.union([z.literal('public'), Action]);
export type RoutePolicy = z.infer<typeof RoutePolicy>;

export const MIN_PASSWORD_LENGTH = 12;
export const Username = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9_.@-]+$/, 'letters, digits and _ . @ - only');
export const Password = z.string().min(MIN_PASSWORD_LENGTH).max(1024);

/** `POST /api/v1/auth/login` */
export const LoginBody = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUser = z.object({ username: z.string(), role: Role });
export type SessionUser = z.infer<typeof SessionUser>;

/** Login and refresh answer the same shape; `expiresIn` is the access token's lifetime in seconds. */
export const LoginResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().positive(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** `POST /api/v1/auth/refresh` */
export const RefreshBody = z.object({ refreshToken: z.string().min(1).max(512) }).strict();
export type RefreshBody = z.infer<typeof RefreshBody>;

/** `POST /api/v1/auth/logout`: ends the session of the access token (and of this refresh token if given). */
export const LogoutBody = z.object({ refreshToken: z.string().min(1).max(512).optional() }).strict();
export type LogoutBody = z.infer<typeof LogoutBody>;

/** `GET /api/v1/auth/me` */
export const Principal = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('user'),
    userId: z.number().int(),
    username: z.string(),
    role: Role,
    sessionId: z.string(),
  }),
  z.object({ kind: z.literal('apiKey'), keyId: z.number().int(), name: z.string(), scope: ApiKeyScope }),
]);
export type Principal = z.infer<typeof Principal>;

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  role: Role,
  isDisabled: z.boolean(),
  createdAt: EpochMs,
  lastLoginAt: EpochMs.nullable(),
});
export type User = z.infer<typeof User>;

export const UsersResponse = z.object({ items: z.array(User) });
export type UsersResponse = z.infer<typeof UsersResponse>;

/** `POST /api/v1/users` */
export const CreateUserBody = z.object({ username: Username, password: Password, role: Role }).strict();
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** `PATCH /api/v1/users/:id` */
export const UpdateUserBody = z
  .object({ role: Role.optional(), isDisabled: z.boolean().optional(), password: Password.optional() })
  .strict();
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const ApiKey = z.object({
  id: z.number().int(),
  name: z.string(),
  scope: ApiKeyScope,
  /** The first characters of the key, to tell keys apart; the key itself is shown once. */
  prefix: z.string(),
  createdAt: EpochMs,
  expiresAt: EpochMs.nullable(),
  revokedAt: EpochMs.nullable(),
  lastUsedAt: EpochMs.nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeysResponse = z.object({ items: z.array(ApiKey) });
export type ApiKeysResponse = z.infer<typeof ApiKeysResponse>;

/** `POST /api/v1/apikeys`; `expiresAt` in epoch ms or ISO 8601. */
export const CreateApiKeyBody = z
  .object({
    name: z.string().min(1).max(100),
    scope: ApiKeyScope,
    expiresAt: z.union([EpochMs, z.iso.datetime({ offset: true })]).optional(),
  })
  .strict();
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBody>;

export const CreateApiKeyResponse = ApiKey.extend({ key: z.string() });
export type CreateApiKeyResponse = z.infer<typeof CreateApiKeyResponse>;

/** `POST /api/v1/stream/ticket`: single use, valid 30 s; connect to `/api/v1/stream?ticket=…`. */
export const StreamTicketResponse = z.object({ ticket: z.string(), expiresIn: z.number().int().positive() });
export type StreamTicketResponse = z.infer<typeof StreamTicketResponse>;

export const AuditEventType = z.enum([
  'login.succeeded',
  'login.failed',
  'login.locked_out',
  'logout',
  'refresh.reuse_detected',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.password_changed',
  'apikey.created',
  'apikey.revoked',
  'settings.changed',
  'setup.completed',
  /** An alert rule created, edited or deleted (`details.action`). */
  'rule.changed',
  /** A notification channel created, edited or deleted (`details.action`); never its secrets. */
  'channel.changed',
]);
export type AuditEventType = z.infer<typeof AuditEventType>;

export const AuditEvent = z.object({
  id: z.number().int(),
  ts: EpochMs,
  type: AuditEventType,
  /** Who did it: a username, `apikey:<name>`, `cli`, or null when unknown (a failed login). */
  actor: z.string().nullable(),
  /** What it was done to: a username, key name or setting. */
  target: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z
  .object({
    cursor: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();
export const AuditResponse = z.object({ items: z.array(AuditEvent), nextCursor: z.number().int().nullable() });
export type AuditResponse = z.infer<typeof AuditResponse>;

/** `POST /api/v1/auth/setup`: the one-time token from the setup link, and the first admin's credentials. */
export const SetupBody = z
  .object({ token: z.string().min(1).max(512), username: Username, password: Password })
  .strict();
export type SetupBody = z.infer<typeof SetupBody>;
