import { StreamMessage, StreamTicketResponse, type GpuSample } from '@gpu-sentinel/protocol';
import type { QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { refreshSession } from '../auth/refresh-session';
import { gpusQueryOptions } from '../api/get-gpus';
import { systemQueryOptions } from '../api/get-system';
import { appendToLiveBuffers } from './apply-stream-message';
import { backoffDelayMs, OFFLINE_AFTER_ATTEMPTS } from './backoff';
import { connectionStateQueryOptions, type ConnectionState } from './connection-state';
import { createStreamApplier } from './stream-applier';

/** While the socket is down, the dashboard polls REST this often so numbers do not freeze. */
const FALLBACK_POLL_MS = 2_000;

/**
 * Closes that may mean the session behind the socket ended (logged out, revoked, disabled): a policy
 * violation or an application code. The session is then checked with a refresh before reconnecting.
 */
function isAuthClose(code: number): boolean {
  return code === 1008 || (code >= 4000 && code < 5000);
}

/** A single-use ticket for every (re)connect: the access token itself never goes into a URL. */
async function streamUrl(): Promise<string> {
  const { ticket } = await apiRequest('/stream/ticket', StreamTicketResponse, { method: 'POST' });
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/v1/stream?ticket=${encodeURIComponent(ticket)}`;
}

function parseMessage(data: unknown): StreamMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = StreamMessage.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Opens THE stream connection: every message goes into the query cache and the live store; on a drop it reconnects
 * with exponential backoff and jitter, and polls REST meanwhile. Returns a function that stops it.
 */
export function startStream(client: QueryClient): () => void {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let isStopped = false;
  let isConnecting = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let fallbackTimer: ReturnType<typeof setInterval> | undefined;
  const applier = createStreamApplier(client);

  const setState = (state: ConnectionState) => client.setQueryData(connectionStateQueryOptions().queryKey, state);

  const pollOnce = async () => {
    const [, gpus] = await Promise.all([
      client.query({ ...systemQueryOptions(), staleTime: 0 }),
      client.query({ ...gpusQueryOptions(), staleTime: 0 }),
    ]);
    appendToLiveBuffers(
      client,
      gpus.gpus.flatMap((view): GpuSample[] => (view.latest ? [view.latest] : [])),
    );
  };
  const startFallback = () => {
    fallbackTimer ??= setInterval(() => void pollOnce().catch(() => undefined), FALLBACK_POLL_MS);
  };
  const stopFallback = () => {
    clearInterval(fallbackTimer);
    fallbackTimer = undefined;
  };

  const scheduleReconnect = () => {
    const delayMs = backoffDelayMs(attempt);
    attempt += 1;
    const isOffline = !navigator.onLine || attempt > OFFLINE_AFTER_ATTEMPTS;
    setState({ status: isOffline ? 'offline' : 'reconnecting', retryAt: Date.now() + delayMs, attempt });
    retryTimer = setTimeout(connect, delayMs);
    startFallback();
  };

  function connect(): void {
    clearTimeout(retryTimer);
    if (isStopped || isConnecting) return;
    isConnecting = true;
    setState({ status: attempt === 0 ? 'connecting' : 'reconnecting', retryAt: null, attempt });
    // A refused ticket ends the session (the app then unmounts this stream); anything else retries.
    streamUrl()
      .then(open, () => {
        if (!isStopped) scheduleReconnect();
      })
      .finally(() => {
        isConnecting = false;
      });
  }

  function open(url: string): void {
    if (isStopped) return;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      stopFallback();
      setState({ status: 'connected', retryAt: null, attempt: 0 });
    };
    ws.onmessage = (event: MessageEvent) => {
      const message = parseMessage(event.data);
      if (message) applier.apply(message);
      else console.warn('gpu-sentinel: ignored a stream message that does not match the protocol');
    };
    ws.onclose = (event: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      applier.flush();
      if (isStopped) return;
      if (!isAuthClose(event.code)) {
        scheduleReconnect();
        return;
      }
      // An ended session makes the refresh fail, which sends the app back to the login page.
      void refreshSession().then((result) => {
        if (result !== 'ended' && !isStopped) scheduleReconnect();
      });
    };
  }

  // Back online or back to the tab: try now rather than wait out the backoff.
  const retryNow = () => {
    if (socket === null && !isConnecting && !isStopped && document.visibilityState === 'visible') connect();
  };
  window.addEventListener('online', retryNow);
  document.addEventListener('visibilitychange', retryNow);

  // Deferred a turn: a mount that is undone at once (React's StrictMode) then opens no socket at all.
  retryTimer = setTimeout(connect, 0);
  return () => {
    isStopped = true;
    clearTimeout(retryTimer);
    stopFallback();
    applier.stop();
    window.removeEventListener('online', retryNow);
    document.removeEventListener('visibilitychange', retryNow);
    socket?.close();
    socket = null;
  };
}
