import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { createNotification } from "./create-notification";
import { notificationInputSchema } from "./notification-input";
import {
  countNotificationsByProduct,
  filtersFromSearch,
  getNotificationDetail,
  listNotifications,
  listSentMessages,
  notificationSearchSchema,
  notificationSearchString,
  type NotificationFilters,
} from "./queries";
import { sendNotification } from "./send-notification";

// Product and variant ids are platform ids (not generated): a random base keeps test files apart.
let nextId = BigInt(1e14 + Math.floor(Math.random() * 8e15));

type Spec = { product: 0 | 1; variant: 0 | 1 | 2; channel: "EMAIL" | "SMS"; status: "WAITING" | "SENT"; at: string };

/**
 * A store with two products (Black Tea: Small, Large; Oolong: Tin) and the given
 * notifications, inserted directly with their creation times.
 */
async function storeWith(specs: Spec[]) {
  const { storeId } = await makeStore("MEDIUM");
  const products = [nextId++, nextId++];
  const variants = [nextId++, nextId++, nextId++];
  await db.product.create({
    data: {
      id: products[0]!,
      storeId,
      title: "Black Tea",
      variants: { create: [{ id: variants[0]!, storeId, title: "Small", sku: "BT-S" }, { id: variants[1]!, storeId, title: "Large" }] },
    },
  });
  await db.product.create({ data: { id: products[1]!, storeId, title: "Oolong", variants: { create: [{ id: variants[2]!, storeId, title: "Tin" }] } } });
  const variantOf = (s: Spec) => (s.product === 1 ? variants[2]! : variants[s.variant]!);
  const ids: bigint[] = [];
  for (const [i, s] of specs.entries()) {
    const n = await db.notification.create({
      data: {
        storeId,
        variantId: variantOf(s),
        channel: s.channel,
        contact: s.channel === "EMAIL" ? `shopper${i}@example.dev` : `+4477009${String(i).padStart(5, "0")}`,
        customerLanguage: "en-GB",
        customerUtcOffset: 0,
        status: s.status,
        sentAt: s.status === "SENT" ? new Date(s.at) : null,
        createdAt: new Date(s.at),
      },
    });
    ids.push(n.id);
  }
  return { storeId, products, variants, ids };
}

/** Every page, following the cursors; the ids in the order they came. */
async function allPages(storeId: string, filters: NotificationFilters, limit: number) {
  const seen: bigint[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const { rows, nextCursor } = await listNotifications(storeId, filters, { cursor, limit });
    seen.push(...rows.map((r) => r.id));
    if (!nextCursor) return { seen, pages: pages + 1 };
    cursor = nextCursor;
  }
  throw new Error("the cursors never ended");
}

const mixed: Spec[] = [
  { product: 0, variant: 0, channel: "EMAIL", status: "WAITING", at: "2025-03-01T10:00:00Z" },
  { product: 0, variant: 0, channel: "SMS", status: "WAITING", at: "2025-03-02T10:00:00Z" },
  { product: 0, variant: 1, channel: "EMAIL", status: "SENT", at: "2025-03-03T10:00:00Z" },
  { product: 0, variant: 1, channel: "SMS", status: "WAITING", at: "2025-03-03T23:59:59.999Z" },
  { product: 1, variant: 2, channel: "EMAIL", status: "WAITING", at: "2025-03-04T00:00:00Z" },
  { product: 1, variant: 2, channel: "SMS", status: "SENT", at: "2025-03-05T10:00:00Z" },
  { product: 0, variant: 0, channel: "SMS", status: "SENT", at: "2025-03-06T10:00:00Z" },
];

