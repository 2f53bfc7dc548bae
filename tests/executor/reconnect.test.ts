// The executor loses its database connection (as when PostgreSQL restarts) and comes back by
// itself as a new worker; a run it was driving is resumed, not lost.
import { eventType } from "inngest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { catalogOf } from "@/lib/executor/event-catalog";
import type { EmbeddedExecutor } from "@/lib/executor/executor";
import { handlersFor, inProcessTransport, startExecutor, testClient, testDatabase, waitForRuns } from "./harness";

const ping = eventType("test/ping", { schema: z.object({ n: z.number() }) });
let database: Awaited<ReturnType<typeof testDatabase>>;
let app: ReturnType<typeof testClient>;
let executor: EmbeddedExecutor;

beforeAll(async () => {
  database = await testDatabase("executor_reconnect");
  app = testClient("reconnect", database.url, catalogOf([ping]));
  const { client } = app;
  const fn = client.createFunction({ id: "ping", triggers: [ping] }, async ({ event, step }) => {
    const a = await step.run("first", () => event.data.n);
    await step.sleep("pause", "1s");
    return step.run("second", () => a + 1);
  });
  executor = startExecutor(database.url, inProcessTransport(handlersFor(client, [fn])));
  await executor.start();
});
afterAll(async () => {
  await executor?.stop();
  await app?.pool.end();
  await database?.drop();
});

it("reconnects after its connections are cut and finishes the runs", async () => {
  const before = executor.id;
  await app.client.send({ name: "test/ping", data: { n: 1 } }); // sleeping when the cut comes
  await new Promise((r) => setTimeout(r, 300));
  // Cut every executor connection, as a PostgreSQL restart would.
  await app.pool.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND application_name LIKE 'bis-executor%' AND pid <> pg_backend_pid()`,
  );
  await app.client.send({ name: "test/ping", data: { n: 10 } });
  const runs = await waitForRuns(app.pool, "reconnect-ping", 2, 20_000);
  expect(runs.map((r) => [r.status, r.output])).toEqual([
    ["COMPLETED", 2],
    ["COMPLETED", 11],
  ]);
  expect(executor.id).not.toBe(before);
  const { rows } = await app.pool.query<{ id: string }>(`SELECT id FROM executor_worker`);
  expect(rows.map((r) => BigInt(r.id))).toEqual([executor.id]);
});
