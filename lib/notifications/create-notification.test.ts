import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeStore } from "@/tests/factories";
import { createNotification } from "./create-notification";
import { notificationInputSchema } from "./notification-input";

let nextId = BigInt(Date.now()) * 1000n;
async function storeWithVariant() {
  const { storeId } = await makeStore("MEDIUM");
  const productId = nextId++;
  const variantId = nextId++;
  await db.product.create({ data: { id: productId, storeId, title: "Green Tea", variants: { create: { id: variantId, storeId, title: "Large", sku: "GT-L" } } } });
  return { storeId, productId, variantId };
}

const input = (variantId: bigint, extra: Record<string, unknown> = {}) =>
  notificationInputSchema.parse({ variant_id: variantId.toString(), channel: "email", contact: "Shopper@Example.dev", customer_language: "en-gb", customer_utc_offset: 3600, ...extra });

describe("createNotification", () => {
  it("writes the notification and its notification/create event with the payload, together", async () => {
    const { storeId, productId, variantId } = await storeWithVariant();
    const { notification, created } = await createNotification(storeId, input(variantId));
    expect(created).toBe(true);
    expect(notification).toMatchObject({ contact: "shopper@example.dev", customerLanguage: "en-GB", status: "WAITING" });
    const events = await db.outboxEvent.findMany({ where: { storeId, name: "notification/create" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      notificationId: notification.id.toString(),
      payload: {
        notification_id: Number(notification.id),
        topic: "notification/create",
        channel: "email",
        customer: { email: "shopper@example.dev", sms: null },
        customer_language: "en-GB",
        customer_utc_offset: 3600,
        product: { product_id: Number(productId), product_title: "Green Tea", variant_id: Number(variantId), variant_title: "Large", sku: "GT-L" },
      },
    });
  });

  it("is idempotent: the same shopper, variant and channel again (even at once) is one notification and one event", async () => {
    const { storeId, variantId } = await storeWithVariant();
    const results = await Promise.all([1, 2, 3].map(() => createNotification(storeId, input(variantId, { contact: "again@example.dev" }))));
    expect(new Set(results.map((r) => r.notification.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.outboxEvent.count({ where: { storeId, name: "notification/create" } })).toBe(1);
    // Another channel is another notification.
    const sms = await createNotification(storeId, input(variantId, { channel: "sms", contact: "+447700900123" }));
    expect(sms.created).toBe(true);
  });

  it("refuses a variant of another store as unknown, writing nothing", async () => {
    const mine = await storeWithVariant();
    const theirs = await storeWithVariant();
    await expect(createNotification(mine.storeId, input(theirs.variantId))).rejects.toMatchObject({ code: "not_found" });
    expect(await db.notification.count({ where: { storeId: mine.storeId } })).toBe(0);
    expect(await db.outboxEvent.count({ where: { storeId: mine.storeId } })).toBe(0);
  });
});

describe("notification input", () => {
  const ok = { variant_id: 1, channel: "email", contact: "a@b.dev" };
  it.each([
    [{ ...ok, contact: "not-an-email" }, "contact must be a valid email address"],
    [{ ...ok, channel: "sms", contact: "07700 900123" }, "E.164"],
    [{ ...ok, channel: "fax" }, "channel must be email or sms"],
    [{ ...ok, quantity_required: 0 }, "at least 1"],
    [{ ...ok, quantity_required: -3 }, "at least 1"],
    [{ ...ok, customer_language: "not a language!" }, "BCP 47"],
    [{ ...ok, customer_utc_offset: 99999 }, "seconds from UTC"],
    [{ ...ok, variant_id: "abc" }, "variant_id"],
    [{ ...ok, extra: 1 }, "Unrecognized key"],
  ])("refuses %o (%s)", (value, message) => {
    const result = notificationInputSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join(" ")).toContain(message);
  });

  it("fills defaults and canonicalises the language", () => {
    expect(notificationInputSchema.parse({ ...ok, customer_language: "pt-br" })).toMatchObject({ quantity_required: 1, customer_language: "pt-BR", customer_utc_offset: 0, variant_id: 1n });
  });
});
