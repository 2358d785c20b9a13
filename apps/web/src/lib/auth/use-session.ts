import { ROLE_ACTIONS, type Action, type Role } from '@gpu-sentinel/protocol';
import { useSyncExternalStore } from 'react';
import { getSessionState, subscribeSession, type SessionState } from './session-store';

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSessionState);
}

/**
 * What the dashboard shows to a role, from the same permission table the server's policy uses. Only
 * for hiding controls a role cannot use: the server decides, and refuses whatever this lets through.
 */
export function roleCan(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].has(action);
}

/** Whether the signed-in user may use a control for this action. */
export function useCan(action: Action): boolean {
  const { user } = useSession();
  return user !== null && roleCan(user.role, action);
}
