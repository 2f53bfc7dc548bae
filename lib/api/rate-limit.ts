import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Per API key: 20 requests a second on average, and bursts of up to 40. */
export const apiRateLimit = { perSecond: 20, burst: 40 } as const;
export type TokenBucket = { perSecond: number; burst: number };

export type ApiRateLimitResult = {
  allowed: boolean;
  /** The burst size: how many requests a key with a full bucket may send at once. */
  limit: number;
  /** How many more requests may be sent right now. */
  remaining: number;
  /** Seconds until the bucket is full again (RateLimit-Reset). */
  resetSeconds: number;
  /** When refused: seconds until the next request is allowed (Retry-After, at least 1). */
  retryAfterSeconds: number;
};

/**
 * A token bucket shared by every app process, kept in PostgreSQL as one row per key in
 * "RateLimitBucket" (one atomic upsert per request). It is the GCRA form of a token bucket:
 * instead of a token count it stores one time, the "theoretical arrival time" (TAT, in the
 * `windowEnds` column): the moment the bucket will be full again. Each allowed request moves
 * it on by one interval (1/perSecond); a request is refused while the TAT is more than
 * (burst - 1) intervals ahead of now. A row whose TAT has passed is the same as no row (a full
 * bucket), so rows may be deleted at any time. `count` holds 1 if the last request was allowed
 * and 0 if it was refused. Times are UTC, computed in the database, so app clocks do not matter.
 * Keys are namespaced ("api:<key id>") apart from the fixed-window limits in the same table.
 */
export async function takeApiToken(key: string, bucket: TokenBucket = apiRateLimit): Promise<ApiRateLimitResult> {
  const intervalMs = Math.max(1, Math.round(1000 / bucket.perSecond));
  const toleranceMs = intervalMs * (bucket.burst - 1);
  const interval = Prisma.sql`${intervalMs}::int * interval '1 millisecond'`;
  const tolerance = Prisma.sql`${toleranceMs}::int * interval '1 millisecond'`;
  // "now", to the millisecond like the column, so the arithmetic below is exact.
  const now = Prisma.sql`(SELECT now FROM clock)`;
  const rows = await db.$queryRaw<{ allowed: number; ahead_ms: number }[]>`
    WITH clock AS (SELECT date_trunc('milliseconds', now() AT TIME ZONE 'UTC') AS now)
    INSERT INTO "RateLimitBucket" AS b ("key", "count", "windowEnds")
    SELECT ${key}, 1, clock.now + ${interval} FROM clock
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN GREATEST(b."windowEnds", ${now}) - ${now} <= ${tolerance} THEN 1 ELSE 0 END,
      "windowEnds" = CASE WHEN GREATEST(b."windowEnds", ${now}) - ${now} <= ${tolerance}
        THEN GREATEST(b."windowEnds", ${now}) + ${interval} ELSE b."windowEnds" END
    RETURNING "count" AS allowed, (EXTRACT(EPOCH FROM ("windowEnds" - ${now})) * 1000)::float8 AS ahead_ms`;
  const row = rows[0]!;
  // After an allowed request the TAT is `ahead_ms` ahead; after a refused one it is unchanged.
  const ahead = Math.max(0, Math.round(row.ahead_ms));
  const allowed = row.allowed === 1;
  return {
    allowed,
    limit: bucket.burst,
    remaining: allowed ? Math.max(0, Math.floor((toleranceMs - ahead) / intervalMs) + 1) : 0,
    resetSeconds: Math.ceil(ahead / 1000),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((ahead - toleranceMs) / 1000)),
  };
}

/** The RateLimit-* headers (IETF draft) for a result, plus Retry-After when refused. */
export function rateLimitHeaders(result: ApiRateLimitResult): Record<string, string> {
  return {
    "RateLimit-Limit": String(result.limit),
    "RateLimit-Remaining": String(result.remaining),
    "RateLimit-Reset": String(result.resetSeconds),
    ...(result.allowed ? {} : { "Retry-After": String(result.retryAfterSeconds) }),
  };
}
