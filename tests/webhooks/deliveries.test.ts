// Notification events delivered to a real local receiver by the app's fan-out and retry
// functions, run by the embedded executor: signature checked byte for byte, failures retried
// on the schedule (shortened through WEBHOOK_RETRY_SCALE, the table itself unchanged),
// Retry-After honoured, nothing duplicated.
import { afterAll, beforeAll, expect, it } from "vitest";
import { until } from "@/tests/until";
import { startPipeline } from "./pipeline";
import { answer, failFirst, startReceiver, type Receiver } from "./receiver";

let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let receiver: Receiver;
let app: Awaited<ReturnType<typeof loadApp>>;

async function loadApp() {
  const [{ newId }, { createNotification }, { notificationInputSchema }, { makeStore }, { signingKeysFor }] = await Promise.all([
    import("@/lib/ids"),
    import("@/lib/notifications/create-notification"),
    import("@/lib/notifications/notification-input"),
    import("@/tests/factories"),
    import("@/lib/api-keys/signing-keys"),
  ]);
  return { db: pipeline.db, newId, createNotification, notificationInputSchema, makeStore, signingKeysFor };
}

beforeAll(async () => {
  // The receiver is http://127.0.0.1; 1 min → 30 ms, 5 min → 150 ms.
  pipeline = await startPipeline("deliveries", { WEBHOOKS_ALLOW_INSECURE_URLS: "1", WEBHOOK_RETRY_SCALE: "0.0005" });
  app = await loadApp();
  receiver = await startReceiver();
  receiver.on("/flaky", failFirst(2, answer(503, "try later")));
  receiver.on("/busy", failFirst(1, answer(429, "slow down", { "retry-after": "3" })));
});

afterAll(async () => {
  await pipeline?.stop();
  await receiver?.close();
});

it("delivers signed payloads, retries a failing endpoint with the same message id, and skips webhooks that are Off", async () => {
  const { storeId } = await app.makeStore("MEDIUM");
  receiver.useKey((await app.signingKeysFor(storeId))[0]!);
  const received = receiver.requests;
  const productId = 8339067207909n;
  const variantId = 44211925318693n;
  await app.db.product.create({ data: { id: productId, storeId, title: "Black Tea", variants: { create: { id: variantId, storeId, title: "Small" } } } });
  const hook = (topic: string, path: string, isActive = true) =>
    app.db.webhook.create({ data: { id: app.newId("webhook"), storeId, topic, url: receiver.url(path), isActive } });
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
  expect(ok.bisSignatureValid).toBe(true);
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
  expect(flakyRequests.every((r) => r.bisSignatureValid && r.body === ok.body)).toBe(true);
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
  expect(busyRequests.every((r) => r.bisSignatureValid)).toBe(true);
  received.splice(0, received.length, ...received.filter((r) => r.path !== "/busy" && r.headers["x-bis-topic"] !== "notification/sent"));

  // A test payload to the webhook that is Off: sent now, signed, marked as a test, no streak.
  const { sendTestPayload } = await import("@/lib/webhooks/send-test-payload");
  const off = await app.db.webhook.findFirstOrThrow({ where: { storeId, isActive: false } });
  const test = await sendTestPayload({ storeId, actor: { userId: null, email: null, role: "owner" }, context: {} }, off.id);
  expect(test).toMatchObject({ ok: true, status: 200, responseExcerpt: "ok" });
  const testRequest = received.find((r) => r.path === "/off")!;
  expect(testRequest.bisSignatureValid).toBe(true);
  expect(JSON.parse(testRequest.body)).toMatchObject({ test: true, topic: "notification/create" });
  expect(await app.db.delivery.findUniqueOrThrow({ where: { id: test.deliveryId } })).toMatchObject({ isTest: true, status: "SUCCEEDED" });
  received.splice(received.indexOf(testRequest), 1);

  // Resend the delivery to /ok: a new chain, the same message id, attempt 2.
  const { resendDelivery } = await import("@/lib/webhooks/resend-delivery");
  const okDelivery = await app.db.delivery.findFirstOrThrow({ where: { storeId, webhook: { url: receiver.url("/ok") }, topic: "notification/create" }, orderBy: { createdAt: "asc" } });
  const owner = { storeId, actor: { userId: null, email: null, role: "owner" as const }, context: {} };
  expect(await resendDelivery(owner, okDelivery.id)).toEqual({ deliveryId: okDelivery.id, firstAttempt: 2 });
  await expect(resendDelivery(owner, okDelivery.id)).rejects.toMatchObject({ code: "conflict" }); // still on its way
  const resent = await until(() => app.db.delivery.findUniqueOrThrow({ where: { id: okDelivery.id } }), (d) => d.status === "SUCCEEDED" && d.attemptCount === 2);
  const sameMessage = received.filter((r) => r.headers["x-bis-webhook-id"] === resent.messageId);
  expect(sameMessage.map((r) => r.headers["x-bis-attempt"])).toEqual(["1", "2"]);
  expect(sameMessage.every((r) => r.bisSignatureValid && r.body === sameMessage[0]!.body)).toBe(true);
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
