import type { Action, Role } from '@gpu-sentinel/protocol';
import { useSyncExternalStore } from 'react';
import { getSessionState, subscribeSession, type SessionState } from './session-store';

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSessionState);
}

/**
 * What the dashboard shows to a role. Only for hiding controls a role cannot use: the server decides
 * with the one policy (packages/core/src/auth/policy.ts) and refuses whatever this lets through.
 */
const ADMIN_ONLY: ReadonlySet<Action> = new Set<Action>(['system:write', 'users:admin', 'apikeys:admin', 'audit:read']);

export function roleCan(role: Role, action: Action): boolean {
  return role === 'admin' || !ADMIN_ONLY.has(action);
}

/** Whether the signed-in user may use a control for this action. */
export function useCan(action: Action): boolean {
  const { user } = useSession();
  return user !== null && roleCan(user.role, action);
}
