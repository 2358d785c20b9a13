import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from '../router';

describe('alert routes', () => {
  it('names the alerts sections and single alerts, and nothing else under /alerts', () => {
    expect(matchRoute(paths.alerts())).toEqual({ name: 'alerts', section: 'active' });
    expect(matchRoute('/alerts/')).toEqual({ name: 'alerts', section: 'active' });
    expect(matchRoute(paths.alerts('history'))).toEqual({ name: 'alerts', section: 'history' });
    expect(matchRoute('/alerts/channels')).toEqual({ name: 'alerts', section: 'channels' });
    expect(matchRoute(paths.alert(42))).toEqual({ name: 'alert', id: 42 });
    expect(matchRoute('/alerts/active')).toEqual({ name: 'not-found' });
    expect(matchRoute('/alerts/0')).toEqual({ name: 'not-found' });
    expect(matchRoute('/alerts/abc')).toEqual({ name: 'not-found' });
  });
});
