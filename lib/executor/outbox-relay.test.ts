import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/scripts/db/test-database";
import { OutboxRelay } from "./outbox-relay";
import type { InngestEvent } from "./protocol";
import { insertEvents } from "./store";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase("outbox_relay");
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

describe("outbox relay (Inngest configured)", () => {
  it("sends unsent events with the outbox id as event id, and keeps them when Inngest refuses", async () => {
    const ids = await insertEvents(pool, [
      { name: "notification/create", data: { storeId: "sto_A", notificationId: "1" } },
      { name: "notification/sent", data: { storeId: "sto_A", notificationId: "1" } },
    ]);

    const failing = new OutboxRelay({ databaseUrl: database.url, send: async () => Promise.reject(new Error("Inngest is down")) });
    expect(await failing.relay()).toBe(0);
    await failing.stop();
    const { rows: unsent } = await pool.query(`SELECT id FROM "OutboxEvent" WHERE "sentAt" IS NULL`);
    expect(unsent).toHaveLength(2);

    const sent: InngestEvent[] = [];
    const relay = new OutboxRelay({ databaseUrl: database.url, send: async (events) => sent.push(...events), batchSize: 1 });
    expect(await relay.relay()).toBe(2);
    expect(sent.map((e) => e.id)).toEqual(ids);
    expect(sent[0]).toMatchObject({ name: "notification/create", data: { storeId: "sto_A", notificationId: "1" } });
    expect(typeof sent[0]!.ts).toBe("number");
    expect(await relay.relay()).toBe(0); // nothing is sent twice
    await relay.stop();
    const { rows } = await pool.query(`SELECT id FROM "OutboxEvent" WHERE "sentAt" IS NULL`);
    expect(rows).toHaveLength(0);
  });
});
