import { errorMessage } from '../../../lib/api-client';
import { useSystem } from '../../../lib/api/get-system';
import { formatInterval } from '../../../lib/format';
import { useUpdateInterval } from '../api/update-interval';

const INTERVAL_CHOICES_MS = [250, 500, 1_000, 2_000, 5_000] as const;

/** The sampling interval of the server (it applies to every viewer, and to what is recorded). */
export function IntervalSelect() {
  const system = useSystem().data;
  const mutation = useUpdateInterval();
  const currentMs = system?.intervalMs;
  const choices: number[] = [...INTERVAL_CHOICES_MS];
  if (currentMs !== undefined && !choices.includes(currentMs)) choices.push(currentMs);
  choices.sort((a, b) => a - b);
  const error = mutation.isError ? errorMessage(mutation.error) : null;

  return (
    <label className="control" title={error ?? 'How often the server samples every GPU'}>
      <span className="control__label">Refresh</span>
      <select
        className="control__select"
        data-testid="interval-select"
        value={currentMs ?? ''}
        disabled={currentMs === undefined || mutation.isPending}
        aria-invalid={error !== null}
        onChange={(event) => mutation.mutate(Number(event.target.value))}
      >
        {currentMs === undefined ? <option value="">…</option> : null}
        {choices.map((ms) => (
          <option key={ms} value={ms}>
            {formatInterval(ms)}
          </option>
        ))}
      </select>
      {error ? (
        <span className="control__error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}
