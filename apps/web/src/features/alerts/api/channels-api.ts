import {
  Channel,
  ChannelList,
  ChannelTestResult,
  Delivery,
  DeliveryPage,
  type ChannelBodyInput,
} from '@gpu-sentinel/protocol';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Parser } from '../../../lib/api-client';

/** DELETE answers 204: nothing to parse. */
const Ignored: Parser<null> = { parse: () => null };

export const channelsKey = ['alert-channels'] as const;
const deliveriesKey = (channelId: number) => ['alert-deliveries', channelId] as const;

export function useChannels(isEnabled = true) {
  return useQuery({
    queryKey: channelsKey,
    queryFn: ({ signal }) => apiRequest('/channels', ChannelList, { signal }),
    enabled: isEnabled,
  });
}

/** `POST /api/v1/channels` (no id) or `PUT /api/v1/channels/:id`. */
export function useSaveChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: ChannelBodyInput }) =>
      id === null
        ? apiRequest('/channels', Channel, { method: 'POST', body })
        : apiRequest(`/channels/${id}`, Channel, { method: 'PUT', body }),
    onSettled: () => client.invalidateQueries({ queryKey: channelsKey }),
  });
}

export function useDeleteChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest(`/channels/${id}`, Ignored, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: channelsKey }),
  });
}

/** `POST /api/v1/channels/:id/test`: sent at once; the receiver's answer. */
export function useTestChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest(`/channels/${id}/test`, ChannelTestResult, { method: 'POST' }),
    onSettled: (_result, _error, id) => client.invalidateQueries({ queryKey: deliveriesKey(id) }),
  });
}

/**
 * `GET /api/v1/deliveries?channelId=`: newest first, by cursor. Polled while the log is open (new
 * alerts add rows at any time), faster while a delivery is pending.
 */
export function useDeliveries(channelId: number) {
  return useInfiniteQuery({
    queryKey: deliveriesKey(channelId),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ channelId: String(channelId), limit: '50' });
      if (pageParam !== null) params.set('cursor', pageParam);
      return apiRequest(`/deliveries?${params.toString()}`, DeliveryPage, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((item) => item.status === 'pending')) ? 2_000 : 5_000,
  });
}

/** `POST /api/v1/deliveries/:id/retry`: a dead delivery back to pending. */
export function useRetryDelivery(channelId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest(`/deliveries/${id}/retry`, Delivery, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: deliveriesKey(channelId) }),
  });
}
