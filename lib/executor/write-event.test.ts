import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { notificationCreated } from "@/inngest/events";
import { examplePayload } from "@/lib/webhooks/topics";
import { writeEvent } from "./write-event";

afterAll(async () => {
  await db.outboxEvent.deleteMany({ where: { name: "notification/create", storeId: "sto_WRITEEVENTTEST" } });
});

describe("writeEvent (the outbox)", () => {
  const data = { storeId: "sto_WRITEEVENTTEST", notificationId: "12345", payload: examplePayload("notification/create") };

  it("commits the event with the caller's transaction", async () => {
    await db.$transaction(async (tx) => writeEvent(tx, notificationCreated, data, { idempotencyKey: "write-event-commit" }));
    const rows = await db.outboxEvent.findMany({ where: { idempotencyKey: "write-event-commit" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "notification/create", storeId: "sto_WRITEEVENTTEST", data, sentAt: null });
  });

  it("leaves nothing behind when the transaction rolls back", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await writeEvent(tx, notificationCreated, data, { idempotencyKey: "write-event-rollback" });
        throw new Error("the business write failed");
      }),
    ).rejects.toThrow("the business write failed");
    expect(await db.outboxEvent.count({ where: { idempotencyKey: "write-event-rollback" } })).toBe(0);
  });

  it("wakes the executor when the transaction commits, and not when it rolls back", async () => {
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    try {
      await listener.query("LISTEN executor_event");
      const heard: string[] = [];
      listener.on("notification", (m) => heard.push(m.channel));
      const quiet = () => new Promise((r) => setTimeout(r, 300));
      await db
        .$transaction(async (tx) => {
          await writeEvent(tx, notificationCreated, data, { idempotencyKey: "write-event-wake-rollback" });
          throw new Error("rolled back");
        })
        .catch(() => {});
      await quiet();
      expect(heard).toEqual([]);
      await db.$transaction(async (tx) => {
        await writeEvent(tx, notificationCreated, data, { idempotencyKey: "write-event-wake" });
        await quiet();
        expect(heard).toEqual([]); // not before the commit
      });
      await quiet();
      expect(heard).toEqual(["executor_event"]);
    } finally {
      await listener.end();
    }
  });

  it("adds nothing for an idempotency key already used", async () => {
    for (let i = 0; i < 2; i++) await db.$transaction(async (tx) => writeEvent(tx, notificationCreated, data, { idempotencyKey: "write-event-twice" }));
    expect(await db.outboxEvent.count({ where: { idempotencyKey: "write-event-twice" } })).toBe(1);
  });

  it("refuses data that fails the event's schema, naming the field", async () => {
    await expect(
      db.$transaction(async (tx) => writeEvent(tx, notificationCreated, { ...data, storeId: "nope", notificationId: "x" })),
    ).rejects.toThrow(/Invalid "notification\/create" event: storeId: .*notificationId: a notification id is a decimal number/);
  });
});
