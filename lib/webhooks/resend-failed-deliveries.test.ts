import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { listWebhookRows } from "./queries";
import { resendFailedDeliveries } from "./resend-failed-deliveries";

const owner = (storeId: string) => ({ storeId, actor: { userId: null, email: null, role: "owner" as const }, context: {} });

async function setup() {
  const { storeId } = await makeStore("MEDIUM");
  const webhook = await db.webhook.create({ data: { id: newId("webhook"), storeId, topic: "notification/*", url: `https://hooks.${storeId.toLowerCase()}.dev/x`, isActive: true } });
  // Each finished delivery ends a minute after it was created (its last attempt).
  const delivery = (status: "FAILED" | "SUCCEEDED" | "RETRYING", createdAt: Date, isTest = false) =>
    db.delivery.create({
      data: {
        id: newId("delivery"),
        messageId: newId("message"),
        storeId,
        webhookId: webhook.id,
        topic: "notification/create",
        body: "{}",
        status,
        attemptCount: 20,
        createdAt,
        completedAt: status === "RETRYING" ? null : new Date(createdAt.getTime() + 60_000),
        isTest,
      },
    });
  return { storeId, webhook, delivery };
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe("resend failed since …", () => {
  it("offers the real deliveries that failed since the last success, and resends them as new chains with their message ids", async () => {
    const { storeId, webhook, delivery } = await setup();
    await delivery("FAILED", minutesAgo(90)); // failed before the last success: not offered
    await db.webhook.update({ where: { id: webhook.id }, data: { lastSuccessAt: minutesAgo(60) } });
    // Created before the last success but failed after it (its retries ran on): offered.
    const first = await delivery("FAILED", minutesAgo(60.5));
    const second = await delivery("FAILED", minutesAgo(40));
    await delivery("FAILED", minutesAgo(30), true); // a test payload: never resent
    await delivery("RETRYING", minutesAgo(20));

    const [row] = await listWebhookRows(storeId);
    expect(row!.failed_since_success).toEqual({ count: 2, since: first.createdAt.toISOString() });

    expect(await resendFailedDeliveries(owner(storeId), webhook.id, first.createdAt)).toEqual({ resent: 2, remaining: 0 });
    const resent = await db.delivery.findMany({ where: { id: { in: [first.id, second.id] } } });
    expect(resent.map((d) => d.status)).toEqual(["RETRYING", "RETRYING"]);
    const events = await db.outboxEvent.findMany({ where: { name: "webhook/delivery.retry", idempotencyKey: { in: [`resend:${first.id}:21`, `resend:${second.id}:21`] } } });
    expect(events.map((e) => (e.data as { firstAttempt: number }).firstAttempt)).toEqual([21, 21]);
    expect((await listWebhookRows(storeId))[0]!.failed_since_success).toBeNull();
    expect(await db.auditLog.count({ where: { storeId, action: "deliveries.resent" } })).toBe(1);
    // Nothing left: a second press resends nothing and writes no audit entry.
    expect(await resendFailedDeliveries(owner(storeId), webhook.id, first.createdAt)).toEqual({ resent: 0, remaining: 0 });
    expect(await db.auditLog.count({ where: { storeId, action: "deliveries.resent" } })).toBe(1);
  });

  it("is refused while the webhook is Off or deactivated, and for another store's webhook", async () => {
    const { storeId, webhook, delivery } = await setup();
    const failed = await delivery("FAILED", minutesAgo(5));
    await db.webhook.update({ where: { id: webhook.id }, data: { state: "DEACTIVATED" } });
    await expect(resendFailedDeliveries(owner(storeId), webhook.id, failed.createdAt)).rejects.toMatchObject({ code: "conflict" });
    const other = await makeStore("MEDIUM");
    await expect(resendFailedDeliveries(owner(other.storeId), webhook.id, failed.createdAt)).rejects.toMatchObject({ code: "not_found" });
    expect((await db.delivery.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("FAILED");
  });

  it("tells a warned webhook's owner how close deactivation is", async () => {
    const { storeId, webhook } = await setup();
    const lastSuccessAt = minutesAgo(60);
    await db.webhook.update({ where: { id: webhook.id }, data: { consecutiveFailures: 12, warnedAt: new Date(), lastSuccessAt } });
    const [row] = await listWebhookRows(storeId);
    expect(row!.deactivation_outlook).toEqual({ failures_left: 7, not_before: new Date(lastSuccessAt.getTime() + 24 * 3_600_000).toISOString() });
    await db.webhook.update({ where: { id: webhook.id }, data: { lastSuccessAt: null } });
    expect((await listWebhookRows(storeId))[0]!.deactivation_outlook).toEqual({ failures_left: 7, not_before: null });
  });
});
