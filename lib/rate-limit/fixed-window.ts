import "server-only";
import { db } from "@/lib/db";

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * Counts a hit against `key` in a fixed window shared by every app process (one upsert).
 * The window restarts once it has ended.
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; windowEnds: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowEnds")
    VALUES (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowEnds" <= now() THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowEnds" = CASE WHEN "RateLimitBucket"."windowEnds" <= now()
        THEN now() + make_interval(secs => ${windowSeconds}) ELSE "RateLimitBucket"."windowEnds" END
    RETURNING "count", "windowEnds"`;
  const row = rows[0]!;
  return {
    allowed: row.count <= limit,
    remaining: Math.max(0, limit - row.count),
    retryAfterSeconds: Math.max(1, Math.ceil((row.windowEnds.getTime() - Date.now()) / 1000)),
  };
}

export async function resetRateLimit(key: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}