describe("listNotifications", () => {
  it("combines the status, channel, product and date filters", async () => {
    const { storeId, products, ids } = await storeWith(mixed);
    const list = async (f: NotificationFilters) => (await listNotifications(storeId, f)).rows.map((r) => r.id);
    expect(await list({})).toEqual([...ids].reverse());
    expect(await list({ status: "WAITING" })).toEqual([ids[4], ids[3], ids[1], ids[0]]);
    expect(await list({ status: "WAITING", channel: "SMS" })).toEqual([ids[3], ids[1]]);
    expect(await list({ status: "WAITING", channel: "SMS", productId: products[0] })).toEqual([ids[3], ids[1]]);
    expect(await list({ status: "SENT", channel: "SMS", productId: products[0] })).toEqual([ids[6]]);
    expect(await list({ productId: products[1] })).toEqual([ids[5], ids[4]]);
    // Days are whole UTC days, both ends included.
    expect(await list({ from: "2025-03-03", to: "2025-03-03" })).toEqual([ids[3], ids[2]]);
    expect(await list({ from: "2025-03-04" })).toEqual([ids[6], ids[5], ids[4]]);
    expect(await list({ to: "2025-03-01" })).toEqual([ids[0]]);
    expect(await list({ status: "WAITING", channel: "EMAIL", productId: products[1], from: "2025-03-02", to: "2025-03-04" })).toEqual([ids[4]]);
    expect(await list({ status: "SENT", channel: "EMAIL", productId: products[1] })).toEqual([]);
    expect(await list({ from: "2025-03-05", to: "2025-03-01" })).toEqual([]);
  });

  it("pages with the keyset: every row once, newest first, ties on the time broken by id, filters kept", async () => {
    // 43 rows, many created at the very same instant (as a bulk import or one transaction would).
    const specs: Spec[] = Array.from({ length: 43 }, (_, i) => ({
      product: (i % 3 === 0 ? 1 : 0) as 0 | 1,
      variant: (i % 3 === 0 ? 2 : i % 2) as 0 | 1 | 2,
      channel: i % 2 ? "SMS" : "EMAIL",
      status: i % 5 === 0 ? "SENT" : "WAITING",
      at: `2025-04-0${1 + (i % 4)}T12:00:00Z`,
    }));
    const { storeId, products } = await storeWith(specs);
    const all = await db.notification.findMany({ where: { storeId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, status: true, variant: { select: { productId: true } } } });
    for (const limit of [1, 5, 7, 43, 100]) {
      const { seen, pages } = await allPages(storeId, {}, limit);
      expect(seen).toEqual(all.map((r) => r.id));
      expect(pages).toBe(Math.max(1, Math.ceil(43 / limit)));
    }
    const filters: NotificationFilters = { status: "WAITING", productId: products[0] };
    const { seen } = await allPages(storeId, filters, 4);
    expect(seen).toEqual(all.filter((r) => r.status === "WAITING" && r.variant.productId === products[0]).map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("starts from the newest when the cursor is unreadable", async () => {
    const { storeId, ids } = await storeWith(mixed);
    for (const cursor of ["garbage", Buffer.from("[1,2]").toString("base64url"), Buffer.from('["2025-01-01T00:00:00Z","x"]').toString("base64url")]) {
      expect((await listNotifications(storeId, {}, { cursor, limit: 2 })).rows.map((r) => r.id)).toEqual([ids[6], ids[5]]);
    }
  });

  it("never shows another store's notifications, even filtered by that store's product", async () => {
    const mine = await storeWith(mixed);
    const theirs = await storeWith(mixed);
    const { rows } = await listNotifications(mine.storeId, {}, { limit: 100 });
    expect(rows.map((r) => r.id).sort()).toEqual([...mine.ids].sort());
    expect((await listNotifications(mine.storeId, { productId: theirs.products[0] })).rows).toEqual([]);
    const { seen } = await allPages(mine.storeId, {}, 2);
    expect(seen.some((id) => theirs.ids.includes(id))).toBe(false);
  });
});

describe("countNotificationsByProduct", () => {
  it("counts waiting and sent per product, under the channel and date filters, only in the store", async () => {
    const { storeId, products } = await storeWith(mixed);
    await storeWith(mixed); // another store's, not counted
    expect(await countNotificationsByProduct(storeId)).toEqual([
      { productId: products[0], title: "Black Tea", waiting: 3, sent: 2, total: 5 },
      { productId: products[1], title: "Oolong", waiting: 1, sent: 1, total: 2 },
    ]);
    expect(await countNotificationsByProduct(storeId, { channel: "SMS" })).toEqual([
      { productId: products[0], title: "Black Tea", waiting: 2, sent: 1, total: 5 },
      { productId: products[1], title: "Oolong", waiting: 0, sent: 1, total: 2 },
    ]);
    expect(await countNotificationsByProduct(storeId, { channel: "EMAIL", from: "2025-03-02", to: "2025-03-04" })).toEqual([
      { productId: products[0], title: "Black Tea", waiting: 0, sent: 1, total: 5 },
      { productId: products[1], title: "Oolong", waiting: 1, sent: 0, total: 2 },
    ]);
    // The day boundaries are UTC, to the millisecond, as in the list.
    expect(await countNotificationsByProduct(storeId, { channel: "SMS", to: "2025-03-03" })).toEqual([
      { productId: products[0], title: "Black Tea", waiting: 2, sent: 0, total: 5 },
      { productId: products[1], title: "Oolong", waiting: 0, sent: 0, total: 2 },
    ]);
    expect((await countNotificationsByProduct(storeId, { channel: "EMAIL", from: "2025-03-04" }))[1]).toMatchObject({ waiting: 1, sent: 0 });
    const { storeId: empty } = await makeStore("MEDIUM");
    expect(await countNotificationsByProduct(empty)).toEqual([]);
  });
});

describe("the search params", () => {
  it("keep good values and let bad ones fall back to no filter", () => {
    expect(notificationSearchSchema.parse({ status: "sent", channel: "sms", product: "8339067207909", from: "2025-02-28", to: "2025-03-01", cursor: "abc" })).toEqual({
      status: "sent",
      channel: "sms",
      product: "8339067207909",
      from: "2025-02-28",
      to: "2025-03-01",
      cursor: "abc",
    });
    const bad = notificationSearchSchema.parse({
      status: ["sent", "waiting"],
      channel: "fax",
      product: "99999999999999999999",
      from: "2025-02-30",
      to: "yesterday",
      cursor: "x".repeat(500),
    });
    expect(bad).toEqual({});
    expect(notificationSearchSchema.parse({ status: "", channel: "", product: "", from: "", to: "" })).toEqual({});
    expect(notificationSearchSchema.parse({ product: "9223372036854775808" }).product).toBeUndefined();
    expect(notificationSearchSchema.parse({ product: "9223372036854775807" }).product).toBe("9223372036854775807");
    expect(filtersFromSearch({ status: "waiting", channel: "email", product: "12" })).toEqual({ status: "WAITING", channel: "EMAIL", productId: 12n, from: undefined, to: undefined });
    expect(notificationSearchString({ status: "sent", product: "12", cursor: undefined })).toBe("?status=sent&product=12");
    expect(notificationSearchString({})).toBe("");
  });
});

const input = (variantId: bigint, contact: string) =>
  notificationInputSchema.parse({ variant_id: variantId.toString(), channel: "email", contact, customer_language: "en-GB", customer_utc_offset: 3600 });

describe("getNotificationDetail", () => {
  it("shows each event's payload in the contract's field order, and this notification's deliveries", async () => {
    const { storeId, variants } = await storeWith([]);
    const { notification } = await createNotification(storeId, input(variants[0]!, "payload@example.dev"));
    let detail = await getNotificationDetail(storeId, notification.id);
    expect(detail!.payloads.map((p) => [p.topic, p.source])).toEqual([["notification/create", "event"]]);

    await sendNotification(notification.id);
    detail = await getNotificationDetail(storeId, notification.id);
    expect(detail!.notification.status).toBe("SENT");
    const [created, sent] = detail!.payloads;
    expect(sent).toMatchObject({ topic: "notification/sent", source: "event", payload: { topic: "notification/sent", notification_id: Number(notification.id) } });
    expect(created!.payload).toMatchObject({ topic: "notification/create", customer: { email: "payload@example.dev", sms: null }, product: { sku: "BT-S" } });
    // jsonb hands keys back shortest first; the page shows them as documented (seed 000).
    expect(Object.keys(sent!.payload as object)).toEqual([
      "notification_id",
      "topic",
      "timestamp",
      "channel",
      "customer",
      "quantity_required",
      "customer_language",
      "customer_utc_offset",
      "created_at",
      "product",
    ]);
    expect(Object.keys((sent!.payload as { product: object }).product)).toEqual(["product_id", "product_title", "variant_id", "variant_title", "sku"]);
    expect(detail!.deliveries).toEqual([]);

    const webhook = await db.webhook.create({ data: { id: newId("webhook"), storeId, topic: "notification/*", url: "https://hooks.shop.dev/bis", isActive: true } });
    const other = await createNotification(storeId, input(variants[0]!, "other@example.dev"));
    for (const [notificationId, topic] of [[notification.id, "notification/create"], [notification.id, "notification/sent"], [other.notification.id, "notification/create"]] as const) {
      await db.delivery.create({
        data: { id: newId("delivery"), messageId: newId("message"), storeId, webhookId: webhook.id, notificationId, topic, body: "{}", status: "SUCCEEDED", attemptCount: 1 },
      });
    }
    detail = await getNotificationDetail(storeId, notification.id);
    expect(detail!.deliveries.map((d) => [d.topic, d.status, d.webhook.url]).sort()).toEqual([
      ["notification/create", "SUCCEEDED", "https://hooks.shop.dev/bis"],
      ["notification/sent", "SUCCEEDED", "https://hooks.shop.dev/bis"],
    ]);
  });

  it("says when a notification has no recorded event (demo data), and is null for another store", async () => {
    const { storeId, ids } = await storeWith(mixed.slice(2, 3));
    const detail = await getNotificationDetail(storeId, ids[0]!);
    expect(detail!.payloads).toEqual([
      { topic: "notification/create", payload: null, at: null, source: null },
      { topic: "notification/sent", payload: null, at: null, source: null },
    ]);
    const { storeId: otherStore } = await makeStore("MEDIUM");
    expect(await getNotificationDetail(otherStore, ids[0]!)).toBeNull();
    expect(await getNotificationDetail(storeId, 9223372036854775807n)).toBeNull();
  });
});

describe("listSentMessages", () => {
  it("merges emails and texts newest first, pages each once with ties on the time, and keeps to the store", async () => {
    const { storeId } = await makeStore("MEDIUM");
    const { storeId: otherStore } = await makeStore("MEDIUM");
    const same = new Date("2025-05-01T09:00:00.000Z");
    const made: string[] = [];
    for (let i = 0; i < 23; i++) {
      const createdAt = i % 3 === 0 ? same : new Date(same.getTime() + i * 1000);
      const common = { storeId, to: `to${i}`, text: `text ${i}`, kind: "back_in_stock", transport: "embedded", createdAt, sentAt: createdAt };
      if (i % 2) made.push((await db.smsMessage.create({ data: { id: newId("sms"), ...common } })).id);
      else made.push((await db.mailMessage.create({ data: { id: newId("mail"), subject: `subject ${i}`, ...common } })).id);
    }
    await db.mailMessage.create({ data: { id: newId("mail"), storeId: otherStore, to: "x", subject: "s", text: "t", kind: "back_in_stock", transport: "embedded" } });

    const full = await listSentMessages(storeId, { limit: 100 });
    expect(full.rows).toHaveLength(23);
    expect(full.nextCursor).toBeNull();
    // Newest first; equal times in one fixed order, page after page.
    for (let i = 1; i < full.rows.length; i++) expect(full.rows[i - 1]!.createdAt.getTime()).toBeGreaterThanOrEqual(full.rows[i]!.createdAt.getTime());
    expect(new Set(full.rows.map((r) => r.id))).toEqual(new Set(made));
    const email = full.rows.find((r) => r.channel === "email")!;
    expect(email.subject).toMatch(/^subject /);
    expect(full.rows.find((r) => r.channel === "sms")!.subject).toBeNull();

    for (const limit of [1, 4, 6]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listSentMessages(storeId, { cursor, limit });
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(full.rows.map((r) => r.id));
    }
    expect((await listSentMessages(storeId, { cursor: "nonsense", limit: 2 })).rows.map((r) => r.id)).toEqual(full.rows.slice(0, 2).map((r) => r.id));
  });
});
