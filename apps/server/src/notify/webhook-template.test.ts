import { describe, expect, it } from 'vitest';
import type { NotificationPayload } from '@gpu-sentinel/protocol';
import { renderWebhookTemplate } from './webhook-template.js';

const payload: NotificationPayload = {
  idempotencyKey: 'delivery-9',
  event: 'firing',
  url: null,
  sentBy: 'gpu-sentinel',
  alert: {
    id: 9,
    ruleId: null,
    ruleName: 'Power "high"',
    hostId: 'host-a',
    uuid: null,
    state: 'firing',
    severity: 'warning',
    metric: 'powerDrawW',
    op: '>',
    value: 301.5,
    threshold: 300,
    message: 'line 1\nline 2 \\ "quoted" </script>',
    startedAt: 1_700_000_000_000,
    resolvedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    silencedUntil: null,
  },
};

describe('webhook templates', () => {
  it('fills placeholders with JSON-escaped text, so the result stays valid JSON', () => {
    const body = renderWebhookTemplate(
      '{"k":"{{idempotencyKey}}","e":"{{event}}","rule":"{{alert.ruleName}}","msg":"{{alert.message}}","v":{{alert.value}},"u":{{url}},"gpu":{{alert.uuid}}}',
      payload,
    );
    expect(JSON.parse(body)).toEqual({
      k: 'delivery-9',
      e: 'firing',
      rule: 'Power "high"',
      msg: 'line 1\nline 2 \\ "quoted" </script>',
      v: 301.5,
      u: null,
      gpu: null,
    });
  });

  it('renders unknown placeholders and inherited properties as nothing', () => {
    expect(
      renderWebhookTemplate('[{{nope}}|{{alert.nope}}|{{alert.toString}}|{{alert.id.x}}|{{ alert.id }}]', payload),
    ).toBe('[||||9]');
  });

  it('leaves text without placeholders untouched', () => {
    expect(renderWebhookTemplate('plain {text} {{ not closed', payload)).toBe('plain {text} {{ not closed');
  });
});
