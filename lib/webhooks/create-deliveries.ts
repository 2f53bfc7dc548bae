import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sharedExecutorPool } from "@/lib/executor/pool";
import type { DeliveryStatus, WebhookState } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/ids";
import { plans } from "@/lib/plans";
import { notificationPayloadSchema, subscriptionsFor, type EventTopic } from "./topics";

/** A notification event as fan-out reads it: its outbox id, topic and the payload it carries. */
export type DeliverableEvent = { id: string; name: EventTopic; storeId: string; notificationId: string; payload: unknown };

/** A webhook that receives deliveries: On, active, its store on a plan with webhooks. */
export type ActiveWebhook = { id: string; storeId: string; topic: string; url: string; isActive: boolean; state: WebhookState; consecutiveFailures: number };

/** A delivery as its attempts need it. */
export type WaitingDelivery = { id: string; storeId: string; webhookId: string; messageId: string; topic: string; body: string; status: DeliveryStatus; attemptCount: number };

const plansWithWebhooks = Object.values(plans)
  .filter((p) => p.webhooks)
  .map((p) => p.id);

/** The webhooks of these stores that receive deliveries now. */
export async function activeWebhooks(storeIds: string[]): Promise<ActiveWebhook[]> {
  const { rows } = await sharedExecutorPool(env().DATABASE_URL).query<ActiveWebhook>({
    name: "active-webhooks",
    text: `SELECT w.id, w."storeId", w.topic, w.url, w."isActive", w.state::text AS state, w."consecutiveFailures"
       FROM "Webhook" w JOIN "Store" s ON s.id = w."storeId"
      WHERE w."storeId" = ANY($1::text[]) AND w."isActive" AND w.state = 'ACTIVE' AND s.plan::text = ANY($2::text[])`,
    values: [storeIds, plansWithWebhooks],
  });
  return rows;
}

/**
 * The deliveries of a batch of events: one per (event, webhook) for each of `webhooks` (the
 * stores' active webhooks) whose topic (or wildcard) matches. Inserted in one statement; an
 * event processed twice finds its deliveries already there (unique on (eventId, webhookId)).
 * Returns, with the new ones, those made before that are still waiting for their first
 * attempt, or whose failed first attempt may not have had its retries scheduled yet, so a
 * re-run picks up where it stopped.
 */
export async function createDeliveries(events: DeliverableEvent[], webhooks: ActiveWebhook[]): Promise<WaitingDelivery[]> {
  if (events.length === 0) return [];
  const eventIds = events.map((e) => e.id);
  const rows = events.flatMap((event) => {
    const topics = subscriptionsFor(event.name);
    // Stored events are jsonb, which reorders keys: the schema puts them back in the contract's order.
    const body = JSON.stringify(notificationPayloadSchema.parse(event.payload));
    return webhooks
      .filter((w) => w.storeId === event.storeId && topics.includes(w.topic))
      .map((w) => ({
        delivery: { id: newId("delivery"), storeId: event.storeId, webhookId: w.id, messageId: newId("message"), topic: event.name, body, status: "PENDING", attemptCount: 0 } as const,
        eventId: event.id,
        notificationId: event.notificationId,
      }));
  });
  if (rows.length === 0) return waitingDeliveries(eventIds);
  // The new deliveries and the earlier ones still waiting, in one round trip. The read sees the
  // table as it was before the insert: when a row conflicted (another run of these events wrote
  // it meanwhile, maybe after that), they are all read again.
  const { rows: found } = await sharedExecutorPool(env().DATABASE_URL).query<{ id: string; inserted: true } | (WaitingDelivery & { inserted: false })>({
    name: "create-deliveries",
    text: createSql,
    values: [JSON.stringify(rows.map((r) => ({ ...r.delivery, eventId: r.eventId, notificationId: r.notificationId }))), eventIds],
  });
  if (found.filter((d) => d.inserted).length < rows.length) return waitingDeliveries(eventIds);
  const created = new Map(rows.map((r) => [r.delivery.id, r.delivery]));
  return found.map((d) => (d.inserted ? created.get(d.id)! : d)).sort((x, y) => (x.id < y.id ? -1 : 1));
}

// Straight through pg and named, as record-success.ts: this runs for every batch on the path to
// the first attempt, and Prisma's per-query work is a measurable share of that latency.
const createSql = `
    WITH inserted AS (
      INSERT INTO "Delivery" (id, "messageId", "storeId", "webhookId", "eventId", "notificationId", topic, body, "updatedAt")
      SELECT r.id, r."messageId", r."storeId", r."webhookId", r."eventId", r."notificationId"::bigint, r.topic, r.body, now()
        FROM json_to_recordset($1::json)
          AS r(id text, "messageId" text, "storeId" text, "webhookId" text, "eventId" text, "notificationId" text, topic text, body text)
      ON CONFLICT ("eventId", "webhookId") DO NOTHING
      RETURNING id
    )
    SELECT id, true AS inserted, NULL AS "storeId", NULL AS "webhookId", NULL AS "messageId", NULL AS topic, NULL AS body, NULL AS status, NULL AS "attemptCount"
      FROM inserted
    UNION ALL
    SELECT id, false, "storeId", "webhookId", "messageId", topic, body, status::text, "attemptCount"
      FROM "Delivery"
     WHERE "eventId" = ANY($2::text[]) AND (("attemptCount" = 0 AND status = 'PENDING') OR ("attemptCount" = 1 AND status = 'RETRYING'))`;

const waitingColumns = { id: true, storeId: true, webhookId: true, messageId: true, topic: true, body: true, status: true, attemptCount: true } as const;

function waitingDeliveries(eventIds: string[]): Promise<WaitingDelivery[]> {
  return db.delivery.findMany({
    where: { eventId: { in: eventIds }, OR: [{ attemptCount: 0, status: "PENDING" }, { attemptCount: 1, status: "RETRYING" }] },
    select: waitingColumns,
    orderBy: { id: "asc" },
  });
}
