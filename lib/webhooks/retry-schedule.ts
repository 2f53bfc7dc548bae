// The one retry schedule of webhook deliveries: 19 retries after the first attempt (20
// attempts in all) over about 48 hours, as ShopBase/Shopify promise (seed 003).

const minute = 60_000;
const hour = 60 * minute;

/** Delay before retry n (index 0 = before the 2nd attempt), before jitter. */
export const retryDelaysMs: readonly number[] = [
  1 * minute,
  5 * minute,
  10 * minute,
  30 * minute,
  1 * hour,
  2 * hour,
  2 * hour,
  ...Array<number>(6).fill(3 * hour),
  ...Array<number>(6).fill(4 * hour),
];

export const maxAttempts = retryDelaysMs.length + 1;

/** The longest step: a receiver's Retry-After is honoured up to this. */
export const longestRetryDelayMs = Math.max(...retryDelaysMs);

/**
 * When attempt `nextAttempt` (2..20) should run, after the attempt that failed at `failedAt`:
 * the schedule's delay ±10% (so a receiver's outage does not meet every retry at once), or
 * later if the receiver asked (Retry-After), but never later than the schedule's longest step.
 * Null when there is no attempt left.
 */
export function nextAttemptAt(
  nextAttempt: number,
  failedAt: Date,
  options: { retryAfterMs?: number | null; random?: () => number; /** WEBHOOK_RETRY_SCALE (dev/test): shrinks every delay. */ scale?: number } = {},
): Date | null {
  const step = retryDelaysMs[nextAttempt - 2];
  if (step === undefined) return null;
  const scale = options.scale ?? 1;
  const jittered = step * scale * (0.9 + (options.random ?? Math.random)() * 0.2);
  const asked = Math.min(options.retryAfterMs ?? 0, longestRetryDelayMs * scale);
  return new Date(failedAt.getTime() + Math.round(Math.max(jittered, asked)));
}
