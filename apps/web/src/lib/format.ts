/** Number formatting shared by cards, tables and charts. Callers render `null` as N/A themselves. */

export function formatFixed(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function mibToGiB(mib: number): number {
  return mib / 1024;
}

/** MiB as GiB with one decimal below 100 GiB. */
export function formatGiB(mib: number): string {
  const gib = mibToGiB(mib);
  return formatFixed(gib, gib < 100 ? 1 : 0);
}

/** A duration as "850 ms", "12 s", "3 min 5 s", "2 h 4 min". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** A sampling interval: "250 ms", "1 s", "2.5 s". */
export function formatInterval(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${formatFixed(ms / 1_000, ms % 1_000 ? 1 : 0)} s`;
}

/** How long ago, from an age in ms: "just now" under a second, else "4 s ago", "3 min 5 s ago". */
export function formatAgo(ageMs: number): string {
  return ageMs < 1_000 ? 'just now' : `${formatDuration(ageMs)} ago`;
}

/**
 * A date and time for tables: "2026-11-26 13:05" (with `withSeconds`, "2026-11-26 13:05:42", as logs
 * are read), in the viewer's time zone; "—" for none.
 */
export function formatDateTime(ts: number | null, options: { withSeconds?: boolean } = {}): string {
  if (ts === null) return '—';
  const date = new Date(ts);
  const pad = (n: number) => String(n).padStart(2, '0');
  const minutes = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return options.withSeconds === true ? `${minutes}:${pad(date.getSeconds())}` : minutes;
}
