import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Plan } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { activeWebhooks, createDeliveries, type DeliverableEvent } from "./create-deliveries";
import { examplePayload } from "./topics";

async function storeWithWebhooks(plan: Plan, hooks: { topic: string; on: boolean }[]) {
  const { storeId } = await makeStore(plan);
  const ids: Record<string, string> = {};
  for (const [i, h] of hooks.entries()) {
    const id = newId("webhook");
    await db.webhook.create({ data: { id, storeId, topic: h.topic, url: `https://hooks.shop.dev/${storeId}/${i}`, isActive: h.on } });
    ids[`${h.topic}${h.on ? "" : " (off)"}`] = id;
  }
  return { storeId, ids };
}

const event = (storeId: string, name: DeliverableEvent["name"] = "notification/create"): DeliverableEvent => ({
  id: newId("outboxEvent"),
  name,
  storeId,
  notificationId: "12345",
  payload: examplePayload(name),
});

describe("createDeliveries", () => {
  it("makes one delivery per matching webhook that is On, wildcards included, with the event's payload as body", async () => {
    const { storeId, ids } = await storeWithWebhooks("MEDIUM", [
      { topic: "notification/create", on: true },
      { topic: "notification/sent", on: true },
      { topic: "notification/*", on: true },
      { topic: "notification/create", on: false },
    ]);
    const e = event(storeId);
    const created = await createDeliveries([e], await activeWebhooks([storeId]));
    expect(created.map((d) => d.webhookId).sort()).toEqual([ids["notification/create"], ids["notification/*"]].sort());
    const rows = await db.delivery.findMany({ where: { eventId: e.id } });
    expect(rows.every((d) => d.body === JSON.stringify(examplePayload("notification/create")) && d.notificationId === 12345n && d.messageId.startsWith("msg_"))).toBe(true);
    expect(new Set(rows.map((d) => d.messageId)).size).toBe(2);
  });

  it("is idempotent: the same event again makes no second delivery", async () => {
    const { storeId } = await storeWithWebhooks("LARGE", [{ topic: "notification/*", on: true }]);
    const e = event(storeId, "notification/sent");
    const webhooks = await activeWebhooks([storeId]);
    const [first] = await createDeliveries([e], webhooks);
    const again = await createDeliveries([e, e], webhooks);
    expect(again).toEqual([first]);
    expect(first).toMatchObject({ storeId, status: "PENDING", attemptCount: 0, topic: "notification/sent", body: JSON.stringify(examplePayload("notification/sent")) });
    expect(await db.delivery.count({ where: { eventId: e.id } })).toBe(1);
  });

  it("sends nothing for stores whose plan has no webhooks (paused, not deleted)", async () => {
    const { storeId } = await storeWithWebhooks("SMALL", [{ topic: "notification/*", on: true }]);
    expect(await activeWebhooks([storeId])).toEqual([]);
    expect(await createDeliveries([event(storeId)], [])).toEqual([]);
    expect(await db.webhook.count({ where: { storeId } })).toBe(1);
  });

  it("returns, with the new deliveries, the earlier ones still on their first attempt: waiting for it, or failed with retries maybe not scheduled", async () => {
    const { storeId, ids } = await storeWithWebhooks("MEDIUM", [{ topic: "notification/create", on: true }]);
    const [a, b, c, d] = [event(storeId), event(storeId), event(storeId), event(storeId)];
    const webhooks = await activeWebhooks([storeId]);
    const earlier = await createDeliveries([a, b, c], webhooks);
    await db.delivery.update({ where: { id: earlier[1]!.id }, data: { status: "RETRYING", attemptCount: 1 } });
    await db.delivery.update({ where: { id: earlier[2]!.id }, data: { status: "RETRYING", attemptCount: 2 } });
    const all = await createDeliveries([a, b, c, d], webhooks);
    expect(all.map((x) => x.id)).toEqual([earlier[0]!.id, earlier[1]!.id, expect.stringMatching(/^dlv_/)]);
    expect(all[1]).toMatchObject({ ...earlier[1], status: "RETRYING", attemptCount: 1 });
    expect(all[2]).toMatchObject({ webhookId: ids["notification/create"], status: "PENDING", attemptCount: 0 });
    expect(await db.delivery.count({ where: { eventId: d.id } })).toBe(1);
  });
});
