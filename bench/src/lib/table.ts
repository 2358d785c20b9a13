/** A Markdown table (as BENCHMARKS.md shows them), for a benchmark to print when it is done. */
export function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** 1234567 → "1,234,567". */
export const grouped = (value: number): string => Math.round(value).toLocaleString('en-US');
