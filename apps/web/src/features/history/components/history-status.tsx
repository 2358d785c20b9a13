import type { HistoryResponse } from '@gpu-sentinel/protocol';
import { Badge } from '../../../components/badge';
import { resolutionLabel } from '../model/tier-label';

function formatTime(ms: number, withSeconds: boolean): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}${withSeconds ? `:${pad(date.getSeconds())}` : ''}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

/** The window on screen, in local time, and where the server read it from. */
export function HistoryStatus({ response, isUpdating }: { response: HistoryResponse; isUpdating: boolean }) {
  const withSeconds = response.to - response.from < 3_600_000;
  return (
    <p className="history-status" data-testid="history-status">
      <span>
        {formatTime(response.from, withSeconds)} – {formatTime(response.to, withSeconds)}
      </span>
      <span className="history-status__sep" aria-hidden="true">
        ·
      </span>
      <span data-testid="history-tier" data-tier={response.tier}>
        {resolutionLabel(response.tier, response.bucketMs)}
      </span>
      {response.simulated ? (
        <Badge tone="sim" testId="history-simulated" title="Recorded from the simulated source, not real GPUs">
          SIMULATED DATA
        </Badge>
      ) : null}
      {isUpdating ? (
        <span className="history-status__updating" aria-live="polite">
          Updating…
        </span>
      ) : null}
    </p>
  );
}
