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
  ) {
    super(message);
  }

  /** A 4xx: asking again will not help. */
  get isClientError(): boolean {
    return this.status !== null && this.status >= 400 && this.status < 500;
  }
}

const API_BASE = '/api/v1';

interface RequestOptions {
  method?: 'GET' | 'PUT';
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

function errorFrom(response: Response, body: unknown): ApiError {
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success) {
    return new ApiError('http', `${response.status} ${response.statusText}`.trim(), response.status);
  }
  const { code, message, field } = parsed.data.error;
  return new ApiError(code, message, response.status, field ?? null);
}

/** Calls the API and parses the answer with its protocol schema; every failure is an ApiError. */
export async function apiRequest<T>(path: string, schema: Parser<T>, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = { method: options.method ?? 'GET', headers: { accept: 'application/json' } };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, init);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError('network', 'The server cannot be reached');
  }
  const body = await readJson(response);
  if (!response.ok) throw errorFrom(response, body);
  try {
    return schema.parse(body);
  } catch {
    throw new ApiError('invalid_response', `Unexpected response from ${path}`, response.status);
  }
}

/** Human-readable text for any error a query or mutation can end with. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.field ? `${error.message} (${error.field})` : error.message;
  if (error instanceof Error) return error.message;
  return 'Unknown error';
}
