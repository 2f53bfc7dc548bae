import "server-only";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { plans } from "@/lib/plans";
import { notificationPayloadSchema, subscriptionsFor, type EventTopic } from "./topics";

/** A notification event as fan-out reads it: its outbox id, topic and the payload it carries. */
export type DeliverableEvent = { id: string; name: EventTopic; storeId: string; notificationId: string; payload: unknown };

export type CreatedDelivery = { id: string; webhookId: string };

const plansWithWebhooks = Object.values(plans)
  .filter((p) => p.webhooks)
  .map((p) => p.id);

/**
 * The deliveries of a batch of events: one per (event, webhook) for every webhook that is On,
 * active and on a plan with webhooks, whose topic (or wildcard) matches. Inserted in one
 * statement; an event processed twice finds its deliveries already there (unique on
 * (eventId, webhookId)). Returns every delivery of these events still waiting for its first
 * attempt, the ones made before included, so a re-run picks up where it stopped.
 */
export async function createDeliveries(events: DeliverableEvent[]): Promise<CreatedDelivery[]> {
  if (events.length === 0) return [];
  const storeIds = [...new Set(events.map((e) => e.storeId))];
  const webhooks = await db.webhook.findMany({
    where: { storeId: { in: storeIds }, isActive: true, state: "ACTIVE", store: { plan: { in: plansWithWebhooks } } },
    select: { id: true, storeId: true, topic: true },
  });
  const rows = events.flatMap((event) => {
    const topics = subscriptionsFor(event.name);
    // Stored events are jsonb, which reorders keys: the schema puts them back in the contract's order.
    const body = JSON.stringify(notificationPayloadSchema.parse(event.payload));
    return webhooks
      .filter((w) => w.storeId === event.storeId && topics.includes(w.topic))
      .map((w) => ({
        id: newId("delivery"),
        message_id: newId("message"),
        store_id: event.storeId,
        webhook_id: w.id,
        event_id: event.id,
        notification_id: event.notificationId,
        topic: event.name,
        body,
      }));
  });
  if (rows.length > 0) {
    await db.$executeRaw`
      INSERT INTO "Delivery" (id, "messageId", "storeId", "webhookId", "eventId", "notificationId", topic, body, "updatedAt")
      SELECT r.id, r.message_id, r.store_id, r.webhook_id, r.event_id, r.notification_id::bigint, r.topic, r.body, now()
        FROM json_to_recordset(${JSON.stringify(rows)}::json)
          AS r(id text, message_id text, store_id text, webhook_id text, event_id text, notification_id text, topic text, body text)
      ON CONFLICT ("eventId", "webhookId") DO NOTHING`;
  }
  return db.delivery.findMany({
    where: { eventId: { in: events.map((e) => e.id) }, attemptCount: 0, status: "PENDING" },
    select: { id: true, webhookId: true },
    orderBy: { id: "asc" },
  });
}
