import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { registerErrorHandler } from './http/error-handler.js';
import { registerWeb } from './http/register-web.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerGpuRoutes } from './routes/gpu-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import type { RouteDeps } from './routes/route-deps.js';
import { registerSystemRoutes } from './routes/system-routes.js';
import type { StreamHub } from './ws/stream-hub.js';
import { registerStreamRoute } from './ws/stream-route.js';

export interface AppDeps extends RouteDeps {
  logger: FastifyBaseLogger;
  hub: StreamHub;
  /** The dashboard build, or null when it has not been built. */
  webDir: string | null;
}

/** Incoming WebSocket messages are ignored, so there is no reason to accept big ones. */
const WS_MAX_PAYLOAD_BYTES = 4_096;

/** The HTTP and WebSocket server, built from injected ports; it creates no adapters itself. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    genReqId: () => randomUUID(),
    // Dashboards poll and stream all day: one log line per request would drown the useful ones.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
  });
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  registerApiHeaders(app, deps);
  await app.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_PAYLOAD_BYTES } });
  registerStreamRoute(app, deps.hub);
  registerHealthRoutes(app, deps);
  registerGpuRoutes(app, deps);
  registerSystemRoutes(app, deps);
  await registerWeb(app, deps.webDir);
  return app;
}

/** API responses name their source and are never cached. */
function registerApiHeaders(app: FastifyInstance, deps: Pick<RouteDeps, 'live'>): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) {
      reply.header('x-gpu-sentinel-source', deps.live.source().kind);
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
