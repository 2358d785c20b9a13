/** The longest wait between two tries of one delivery. */
export const MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * Exponential backoff with "equal jitter": after try n the wait is base·2^(n−1), capped, of which
 * the second half is random, so receivers that come back are not hit by every sender at once.
 */
export function retryDelayMs(attempts: number, baseMs: number, random: () => number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const ceiling = Math.min(baseMs * 2 ** exponent, MAX_RETRY_DELAY_MS);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
