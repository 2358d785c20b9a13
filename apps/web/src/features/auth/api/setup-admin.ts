import { LoginResponse, type SetupBody } from '@gpu-sentinel/protocol';
import { useMutation } from '@tanstack/react-query';
import { publicRequest, type Parser } from '../../../lib/api-client';
import { startSession } from '../../../lib/auth/session-store';

/** The server may sign the new admin in at once (a login answer) or just confirm the account. */
const SetupAnswer: Parser<LoginResponse | null> = {
  parse: (data) => LoginResponse.safeParse(data).data ?? null,
};

/** `POST /api/v1/auth/setup`: creates the first admin with the one-time token from the server log. */
export function setupAdmin(body: SetupBody): Promise<LoginResponse | null> {
  return publicRequest('/auth/setup', SetupAnswer, { method: 'POST', body });
}

export function useSetupAdmin() {
  return useMutation({
    mutationFn: setupAdmin,
    onSuccess: (response) => {
      if (response) startSession(response);
    },
  });
}
