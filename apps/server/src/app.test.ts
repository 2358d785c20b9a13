import { ErrorBody } from '@gpu-sentinel/protocol';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { appDeps, TokenTable } from '../test/support/app-deps.js';
import { buildApp } from './app.js';
import { MissingPolicyError } from './http/route-policy.js';

const ADMIN = { kind: 'user', userId: 1, username: 'admin', role: 'admin', sessionId: 's1' } as const;

/** The app over ports whose store fails: only what the error handler does is under test here. */
async function appWithFailingStore(): Promise<Awaited<ReturnType<typeof buildApp>>> {
  const failing = (): Promise<never> => Promise.reject(new Error('disk on fire at /secret/path'));
  // eslint-disable-next-line require-yield -- a stream that fails before its first chunk
  const failingStream = async function* (): AsyncGenerator<never> {
    await Promise.resolve();
    throw new Error('disk on fire at /secret/path');
  };
  const tokens = new TokenTable();
  tokens.add('admin-token', ADMIN);
  return buildApp(
    appDeps({
      logger: pino({ level: 'silent' }),
      store: {
        listHosts: failing,
        readSeries: failing,
        storageStats: failing,
        streamSamples: failingStream,
        streamRollups: failingStream,
      },
      storeHealth: { isOpen: () => false },
      authenticator: tokens,
    }),
  );
}

describe('buildApp error mapping', () => {
  it('answers an unexpected failure with a 500 that carries only a request id', async () => {
    const app = await appWithFailingStore();
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/hosts',
      headers: { authorization: 'Bearer admin-token' },
    });
    await app.close();

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('disk on fire');
    expect(response.body).not.toMatch(/\.ts:\d+|\.js:\d+/);
    const body = ErrorBody.parse(response.json());
    expect(body.error.code).toBe('internal');
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is not ready while the store is closed', async () => {
    const app = await appWithFailingStore();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    await app.close();
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'not_ready', reason: 'the store is not open' });
  });
});

describe('buildApp deny by default', () => {
  it('refuses to start when a route declares no policy', async () => {
    const build = buildApp(
      appDeps({
        registerRoutes: (app) => {
          app.get('/api/v1/forgotten', () => ({ secret: true }));
        },
      }),
    );
    await expect(build).rejects.toThrow(MissingPolicyError);
    await expect(build).rejects.toThrow(/GET \/api\/v1\/forgotten declares no policy/);
  });

  it('refuses a policy that is not an action', async () => {
    const build = buildApp(
      appDeps({
        registerRoutes: (app) => {
          app.get('/api/v1/typo', { config: { policy: 'gpus:reed' as never } }, () => ({}));
        },
      }),
    );
    await expect(build).rejects.toThrow(MissingPolicyError);
  });
});
