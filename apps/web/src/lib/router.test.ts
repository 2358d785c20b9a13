import { describe, expect, it } from 'vitest';
import { matchRoute, paths } from './router';

describe('routes', () => {
  it('matches the overview and GPU pages, and nothing else', () => {
    expect(matchRoute('/')).toEqual({ name: 'overview' });
    expect(matchRoute(paths.gpu('GPU-1a/2'))).toEqual({ name: 'gpu', uuid: 'GPU-1a/2' });
    expect(matchRoute('/gpus/GPU-1/')).toEqual({ name: 'gpu', uuid: 'GPU-1' });
    expect(matchRoute('/gpus/')).toEqual({ name: 'not-found' });
    expect(matchRoute('/gpus/%E0%A4%A')).toEqual({ name: 'not-found' });
    expect(matchRoute('/settings')).toEqual({ name: 'not-found' });
    expect(matchRoute(paths.history)).toEqual({ name: 'history' });
    expect(matchRoute('/history/')).toEqual({ name: 'history' });
  });

  it('matches the sign-in pages and the admin sections', () => {
    expect(matchRoute('/login')).toEqual({ name: 'login' });
    expect(matchRoute('/setup')).toEqual({ name: 'setup' });
    expect(matchRoute('/admin')).toEqual({ name: 'admin', section: 'users' });
    expect(matchRoute(paths.admin('apikeys'))).toEqual({ name: 'admin', section: 'apikeys' });
    expect(matchRoute('/admin/audit/')).toEqual({ name: 'admin', section: 'audit' });
    expect(matchRoute(paths.admin('system'))).toEqual({ name: 'admin', section: 'system' });
    expect(matchRoute('/admin/secrets')).toEqual({ name: 'not-found' });
  });
});
