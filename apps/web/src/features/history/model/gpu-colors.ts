/** Colours for overlaid GPUs, defined per theme in history-page.css; a GPU keeps its colour by index. */
export const GPU_COLOR_COUNT = 8;

export function gpuColorVar(colorIndex: number): string {
  return `--history-gpu-${((colorIndex % GPU_COLOR_COUNT) + GPU_COLOR_COUNT) % GPU_COLOR_COUNT}`;
}

export function gpuFillVar(colorIndex: number): string {
  return `${gpuColorVar(colorIndex)}-band`;
}
