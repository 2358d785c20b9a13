import { describe, expect, it } from 'vitest';
import { roleCan } from './use-session';

describe('what the dashboard shows to each role', () => {
  it('shows system controls and admin pages to admins only', () => {
    for (const action of ['system:write', 'users:admin', 'apikeys:admin', 'audit:read'] as const) {
      expect(roleCan('admin', action)).toBe(true);
      expect(roleCan('user', action)).toBe(false);
      expect(roleCan('reader', action)).toBe(false);
    }
  });

  it('shows the live view to everyone', () => {
    for (const role of ['admin', 'user', 'reader'] as const) expect(roleCan(role, 'gpus:read')).toBe(true);
  });
});
