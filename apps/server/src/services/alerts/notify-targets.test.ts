import { describe, expect, it } from 'vitest';
import type { ChannelRecord } from '../../store/alert-store.js';
import { notifyTargets } from './notify-targets.js';

function channel(id: number, patch: Partial<ChannelRecord> = {}): ChannelRecord {
  return {
    id,
    name: `channel ${String(id)}`,
    type: 'webhook',
    config: { url: 'http://127.0.0.1/hook' },
    severities: ['info', 'warning', 'critical'],
    enabled: true,
    createdAt: 0,
    updatedAt: 0,
    ...patch,
  };
}

describe('notifyTargets', () => {
  const channels = [channel(1), channel(2, { severities: ['critical'] }), channel(3, { enabled: false })];

  it('sends a rule without channels to every enabled channel that takes the severity', () => {
    expect(notifyTargets({ channels: [] }, 'critical', channels)).toEqual([{ channelId: 1 }, { channelId: 2 }]);
    expect(notifyTargets({ channels: [] }, 'warning', channels)).toEqual([{ channelId: 1 }]);
  });

  it("keeps to the rule's channels, still filtered by severity and enabled", () => {
    expect(notifyTargets({ channels: [2, 3] }, 'critical', channels)).toEqual([{ channelId: 2 }]);
    expect(notifyTargets({ channels: [2] }, 'info', channels)).toEqual([]);
  });

  it('ignores channel ids that no longer exist', () => {
    expect(notifyTargets({ channels: [9] }, 'critical', channels)).toEqual([]);
  });
});
