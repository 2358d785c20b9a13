import { EmailConfig, type NotificationPayload } from '@gpu-sentinel/protocol';
import nodemailer from 'nodemailer';
import type { ChannelRecord } from '../store/alert-store.js';
import { parseChannelConfig, type SendContext } from './channel-config.js';
import { emailContent } from './email-message.js';
import { DeliveryError } from './notifier.js';
import { IDEMPOTENCY_HEADER } from './webhook-channel.js';

/**
 * One SMTP connection per send: deliveries are rare and retried by the outbox, so a pool would only
 * hold idle sockets. STARTTLS is used when the server offers it (`secure`: TLS from the first byte).
 */
export async function sendEmail(channel: ChannelRecord, payload: NotificationPayload, { timeoutMs }: SendContext) {
  const config = parseChannelConfig(channel, EmailConfig);
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.username === undefined ? {} : { auth: { user: config.username, pass: config.password ?? '' } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const content = emailContent(payload);
  try {
    await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: content.subject,
      text: content.text,
      html: content.html,
      messageId: content.messageId,
      headers: { [IDEMPOTENCY_HEADER]: payload.idempotencyKey },
    });
  } catch (error) {
    throw smtpDeliveryError(config.host, config.port, error);
  } finally {
    transport.close();
  }
}

/** 5xx replies and refused credentials are permanent; 4xx replies and connection trouble are worth a retry. */
function smtpDeliveryError(host: string, port: number, error: unknown): DeliveryError {
  const details = error as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  const code = typeof details.code === 'string' ? details.code : undefined;
  const reply = typeof details.response === 'string' ? details.response : String(details.message);
  const isPermanent = code === 'EAUTH' || (responseCode !== undefined && responseCode >= 500);
  const what = code === undefined ? 'failed' : `failed (${code})`;
  return new DeliveryError(`SMTP ${host}:${port} ${what}: ${reply.slice(0, 300)}`, isPermanent);
}
