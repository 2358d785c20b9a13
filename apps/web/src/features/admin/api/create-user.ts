import { User, type CreateUserBody } from '@gpu-sentinel/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { adminKeys } from './admin-keys';

/** `POST /api/v1/users` */
export function createUser(body: CreateUserBody): Promise<User> {
  return apiRequest('/users', User, { method: 'POST', body });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSettled: () => client.invalidateQueries({ queryKey: adminKeys.root }),
  });
}
