/**
 * The field list of `nvidia-smi --help-query-gpu` (or `--help-query-compute-apps`). Each field is
 * introduced by a line of quoted names, `"clocks.current.sm" or "clocks.sm"`; description lines
 * that merely quote values (`"0: Default" means …`) do not have that shape. The title line changed
 * from `"--query-gpu=":` (up to ~470) to `"--query-gpu":` and is not a field either way.
 */
const FIELD_LINE = /^"[A-Za-z_][A-Za-z0-9_.]*"(?: or "[A-Za-z_][A-Za-z0-9_.]*")*$/;
const QUOTED = /"([^"]+)"/g;

/** Every field name and alias the help text lists. */
export function parseHelpQueryGpu(text: string): Set<string> {
  const fields = new Set<string>();
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (!FIELD_LINE.test(line)) continue;
    for (const match of line.matchAll(QUOTED)) {
      if (match[1] !== undefined) fields.add(match[1]);
    }
  }
  return fields;
}
