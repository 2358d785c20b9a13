import type { Action, ApiKeyScope, Principal, Role } from '@gpu-sentinel/protocol';

const VIEW: readonly Action[] = ['session:self', 'gpus:read', 'system:read', 'alerts:read', 'export:read'];

/** What each role may do. Anything not listed is denied. */
export const ROLE_ACTIONS: Readonly<Record<Role, ReadonlySet<Action>>> = {
  reader: new Set(VIEW),
  user: new Set([...VIEW, 'alerts:ack']),
  admin: new Set<Action>([
    ...VIEW,
    'alerts:ack',
    'system:write',
    'rules:write',
    'channels:write',
    'storage:admin',
    'users:admin',
    'apikeys:admin',
    'audit:read',
    'ingest',
  ]),
};

/** What each API key scope may do. `ingest` keys can only push samples. */
export const SCOPE_ACTIONS: Readonly<Record<ApiKeyScope, ReadonlySet<Action>>> = {
  ingest: new Set<Action>(['ingest']),
  read: new Set(VIEW),
  admin: ROLE_ACTIONS.admin,
};

/** The one policy decision: may this principal perform this action? Deny unless listed. */
export function isAllowed(principal: Principal, action: Action): boolean {
  switch (principal.kind) {
    case 'user':
      return ROLE_ACTIONS[principal.role].has(action);
    case 'apiKey':
      return SCOPE_ACTIONS[principal.scope].has(action);
  }
}
