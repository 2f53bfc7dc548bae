// The app's real restock function, run by the embedded executor through the app's serve()
// handler: 100 sign-ups on a sold-out variant, a restock of 40.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { EmbeddedExecutor } from "@/lib/executor/executor";
import { createTestDatabase } from "@/scripts/db/test-database";
import { until } from "@/tests/until";

// A database of its own: the executor here runs every due run it finds, and other test files
// put runs of made-up functions into the shared one. App modules are loaded after the switch.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: {
  db: typeof import("@/lib/db").db;
  newId: typeof import("@/lib/ids").newId;
  setVariantAvailable: typeof import("@/lib/inventory/set-variant-available").setVariantAvailable;
  createNotification: typeof import("@/lib/notifications/create-notification").createNotification;
  notificationInputSchema: typeof import("@/lib/notifications/notification-input").notificationInputSchema;
  makeStore: typeof import("@/tests/factories").makeStore;
};

let executor: EmbeddedExecutor;
const functionId = "back-in-stock-send-restock-notifications";

beforeAll(async () => {
  database = await createTestDatabase("restock");
  process.env.DATABASE_URL = database.url;
  (globalThis as { prisma?: unknown }).prisma = undefined;
  const [{ inngestHandler }, { db }, { newId }, { embeddedKeys }, { EmbeddedExecutor }, { inProcessTransport }, inventory, create, input, factories] = await Promise.all([
    import("@/inngest/handler"),
    import("@/lib/db"),
    import("@/lib/ids"),
    import("@/lib/executor/client-options"),
    import("@/lib/executor/executor"),
    import("@/lib/executor/transport"),
    import("@/lib/inventory/set-variant-available"),
    import("@/lib/notifications/create-notification"),
    import("@/lib/notifications/notification-input"),
    import("@/tests/factories"),
  ]);
  app = {
    db,
    newId,
    setVariantAvailable: inventory.setVariantAvailable,
    createNotification: create.createNotification,
    notificationInputSchema: input.notificationInputSchema,
    makeStore: factories.makeStore,
  };
  executor = new EmbeddedExecutor({
    databaseUrl: process.env.DATABASE_URL!,
    transport: inProcessTransport(inngestHandler),
    serveUrl: "http://app.test/api/inngest",
    signingKey: embeddedKeys(process.env.AUTH_SECRET!).signingKey,
    backoffMs: () => 50,
    log: () => {},
  });
  await executor.start();
});
afterAll(async () => {
  await executor?.stop();
  await app?.db.$disconnect();
  await database?.drop();
});

async function runsFor(variantId: bigint) {
  return app.db.$queryRaw<{ id: string; status: string; event_ids: string[]; output: unknown }[]>`
    SELECT r.id, r.status::text, r.event_ids, r.output FROM executor_run r JOIN "OutboxEvent" e ON e.id = ANY(r.event_ids)
     WHERE r.function_id = ${functionId} AND e.data->>'variantId' = ${variantId.toString()} ORDER BY r.created_at`;
}

it("restocking 40 sends exactly the 40 oldest fitting notifications, once each, even when restocked twice at once and re-run", async () => {
  const { storeId } = await app.makeStore("MEDIUM");
  const productId = BigInt(Date.now()) * 1000n;
  const variantId = productId + 1n;
  await app.db.product.create({ data: { id: productId, storeId, title: "Oolong", variants: { create: { id: variantId, storeId, title: "100 g", available: 0 } } } });

  const ids: bigint[] = [];
  for (let i = 0; i < 100; i++) {
    const input = app.notificationInputSchema.parse({ variant_id: variantId.toString(), channel: i % 10 === 9 ? "sms" : "email", contact: i % 10 === 9 ? `+4477009${String(i).padStart(5, "0")}` : `shopper-${i}@example.dev` });
    ids.push((await app.createNotification(storeId, input)).notification.id);
  }

  // Two restocks to 40 at the same moment: the row lock makes it one rise, one event.
  const results = await Promise.all([app.setVariantAvailable(storeId, variantId, 40), app.setVariantAvailable(storeId, variantId, 40)]);
  expect(results.filter((r) => r.restocked)).toHaveLength(1);

  const [run] = await until(() => runsFor(variantId), (runs) => runs.length === 1 && runs[0]!.status === "COMPLETED", 30_000);
  expect(run!.output).toEqual({ picked: 40, sent: 40 });

  // The same restock processed again (a second run of its event): the same 40, nothing more.
  await app.db.$executeRaw`
    INSERT INTO executor_run (id, function_id, event_ids, max_attempts, concurrency_key, concurrency_limit)
    VALUES (${app.newId("run")}, ${functionId}, ${run!.event_ids}, 6, ${variantId.toString()}, 1)`;
  await app.db.$executeRaw`SELECT pg_notify('executor_wake', '')`;
  const runs = await until(() => runsFor(variantId), (r) => r.length === 2 && r.every((x) => x.status === "COMPLETED"), 30_000);
  expect(runs[1]!.output).toEqual({ picked: 40, sent: 0 });

  const sent = await app.db.notification.findMany({ where: { variantId, status: "SENT" }, orderBy: { id: "asc" }, select: { id: true } });
  expect(sent.map((n) => n.id)).toEqual(ids.slice(0, 40));
  expect(await app.db.mailMessage.count({ where: { storeId } })).toBe(36);
  expect(await app.db.smsMessage.count({ where: { storeId } })).toBe(4);
  const events = await app.db.outboxEvent.groupBy({ by: ["name"], where: { storeId }, _count: { _all: true } });
  expect(Object.fromEntries(events.map((e) => [e.name, e._count._all]))).toEqual({ "notification/create": 100, "notification/sent": 40, "inventory/restocked": 1 });

  // A later rise of 5 tells the next 5 in line.
  await app.setVariantAvailable(storeId, variantId, 45);
  await until(() => app.db.notification.count({ where: { variantId, status: "SENT" } }), (n) => n === 45, 30_000);
}, 90_000);

it("skips a notification that needs more than the restock brings, and takes the next that fits", async () => {
  const { storeId } = await app.makeStore("MEDIUM");
  const productId = BigInt(Date.now()) * 1000n + 500n;
  const variantId = productId + 1n;
  await app.db.product.create({ data: { id: productId, storeId, title: "Matcha", variants: { create: { id: variantId, storeId, title: "Tin", available: 0 } } } });
  const make = async (n: number, quantity: number) =>
    (await app.createNotification(storeId, app.notificationInputSchema.parse({ variant_id: variantId.toString(), channel: "email", contact: `q${n}@example.dev`, quantity_required: quantity }))).notification.id;
  const big = await make(1, 5);
  const small1 = await make(2, 1);
  const small2 = await make(3, 2);
  await app.setVariantAvailable(storeId, variantId, 3);
  await until(() => app.db.notification.count({ where: { variantId, status: "SENT" } }), (n) => n === 2, 30_000);
  const sent = await app.db.notification.findMany({ where: { variantId, status: "SENT" }, select: { id: true } });
  expect(sent.map((n) => n.id).sort()).toEqual([small1, small2].sort());
  expect((await app.db.notification.findUniqueOrThrow({ where: { id: big } })).status).toBe("WAITING");
}, 60_000);
