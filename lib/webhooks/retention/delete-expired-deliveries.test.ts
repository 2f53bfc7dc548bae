import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Plan } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { deleteExpiredDeliveries, deliveryRetentionDays } from "./delete-expired-deliveries";

const day = 86_400_000;

/** A store on `plan` with one webhook and a delivery (with one attempt) of each age in days. */
async function storeWithDeliveries(plan: Plan, agesInDays: number[]) {
  const { storeId } = await makeStore(plan);
  const webhook = await db.webhook.create({
    data: { id: newId("webhook"), storeId, topic: "notification/create", url: `https://hooks-${storeId.toLowerCase()}.example.dev/in` },
  });
  for (const age of agesInDays) {
    const createdAt = new Date(Date.now() - age * day);
    const id = newId("delivery");
    await db.delivery.create({
      data: {
        id,
        messageId: newId("message"),
        storeId,
        webhookId: webhook.id,
        topic: "notification/create",
        body: "{}",
        createdAt,
        attempts: {
          create: { id: newId("attempt"), webhookId: webhook.id, attemptNumber: 1, startedAt: createdAt, durationMs: 12, requestHeaders: {}, succeeded: true },
        },
      },
    });
  }
  return storeId;
}

describe("delivery log retention", () => {
  it("keeps 7, 30 and 90 days by plan, and at least 7 days after a downgrade", () => {
    expect(deliveryRetentionDays("MEDIUM")).toBe(7);
    expect(deliveryRetentionDays("LARGE")).toBe(30);
    expect(deliveryRetentionDays("ENTERPRISE")).toBe(90);
    expect(deliveryRetentionDays("FREE")).toBe(7);
  });

  it("deletes only deliveries older than the store's plan keeps, with their attempts, in batches", async () => {
    const medium = await storeWithDeliveries("MEDIUM", [1, 6, 8, 20, 40]);
    const large = await storeWithDeliveries("LARGE", [1, 8, 29, 31, 100]);

    expect(await deleteExpiredDeliveries("MEDIUM", 2)).toBe(2); // a batch is capped
    // Other tests' MEDIUM stores may hold old rows too: delete until nothing is left.
    while ((await deleteExpiredDeliveries("MEDIUM", 2)) > 0);
    expect(await agesOf(medium)).toEqual([1, 6]);

    while ((await deleteExpiredDeliveries("LARGE", 1000)) > 0);
    expect(await agesOf(large)).toEqual([1, 8, 29]);
    // Counted by webhook, not through the delivery: an attempt left without its delivery counts too.
    const webhooks = await db.webhook.findMany({ where: { storeId: { in: [medium, large] } }, select: { id: true } });
    expect(await db.deliveryAttempt.count({ where: { webhookId: { in: webhooks.map((w) => w.id) } } })).toBe(5);
  });
});

async function agesOf(storeId: string) {
  const rows = await db.delivery.findMany({ where: { storeId }, select: { createdAt: true } });
  return rows.map((r) => Math.round((Date.now() - r.createdAt.getTime()) / day)).sort((a, b) => a - b);
}
