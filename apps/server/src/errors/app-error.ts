import type { ErrorCode } from '@gpu-sentinel/protocol';

/** A failure a use case expects and the HTTP edge maps to a status (see http/error-handler.ts). */
export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  /** The input that caused it, where there is one (`intervalMs`, `points`, `uuid`). */
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

export class ValidationError extends AppError {
  readonly code = 'validation_failed';
}

/** No credentials, or credentials that are invalid, expired or revoked. */
export class UnauthenticatedError extends AppError {
  readonly code = 'unauthenticated';
}

/** Valid credentials that do not allow the action. */
export class ForbiddenError extends AppError {
  readonly code = 'forbidden';
}

export class NotFoundError extends AppError {
  readonly code = 'not_found';
}

export class ConflictError extends AppError {
  readonly code = 'conflict';
}

export class UnavailableError extends AppError {
  readonly code = 'unavailable';
}

export class RateLimitedError extends AppError {
  readonly code = 'rate_limited';
  constructor(
    message: string,
    /** Seconds until a retry may succeed, sent as `Retry-After`. */
    readonly retryAfterS: number,
  ) {
    super(message);
  }
}
