import type { MetricsAuth } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import type { ServerMetrics } from '../metrics/server-metrics.js';

export interface MetricsRouteDeps {
  metrics: ServerMetrics;
  /** `key`: a read-scoped API key (or a signed-in user) as a bearer token; `public`: anyone who reaches the port. */
  auth: MetricsAuth;
}

/**
 * `GET /metrics`, Prometheus' text format at the root where scrapers look, and the request-duration
 * histogram. Register before the other routes: the hook then times every one of them.
 */
export function registerMetricsRoute(app: FastifyInstance, deps: MetricsRouteDeps): void {
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: ids in paths would make a series per GPU or alert.
    const route = request.routeOptions.url ?? 'unmatched';
    deps.metrics.httpDuration.observe(
      { method: request.method, route, code: String(reply.statusCode) },
      reply.elapsedTime / 1_000,
    );
  });
  const policy = deps.auth === 'public' ? 'public' : 'gpus:read';
  app.get('/metrics', { config: { policy } }, async (_request, reply) => {
    const { contentType, body } = await deps.metrics.scrape();
    reply.header('cache-control', 'no-store').type(contentType);
    return body;
  });
}
