import fastifyRateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Redis } from 'ioredis';
import { RateLimitedError } from '../errors/app-error.js';
import { API_PREFIX } from '../routes/route-deps.js';

export interface RateLimitSettings {
  perMinute: number;
  historyPerMinute: number;
  loginPerMinute: number;
  /** Shared counters across replicas; null keeps them in memory. */
  redis: Redis | null;
  /** Prefix of every Redis key. */
  redisPrefix: string;
}

export const LOGIN_URL = `${API_PREFIX}/auth/login`;
const WINDOW_MS = 60_000;
const PROBES = new Set(['/healthz', '/readyz', `${API_PREFIX}/healthz`, `${API_PREFIX}/readyz`]);
const HEAVY = /\/(history|export)$/;

/** Signed-in callers are counted per principal; everyone else per IP. */
function keyOf(request: FastifyRequest): string {
  const { principal } = request;
  if (principal === null) return `ip:${request.ip}`;
  return principal.kind === 'user' ? `user:${principal.userId}` : `key:${principal.keyId}`;
}

/**
 * @fastify/rate-limit on every route (after the auth hook has found the principal, before the policy is
 * enforced, so floods of bad credentials are limited too); stricter for login (per IP) and history/export;
 * probes are not limited. Over the limit: 429 `rate_limited` with `Retry-After`.
 */
export async function registerRateLimits(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  app.addHook('onRoute', (route: RouteOptions) => {
    const routeLimit = limitFor(route, settings);
    if (routeLimit !== undefined) route.config = { ...route.config, rateLimit: routeLimit };
  });
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'onRequest',
    max: settings.perMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: keyOf,
    ...(settings.redis === null ? {} : { redis: settings.redis, nameSpace: `${settings.redisPrefix}rl:` }),
    // A Redis outage must not take the monitor down with it: limits pause, authentication does not.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new RateLimitedError(`too many requests: retry in ${context.after}`, Math.max(1, Math.ceil(context.ttl / 1_000))),
  });
}

function limitFor(route: RouteOptions, settings: RateLimitSettings): RateLimitOptions | false | undefined {
  if (PROBES.has(route.url)) return false;
  if (route.url === LOGIN_URL) {
    return { max: settings.loginPerMinute, timeWindow: WINDOW_MS, keyGenerator: (r: FastifyRequest) => `ip:${r.ip}` };
  }
  if (HEAVY.test(route.url)) return { max: settings.historyPerMinute, timeWindow: WINDOW_MS };
  return undefined;
}
