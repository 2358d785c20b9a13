import { ROLE_ACTIONS, SCOPE_ACTIONS, type Action, type Principal } from '@gpu-sentinel/protocol';

/** The one policy decision: may this principal perform this action? Deny unless listed. */
export function isAllowed(principal: Principal, action: Action): boolean {
  switch (principal.kind) {
    case 'user':
      return ROLE_ACTIONS[principal.role].has(action);
    case 'apiKey':
      return SCOPE_ACTIONS[principal.scope].has(action);
  }
}
