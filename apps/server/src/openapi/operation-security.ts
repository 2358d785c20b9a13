import { ROLE_ACTIONS, SCOPE_ACTIONS, type Action, type RoutePolicy } from '@gpu-sentinel/protocol';

/** `security` of an operation: none for a public route, else a bearer token (or a stream ticket). */
export function securityOf(policy: RoutePolicy, acceptsTicket: boolean): Record<string, string[]>[] {
  if (policy === 'public') return [];
  return acceptsTicket ? [{ bearer: [] }, { streamTicket: [] }] : [{ bearer: [] }];
}

/** Who may call it, in words, from the same permission tables the server decides with. */
export function accessOf(policy: RoutePolicy): string {
  if (policy === 'public') return 'Public: no credentials needed.';
  const action: Action = policy;
  const roles = Object.entries(ROLE_ACTIONS)
    .filter(([, actions]) => actions.has(action))
    .map(([role]) => role);
  const scopes = Object.entries(SCOPE_ACTIONS)
    .filter(([, actions]) => actions.has(action))
    .map(([scope]) => scope);
  return `Needs \`${action}\`: roles ${listOf(roles)}; API key scopes ${listOf(scopes)}.`;
}

function listOf(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}
