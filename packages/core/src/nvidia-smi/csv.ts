/**
 * The CSV nvidia-smi writes: cells separated by ", ", never quoted; a header (unless `noheader`)
 * whose names carry the unit in brackets (`memory.used [MiB]`) even with `nounits`.
 */

/** The non-blank lines of a text, without trailing carriage returns. */
export function csvLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
}

/** The trimmed cells of one line. */
export function csvCells(line: string): string[] {
  return line.split(',').map((cell) => cell.trim());
}

const HEADER_CELL = /^([A-Za-z_][A-Za-z0-9_.]*)(?:\s*\[[^\]]*\])?$/;

/** A header cell's field name without its unit (`memory.used [MiB]` → `memory.used`), or `null` if it is not one. */
export function headerFieldName(cell: string): string | null {
  const match = HEADER_CELL.exec(cell.trim());
  return match?.[1] ?? null;
}

/** The field names of a header line, or `null` when some cell is not a field name (so: not a header). */
export function parseHeaderLine(line: string): string[] | null {
  const names: string[] = [];
  for (const cell of csvCells(line)) {
    const name = headerFieldName(cell);
    if (name === null) return null;
    names.push(name);
  }
  return names;
}
