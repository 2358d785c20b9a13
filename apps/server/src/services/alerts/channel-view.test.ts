import { describe, expect, it } from 'vitest';
import type { ChannelRecord } from '../../store/alert-store.js';
import { toChannelView } from './channel-view.js';

const record = (config: Record<string, unknown>): ChannelRecord => ({
  id: 3,
  name: 'ops mail',
  type: 'email',
  config,
  severities: ['critical'],
  enabled: true,
  createdAt: 10,
  updatedAt: 20,
});

describe('toChannelView', () => {
  it('removes the password and names it in secretsSet, keeping the rest of the config', () => {
    const view = toChannelView(
      record({
        host: 'smtp.example.com',
        port: 587,
        username: 'ops',
        password: 'hunter2',
        from: 'a@b.c',
        to: ['x@y.z'],
      }),
    );
    expect(view.config).toEqual({ host: 'smtp.example.com', port: 587, username: 'ops', from: 'a@b.c', to: ['x@y.z'] });
    expect(view.secretsSet).toEqual(['password']);
    expect(JSON.stringify(view)).not.toContain('hunter2');
    expect(view).toMatchObject({ id: 3, name: 'ops mail', type: 'email', severities: ['critical'], enabled: true });
  });

  it('removes a webhook signing secret the same way', () => {
    const view = toChannelView({
      ...record({ url: 'https://hooks.example.com/x', secret: 's3cr3t' }),
      type: 'webhook',
    });
    expect(view.config).toEqual({ url: 'https://hooks.example.com/x' });
    expect(view.secretsSet).toEqual(['secret']);
  });

  it('lists no secret when none is set', () => {
    expect(toChannelView(record({ host: 'smtp.example.com', password: undefined })).secretsSet).toEqual([]);
  });
});
