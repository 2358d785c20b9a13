import { HISTORY_TIERS, HistoryTier } from '@gpu-sentinel/protocol';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { fetchExport, saveBlob, type ExportFormat, type ExportRequest } from '../api/download-export';
import { tierLabel } from '../model/tier-label';

interface ExportControlsProps {
  /** The request for what is on screen now (a preset is resolved at the click). */
  currentRequest: () => Omit<ExportRequest, 'format' | 'tier'>;
  isDisabled: boolean;
}

/** Downloads the range and GPUs on screen as CSV or NDJSON, from the tier picked. */
export function ExportControls({ currentRequest, isDisabled }: ExportControlsProps) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [tier, setTier] = useState<HistoryTier>('raw');
  const download = useMutation({
    mutationFn: () => fetchExport({ ...currentRequest(), format, tier }),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
  });
  return (
    <div className="history-export" role="group" aria-label="Export">
      <span className="control">
        <label htmlFor={`${id}-format`}>Format</label>
        <select
          id={`${id}-format`}
          className="control__select"
          value={format}
          data-testid="history-export-format"
          onChange={(event) => setFormat(event.target.value === 'ndjson' ? 'ndjson' : 'csv')}
        >
          <option value="csv">CSV</option>
          <option value="ndjson">NDJSON</option>
        </select>
      </span>
      <span className="control">
        <label htmlFor={`${id}-tier`}>Resolution</label>
        <select
          id={`${id}-tier`}
          className="control__select"
          value={tier}
          data-testid="history-export-tier"
          onChange={(event) => setTier(HistoryTier.catch('raw').parse(event.target.value))}
        >
          {HISTORY_TIERS.map((option) => (
            <option key={option} value={option}>
              {tierLabel(option).replace(/^./, (first) => first.toUpperCase())}
            </option>
          ))}
        </select>
      </span>
      <button
        type="button"
        className="button"
        disabled={isDisabled || download.isPending}
        data-testid="history-export"
        onClick={() => download.mutate()}
      >
        {download.isPending ? 'Exporting…' : 'Export'}
      </button>
      {download.isError ? (
        <span className="control__error" role="alert">
          Export failed: {errorMessage(download.error)}
        </span>
      ) : null}
    </div>
  );
}
