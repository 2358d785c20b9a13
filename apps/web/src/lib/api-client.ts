import { refreshSession } from './auth/refresh-session';
import { getAccessExpiresAt, getAccessToken } from './auth/session-store';
import { ApiError, sendRequest, type Parser, type RequestOptions } from './http';

export { ApiError, type ApiErrorCode, type Parser } from './http';

/** Refresh ahead of a request whose token would expire in flight. */
const EXPIRY_MARGIN_MS = 10_000;

/** The access token, refreshed first when it is about to expire. */
export async function freshAccessToken(): Promise<string | null> {
  if (getAccessToken() !== null && getAccessExpiresAt() - Date.now() < EXPIRY_MARGIN_MS) await refreshSession();
  return getAccessToken();
}

/**
 * Calls the API with the session's bearer token and parses the answer with its protocol schema.
 * A 401 triggers one refresh and one retry; when the refresh is refused the session ends (the app
 * then shows the login page) and the 401 is thrown.
 */
export async function apiRequest<T>(path: string, schema: Parser<T>, options: RequestOptions = {}): Promise<T> {
  try {
    return await sendRequest(path, schema, options, await freshAccessToken());
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'unauthenticated') throw error;
    if ((await refreshSession()) !== 'ok') throw error;
    return sendRequest(path, schema, options, getAccessToken());
  }
}

/** For the routes that need no session: login, refresh, first-admin setup. */
export function publicRequest<T>(path: string, schema: Parser<T>, options: RequestOptions = {}): Promise<T> {
  return sendRequest(path, schema, options, null);
}

/** Human-readable text for any error a query or mutation can end with. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.field ? `${error.message} (${error.field})` : error.message;
  if (error instanceof Error) return error.message;
  return 'Unknown error';
}
