import { LoginResponse, type LoginBody } from '@gpu-sentinel/protocol';
import { useMutation } from '@tanstack/react-query';
import { publicRequest } from '../../../lib/api-client';
import { startSession } from '../../../lib/auth/session-store';

/** `POST /api/v1/auth/login` */
export function login(body: LoginBody): Promise<LoginResponse> {
  return publicRequest('/auth/login', LoginResponse, { method: 'POST', body });
}

export function useLogin() {
  return useMutation({ mutationFn: login, onSuccess: (response) => startSession(response) });
}
