import { createHash } from 'node:crypto';
import type { NotificationPayload } from '@gpu-sentinel/protocol';
import { colorHex, describeNotification, escapeHtml } from './format.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
  /** Same for every retry of one delivery, so a mail client or filter can spot a repeat. */
  messageId: string;
}

/** `<hash@gpu-sentinel>`: derived from the idempotency key (hashed: the key need not be a valid id part). */
export function emailMessageId(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@gpu-sentinel>`;
}

/** Subject, plain-text and HTML bodies. Everything from the alert is escaped in the HTML. */
export function emailContent(payload: NotificationPayload): EmailContent {
  const text = describeNotification(payload);
  const { alert } = payload;
  const link = payload.url;
  const plain = [
    text.subject,
    '',
    alert.message,
    '',
    ...text.details.map(([name, value]) => `${name}: ${value}`),
    ...(link === null ? [] : ['', `Open in GPU Sentinel: ${link}`]),
    '',
    '— GPU Sentinel',
  ].join('\n');
  const rows = text.details
    .map(([name, value]) => `<tr><th align="left">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2 style="border-left:6px solid ${colorHex(text.color)};padding-left:8px">${escapeHtml(text.subject)}</h2>`,
    `<p>${escapeHtml(alert.message)}</p>`,
    `<table cellpadding="4">${rows}</table>`,
    link === null ? '' : `<p><a href="${escapeHtml(link)}">Open in GPU Sentinel</a></p>`,
    '<p style="color:#757575">— GPU Sentinel</p>',
    '</body></html>',
  ].join('');
  return { subject: text.subject, text: plain, html, messageId: emailMessageId(payload.idempotencyKey) };
}
