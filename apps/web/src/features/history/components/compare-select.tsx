import { useId } from 'react';
import { COMPARE_CHOICES, type CompareChoice } from '../model/history-url';

const LABELS: Readonly<Record<CompareChoice, string>> = {
  off: 'Off',
  '1d': 'Previous day',
  '1w': 'Previous week',
};

function isCompareChoice(value: string): value is CompareChoice {
  return (COMPARE_CHOICES as readonly string[]).includes(value);
}

export function CompareSelect({ value, onChange }: { value: CompareChoice; onChange: (value: CompareChoice) => void }) {
  const id = useId();
  return (
    <span className="control">
      <label htmlFor={id}>Compare with</label>
      <select
        id={id}
        className="control__select"
        value={value}
        data-testid="history-compare"
        onChange={(event) => {
          if (isCompareChoice(event.target.value)) onChange(event.target.value);
        }}
      >
        {COMPARE_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {LABELS[choice]}
          </option>
        ))}
      </select>
    </span>
  );
}
