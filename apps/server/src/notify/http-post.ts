import { DeliveryError } from './notifier.js';

export interface HttpPost {
  url: string;
  /** Sent as is: a webhook signature covers exactly these bytes. */
  body: string | Uint8Array;
  headers?: Record<string, string>;
  timeoutMs: number;
}

/** How much of a refusing receiver's answer goes into the error (enough to see why, no more). */
const ERROR_BODY_CHARS = 300;
const ERROR_BODY_BYTES = 4_096;

/**
 * POSTs once. Resolves on 2xx; otherwise throws a DeliveryError: retryable for 408, 429, 5xx, network
 * errors and timeouts (the receiver may take it later), permanent for other answers. Redirects are not
 * followed: a channel URL that redirects is a configuration to fix, not something to chase.
 */
export async function httpPost(request: HttpPost): Promise<void> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'user-agent': 'gpu-sentinel', ...request.headers },
      body: request.body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    throw new DeliveryError(
      `POST ${describeUrl(request.url)} failed: ${networkReason(error, request.timeoutMs)}`,
      false,
    );
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  const snippet = await readSnippet(response).catch(() => '');
  const answer = `${response.status}${snippet === '' ? '' : `: ${snippet}`}`;
  const where = describeUrl(request.url);
  if (response.status >= 300 && response.status < 400) {
    throw new DeliveryError(`POST ${where} answered a redirect (${answer}); redirects are not followed`, true);
  }
  throw new DeliveryError(`POST ${where} answered ${answer}`, !isRetryableStatus(response.status));
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Origin and path only: a query string can carry a token (Slack and Discord URLs carry one in the path, so cut that too). */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.length > 40 ? `${parsed.pathname.slice(0, 40)}…` : parsed.pathname;
    return `${parsed.origin}${path}`;
  } catch {
    return 'the channel URL';
  }
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  if (error instanceof Error) {
    // fetch wraps the socket error (ECONNREFUSED, ENOTFOUND…) in `cause`.
    const cause: unknown = error.cause;
    if (cause instanceof Error) {
      const code = (cause as NodeJS.ErrnoException).code;
      return code === undefined ? cause.message : `${code} ${cause.message}`;
    }
    return error.message;
  }
  return String(error);
}

async function readSnippet(response: Response): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    while (bytes < ERROR_BODY_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim();
  return text.length > ERROR_BODY_CHARS ? `${text.slice(0, ERROR_BODY_CHARS)}…` : text;
}
