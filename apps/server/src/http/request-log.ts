import type { Principal } from '@gpu-sentinel/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Level } from 'pino';
import { API_PREFIX } from '../routes/route-deps.js';

/** One line per request: what the request log writes besides the `reqId` Fastify binds to `request.log`. */
export interface RequestLogLine {
  method: string;
  /** The route pattern (`/api/v1/gpus/:uuid`), never the URL: queries carry tickets and filters. Null: no route matched. */
  route: string | null;
  status: number;
  durationMs: number;
  /** `user:<username>` or `apikey:<name>`; null when the request carried no valid credential. */
  principal: string | null;
  ip: string;
}

const REFRESH_ROUTE = `${API_PREFIX}/auth/refresh`;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Writes as frequent as polls: an agent on the HTTP fallback posts a batch every few hundred ms. */
const STREAMING_WRITE_ROUTES = new Set([`${API_PREFIX}/ingest`]);
const SWITCHING_PROTOCOLS = 101;

/**
 * Logs every request once, when its response is sent, and answers each with its id in `X-Request-Id`
 * (the id a 500's body carries, so a user's report leads to its line). WebSocket upgrades are logged
 * once, as the socket opens: their response never finishes, so `onResponse` does not run for them.
 */
export function registerRequestLog(app: FastifyInstance): void {
  // onSend, not onRequest: it runs for every reply, even one an earlier onRequest hook cut short.
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });
  app.addHook('preHandler', async (request, reply) => {
    // Auth, policy and rate limits have passed: what is left of an upgrade is the handshake itself.
    // `ws` is set by @fastify/websocket's onRequest hook (undefined where that plugin is not registered).
    if (request.ws) {
      request.log.debug(lineOf(request, reply, SWITCHING_PROTOCOLS), 'websocket opened');
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const line = lineOf(request, reply, reply.statusCode);
    request.log[levelOf(line)](line, `${line.method} ${line.route ?? '(no route)'} ${String(line.status)}`);
  });
}

/**
 * Faults are errors and refusals warnings, except two that are routine: a refresh token that has
 * expired (a dashboard waking up after its session ended) and a client over its rate limit (the
 * limiter working; a flood of them at warn would bury the warnings that matter). Successful writes
 * are info; successful reads are debug, since dashboards poll and stream all day, and so are agents' batches.
 */
export function levelOf(line: Pick<RequestLogLine, 'method' | 'route' | 'status'>): Level {
  const { status } = line;
  if (status >= 500) return 'error';
  if (status === 429) return 'info';
  if (status === 401 && line.route === REFRESH_ROUTE) return 'info';
  if (status >= 400) return 'warn';
  const isChange = WRITE_METHODS.has(line.method) && !STREAMING_WRITE_ROUTES.has(line.route ?? '');
  return isChange ? 'info' : 'debug';
}

/** Who asked, by name only: never a token, a session id or a key. */
export function principalLabel(principal: Principal | null): string | null {
  if (principal === null) return null;
  return principal.kind === 'user' ? `user:${principal.username}` : `apikey:${principal.name}`;
}

function lineOf(request: FastifyRequest, reply: FastifyReply, status: number): RequestLogLine {
  return {
    method: request.method,
    route: request.routeOptions.url ?? null,
    status,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
    principal: principalLabel(request.principal),
    ip: request.ip,
  };
}
