import type { Channel } from '@gpu-sentinel/protocol';
import { ChannelBody } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { channelBodyOf, channelDraftOf, EMPTY_CHANNEL } from './channel-form';

const stored: Channel = {
  id: 3,
  name: 'Ops mail',
  type: 'email',
  config: {
    host: 'smtp.example.com',
    port: 465,
    secure: true,
    username: 'ops',
    from: 'gpu@example.com',
    to: ['a@example.com', 'b@example.com'],
  },
  secretsSet: ['password'],
  severities: ['critical'],
  enabled: true,
  createdAt: 1,
  updatedAt: 1,
};

describe('channel form', () => {
  it('edits a stored email channel and sends no password when none is typed, so the stored one is kept', () => {
    const draft = channelDraftOf(stored);
    expect(draft).toMatchObject({
      host: 'smtp.example.com',
      port: '465',
      secure: true,
      password: '',
      to: 'a@example.com\nb@example.com',
    });
    const body = ChannelBody.parse(channelBodyOf({ ...draft, to: 'a@example.com, c@example.com\n' }));
    expect(body).toEqual({
      name: 'Ops mail',
      type: 'email',
      severities: ['critical'],
      enabled: true,
      config: {
        host: 'smtp.example.com',
        port: 465,
        secure: true,
        username: 'ops',
        from: 'gpu@example.com',
        to: ['a@example.com', 'c@example.com'],
      },
    });
  });

  it('sends only the chosen type’s settings: a webhook with its secret, Alertmanager with its labels', () => {
    const webhook = channelBodyOf({
      ...EMPTY_CHANNEL,
      name: 'Hook',
      url: ' https://hooks.example.com/x ',
      secret: 's3cret',
      host: 'ignored',
    });
    expect(ChannelBody.parse(webhook).config).toEqual({ url: 'https://hooks.example.com/x', secret: 's3cret' });
    const alertmanager = channelBodyOf({
      ...EMPTY_CHANNEL,
      name: 'AM',
      type: 'alertmanager',
      url: 'http://am:9093',
      labels: 'team=ml\n  cluster = a100 \nnot a label',
    });
    expect(ChannelBody.parse(alertmanager).config).toEqual({
      url: 'http://am:9093',
      labels: { team: 'ml', cluster: 'a100' },
    });
  });
});
