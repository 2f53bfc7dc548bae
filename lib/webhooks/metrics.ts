import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// A webhook's health, defined once and computed in SQL. Everything counts *attempts* (a
// delivery retried 5 times is 5 attempts) of *real* deliveries (test payloads excluded), by
// when the attempt started, in windows that end at `now`: [now - 24 h, now] and [now - 7 d, now].
// Times are timestamp(3) columns holding UTC; parameters are cast to the same type, so the
// session's time zone never enters.

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

export type WindowStats = {
  attempts: number;
  failed: number;
  /** Succeeded attempts / attempts; null when there were none. */
  successRate: number | null;
  /** Attempt duration percentiles, in ms; null when there were no attempts. */
  p50Ms: number | null;
  p95Ms: number | null;
};

export type WebhookMetrics = {
  last24h: WindowStats;
  last7d: WindowStats;
  consecutiveFailures: number;
  /** The soonest retry among the webhook's RETRYING deliveries. */
  nextRetryAt: Date | null;
};

export function successRate(attempts: number, failed: number): number | null {
  return attempts > 0 ? (attempts - failed) / attempts : null;
}

/**
 * The one set of attempts every metric counts: real attempts of the webhooks `webhooks` (a
 * condition on da."webhookId") started in [from, to]. Range-scans DeliveryAttempt(webhookId,
 * startedAt) per webhook, then reads each attempt's delivery by primary key for isTest. Callers
 * may append further `AND …` conditions.
 */
function realAttempts(webhooks: Prisma.Sql, from: Date, to: Date) {
  return Prisma.sql`
    SELECT da.id, da."webhookId", da."deliveryId", da."startedAt", da."durationMs", da.succeeded, da."errorClass", da."responseStatus"
      FROM "DeliveryAttempt" da
      JOIN "Delivery" d ON d.id = da."deliveryId"
     WHERE ${webhooks}
       AND da."startedAt" >= ${from}::timestamp(3) AND da."startedAt" <= ${to}::timestamp(3)
       AND NOT d."isTest"`;
}

const ofStore = (storeId: string) => Prisma.sql`da."webhookId" IN (SELECT id FROM "Webhook" WHERE "storeId" = ${storeId})`;

/** One webhook's health over the last 24 h and 7 d, in one query. */
export async function getWebhookMetrics(webhookId: string, now: Date = new Date()): Promise<WebhookMetrics> {
  const since24h = new Date(now.getTime() - dayMs);
  // percentile_disc, not percentile_cont: it answers with a duration an attempt really took
  // (whole ms, no value interpolated between two attempts, which with few attempts could be
  // one nobody saw), and p95 of a handful of attempts is then the slowest one, as it should be.
  const [row] = await db.$queryRaw<
    {
      attempts_24h: number;
      failed_24h: number;
      attempts_7d: number;
      failed_7d: number;
      latency_24h: number[] | null;
      latency_7d: number[] | null;
      consecutive_failures: number | null;
      next_retry_at: Date | null;
    }[]
  >`
    WITH a AS (${realAttempts(Prisma.sql`da."webhookId" = ${webhookId}`, new Date(now.getTime() - 7 * dayMs), now)})
    SELECT count(*) FILTER (WHERE a."startedAt" >= ${since24h}::timestamp(3))::int AS attempts_24h,
           count(*) FILTER (WHERE a."startedAt" >= ${since24h}::timestamp(3) AND NOT a.succeeded)::int AS failed_24h,
           count(*)::int AS attempts_7d,
           count(*) FILTER (WHERE NOT a.succeeded)::int AS failed_7d,
           percentile_disc(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY a."durationMs") FILTER (WHERE a."startedAt" >= ${since24h}::timestamp(3)) AS latency_24h,
           percentile_disc(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY a."durationMs") AS latency_7d,
           (SELECT w."consecutiveFailures" FROM "Webhook" w WHERE w.id = ${webhookId}) AS consecutive_failures,
           (SELECT min(d."nextAttemptAt") FROM "Delivery" d WHERE d."webhookId" = ${webhookId} AND d."failureStatus" = 'RETRYING') AS next_retry_at
      FROM a`;
  const window = (attempts: number, failed: number, latency: number[] | null): WindowStats => ({
    attempts,
    failed,
    successRate: successRate(attempts, failed),
    p50Ms: latency?.[0] ?? null,
    p95Ms: latency?.[1] ?? null,
  });
  return {
    last24h: window(row!.attempts_24h, row!.failed_24h, row!.latency_24h),
    last7d: window(row!.attempts_7d, row!.failed_7d, row!.latency_7d),
    consecutiveFailures: row!.consecutive_failures ?? 0,
    nextRetryAt: row!.next_retry_at,
  };
}

export type WindowCounts = { attempts: number; failed: number; successRate: number | null };

/**
 * The many-webhooks form: the last 24 h of each of the store's webhooks (or of one of them), in
 * one query. Webhooks without attempts in the window are absent.
 */
export async function getSuccessRates24h(storeId: string, { now = new Date(), webhookId = null }: { now?: Date; webhookId?: string | null } = {}): Promise<Map<string, WindowCounts>> {
  const webhooks = webhookId ? Prisma.sql`${ofStore(storeId)} AND da."webhookId" = ${webhookId}` : ofStore(storeId);
  const rows = await db.$queryRaw<{ webhook_id: string; attempts: number; failed: number }[]>`
    SELECT a."webhookId" AS webhook_id, count(*)::int AS attempts, count(*) FILTER (WHERE NOT a.succeeded)::int AS failed
      FROM (${realAttempts(webhooks, new Date(now.getTime() - dayMs), now)}) a
     GROUP BY a."webhookId"`;
  return new Map(rows.map((r) => [r.webhook_id, { attempts: r.attempts, failed: r.failed, successRate: successRate(r.attempts, r.failed) }]));
}

