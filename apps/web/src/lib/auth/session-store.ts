import type { LoginResponse, SessionUser } from '@gpu-sentinel/protocol';

/**
 * The sign-in session. Tokens are not server data, so they live here rather than in the query cache:
 * the access token only in memory (never persisted, never in a URL), the refresh token in
 * sessionStorage. sessionStorage rather than localStorage because refresh tokens rotate and a reused
 * one revokes the whole session: tabs sharing one token would race each other into that revocation.
 * One token chain per tab avoids it, still survives a reload, and ends when the tab is closed.
 */
export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out';

export interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  /** Why the last session ended without a logout (shown on the login page), if it did. */
  endedReason: string | null;
}

const REFRESH_TOKEN_KEY = 'gpu-sentinel.refresh-token';

let accessToken: string | null = null;
let accessExpiresAt = 0;
let state: SessionState = {
  status: readRefreshToken() === null ? 'signed-out' : 'restoring',
  user: null,
  endedReason: null,
};
const listeners = new Set<() => void>();

function readRefreshToken(): string | null {
  try {
    return window.sessionStorage.getItem(REFRESH_TOKEN_KEY);
  } catch {
    return null;
  }
}

function writeRefreshToken(token: string | null): void {
  try {
    if (token === null) window.sessionStorage.removeItem(REFRESH_TOKEN_KEY);
    else window.sessionStorage.setItem(REFRESH_TOKEN_KEY, token);
  } catch {
    // Storage disabled: the session then lasts as long as the page.
  }
}

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSessionState(): SessionState {
  return state;
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function getRefreshToken(): string | null {
  return readRefreshToken();
}

/** When the access token expires (epoch ms); 0 without one. */
export function getAccessExpiresAt(): number {
  return accessExpiresAt;
}

/** Stores a login or refresh answer: the refresh token rotates on every use, so always keep the new one. */
export function startSession(response: LoginResponse, now = Date.now()): void {
  accessToken = response.accessToken;
  accessExpiresAt = now + response.expiresIn * 1000;
  writeRefreshToken(response.refreshToken);
  setState({ status: 'signed-in', user: response.user, endedReason: null });
}

/** Forgets the tokens; `reason` is shown on the login page when the session ended by itself. */
export function endSession(reason: string | null = null): void {
  accessToken = null;
  accessExpiresAt = 0;
  writeRefreshToken(null);
  setState({ status: 'signed-out', user: null, endedReason: reason });
}
