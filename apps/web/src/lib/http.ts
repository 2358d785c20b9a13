import { ErrorBody, type ErrorCode } from '@gpu-sentinel/protocol';

/** Anything with a zod-like `parse`: the protocol's schemas. */
export interface Parser<T> {
  parse(data: unknown): T;
}

/** Why a request failed: the server's error code, or what went wrong on the way. */
export type ApiErrorCode = ErrorCode | 'network' | 'http' | 'invalid_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number | null = null,
    readonly field: string | null = null,
    /** Seconds to wait before asking again (a 429's `Retry-After`). */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }

  /** A 4xx: asking again will not help. */
  get isClientError(): boolean {
    return this.status !== null && this.status >= 400 && this.status < 500;
  }
}

export const API_BASE = '/api/v1';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function retryAfterSeconds(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function errorFrom(response: Response, body: unknown): ApiError {
  const retryAfterS = retryAfterSeconds(response);
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success) {
    const message = `${response.status} ${response.statusText}`.trim();
    return new ApiError('http', message, response.status, null, retryAfterS);
  }
  const { code, message, field } = parsed.data.error;
  return new ApiError(code, message, response.status, field ?? null, retryAfterS);
}

/** One HTTP exchange with the API, with or without a bearer token; every failure is an ApiError. */
export async function sendRequest<T>(
  path: string,
  schema: Parser<T>,
  options: RequestOptions,
  bearerToken: string | null,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (bearerToken !== null) headers.authorization = `Bearer ${bearerToken}`;
  const init: RequestInit = { method: options.method ?? 'GET', headers };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, init);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError('network', 'The server cannot be reached');
  }
  const body = response.status === 204 ? undefined : await readJson(response);
  if (!response.ok) throw errorFrom(response, body);
  try {
    return schema.parse(body);
  } catch {
    throw new ApiError('invalid_response', `Unexpected response from ${path}`, response.status);
  }
}
