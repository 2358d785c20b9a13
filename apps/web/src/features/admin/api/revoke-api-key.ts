import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminKeys } from './admin-keys';
import { apiRequest, type Parser } from '../../../lib/api-client';

const Ignored: Parser<null> = { parse: () => null };

/** `DELETE /api/v1/apikeys/:id`: the key stops working at once; it stays listed as revoked. */
export async function revokeApiKey(id: number): Promise<void> {
  await apiRequest(`/apikeys/${id}`, Ignored, { method: 'DELETE' });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSettled: () => client.invalidateQueries({ queryKey: adminKeys.root }),
  });
}
