/**
 * Delay before retrying a failed step or request (attempt is the 0-based attempt that failed):
 * exponential from 10 s, capped at 1 h, with ±25% jitter so failures of one cause spread out.
 */
export function defaultBackoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(10_000 * 2 ** attempt, 3_600_000);
  return Math.round(base * (0.75 + random() * 0.5));
}

/** A `retry-after` header (seconds or an HTTP date, as RetryAfterError sends it) → ms from now. */
export function retryAfterMs(header: string | null, nowMs = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
