import fastifyWebsocket from '@fastify/websocket';
import type { SystemDiagnostics } from '@gpu-sentinel/protocol';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerFactory,
} from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:https';
import type { WebSocket } from 'ws';
import type { TlsFiles } from './config/load-tls.js';
import { registerAuthHooks, type RequestAuthenticator } from './http/auth-hooks.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerRequestLog } from './http/request-log.js';
import type { LockoutStore } from './http/lockout-store.js';
import { registerLoginLockout } from './http/login-lockout.js';
import { registerRateLimits, type RateLimitSettings } from './http/rate-limits.js';
import { registerWeb } from './http/register-web.js';
import { requireRoutePolicies } from './http/route-policy.js';
import { registerSecurityPlugins } from './http/security-plugins.js';
import { registerAlertRoutes } from './routes/alert-routes.js';
import { registerChannelRoutes } from './routes/channel-routes.js';
import { registerDeliveryRoutes } from './routes/delivery-routes.js';
import { registerExportRoutes } from './routes/export-routes.js';
import { registerGpuRoutes } from './routes/gpu-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerHistoryRoutes } from './routes/history-routes.js';
import { registerHostRoutes } from './routes/host-routes.js';
import { registerDiagnosticsRoute } from './routes/diagnostics-route.js';
import { registerMetricsRoute, type MetricsRouteDeps } from './routes/metrics-route.js';
import { registerOpenApiRoutes } from './routes/openapi-routes.js';
import { registerIngestRoutes } from './ingest/ingest-routes.js';
import type { IngestService } from './ingest/ingest-service.js';
import { API_PREFIX, type RouteDeps } from './routes/route-deps.js';
import { registerRuleRoutes } from './routes/rule-routes.js';
import { registerStorageRoutes } from './routes/storage-routes.js';
import { registerSystemRoutes } from './routes/system-routes.js';
import type { StreamHub } from './ws/stream-hub.js';
import { registerStreamRoute } from './ws/stream-route.js';
import type { StreamTicketStore } from './ws/stream-tickets.js';

export interface AppDeps extends RouteDeps {
  logger: FastifyBaseLogger;
  hub: StreamHub;
  /** Where agents' batches (WebSocket and HTTP) enter. */
  ingest: IngestService;
  /** The dashboard build, or null when it has not been built. */
  webDir: string | null;
  authenticator: RequestAuthenticator;
  tickets: StreamTicketStore;
  rateLimits: RateLimitSettings;
  lockouts: LockoutStore;
  corsOrigins: readonly string[];
  /** `--trust-proxy`: a hop count or the balancers' addresses; undefined: the peer is the client. */
  trustProxy?: string | undefined;
  /** Certificate and key: HTTPS and WSS on the same port; null: plain HTTP. */
  tls: TlsFiles | null;
  /** `GET /metrics` and the request timings; absent: no metrics endpoint. */
  metrics?: MetricsRouteDeps | undefined;
  /** The System page's diagnostics; absent: no diagnostics route. */
  diagnostics?: (() => Promise<SystemDiagnostics>) | undefined;
  /** More routes (identity's), registered after the hooks so they are protected like the rest. */
  registerRoutes?: (app: FastifyInstance) => void | Promise<void>;
}

/**
 * One WebSocket server serves both routes, so its bound is the agent's: a batch of a large host with
 * coalesced ticks. Dashboard streams send nothing the server reads: one that sends more than
 * STREAM_MAX_MESSAGE_BYTES is closed.
 */
const WS_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;
const STREAM_MAX_MESSAGE_BYTES = 4_096;
const CLOSE_MESSAGE_TOO_BIG = 1009;

/** The HTTP and WebSocket server, built from injected ports; it creates no adapters itself. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { tls } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    genReqId: () => randomUUID(),
    // Dashboards poll and stream all day: one log line per request would drown the useful ones.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    ...(deps.trustProxy === undefined ? {} : { trustProxy: trustProxyOf(deps.trustProxy) }),
    ...(tls === null ? {} : { serverFactory: httpsServer(tls) }),
  });
  registerErrorHandler(app);
  registerRequestLog(app);
  requireRoutePolicies(app);
  await registerSecurityPlugins(app, { corsOrigins: deps.corsOrigins, isTls: tls !== null });
  registerApiHeaders(app, deps);
  registerAuthHooks(app, deps.authenticator, deps.tickets);
  await registerRateLimits(app, deps.rateLimits);
  if (deps.metrics !== undefined) registerMetricsRoute(app, deps.metrics);
  registerLoginLockout(app, { store: deps.lockouts, now: () => deps.clock.now(), audit: deps.audit });
  await app.register(fastifyWebsocket, { options: { maxPayload: WS_MAX_PAYLOAD_BYTES } });
  boundStreamMessages(app);
  registerStreamRoute(app, deps.hub, deps.tickets);
  registerIngestRoutes(app, { ingest: deps.ingest, serverVersion: deps.facts.version, log: deps.logger });
  registerHostRoutes(app, deps);
  registerHealthRoutes(app, deps);
  registerGpuRoutes(app, deps);
  registerSystemRoutes(app, deps);
  if (deps.diagnostics !== undefined) registerDiagnosticsRoute(app, deps.diagnostics);
  registerHistoryRoutes(app, deps);
  registerExportRoutes(app, deps);
  registerStorageRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerRuleRoutes(app, deps);
  registerChannelRoutes(app, deps);
  registerDeliveryRoutes(app, deps);
  registerOpenApiRoutes(app, { version: deps.facts.version });
  await deps.registerRoutes?.(app);
  await registerWeb(app, deps.webDir);
  return app;
}

/** Any socket but an agent's is closed when it sends a big message (only agents send anything read). */
function boundStreamMessages(app: FastifyInstance): void {
  app.websocketServer.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    if (request.url?.startsWith(`${API_PREFIX}/agent`) === true) return;
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const bytes = Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data.byteLength;
      if (bytes > STREAM_MAX_MESSAGE_BYTES) socket.close(CLOSE_MESSAGE_TOO_BIG, 'message too big');
    });
  });
}

/** HTTPS (and so WSS, which upgrades on the same server) with the given certificate. */
function httpsServer(tls: TlsFiles): FastifyServerFactory {
  return (handler) => createServer({ cert: tls.cert, key: tls.key }, handler);
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

/** `1` → trust one hop; `10.0.0.0/8, 10.1.2.3` → trust those addresses (Fastify's proxy-addr list). */
function trustProxyOf(setting: string): string | ((address: string, hop: number) => boolean) {
  if (!/^\d+$/.test(setting)) return setting;
  const hops = Number(setting);
  return (_address, hop) => hop < hops;
}
