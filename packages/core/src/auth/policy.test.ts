import { Action, type Principal } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { isAllowed } from './policy.js';

const user = (role: 'admin' | 'user' | 'reader'): Principal => ({
  kind: 'user',
  userId: 1,
  username: role,
  role,
  sessionId: 's',
});
const key = (scope: 'ingest' | 'read' | 'admin'): Principal => ({ kind: 'apiKey', keyId: 1, name: scope, scope });
const allowed = (principal: Principal) => Action.options.filter((action) => isAllowed(principal, action));

describe('the access policy', () => {
  it('lets an admin do everything', () => {
    expect(allowed(user('admin'))).toEqual(Action.options);
  });

  it('lets a reader view and nothing else', () => {
    expect(allowed(user('reader'))).toEqual(['session:self', 'gpus:read', 'system:read', 'alerts:read', 'export:read']);
  });

  it('lets a user view and acknowledge alerts, but not change settings, rules or people', () => {
    const actions = allowed(user('user'));
    expect(actions).toContain('alerts:ack');
    for (const action of ['system:write', 'rules:write', 'channels:write', 'users:admin', 'apikeys:admin'] as const) {
      expect(actions).not.toContain(action);
    }
  });

  it('confines an ingest key to pushing samples', () => {
    expect(allowed(key('ingest'))).toEqual(['ingest']);
  });

  it('gives a read key what a reader has, and an admin key what an admin has', () => {
    expect(allowed(key('read'))).toEqual(allowed(user('reader')));
    expect(allowed(key('admin'))).toEqual(allowed(user('admin')));
  });
});
