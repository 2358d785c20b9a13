import type { MetricsAuth } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ServerMetrics } from '../metrics/server-metrics.js';

const gzipAsync = promisify(gzip);

/** Whether an Accept-Encoding header takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    return !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param));
  });
}

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
  app.get('/metrics', { config: { policy } }, async (request, reply) => {
    const { contentType, body } = await deps.metrics.scrape();
    reply.header('cache-control', 'no-store').header('vary', 'accept-encoding').type(contentType);
    // Prometheus asks for gzip: a 2,000-GPU fleet is ~5 MB of text, ~6× smaller zipped (zlib's threads do it).
    if (!acceptsGzip(request.headers['accept-encoding'])) return body;
    reply.header('content-encoding', 'gzip');
    return gzipAsync(body);
  });
}
