import type { Action, ApiKeyScope, Role } from './auth.js';

const VIEW: readonly Action[] = ['session:self', 'gpus:read', 'system:read', 'alerts:read', 'export:read'];

/**
 * Who may do what: the permission tables the server's policy (packages/core) decides with, and the
 * dashboard hides controls by. Anything not listed is denied.
 */
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
    'diagnostics:read',
    'ingest',
  ]),
};

/** What each API key scope may do. `ingest` keys can only push samples. */
export const SCOPE_ACTIONS: Readonly<Record<ApiKeyScope, ReadonlySet<Action>>> = {
  ingest: new Set<Action>(['ingest']),
  read: new Set(VIEW),
  admin: ROLE_ACTIONS.admin,
};
