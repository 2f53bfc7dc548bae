// Cron triggers: a scheduled function runs on its schedule with Inngest's timer event, and a
// schedule the executor cannot read is refused at sync with a clear message.
import { afterAll, beforeAll, expect, it } from "vitest";
import { catalogOf } from "@/lib/executor/event-catalog";
import type { EmbeddedExecutor } from "@/lib/executor/executor";
import { handlersFor, inProcessTransport, startExecutor, testClient, testDatabase, waitForRuns } from "./harness";

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: ReturnType<typeof testClient>;
let executor: EmbeddedExecutor;
const received: unknown[] = [];

beforeAll(async () => {
  database = await testDatabase("executor_cron");
  app = testClient("cron", database.url, catalogOf([]));
});
afterAll(async () => {
  await executor?.stop();
  await app?.pool.end();
  await database?.drop();
});

it("runs a scheduled function every second with the scheduled.timer event", async () => {
  const { client } = app;
  const tick = client.createFunction({ id: "tick", triggers: [{ cron: "* * * * * *" }] }, async ({ event, step }) => {
    await step.run("note", () => received.push(event));
    return event.name;
  });
  executor = startExecutor(database.url, inProcessTransport(handlersFor(client, [tick])));
  await executor.start();
  const runs = await waitForRuns(app.pool, "cron-tick", 2, 10_000);
  expect(runs.slice(0, 2).every((r) => r.status === "COMPLETED" && r.output === "inngest/scheduled.timer")).toBe(true);
  expect(received[0]).toMatchObject({ name: "inngest/scheduled.timer", data: { cron: "* * * * * *" } });
  const { rows } = await app.pool.query<{ due: Date }>(`SELECT cron_due_at AS due FROM executor_function WHERE id = 'cron-tick'`);
  expect(rows[0]!.due.getTime()).toBeGreaterThan(Date.now() - 1500);
});

it("refuses a function whose schedule cannot be read", async () => {
  const { client } = app;
  const broken = client.createFunction({ id: "broken", triggers: [{ cron: "every tuesday-ish" }] }, async () => null);
  const response = await handlersFor(client, [broken]).PUT(new (await import("next/server")).NextRequest("http://app.test/api/inngest", { method: "PUT" }), undefined);
  expect(response.status).toBe(400);
  expect(await response.text()).toMatch(/Unreadable cron schedule \\"every tuesday-ish\\"/);
});
