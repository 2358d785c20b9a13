const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** After this many failed attempts in a row the dashboard says "offline" (it still retries). */
export const OFFLINE_AFTER_ATTEMPTS = 5;

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so that many dashboards do not all knock at the same instant after a
 * server restart, yet none retries immediately.
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceilingMs = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceilingMs / 2 + (random() * ceilingMs) / 2);
}
