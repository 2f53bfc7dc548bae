import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { until } from "@/tests/until";
import { writeSuccessesSql } from "./record-success";

describe("a recorded success", () => {
  // Most deliveries end with a first attempt that succeeds; that update of the delivery row stays
  // cheap only while it is HOT (no index written), which needs both of these to hold.
  it("changes no column that an index of Delivery reads, and the table leaves room on its pages for it", async () => {
    const set = /UPDATE "Delivery" d SET ([\s\S]*?)\s+FROM /.exec(writeSuccessesSql)?.[1];
    expect(set).toBeDefined();
    const changed = [...set!.matchAll(/(?:^|,)\s*("?\w+"?) =/g)].map((m) => m[1]!.replaceAll('"', ""));
    expect(changed).toEqual(expect.arrayContaining(["status", "attemptCount", "completedAt"]));
    const indexes = await db.$queryRaw<{ name: string; definition: string }[]>`
      SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = '"Delivery"'::regclass`;
    expect(indexes.length).toBeGreaterThan(5);
    for (const { name, definition } of indexes) {
      for (const column of changed) expect(definition, `${name} reads ${column}`).not.toMatch(new RegExp(`\\b"?${column}"?\\b(?![A-Z])`));
    }
    const [table] = await db.$queryRaw<{ options: string[] | null }[]>`SELECT reloptions AS options FROM pg_class WHERE oid = '"Delivery"'::regclass`;
    expect(table!.options).toContain("fillfactor=50");
  });

  // DeliveryAttempt has no foreign key (a trigger deletes the attempts of deleted deliveries):
  // the statement itself must never leave an attempt without its delivery.
  it("writes attempts only for deliveries it updated, and a delete waiting on it takes the attempt along", async () => {
    const { storeId } = await makeStore("MEDIUM");
    const webhook = await db.webhook.create({ data: { id: newId("webhook"), storeId, topic: "notification/create", url: `https://hooks.${storeId.toLowerCase()}.dev/x`, isActive: true } });
    const delivery = () => db.delivery.create({ data: { id: newId("delivery"), messageId: newId("message"), storeId, webhookId: webhook.id, topic: "notification/create", body: "{}" } });
    const now = new Date().toISOString();
    const success = (deliveryId: string) =>
      JSON.stringify([{ id: newId("attempt"), delivery_id: deliveryId, webhook_id: webhook.id, attempt_number: 1, started_at: now, duration_ms: 5, request_headers: {}, response_status: 200, response_headers: {}, response_body: "ok", recorded_at: now }]);
    const attemptsOf = (deliveryId: string) => db.deliveryAttempt.count({ where: { deliveryId } });
    const writer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const deleter = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await Promise.all([writer.connect(), deleter.connect()]);
    try {
      // Deleted before: no attempt, answered as not new.
      const gone = await delivery();
      await db.delivery.delete({ where: { id: gone.id } });
      expect((await writer.query(writeSuccessesSql, [success(gone.id)])).rows).toEqual([{ deliveryId: gone.id }]);
      expect(await attemptsOf(gone.id)).toBe(0);

      // The same attempt twice: written once, the second answered as recorded before.
      const twice = await delivery();
      expect((await writer.query(writeSuccessesSql, [success(twice.id)])).rows).toEqual([]);
      expect((await writer.query(writeSuccessesSql, [success(twice.id)])).rows).toEqual([{ deliveryId: twice.id }]);
      expect(await attemptsOf(twice.id)).toBe(1);

      // Deleted while the write is not yet committed: the delete waits on the delivery's row
      // lock, and once it goes through the attempt goes with it.
      const racing = await delivery();
      await writer.query("BEGIN");
      await writer.query(writeSuccessesSql, [success(racing.id)]);
      const deleting = deleter.query(`DELETE FROM "Delivery" WHERE id = $1`, [racing.id]);
      const deleterPid = (deleter as unknown as { processID: number }).processID;
      await until(
        async () => (await db.$queryRaw<{ wait: string | null }[]>`SELECT wait_event_type AS wait FROM pg_stat_activity WHERE pid = ${deleterPid}`)[0]?.wait,
        (wait) => wait === "Lock",
      );
      await writer.query("COMMIT");
      expect((await deleting).rowCount).toBe(1);
      expect(await attemptsOf(racing.id)).toBe(0);
    } finally {
      await Promise.all([writer.end(), deleter.end()]);
    }
  });
});
