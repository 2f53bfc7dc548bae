import "server-only";
import { db } from "@/lib/db";
import { getSuccessRates24h } from "./metrics";
import { deactivateAfterFailures, deactivationQuietWindowMs } from "./record-attempt";
import { isStorableId, webhookView, type WebhookView } from "./webhook-view";

export async function countWebhooks(storeId: string) {
  const [total, active, deactivated] = await Promise.all([
    db.webhook.count({ where: { storeId } }),
    db.webhook.count({ where: { storeId, isActive: true, state: "ACTIVE" } }),
    db.webhook.count({ where: { storeId, state: "DEACTIVATED" } }),
  ]);
  return { total, active, deactivated };
}

/** One webhook of the store, as the API shows it; null when it is not this store's. */
export async function getWebhook(storeId: string, webhookId: string) {
  if (!isStorableId(webhookId)) return null;
  const webhook = await db.webhook.findFirst({ where: { id: webhookId, storeId } });
  return webhook && webhookView(webhook);
}

/** A page of the store's webhooks, oldest first, after the cursor (a webhook id: ids sort by time). */
export async function listWebhooksPage(storeId: string, { after, limit }: { after?: string; limit: number }) {
  const rows = await db.webhook.findMany({
    where: { storeId, ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit).map(webhookView);
  return { data: page, next_cursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}

type DeliveryStatus = "PENDING" | "SUCCEEDED" | "RETRYING" | "FAILED";

export type WebhookRow = WebhookView & {
  consecutive_failures: number;
  last_error: string | null;
  last_delivery: { status: DeliveryStatus; at: string } | null;
  /** Share of the last 24 h's real attempts that succeeded (lib/webhooks/metrics.ts); null when there were none. */
  success_rate_24h: number | null;
  /** Set once the owner was warned of a failure streak; cleared by a success or a re-enable. */
  warned_at: string | null;
  /** While warned: failures in a row still to go before deactivation, and the earliest time it can happen. */
  deactivation_outlook: { failures_left: number; not_before: string | null } | null;
  /** Real deliveries that failed since the last success (what "Resend failed" would send again). */
  failed_since_success: { count: number; since: string } | null;
};

/** The Settings → Webhooks list: each webhook with its last delivery and 24 h success rate. */
export async function listWebhookRows(storeId: string, now: Date = new Date()): Promise<WebhookRow[]> {
  return webhookRows(storeId, null, now);
}

/** One webhook of the store as the list shows it (its own page); null when it is not this store's. */
export async function getWebhookRow(storeId: string, webhookId: string, now: Date = new Date()): Promise<WebhookRow | null> {
  return (await webhookRows(storeId, webhookId, now))[0] ?? null;
}

async function webhookRows(storeId: string, webhookId: string | null, now: Date): Promise<WebhookRow[]> {
  const webhooks = await db.webhook.findMany({
    where: { storeId, ...(webhookId ? { id: webhookId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (webhooks.length === 0) return [];
  // The 24 h success rate is the metrics' definition (real attempts), not one of its own.
  const [stats, rates] = await Promise.all([
    db.$queryRaw<{ id: string; last_status: DeliveryStatus | null; last_at: Date | null; failed: number; failed_from: Date | null }[]>`
      SELECT w.id, ld.status AS last_status, ld."createdAt" AS last_at, f.failed, f.failed_from
        FROM "Webhook" w
        LEFT JOIN LATERAL (
          SELECT status, "createdAt" FROM "Delivery" d WHERE d."webhookId" = w.id ORDER BY d."createdAt" DESC, d.id DESC LIMIT 1
        ) ld ON true
        -- What failed since the last success (by when it failed), then everything failed from the
        -- oldest of those on: exactly what "Resend failed since …" resends.
        LEFT JOIN LATERAL (
          SELECT min(d."createdAt") AS failed_from
            FROM "Delivery" d
           WHERE d."webhookId" = w.id AND d."failureStatus" = 'FAILED' AND NOT d."isTest" AND d."completedAt" > coalesce(w."lastSuccessAt", '-infinity')
        ) ff ON true
        LEFT JOIN LATERAL (
          SELECT count(*)::int AS failed, ff.failed_from
            FROM "Delivery" d
           WHERE d."webhookId" = w.id AND d."failureStatus" = 'FAILED' AND NOT d."isTest" AND d."createdAt" >= ff.failed_from
        ) f ON true
       WHERE w."storeId" = ${storeId} AND (${webhookId}::text IS NULL OR w.id = ${webhookId})`,
    getSuccessRates24h(storeId, { now, webhookId }),
  ]);
  const byId = new Map(stats.map((s) => [s.id, s]));
  return webhooks.map((w) => {
    const s = byId.get(w.id);
    return {
      ...webhookView(w),
      consecutive_failures: w.consecutiveFailures,
      last_error: w.lastError,
      last_delivery: s?.last_status && s.last_at ? { status: s.last_status, at: s.last_at.toISOString() } : null,
      success_rate_24h: rates.get(w.id)?.successRate ?? null,
      warned_at: w.warnedAt?.toISOString() ?? null,
      deactivation_outlook: w.warnedAt && w.state === "ACTIVE" ? deactivationOutlook(w, now) : null,
      failed_since_success: s?.failed && s.failed_from ? { count: s.failed, since: s.failed_from.toISOString() } : null,
    };
  });
}

/** When a warned webhook would be deactivated: after 19 failures in a row, and only once a day has passed without a success. */
function deactivationOutlook(w: { consecutiveFailures: number; lastSuccessAt: Date | null }, now: Date) {
  const quietUntil = w.lastSuccessAt ? new Date(w.lastSuccessAt.getTime() + deactivationQuietWindowMs) : null;
  return {
    failures_left: Math.max(0, deactivateAfterFailures - w.consecutiveFailures),
    not_before: quietUntil && quietUntil.getTime() > now.getTime() ? quietUntil.toISOString() : null,
  };
}
