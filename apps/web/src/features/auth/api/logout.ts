import type { LogoutBody } from '@gpu-sentinel/protocol';
import { useMutation } from '@tanstack/react-query';
import { freshAccessToken, type Parser } from '../../../lib/api-client';
import { endSession, getRefreshToken } from '../../../lib/auth/session-store';
import { sendRequest } from '../../../lib/http';
import { navigate, paths } from '../../../lib/router';

const Ignored: Parser<null> = { parse: () => null };

/**
 * `POST /api/v1/auth/logout`. The tokens are dropped here first, so the dashboard (and its stream) is
 * gone at once and the server closing the stream is not mistaken for a session that ended by itself;
 * then the server ends the session with the tokens kept aside.
 */
export async function logout(): Promise<void> {
  const accessToken = await freshAccessToken();
  const refreshToken = getRefreshToken();
  navigate(paths.overview);
  endSession();
  if (accessToken === null) return;
  const body: LogoutBody = refreshToken === null ? {} : { refreshToken };
  await sendRequest('/auth/logout', Ignored, { method: 'POST', body }, accessToken);
}

export function useLogout() {
  return useMutation({ mutationFn: logout });
}
