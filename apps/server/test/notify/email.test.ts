import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotifier } from '../../src/notify/create-notifier.js';
import { DeliveryError } from '../../src/notify/notifier.js';
import { startSmtpReceiver, type SmtpReceiver } from '../support/receivers/smtp-receiver.js';
import { alert, channel, payload, resolvedPayload } from './fixtures.js';

const notifier = createNotifier({ timeoutMs: 3_000 });

function emailChannel(receiver: SmtpReceiver, extra: Record<string, unknown> = {}) {
  return channel('email', {
    host: receiver.host,
    port: receiver.port,
    from: 'sentinel@example.com',
    to: ['oncall@example.com', 'lead@example.com'],
    ...extra,
  });
}

describe('email channel', () => {
  let receiver: SmtpReceiver;
  beforeEach(async () => {
    receiver = await startSmtpReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('delivers a mail with subject, text and HTML parts and the idempotency key', async () => {
    await notifier.send(emailChannel(receiver), payload());
    const [mail] = await receiver.waitForMails(1);
    expect(mail?.from).toBe('sentinel@example.com');
    expect(mail?.to).toEqual(['oncall@example.com', 'lead@example.com']);
    const headers = mail?.message.headers;
    expect(headers?.get('subject')).toBe(
      '[CRITICAL] GPU temperature critical — GPU-1111-2222 on host-a: temperatureC 86 °C ≥ 85 °C',
    );
    expect(headers?.get('x-gpu-sentinel-idempotency-key')).toBe('delivery-42-firing');
    expect(headers?.get('message-id')).toMatch(/^<[0-9a-f]{40}@gpu-sentinel>$/);
    const text = mail?.message.parts.find((part) => part.headers.get('content-type')?.startsWith('text/plain'));
    const html = mail?.message.parts.find((part) => part.headers.get('content-type')?.startsWith('text/html'));
    expect(text?.body).toContain('GPU 0 is at 86 °C');
    expect(text?.body).toContain('https://sentinel.example/alerts/42');
    expect(html?.body).toContain('<a href="https://sentinel.example/alerts/42">');
    expect(html?.body).toContain('GPU 0 is at 86 °C');
  });

  it('escapes alert text in the HTML body', async () => {
    const hostile = payload({ alert: alert({ message: '<script>alert("x")</script> & <b>bold</b>' }) });
    await notifier.send(emailChannel(receiver), hostile);
    const [mail] = await receiver.waitForMails(1);
    const html = mail?.message.parts.find((part) => part.headers.get('content-type')?.startsWith('text/html'));
    expect(html?.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html?.body).not.toContain('<script>');
  });

  it('gives every retry of one delivery the same Message-ID, and a resolve a different one', async () => {
    await notifier.send(emailChannel(receiver), payload());
    await notifier.send(emailChannel(receiver), payload());
    await notifier.send(emailChannel(receiver), resolvedPayload(Date.now()));
    const mails = await receiver.waitForMails(3);
    const ids = mails.map((mail) => mail.message.headers.get('message-id'));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(mails[2]?.message.headers.get('subject')).toMatch(/^\[RESOLVED\] GPU temperature critical — /);
  });

  it('classifies SMTP refusals: 4xx retryable, 5xx permanent', async () => {
    receiver.rejectWith({ code: 451, message: 'Try again later' });
    const temporary = await notifier.send(emailChannel(receiver), payload()).catch((error: unknown) => error);
    expect(temporary).toBeInstanceOf(DeliveryError);
    expect(temporary).toMatchObject({ isPermanent: false, message: expect.stringContaining('451') as unknown });

    receiver.rejectWith({ code: 550, message: 'Mailbox unavailable' });
    const permanent = await notifier.send(emailChannel(receiver), payload()).catch((error: unknown) => error);
    expect(permanent).toMatchObject({ isPermanent: true, message: expect.stringContaining('550') as unknown });
  });

  it('fails for good when a config does not parse', async () => {
    const broken = channel('email', { host: receiver.host, port: receiver.port, from: 'not an address', to: [] });
    const error = await notifier.send(broken, payload()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({
      isPermanent: true,
      message: expect.stringMatching(/invalid email config.*from/) as unknown,
    });
    expect(receiver.mails).toHaveLength(0);
  });

  it('retries when the SMTP server cannot be reached', async () => {
    const port = receiver.port;
    await receiver.close();
    const error = await notifier
      .send(channel('email', { host: '127.0.0.1', port, from: 'a@example.com', to: ['b@example.com'] }), payload())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ isPermanent: false });
    receiver = await startSmtpReceiver();
  });
});

describe('email channel with SMTP auth', () => {
  it('logs in with the configured credentials, and treats refused credentials as permanent', async () => {
    const receiver = await startSmtpReceiver({ credentials: { username: 'sentinel', password: 's3cret' } });
    try {
      await notifier.send(emailChannel(receiver, { username: 'sentinel', password: 's3cret' }), payload());
      const [mail] = await receiver.waitForMails(1);
      expect(mail?.user).toBe('sentinel');

      const error = await notifier
        .send(emailChannel(receiver, { username: 'sentinel', password: 'wrong' }), payload())
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ isPermanent: true, message: expect.stringContaining('EAUTH') as unknown });
    } finally {
      await receiver.close();
    }
  });
});
