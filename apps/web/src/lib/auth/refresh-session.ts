import { LoginResponse, type RefreshBody } from '@gpu-sentinel/protocol';
import { ApiError, sendRequest } from '../http';
import { endSession, getRefreshToken, startSession } from './session-store';

/** `ok`: new tokens; `ended`: the server refused, the session is over; `unreachable`: try again later. */
export type RefreshResult = 'ok' | 'ended' | 'unreachable';

export const SESSION_ENDED_MESSAGE = 'Your session has ended. Sign in again.';

let inFlight: Promise<RefreshResult> | null = null;

async function refreshOnce(): Promise<RefreshResult> {
  const refreshToken = getRefreshToken();
  if (refreshToken === null) {
    endSession(SESSION_ENDED_MESSAGE);
    return 'ended';
  }
  const body: RefreshBody = { refreshToken };
  try {
    startSession(await sendRequest('/auth/refresh', LoginResponse, { method: 'POST', body }, null));
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError && error.isClientError && error.code !== 'rate_limited') {
      endSession(SESSION_ENDED_MESSAGE);
      return 'ended';
    }
    return 'unreachable';
  }
}

/**
 * Trades the refresh token for new tokens. Concurrent callers share one request: the token rotates,
 * so a second request with the old one would look like reuse and revoke the session.
 */
export function refreshSession(): Promise<RefreshResult> {
  inFlight ??= refreshOnce().finally(() => {
    inFlight = null;
  });
  return inFlight;
}
