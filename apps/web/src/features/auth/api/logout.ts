import type { LogoutBody } from '@gpu-sentinel/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Parser } from '../../../lib/api-client';
import { endSession, getRefreshToken } from '../../../lib/auth/session-store';
import { navigate, paths } from '../../../lib/router';

const Ignored: Parser<null> = { parse: () => null };

/** `POST /api/v1/auth/logout`: ends this session on the server (the refresh token with it). */
export async function logout(): Promise<void> {
  const refreshToken = getRefreshToken();
  const body: LogoutBody = refreshToken === null ? {} : { refreshToken };
  await apiRequest('/auth/logout', Ignored, { method: 'POST', body });
}

/** Logs out; the tokens and every cached answer are dropped even when the server cannot be reached. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      endSession();
      client.clear();
      navigate(paths.overview);
    },
  });
}
