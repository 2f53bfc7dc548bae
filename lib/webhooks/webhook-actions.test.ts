import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Plan } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { createWebhook } from "./create-webhook";
import { deleteWebhook } from "./delete-webhook";
import { getWebhook, listWebhooksPage } from "./queries";
import { updateWebhook } from "./update-webhook";
import type { WebhookActor } from "./webhook-actor";
import { webhookInputSchema } from "./webhook-input";

async function actorFor(plan: Plan): Promise<WebhookActor> {
  const { storeId, userId, input } = await makeStore(plan);
  return { storeId, actor: { userId, email: input.email, role: "owner" }, context: { ip: "203.0.113.9", userAgent: "vitest" } };
}
const hook = (n: number | string, topic = "notification/create") => ({ topic, url: `https://hooks.shop-${n}.dev/in` });

describe("webhook actions", () => {
  it("creates a webhook Off, audit-logged; refuses a duplicate topic + URL", async () => {
    const who = await actorFor("MEDIUM");
    const created = await createWebhook(who, hook(1));
    expect(created).toMatchObject({ id: expect.stringMatching(/^wh_/), is_active: false, state: "active", topic: "notification/create" });
    await expect(createWebhook(who, hook(1))).rejects.toMatchObject({ code: "conflict", message: "A webhook for this topic and URL already exists." });
    // Same URL on another topic is a different subscription.
    await expect(createWebhook(who, hook(1, "notification/*"))).resolves.toMatchObject({ topic: "notification/*" });
    const audit = await db.auditLog.findMany({ where: { storeId: who.storeId, action: "webhook.created" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorRole: "owner", ip: "203.0.113.9" });
  });

  it("refuses plans without webhooks, and more than the plan allows", async () => {
    await expect(createWebhook(await actorFor("SMALL"), hook(2))).rejects.toMatchObject({
      code: "plan_required",
      message: "Webhooks are not included in the Small plan. They come with the Medium, Large and Enterprise plans.",
    });
    const who = await actorFor("MEDIUM");
    await Promise.all(Array.from({ length: 12 }, (_, i) => createWebhook(who, hook(`limit-${i}`)).catch((e) => e)));
    expect(await db.webhook.count({ where: { storeId: who.storeId } })).toBe(10);
    await expect(createWebhook(who, hook("eleven"))).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("allows up to 10 webhooks") });
  });

  it("updates, toggles and re-enables a deactivated webhook; another store's id is not found", async () => {
    const who = await actorFor("LARGE");
    const other = await actorFor("LARGE");
    const created = await createWebhook(who, hook(3));
    await expect(updateWebhook(other, created.id, { is_active: true })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteWebhook(other, created.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await getWebhook(other.storeId, created.id)).toBeNull();

    expect(await updateWebhook(who, created.id, { is_active: true })).toMatchObject({ is_active: true });
    await db.webhook.update({ where: { id: created.id }, data: { state: "DEACTIVATED", consecutiveFailures: 19, deactivatedAt: new Date(), deactivationReason: "19 failures" } });
    const back = await updateWebhook(who, created.id, { is_active: true });
    expect(back).toMatchObject({ state: "active", deactivation_reason: null });
    expect((await db.webhook.findUniqueOrThrow({ where: { id: created.id } })).consecutiveFailures).toBe(0);
    expect(await db.auditLog.count({ where: { targetId: created.id, action: "webhook.reenabled" } })).toBe(1);

    const moved = await updateWebhook(who, created.id, { url: "https://hooks.elsewhere.dev/x", topic: "notification/sent" });
    expect(moved).toMatchObject({ url: "https://hooks.elsewhere.dev/x", topic: "notification/sent" });
  });

  it("deletes on any plan and lists pages in order, each webhook once", async () => {
    const who = await actorFor("ENTERPRISE");
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await createWebhook(who, hook(`page-${i}`))).id);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listWebhooksPage(who.storeId, { after, limit: 2 });
      seen.push(...page.data.map((w) => w.id));
      after = page.next_cursor ?? undefined;
    } while (after);
    expect(seen).toEqual(ids);
    await db.store.update({ where: { id: who.storeId }, data: { plan: "FREE" } });
    // Its delivery log goes with it, attempts included.
    const { id: deliveryId } = await db.delivery.create({
      data: { id: newId("delivery"), messageId: newId("message"), storeId: who.storeId, webhookId: ids[0]!, topic: "notification/create", body: "{}" },
    });
    await db.deliveryAttempt.create({ data: { id: newId("attempt"), deliveryId, webhookId: ids[0]!, attemptNumber: 1, startedAt: new Date(), durationMs: 5, requestHeaders: {}, succeeded: true } });
    await deleteWebhook(who, ids[0]!);
    expect(await getWebhook(who.storeId, ids[0]!)).toBeNull();
    expect(await db.deliveryAttempt.count({ where: { webhookId: ids[0]! } })).toBe(0);
    await expect(updateWebhook(who, ids[1]!, { is_active: true })).rejects.toMatchObject({ code: "plan_required" });
  });

  it("parses input with the URL policy and the topic catalog", () => {
    const schema = webhookInputSchema();
    expect(schema.safeParse({ topic: "notification/create", url: "https://hooks.shop.dev/x" }).success).toBe(true);
    const bad = schema.safeParse({ topic: "order/create", url: "https://127.0.0.1/x", extra: 1 });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join(" | ");
    expect(messages).toContain("Valid topics: notification/create, notification/sent, notification/*");
    expect(messages).toMatch(/private|loopback|internal/i);
  });
});
