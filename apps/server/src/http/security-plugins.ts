import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export interface SecurityOptions {
  /** Browser origins allowed to call the API cross-origin; empty: CORS stays closed (no ACAO header). */
  corsOrigins: readonly string[];
  /** HSTS is only sent over HTTPS, where a browser honours it. */
  isTls: boolean;
}

/**
 * The dashboard is same-origin: its scripts, styles (uPlot styles through the CSSOM, which CSP allows),
 * icons and the live WebSocket all come from this server. No `upgrade-insecure-requests`: a plain-HTTP
 * install on a LAN address would break.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'", 'ws:', 'wss:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

const HSTS_MAX_AGE_S = 180 * 24 * 3600;

export async function registerSecurityPlugins(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    strictTransportSecurity: options.isTls ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });
  if (options.corsOrigins.length > 0) {
    await app.register(fastifyCors, {
      origin: [...options.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type'],
      // A cross-origin client can quote the id of a failed request (it names the request's log line).
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    });
  }
}
