import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { parseDeliverySearch } from "./delivery-search";
import { getDelivery } from "./get-delivery";
import { listDeliveries } from "./list-deliveries";

const start = Date.UTC(2026, 9, 1, 12); // 1 Oct 2026, 12:00 UTC

/** A Medium store with two webhooks and 12 deliveries an hour apart, in a known pattern. */
async function storeWithLog() {
  const { storeId } = await makeStore("MEDIUM");
  const hook = (url: string) => db.webhook.create({ data: { id: newId("webhook"), storeId, topic: "notification/*", url, isActive: true } });
  const a = await hook(`https://a.${storeId.toLowerCase()}.dev/x`);
  const b = await hook(`https://b.${storeId.toLowerCase()}.dev/x`);
  const statuses = ["SUCCEEDED", "FAILED", "RETRYING", "PENDING"] as const;
  const rows = [];
  for (let i = 0; i < 12; i++) {
    rows.push(
      await db.delivery.create({
        data: {
          id: newId("delivery"),
          messageId: newId("message"),
          storeId,
          webhookId: i % 3 === 0 ? b.id : a.id,
          notificationId: 5000n + BigInt(Math.floor(i / 2)),
          topic: i % 2 ? "notification/sent" : "notification/create",
          body: "{}",
          status: statuses[i % 4],
          isTest: i === 11,
          createdAt: new Date(start + i * 3_600_000 * 6), // every 6 h: 3 days in all
        },
      }),
    );
  }
  return { storeId, a, b, rows };
}

const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id);
const search = (params: Record<string, string>) => parseDeliverySearch(params);

describe("the delivery log", () => {
  it("pages newest first with keyset cursors, however deep, and never repeats or skips a row", async () => {
    const { storeId, rows } = await storeWithLog();
    const newestFirst = rows.map((r) => r.id).reverse();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDeliveries(storeId, search(cursor ? { cursor } : {}), { limit: 5 });
      seen.push(...ids(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(newestFirst);
  });

  it("filters by status, topic, test or real, webhook, and UTC days", async () => {
    const { storeId, b, rows } = await storeWithLog();
    const where = (pick: (i: number) => boolean) => rows.filter((_, i) => pick(i)).map((r) => r.id).reverse();
    expect(ids(await listDeliveries(storeId, search({ status: "failed" })))).toEqual(where((i) => i % 4 === 1));
    expect(ids(await listDeliveries(storeId, search({ status: "retrying", topic: "notification/create" })))).toEqual(where((i) => i % 4 === 2 && i % 2 === 0));
    expect(ids(await listDeliveries(storeId, search({ kind: "test" })))).toEqual(where((i) => i === 11));
    expect(ids(await listDeliveries(storeId, search({ kind: "real" })))).toEqual(where((i) => i !== 11));
    expect(ids(await listDeliveries(storeId, search({}), { webhookId: b.id }))).toEqual(where((i) => i % 3 === 0));
    // 2 Oct 2026 (UTC) holds deliveries 2..5 (from 00:00 to 18:00).
    expect(ids(await listDeliveries(storeId, search({ from: "2026-10-02", to: "2026-10-02" })))).toEqual(where((i) => i >= 2 && i <= 5));
    // Unknown values are no filter at all, not an error page.
    expect(ids(await listDeliveries(storeId, search({ status: "lost", topic: "x", from: "yesterday" })))).toHaveLength(12);
  });

  it("looks up by notification id, message id (any case) and delivery id; says when the box names nothing", async () => {
    const { storeId, rows } = await storeWithLog();
    expect(ids(await listDeliveries(storeId, search({ q: "5003" })))).toEqual([rows[7]!.id, rows[6]!.id]);
    expect(ids(await listDeliveries(storeId, search({ q: rows[4]!.messageId.toLowerCase().replace("msg_", "msg_") })))).toEqual([rows[4]!.id]);
    expect(ids(await listDeliveries(storeId, search({ q: ` ${rows[9]!.id} ` })))).toEqual([rows[9]!.id]);
    expect(await listDeliveries(storeId, search({ q: "wh_something" }))).toMatchObject({ rows: [], badLookup: true });
  });

  it("never shows another store's deliveries, by list, lookup or id", async () => {
    const mine = await storeWithLog();
    const theirs = await storeWithLog();
    expect(ids(await listDeliveries(mine.storeId, search({ q: theirs.rows[0]!.messageId })))).toEqual([]);
    expect(ids(await listDeliveries(mine.storeId, search({}), { webhookId: theirs.a.id }))).toEqual([]);
    expect(await getDelivery(mine.storeId, theirs.rows[0]!.id)).toBeNull();
    expect(await getDelivery(theirs.storeId, theirs.rows[0]!.id)).toMatchObject({ id: theirs.rows[0]!.id });
    expect(await getDelivery(mine.storeId, "dlv_not-an-id")).toBeNull();
  });
});
