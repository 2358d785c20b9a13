import { useId, useState, type SyntheticEvent } from 'react';
import {
  RANGE_PRESETS,
  parseCustomRange,
  toLocalInput,
  type HistoryRange,
  type TimeWindow,
} from '../model/history-range';

interface RangePickerProps {
  range: HistoryRange;
  /** The window on screen, to start the custom fields from. */
  shown: TimeWindow;
  onChange: (range: HistoryRange) => void;
}

/** Preset buttons (pressed when active) and a custom start–end form checked before it applies. */
export function RangePicker({ range, shown, onChange }: RangePickerProps) {
  const [isCustomOpen, setCustomOpen] = useState(false);
  return (
    <div className="history-range">
      <div className="history-range__presets" role="group" aria-label="Time range">
        {RANGE_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            className="button history-range__preset"
            aria-pressed={range.kind === 'preset' && range.preset === preset.id}
            data-testid={`history-range-${preset.id}`}
            onClick={() => {
              setCustomOpen(false);
              onChange({ kind: 'preset', preset: preset.id });
            }}
          >
            {preset.label}
          </button>
        ))}
        <button
          type="button"
          className="button history-range__preset"
          aria-pressed={range.kind === 'absolute'}
          aria-expanded={isCustomOpen}
          data-testid="history-range-custom"
          onClick={() => setCustomOpen(!isCustomOpen)}
        >
          Custom…
        </button>
      </div>
      {isCustomOpen ? (
        <CustomRangeForm
          shown={shown}
          onApply={(next) => {
            setCustomOpen(false);
            onChange(next);
          }}
        />
      ) : null}
    </div>
  );
}

function CustomRangeForm({ shown, onApply }: { shown: TimeWindow; onApply: (range: HistoryRange) => void }) {
  const id = useId();
  const [fromText, setFromText] = useState(() => toLocalInput(shown.from));
  const [toText, setToText] = useState(() => toLocalInput(shown.to));
  const [error, setError] = useState<string | null>(null);
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = parseCustomRange(fromText, toText);
    if (result.ok) onApply(result.range);
    else setError(result.message);
  };
  return (
    <form className="history-custom" onSubmit={submit} aria-label="Custom range" data-testid="history-custom-form">
      <label className="field" htmlFor={`${id}-from`}>
        <span className="field__label">From</span>
        <input
          id={`${id}-from`}
          className="field__input"
          type="datetime-local"
          value={fromText}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : `${id}-error`}
          data-testid="history-custom-from"
          onChange={(event) => setFromText(event.target.value)}
        />
      </label>
      <label className="field" htmlFor={`${id}-to`}>
        <span className="field__label">To</span>
        <input
          id={`${id}-to`}
          className="field__input"
          type="datetime-local"
          value={toText}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : `${id}-error`}
          data-testid="history-custom-to"
          onChange={(event) => setToText(event.target.value)}
        />
      </label>
      <button type="submit" className="button button--primary" data-testid="history-custom-apply">
        Apply
      </button>
      {error === null ? null : (
        <p
          id={`${id}-error`}
          className="form-error history-custom__error"
          role="alert"
          data-testid="history-custom-error"
        >
          {error}
        </p>
      )}
    </form>
  );
}
