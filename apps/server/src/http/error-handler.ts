import type { ErrorBody, ErrorCode } from '@gpu-sentinel/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, RateLimitedError } from '../errors/app-error.js';

/** The one place error codes become HTTP statuses. */
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Map every thrown error to a JSON body: typed errors by code, Fastify's own 4xx as they are, the rest as a 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof AppError) {
      if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterS));
      return sendError(reply, STATUS_BY_CODE[error.code], bodyOf(error.code, error.message, error.field));
    }
    const clientStatus = clientErrorStatus(error);
    if (clientStatus !== null && error instanceof Error) {
      // Fastify's own 4xx (malformed JSON, wrong content type, body too large): safe messages, no stack.
      const code = clientStatus === 413 ? 'payload_too_large' : 'validation_failed';
      return sendError(reply, clientStatus, bodyOf(code, error.message, 'body'));
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, {
      error: { code: 'internal', message: 'Internal server error', requestId: request.id },
    });
  });
}

/** Unknown routes: a JSON 404 for the API (the SPA fallback is registered separately for pages). */
export function sendRouteNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? request.url;
  return sendError(reply, 404, bodyOf('not_found', `Route ${request.method} ${path} not found`));
}

function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send(body);
}

function bodyOf(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

function clientErrorStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return null;
  const status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}
