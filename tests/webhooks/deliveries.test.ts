// Notification events delivered to a real local receiver by the app's fan-out and retry
// functions, run by the embedded executor: signature checked byte for byte, failures retried
// on the schedule (shortened through WEBHOOK_RETRY_SCALE, the table itself unchanged),
// Retry-After honoured, nothing duplicated.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { EmbeddedExecutor } from "@/lib/executor/executor";
import { createTestDatabase } from "@/scripts/db/test-database";
import { until } from "@/tests/until";

type Received = { path: string; body: string; headers: Record<string, string | string[] | undefined>; signatureValid: boolean };
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let executor: EmbeddedExecutor;
let server: Server;
let base = "";
let apiKey = "";
const received: Received[] = [];
let flakyFailuresLeft = 2;
let busyOnce = true;
let app: Awaited<ReturnType<typeof loadApp>>;

async function loadApp() {
  const [{ db }, { newId }, { createNotification }, { notificationInputSchema }, { makeStore }, { signingKeysFor }] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/ids"),
    import("@/lib/notifications/create-notification"),
    import("@/lib/notifications/notification-input"),
    import("@/tests/factories"),
    import("@/lib/api-keys/signing-keys"),
  ]);
  return { db, newId, createNotification, notificationInputSchema, makeStore, signingKeysFor };
}

beforeAll(async () => {
  database = await createTestDatabase("deliveries");
  process.env.DATABASE_URL = database.url;
  process.env.WEBHOOKS_ALLOW_INSECURE_URLS = "1"; // the receiver is http://127.0.0.1
  process.env.WEBHOOK_RETRY_SCALE = "0.0005"; // 1 min → 30 ms, 5 min → 150 ms
  (globalThis as { prisma?: unknown }).prisma = undefined;
  app = await loadApp();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const expected = createHmac("sha256", apiKey).update(raw).digest("base64");
      received.push({ path: req.url!, body: raw.toString("utf8"), headers: req.headers, signatureValid: req.headers["x-bis-signature"] === expected });
      if (req.url === "/flaky" && flakyFailuresLeft-- > 0) return res.writeHead(503).end("try later");
      if (req.url === "/busy" && busyOnce) {
        busyOnce = false;
        return res.writeHead(429, { "retry-after": "3" }).end("slow down");
      }
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const [{ inngestHandler }, { embeddedKeys }, { EmbeddedExecutor }, { inProcessTransport }] = await Promise.all([
    import("@/inngest/handler"),
    import("@/lib/executor/client-options"),
    import("@/lib/executor/executor"),
    import("@/lib/executor/transport"),
  ]);
  executor = new EmbeddedExecutor({
    databaseUrl: database.url,
    transport: inProcessTransport(inngestHandler),
    serveUrl: "http://app.test/api/inngest",
    signingKey: embeddedKeys(process.env.AUTH_SECRET!).signingKey,
    log: () => {},
  });
  await executor.start();
});

afterAll(async () => {
  await executor?.stop();
  server?.closeAllConnections();
  server?.close();
  await app?.db.$disconnect();
  await database?.drop();
});

