import "server-only";
import { db } from "@/lib/db";
import { webhookView } from "./webhook-view";

export async function listWebhooks(storeId: string) {
  return db.webhook.findMany({
    where: { storeId },
    orderBy: { createdAt: "asc" },
    select: { id: true, topic: true, url: true, isActive: true, state: true, createdAt: true },
  });
}

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
