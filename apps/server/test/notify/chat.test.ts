import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotifier } from '../../src/notify/create-notifier.js';
import { startHttpReceiver, type HttpReceiver } from '../support/receivers/http-receiver.js';
import { alert, channel, payload, resolvedPayload } from './fixtures.js';

const notifier = createNotifier({ timeoutMs: 2_000 });

interface SlackBody {
  text: string;
  blocks: { type: string; text?: { text: string } }[];
  attachments: { color: string; blocks: { type: string; fields?: { text: string }[] }[] }[];
}

interface DiscordBody {
  content: string;
  embeds: {
    title: string;
    description: string;
    color: number;
    timestamp: string;
    url?: string;
    fields: { name: string; value: string }[];
  }[];
  allowed_mentions: { parse: string[] };
}

describe('slack and discord channels', () => {
  let receiver: HttpReceiver;
  beforeEach(async () => {
    receiver = await startHttpReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('posts a Slack message: text, blocks and a severity-coloured attachment', async () => {
    await notifier.send(channel('slack', { url: `${receiver.url}/services/T0/B0/xyz` }), payload());
    const [request] = await receiver.waitForRequests(1);
    expect(request?.path).toBe('/services/T0/B0/xyz');
    expect(request?.headers['content-type']).toBe('application/json');
    const body = request?.json() as SlackBody;
    expect(body.text).toBe(
      '🔴 [CRITICAL] GPU temperature critical — GPU-1111-2222 on host-a: temperatureC 86 °C ≥ 85 °C',
    );
    expect(body.blocks[0]?.text?.text).toContain('*[CRITICAL] GPU temperature critical');
    expect(body.attachments[0]?.color).toBe('#d32f2f');
    const fields = body.attachments[0]?.blocks[0]?.fields?.map((field) => field.text);
    expect(fields).toContain('*Host*\nhost-a');
    expect(JSON.stringify(body)).toContain('<https://sentinel.example/alerts/42|Open in GPU Sentinel>');
  });

  it('escapes Slack control characters and keeps long messages under the block limit', async () => {
    const noisy = payload({ alert: alert({ message: `<!channel> & ${'x'.repeat(10_000)}` }) });
    await notifier.send(channel('slack', { url: receiver.url }), noisy);
    const body = (await receiver.waitForRequests(1))[0]?.json() as SlackBody;
    const message = body.blocks[1]?.text?.text ?? '';
    expect(message.startsWith('&lt;!channel&gt; &amp; x')).toBe(true);
    expect(message.length).toBeLessThanOrEqual(3_000);
    expect(message.endsWith('…')).toBe(true);
  });

  it('posts a Discord message: content and one embed, mentions disabled', async () => {
    await notifier.send(
      channel('discord', { url: `${receiver.url}/api/webhooks/1/abc` }),
      resolvedPayload(Date.parse('2026-03-01T12:30:00.000Z')),
    );
    const body = (await receiver.waitForRequests(1))[0]?.json() as DiscordBody;
    expect(body.content).toMatch(/^\[RESOLVED\] GPU temperature critical — GPU-1111-2222 on host-a/);
    const [embed] = body.embeds;
    expect(embed).toMatchObject({
      color: 0x2e7d32,
      timestamp: '2026-03-01T12:30:00.000Z',
      url: 'https://sentinel.example/alerts/42',
      description: 'GPU 0 is at 86 °C',
    });
    expect(embed?.fields).toContainEqual({ name: 'Resolved', value: '2026-03-01T12:30:00.000Z', inline: true });
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps Discord texts under their limits', async () => {
    const long = payload({ alert: alert({ ruleName: 'r'.repeat(1_000), message: 'm'.repeat(20_000) }) });
    await notifier.send(channel('discord', { url: receiver.url }), long);
    const body = (await receiver.waitForRequests(1))[0]?.json() as DiscordBody;
    const [embed] = body.embeds;
    expect(body.content.length).toBeLessThanOrEqual(2_000);
    expect(embed?.title.length).toBeLessThanOrEqual(256);
    expect(embed?.description.length).toBeLessThanOrEqual(4_096);
    const total =
      (embed?.title.length ?? 0) +
      (embed?.description.length ?? 0) +
      (embed?.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    expect(total).toBeLessThanOrEqual(6_000);
  });
});
