import { User, type UpdateUserBody } from '@gpu-sentinel/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminKeys } from './admin-keys';
import { apiRequest } from '../../../lib/api-client';

/** `PATCH /api/v1/users/:id`: role, disabled, or a new password. */
export function updateUser({ id, changes }: { id: number; changes: UpdateUserBody }): Promise<User> {
  return apiRequest(`/users/${id}`, User, { method: 'PATCH', body: changes });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSettled: () => client.invalidateQueries({ queryKey: adminKeys.root }),
  });
}
