import { ErrorBody, type HistoryTier } from '@gpu-sentinel/protocol';
import { ApiError, freshAccessToken } from '../../../lib/api-client';
import { refreshSession } from '../../../lib/auth/refresh-session';
import { getAccessToken } from '../../../lib/auth/session-store';
import { API_BASE } from '../../../lib/http';

export type ExportFormat = 'csv' | 'ndjson';

export interface ExportRequest {
  format: ExportFormat;
  tier: HistoryTier;
  /** null: every GPU. */
  gpus: readonly string[] | null;
  from: number;
  to: number;
}

export function exportPath(request: ExportRequest): string {
  const params = new URLSearchParams({ format: request.format, tier: request.tier });
  if (request.gpus !== null) params.set('gpus', request.gpus.join(','));
  params.set('from', String(request.from));
  params.set('to', String(request.to));
  return `/export?${params.toString()}`;
}

/** "gpu-sentinel-2026-11-26T1400-1500.csv"-like, unless the server names the file. */
export function exportFileName(request: ExportRequest, contentDisposition: string | null): string {
  const named = /filename="?([^";]+)"?/i.exec(contentDisposition ?? '')?.[1];
  if (named) return named;
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(':', '');
  return `gpu-sentinel-${request.tier}-${stamp(request.from)}-${stamp(request.to)}.${request.format}`;
}

async function send(path: string, token: string | null): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(`${API_BASE}${path}`, { headers });
  } catch {
    throw new ApiError('network', 'The server cannot be reached');
  }
}

async function failure(response: Response): Promise<ApiError> {
  const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return new ApiError('http', `Export failed (${response.status})`, response.status);
  const { code, message, field } = parsed.data.error;
  return new ApiError(code, message, response.status, field ?? null);
}

/**
 * The export as a file. It needs the bearer token, which a plain link cannot carry, so it is fetched
 * and handed to the browser as a Blob (one refresh and retry on a 401, as for every other request).
 */
export async function fetchExport(request: ExportRequest): Promise<{ blob: Blob; fileName: string }> {
  const path = exportPath(request);
  let response = await send(path, await freshAccessToken());
  if (response.status === 401 && (await refreshSession()) === 'ok') response = await send(path, getAccessToken());
  if (!response.ok) throw await failure(response);
  return {
    blob: await response.blob(),
    fileName: exportFileName(request, response.headers.get('content-disposition')),
  };
}

/** Saves a Blob through a temporary link, the way a download link would. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download by now; the URL can go.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