it("delivers signed payloads, retries a failing endpoint with the same message id, and skips webhooks that are Off", async () => {
  const { storeId } = await app.makeStore("MEDIUM");
  apiKey = (await app.signingKeysFor(storeId))[0]!;
  const productId = 8339067207909n;
  const variantId = 44211925318693n;
  await app.db.product.create({ data: { id: productId, storeId, title: "Black Tea", variants: { create: { id: variantId, storeId, title: "Small" } } } });
  const hook = (topic: string, path: string, isActive = true) =>
    app.db.webhook.create({ data: { id: app.newId("webhook"), storeId, topic, url: `${base}${path}`, isActive } });
  await hook("notification/create", "/ok");
  const flaky = await hook("notification/*", "/flaky");
  await hook("notification/create", "/off", false);

  const { notification } = await app.createNotification(
    storeId,
    app.notificationInputSchema.parse({ variant_id: variantId.toString(), channel: "email", contact: "customer@example.com", customer_language: "en-GB", customer_utc_offset: 14400 }),
  );

  // First attempts: /ok succeeds, /flaky fails (503) and gets a retry run.
  await until(() => received.length, (n) => n >= 2);
  const ok = received.find((r) => r.path === "/ok")!;
  expect(ok.signatureValid).toBe(true);
  const payload = JSON.parse(ok.body);
  expect(Object.keys(payload)).toEqual(["notification_id", "topic", "timestamp", "channel", "customer", "quantity_required", "customer_language", "customer_utc_offset", "created_at", "product"]);
  expect(payload).toMatchObject({ notification_id: Number(notification.id), topic: "notification/create", product: { product_id: 8339067207909, variant_id: 44211925318693 } });
  expect(ok.headers).toMatchObject({ "content-type": "application/json", "x-bis-topic": "notification/create", "x-bis-attempt": "1" });
  expect(String(ok.headers["user-agent"])).toMatch(/^BackInStock-Webhooks\//);
  expect(received.some((r) => r.path === "/off")).toBe(false);

  const flakyDelivery = await until(
    () => app.db.delivery.findFirst({ where: { webhookId: flaky.id } }),
    (d) => d?.status === "RETRYING",
  );
  expect(flakyDelivery).toMatchObject({ attemptCount: 1, lastStatusCode: 503, lastErrorClass: "http_5xx" });

  // Its own retry run: attempt 2 fails again, attempt 3 succeeds, on the (scaled) schedule.
  const done = await until(() => app.db.delivery.findUniqueOrThrow({ where: { id: flakyDelivery!.id } }), (d) => d.status === "SUCCEEDED");
  expect(done.attemptCount).toBe(3);
  const flakyRequests = received.filter((r) => r.path === "/flaky");
  expect(flakyRequests.map((r) => r.headers["x-bis-attempt"])).toEqual(["1", "2", "3"]);
  expect(new Set(flakyRequests.map((r) => r.headers["x-bis-webhook-id"])).size).toBe(1);
  expect(flakyRequests.every((r) => r.signatureValid && r.body === ok.body)).toBe(true);
  const attempts = await app.db.deliveryAttempt.findMany({ where: { deliveryId: flakyDelivery!.id }, orderBy: { attemptNumber: "asc" } });
  expect(attempts.map((a) => [a.attemptNumber, a.succeeded, a.errorClass])).toEqual([
    [1, false, "http_5xx"],
    [2, false, "http_5xx"],
    [3, true, null],
  ]);
  expect(JSON.stringify(attempts[0]!.requestHeaders)).not.toContain(String(flakyRequests[0]!.headers["x-bis-signature"]));
  expect((await app.db.webhook.findUniqueOrThrow({ where: { id: flaky.id } })).consecutiveFailures).toBe(0);

  // 429 with Retry-After: 3 → the next attempt comes no sooner than 3 s later.
  const busy = await hook("notification/sent", "/busy");
  await app.createNotification(
    storeId,
    app.notificationInputSchema.parse({ variant_id: variantId.toString(), channel: "email", contact: "second@example.com" }),
  );
  const { setVariantAvailable } = await import("@/lib/inventory/set-variant-available");
  await setVariantAvailable(storeId, variantId, 1); // sends the oldest waiting notification: a notification/sent event
  const attemptsToBusy = await until(
    () => app.db.deliveryAttempt.findMany({ where: { webhookId: busy.id }, orderBy: { attemptNumber: "asc" } }),
    (a) => a.length === 2,
    30_000,
  );
  const busyRequests = received.filter((r) => r.path === "/busy");
  expect(attemptsToBusy.map((a) => a.responseStatus)).toEqual([429, 200]);
  expect(attemptsToBusy[1]!.startedAt.getTime() - attemptsToBusy[0]!.startedAt.getTime()).toBeGreaterThanOrEqual(3000);
  expect(busyRequests.every((r) => r.signatureValid)).toBe(true);
  received.splice(0, received.length, ...received.filter((r) => r.path !== "/busy" && r.headers["x-bis-topic"] !== "notification/sent"));

  // A test payload to the webhook that is Off: sent now, signed, marked as a test, no streak.
  const { sendTestPayload } = await import("@/lib/webhooks/send-test-payload");
  const off = await app.db.webhook.findFirstOrThrow({ where: { storeId, isActive: false } });
  const test = await sendTestPayload({ storeId, actor: { userId: null, email: null, role: "owner" }, context: {} }, off.id);
  expect(test).toMatchObject({ ok: true, status: 200, responseExcerpt: "ok" });
  const testRequest = received.find((r) => r.path === "/off")!;
  expect(testRequest.signatureValid).toBe(true);
  expect(JSON.parse(testRequest.body)).toMatchObject({ test: true, topic: "notification/create" });
  expect(await app.db.delivery.findUniqueOrThrow({ where: { id: test.deliveryId } })).toMatchObject({ isTest: true, status: "SUCCEEDED" });
  received.splice(received.indexOf(testRequest), 1);

  // Resend the delivery to /ok: a new chain, the same message id, attempt 2.
  const { resendDelivery } = await import("@/lib/webhooks/resend-delivery");
  const okDelivery = await app.db.delivery.findFirstOrThrow({ where: { storeId, webhook: { url: `${base}/ok` }, topic: "notification/create" }, orderBy: { createdAt: "asc" } });
  const owner = { storeId, actor: { userId: null, email: null, role: "owner" as const }, context: {} };
  expect(await resendDelivery(owner, okDelivery.id)).toEqual({ deliveryId: okDelivery.id, firstAttempt: 2 });
  await expect(resendDelivery(owner, okDelivery.id)).rejects.toMatchObject({ code: "conflict" }); // still on its way
  const resent = await until(() => app.db.delivery.findUniqueOrThrow({ where: { id: okDelivery.id } }), (d) => d.status === "SUCCEEDED" && d.attemptCount === 2);
  const sameMessage = received.filter((r) => r.headers["x-bis-webhook-id"] === resent.messageId);
  expect(sameMessage.map((r) => r.headers["x-bis-attempt"])).toEqual(["1", "2"]);
  expect(sameMessage.every((r) => r.signatureValid && r.body === sameMessage[0]!.body)).toBe(true);
  received.splice(0, received.length, ...received.filter((r) => !(r.headers["x-bis-webhook-id"] === resent.messageId && r.headers["x-bis-attempt"] === "2")));

  // The same events processed again: no new delivery, no new request.
  const before = received.length;
  const [fanOut] = await app.db.executorRun.findMany({ where: { functionId: "back-in-stock-fan-out" }, orderBy: { createdAt: "asc" } });
  const again = app.newId("run");
  await app.db.executorRun.create({ data: { id: again, functionId: fanOut!.functionId, eventIds: fanOut!.eventIds, maxAttempts: 6 } });
  await app.db.$executeRaw`SELECT pg_notify('executor_wake', '')`;
  await until(() => app.db.executorRun.findUniqueOrThrow({ where: { id: again } }), (r) => r.status === "COMPLETED");
  expect(received.length).toBe(before);
  expect(await app.db.delivery.count({ where: { eventId: { in: fanOut!.eventIds } } })).toBe(2);
}, 60_000);
