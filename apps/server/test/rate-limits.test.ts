import { ManualClock } from '@gpu-sentinel/core';
import { ErrorBody, type Principal } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { UnauthenticatedError } from '../src/errors/app-error.js';
import { MemoryLockoutStore, RedisLockoutStore, type LockoutStore } from '../src/http/lockout-store.js';
import { LOGIN_URL } from '../src/http/rate-limits.js';
import { appDeps, RecordedAudit, TokenTable } from './support/app-deps.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const READER: Principal = { kind: 'user', userId: 2, username: 'rita', role: 'reader', sessionId: 's2' };

interface Harness {
  app: FastifyInstance;
  audit: RecordedAudit;
  clock: ManualClock;
  login(username: string, password: string): Promise<Response>;
  get(path: string, token?: string): Promise<Response>;
}

/** The app with low limits and a stand-in login route (password "right"), so limits show in a few requests. */
async function harness(backing: { redis: Redis | null; prefix: string }): Promise<Harness> {
  const clock = new ManualClock(Date.now());
  const audit = new RecordedAudit();
  const tokens = new TokenTable();
  tokens.add('reader', READER);
  const lockouts: LockoutStore =
    backing.redis === null
      ? new MemoryLockoutStore(() => clock.now())
      : new RedisLockoutStore(backing.redis, backing.prefix);
  const app = await buildApp(
    appDeps({
      clock,
      audit,
      authenticator: tokens,
      lockouts,
      rateLimits: {
        perMinute: 8,
        historyPerMinute: 3,
        loginPerMinute: 50,
        redis: backing.redis,
        redisPrefix: backing.prefix,
      },
      registerRoutes: (instance) => {
        instance.post(LOGIN_URL, { config: { policy: 'public' } }, (request) => {
          const body = request.body as { password?: unknown };
          if (body.password !== 'right') throw new UnauthenticatedError('wrong username or password');
          return { ok: true };
        });
      },
    }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  return {
    app,
    audit,
    clock,
    login: (username, password) =>
      fetch(`${base}${LOGIN_URL}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      }),
    get: (path, token) =>
      fetch(`${base}${path}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
  };
}

async function expectLimited(response: Response): Promise<number> {
  expect(response.status).toBe(429);
  expect(ErrorBody.parse(await response.json()).error.code).toBe('rate_limited');
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  return retryAfter;
}

function suite(name: string, backing: () => { redis: Redis | null; prefix: string }): void {
  describe(name, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await harness(backing());
    });
    afterAll(async () => {
      await h.app.close();
    });

    it('limits anonymous callers per IP, even while they are refused', async () => {
      const statuses = [];
      for (let i = 0; i < 9; i += 1) statuses.push((await h.get('/api/v1/gpus', 'wrong')).status);
      expect(statuses.slice(0, 8).every((status) => status === 401)).toBe(true);
      await expectLimited(await h.get('/api/v1/gpus', 'wrong'));
    });

    it('counts a signed-in principal on its own, and stricter on history', async () => {
      expect((await h.get('/api/v1/gpus', 'reader')).status).toBe(200);
      const uuidPath = '/api/v1/gpus/GPU-x/history';
      for (let i = 0; i < 3; i += 1) expect((await h.get(uuidPath, 'reader')).status).toBe(404);
      await expectLimited(await h.get(uuidPath, 'reader'));
    });

    it('never limits the probes', async () => {
      for (let i = 0; i < 12; i += 1) expect((await h.get('/healthz')).status).toBe(200);
    });

    it('locks a username out from an IP after 5 failed logins, doubling, and a success resets it', async () => {
      for (let i = 0; i < 5; i += 1) expect((await h.login('ada', 'wrong')).status).toBe(401);
      const first = await expectLimited(await h.login('ada', 'right'));
      expect(first).toBeGreaterThan(55);
      expect(first).toBeLessThanOrEqual(60);
      expect((await h.login('bob', 'right')).status).toBe(200);
      expect(h.audit.events).toContainEqual(
        expect.objectContaining({ type: 'login.locked_out', target: 'ada', details: { failures: 5, lockedForS: 60 } }),
      );

      h.clock.advance(61_000);
      expect((await h.login('ada', 'wrong')).status).toBe(401);
      expect(await expectLimited(await h.login('ada', 'right'))).toBeGreaterThan(115);

      h.clock.advance(121_000);
      expect((await h.login('ADA', 'right')).status).toBe(200);
      expect((await h.login('ada', 'wrong')).status).toBe(401);
      expect((await h.login('ada', 'right')).status).toBe(200);
    });
  });
}

suite('rate limits in memory', () => ({ redis: null, prefix: 'unused:' }));

describe('rate limits in Redis (REDIS_URL)', () => {
  const prefix = `gpu-sentinel-test:${randomUUID()}:`;
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  beforeAll(async () => {
    try {
      await redis.connect();
    } catch (error) {
      throw new Error(`these tests need Redis on ${REDIS_URL} (apt-get install redis-server): ${String(error)}`);
    }
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  suite('shared counters', () => ({ redis, prefix }));

  it('keeps its counters and lockouts under the prefix', async () => {
    expect((await redis.keys(`${prefix}*`)).length).toBeGreaterThan(0);
  });
});
