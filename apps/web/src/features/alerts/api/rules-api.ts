import { AlertRule, RuleList, RulePreview, type RuleBodyInput, type RulePreviewBody } from '@gpu-sentinel/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, type Parser } from '../../../lib/api-client';

/** DELETE answers 204: nothing to parse. */
const Ignored: Parser<null> = { parse: () => null };

export const rulesKey = ['alert-rules'] as const;

export function useRules() {
  return useQuery({
    queryKey: rulesKey,
    queryFn: ({ signal }) => apiRequest('/rules', RuleList, { signal }),
  });
}

/** `POST /api/v1/rules` (no id) or `PUT /api/v1/rules/:id`. */
export function useSaveRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: RuleBodyInput }) =>
      id === null
        ? apiRequest('/rules', AlertRule, { method: 'POST', body })
        : apiRequest(`/rules/${id}`, AlertRule, { method: 'PUT', body }),
    onSettled: () => client.invalidateQueries({ queryKey: rulesKey }),
  });
}

export function useDeleteRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest(`/rules/${id}`, Ignored, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: rulesKey }),
  });
}

/** `POST /api/v1/rules/preview`: the rule replayed over stored history (the last 24 h by default). */
export function usePreviewRule() {
  return useMutation({
    mutationFn: (body: RulePreviewBody) => apiRequest('/rules/preview', RulePreview, { method: 'POST', body }),
  });
}
