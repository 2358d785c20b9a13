import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../errors/app-error.js';
import type { SecurityAudit } from '../routes/route-deps.js';
import type { LockoutStore } from './lockout-store.js';
import { LOGIN_URL } from './rate-limits.js';

/** After this many failed logins of a username from one IP it is locked out for a minute, then 2, 4, … */
export const LOCKOUT_AFTER_FAILURES = 5;
const FIRST_LOCKOUT_MS = 60_000;
const MAX_LOCKOUT_MS = 24 * 3600_000;
/** Failures are forgotten a day after the last one. */
const MEMORY_MS = 24 * 3600_000;

export interface LoginLockoutDeps {
  store: LockoutStore;
  now: () => number;
  audit: SecurityAudit;
}

/** The lockout after `failures` failed logins in a row, in ms (0: not locked). Doubles from the fifth. */
export function lockoutMs(failures: number): number {
  if (failures < LOCKOUT_AFTER_FAILURES) return 0;
  return Math.min(FIRST_LOCKOUT_MS * 2 ** (failures - LOCKOUT_AFTER_FAILURES), MAX_LOCKOUT_MS);
}

/**
 * Login lockout per username + IP: a locked pair gets 429 with `Retry-After` before the password is
 * even checked; a 401 from the login route counts a failure, a success clears them.
 */
export function registerLoginLockout(app: FastifyInstance, deps: LoginLockoutDeps): void {
  app.addHook('preHandler', async (request) => {
    const key = lockoutKey(request);
    if (key === null) return;
    const state = await deps.store.get(key);
    const waitMs = state === null ? 0 : state.lockedUntil - deps.now();
    if (waitMs > 0) {
      throw new RateLimitedError('too many failed logins: try again later', Math.ceil(waitMs / 1_000));
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const key = lockoutKey(request);
    if (key === null) return payload;
    if (reply.statusCode === 200) await deps.store.delete(key);
    if (reply.statusCode === 401) await recordFailure(deps, key, request);
    return payload;
  });
}

async function recordFailure(deps: LoginLockoutDeps, key: string, request: FastifyRequest): Promise<void> {
  const failures = ((await deps.store.get(key))?.failures ?? 0) + 1;
  const waitMs = lockoutMs(failures);
  await deps.store.set(key, { failures, lockedUntil: deps.now() + waitMs }, MEMORY_MS);
  if (waitMs > 0) {
    await deps.audit.recordAudit({
      type: 'login.locked_out',
      context: { actor: null, ip: request.ip },
      target: usernameOf(request.body),
      details: { failures, lockedForS: Math.ceil(waitMs / 1_000) },
    });
  }
}

function lockoutKey(request: FastifyRequest): string | null {
  if (request.method !== 'POST' || request.routeOptions.url !== LOGIN_URL) return null;
  const username = usernameOf(request.body);
  return username === null ? null : `lockout:${username.toLowerCase()}|${request.ip}`;
}

function usernameOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('username' in body)) return null;
  return typeof body.username === 'string' && body.username.length <= 64 ? body.username : null;
}