export type FailedAttempt = {
  attemptId: string;
  deliveryId: string;
  webhookId: string;
  webhookUrl: string;
  errorClass: string | null;
  responseStatus: number | null;
  startedAt: Date;
};

export type StoreWebhookHealth = WindowCounts & { recentFailures: FailedAttempt[] };

/**
 * The dashboard's glance: the store's last 24 h across all its webhooks (same definition as
 * each webhook's), and its latest failed attempts in that window, newest first.
 */
export async function getStoreWebhookHealth(storeId: string, { now = new Date(), failures = 5 }: { now?: Date; failures?: number } = {}): Promise<StoreWebhookHealth> {
  const since = new Date(now.getTime() - dayMs);
  const [rates, recent] = await Promise.all([
    getSuccessRates24h(storeId, { now }),
    // Per webhook, its newest failures (a backwards walk of its (webhookId, startedAt) index
    // within the window), then the newest of those across webhooks.
    db.$queryRaw<{ id: string; delivery_id: string; webhook_id: string; url: string; error_class: string | null; response_status: number | null; started_at: Date }[]>`
      SELECT f.id, f."deliveryId" AS delivery_id, w.id AS webhook_id, w.url, f."errorClass" AS error_class, f."responseStatus" AS response_status, f."startedAt" AS started_at
        FROM "Webhook" w
       CROSS JOIN LATERAL (
         ${realAttempts(Prisma.sql`da."webhookId" = w.id`, since, now)} AND NOT da.succeeded
         ORDER BY da."startedAt" DESC, da.id DESC
         LIMIT ${failures}
       ) f
       WHERE w."storeId" = ${storeId}
       ORDER BY f."startedAt" DESC, f.id DESC
       LIMIT ${failures}`,
  ]);
  let attempts = 0;
  let failed = 0;
  for (const counts of rates.values()) {
    attempts += counts.attempts;
    failed += counts.failed;
  }
  return {
    attempts,
    failed,
    successRate: successRate(attempts, failed),
    recentFailures: recent.map((r) => ({
      attemptId: r.id,
      deliveryId: r.delivery_id,
      webhookId: r.webhook_id,
      webhookUrl: r.url,
      errorClass: r.error_class,
      responseStatus: r.response_status,
      startedAt: r.started_at,
    })),
  };
}

export const chartRanges = ["24h", "30d"] as const;
export type ChartRange = (typeof chartRanges)[number];

export type ChartBucket = { start: string; end: string; succeeded: number; failed: number };
export type ChartSeries = { range: ChartRange; from: string; to: string; buckets: ChartBucket[]; succeeded: number; failed: number };

const chartShapes: Record<ChartRange, { stepMs: number; count: number }> = {
  "24h": { stepMs: hourMs, count: 24 },
  "30d": { stepMs: dayMs, count: 30 },
};

/**
 * Succeeded and failed real attempts per bucket: 24 hourly buckets or 30 daily ones, empty
 * buckets as zeros. Buckets are whole UTC hours, the last being the current hour (so an
 * hour's bar is the same in every zone with whole-hour offsets); daily buckets are 24 h
 * windows ending with that same hour, so the last one is "the last 24 h" for every viewer.
 * Attempts after `now` are not counted.
 */
export async function getWebhookChart(webhookId: string, range: ChartRange, now: Date = new Date()): Promise<ChartSeries> {
  const { stepMs, count } = chartShapes[range];
  const end = Math.floor(now.getTime() / hourMs) * hourMs + hourMs;
  const from = new Date(end - count * stepMs);
  const step = Prisma.sql`(${stepMs / 1000}::int * interval '1 second')`;
  const rows = await db.$queryRaw<{ start: Date; succeeded: number; failed: number }[]>`
    WITH counts AS (
      SELECT date_bin(${step}, a."startedAt", ${from}::timestamp(3)) AS bucket,
             count(*) FILTER (WHERE a.succeeded)::int AS succeeded,
             count(*) FILTER (WHERE NOT a.succeeded)::int AS failed
        FROM (${realAttempts(Prisma.sql`da."webhookId" = ${webhookId}`, from, now)}) a
       GROUP BY 1
    )
    SELECT b.start, coalesce(c.succeeded, 0) AS succeeded, coalesce(c.failed, 0) AS failed
      FROM generate_series(${from}::timestamp(3), ${from}::timestamp(3) + ${count - 1}::int * ${step}, ${step}) AS b(start)
      LEFT JOIN counts c ON c.bucket = b.start
     ORDER BY b.start`;
  const buckets = rows.map((r) => ({
    start: r.start.toISOString(),
    end: new Date(r.start.getTime() + stepMs).toISOString(),
    succeeded: r.succeeded,
    failed: r.failed,
  }));
  return {
    range,
    from: from.toISOString(),
    to: new Date(end).toISOString(),
    buckets,
    succeeded: buckets.reduce((sum, b) => sum + b.succeeded, 0),
    failed: buckets.reduce((sum, b) => sum + b.failed, 0),
  };
}
