import { gpuColorVar } from '../model/gpu-colors';
import type { ChartedGpu } from '../model/history-series';

interface GpuPickerProps {
  gpus: readonly ChartedGpu[];
  selected: readonly string[];
  onToggle: (uuid: string) => void;
}

/** One checkbox per GPU, with the colour its lines have on every chart. */
export function GpuPicker({ gpus, selected, onToggle }: GpuPickerProps) {
  return (
    <fieldset className="history-picker" data-testid="history-gpu-picker">
      <legend className="history-picker__legend">GPUs</legend>
      {gpus.length === 0 ? <span className="history-picker__none">No GPUs known yet.</span> : null}
      {gpus.map((gpu) => (
        <label key={gpu.uuid} className="history-check" title={gpu.uuid}>
          <input
            type="checkbox"
            checked={selected.includes(gpu.uuid)}
            onChange={() => onToggle(gpu.uuid)}
            data-testid="history-gpu-toggle"
            data-uuid={gpu.uuid}
          />
          <span
            className="history-check__swatch"
            style={{ background: `var(${gpuColorVar(gpu.colorIndex)})` }}
            aria-hidden="true"
          />
          {gpu.label}
        </label>
      ))}
    </fieldset>
  );
}
