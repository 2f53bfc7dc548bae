import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { until } from "@/tests/until";
import type { AttemptResult } from "./attempt";
import { SuccessWriter, writeSuccessesSql } from "./record-success";

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
    const now = Date.now();
    const success = (deliveryId: string) =>
      JSON.stringify([{ id: newId("attempt"), delivery_id: deliveryId, webhook_id: webhook.id, attempt_number: 1, started_ms: now, duration_ms: 5, request_headers: {}, response_status: 200, response_headers: {}, response_body: "ok" }]);
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
      // The attempt's start as sent (epoch ms → UTC), the recording's time from the database's clock.
      const attempt = await db.deliveryAttempt.findFirstOrThrow({ where: { deliveryId: twice.id } });
      expect(attempt.startedAt.getTime()).toBe(now);
      const recorded = await db.delivery.findUniqueOrThrow({ where: { id: twice.id } });
      expect(recorded.status).toBe("SUCCEEDED");
      expect(Math.abs(recorded.completedAt!.getTime() - Date.now())).toBeLessThan(60_000);
      const hook = await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
      expect(hook.lastSuccessAt?.getTime()).toBe(recorded.completedAt!.getTime());

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

describe("the success writer", () => {
  afterEach(() => vi.useRealTimers());
  const result = { ok: true, status: 200 } as AttemptResult;
  /** A writer whose writes take 1 ms and note their sizes; `record(n)` queues n successes of new deliveries. */
  function writer(options = { maxBatch: 500, streamRows: 16, gatherMs: 5 }) {
    vi.useFakeTimers({ toFake: ["setTimeout", "setImmediate"] });
    const writes: number[] = [];
    let n = 0;
    const successWriter = new SuccessWriter(async (batch) => {
      writes.push(batch.length);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return new Set(batch.map((s) => s.delivery.id));
    }, options);
    const record = (count: number) => Promise.all(Array.from({ length: count }, () => successWriter.record({ id: `dlv_${n++}`, webhookId: "wh_1" }, 1, {}, result)));
    return { writes, record };
  }

  it("writes a trickle at once: a few rows a write never wait for more", async () => {
    const { writes, record } = writer();
    const first = record(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(await first).toEqual([true, true, true]);
    const second = record(1);
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(writes).toEqual([3, 1]);
  });

  it("gathers after a write of many rows for gatherMs, then writes what came meanwhile together", async () => {
    const { writes, record } = writer();
    const stream = record(20);
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([20]);
    const meanwhile = record(5);
    await vi.advanceTimersByTimeAsync(1); // the first write commits; the gathering starts
    await stream;
    const later = record(4);
    await vi.advanceTimersByTimeAsync(4);
    expect(writes).toEqual([20]);
    await vi.advanceTimersByTimeAsync(2);
    expect(writes).toEqual([20, 9]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await Promise.all([meanwhile, later])).toEqual([Array(5).fill(true), Array(4).fill(true)]);
  });

  it("does not gather when a full batch is already waiting", async () => {
    const { writes, record } = writer({ maxBatch: 20, streamRows: 16, gatherMs: 5 });
    const all = record(45);
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([20]);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toEqual([20, 20]);
    await vi.advanceTimersByTimeAsync(1 + 5);
    expect(writes).toEqual([20, 20, 5]);
    await vi.advanceTimersByTimeAsync(1);
    expect((await all).every(Boolean)).toBe(true);
  });
});
