import { IngestResponse, type IngestRequest } from '@gpu-sentinel/protocol';
import { errorMessageOf } from './agent-logger.js';
import { ingestUrl } from './reconnect-backoff.js';

export type IngestResult =
  | { kind: 'stored'; ackedSeq: number }
  | { kind: 'unauthorized'; status: number; reason: string }
  | { kind: 'failed'; reason: string };

/** `POST <base>/api/v1/ingest`: the fallback where a proxy refuses WebSocket upgrades. */
export async function postIngest(
  baseUrl: string,
  key: string,
  request: IngestRequest,
  signal: AbortSignal,
): Promise<IngestResult> {
  let response: Response;
  try {
    response = await fetch(ingestUrl(baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
      signal,
    });
  } catch (error) {
    return { kind: 'failed', reason: errorMessageOf(error) };
  }
  const text = await response.text().catch(() => '');
  if (response.status === 401 || response.status === 403) {
    return {
      kind: 'unauthorized',
      status: response.status,
      reason: `HTTP ${String(response.status)} ${snippet(text)}`,
    };
  }
  if (!response.ok) return { kind: 'failed', reason: `HTTP ${String(response.status)} ${snippet(text)}` };
  try {
    const parsed = IngestResponse.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'stored', ackedSeq: parsed.data.ackedSeq };
  } catch {
    // Reported below.
  }
  return { kind: 'failed', reason: `the ingest answer is not { ackedSeq }: ${snippet(text)}` };
}

function snippet(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
