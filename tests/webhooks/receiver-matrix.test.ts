// Issue 7's receiver matrix, through the whole pipeline: a notification created by the domain
// code → outbox → fan-out → attempts and retries → a real local receiver that checks both
// signatures byte for byte. The retry schedule is shortened through WEBHOOK_RETRY_SCALE (48 h
// → about 9 s); the production table is unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "@/tests/until";
import { startPipeline } from "./pipeline";
import { answer, failFirst, hang, reset, startReceiver, type Receiver } from "./receiver";

let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let receiver: Receiver;
let app: Awaited<ReturnType<typeof loadApp>>;

async function loadApp() {
  const [{ newId }, { createNotification }, { notificationInputSchema }, { makeStore }, { signingKeysFor }, { updateWebhook }, { listWebhookRows }, { resendFailedDeliveries }] =
    await Promise.all([
      import("@/lib/ids"),
      import("@/lib/notifications/create-notification"),
      import("@/lib/notifications/notification-input"),
      import("@/tests/factories"),
      import("@/lib/api-keys/signing-keys"),
      import("@/lib/webhooks/update-webhook"),
      import("@/lib/webhooks/queries"),
      import("@/lib/webhooks/resend-failed-deliveries"),
    ]);
  return { newId, createNotification, notificationInputSchema, makeStore, signingKeysFor, updateWebhook, listWebhookRows, resendFailedDeliveries };
}

beforeAll(async () => {
  pipeline = await startPipeline("receiver_matrix", { WEBHOOKS_ALLOW_INSECURE_URLS: "1", WEBHOOK_RETRY_SCALE: "0.00005" });
  app = await loadApp();
  receiver = await startReceiver();
});

afterAll(async () => {
  await pipeline?.stop();
  await receiver?.close();
});

/** A Medium store with a product, its API key given to the receiver, and a way to add webhooks and notifications. */
async function store() {
  const { storeId } = await app.makeStore("MEDIUM");
  receiver.useKey((await app.signingKeysFor(storeId))[0]!);
  const variantId = BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000));
  await pipeline.db.product.create({ data: { id: variantId + 1n, storeId, title: "Black Tea", variants: { create: { id: variantId, storeId, title: "Small" } } } });
  return {
    storeId,
    owner: { storeId, actor: { userId: null, email: null, role: "owner" as const }, context: {} },
    hook: (path: string, topic = "notification/create") =>
      pipeline.db.webhook.create({ data: { id: app.newId("webhook"), storeId, topic, url: receiver.url(path), isActive: true } }),
    notify: (contact: string) =>
      app.createNotification(storeId, app.notificationInputSchema.parse({ variant_id: variantId.toString(), channel: "email", contact })),
    delivery: (webhookId: string) => pipeline.db.delivery.findFirstOrThrow({ where: { webhookId }, include: { attempts: { orderBy: { attemptNumber: "asc" } } } }),
  };
}

describe("deliveries to a real receiver", () => {
  it("delivers one notification once to each matching webhook, retries 500s, refuses redirects, times out at 5 s, survives resets and 1 MiB answers", async () => {
    const s = await store();
    receiver.on("/flaky", failFirst(2, answer(500, "boom")));
    receiver.on("/redirect", answer(301, "", { location: receiver.url("/moved") }));
    receiver.on("/hang", failFirst(1, hang(10_000)));
    receiver.on("/reset", failFirst(1, reset));
    receiver.on("/big", answer(200, "x".repeat(1024 * 1024)));
    const ok = await s.hook("/ok");
    const wildcard = await s.hook("/wildcard", "notification/*");
    await s.hook("/sent-only", "notification/sent");
    const flaky = await s.hook("/flaky");
    const redirect = await s.hook("/redirect");
    const hung = await s.hook("/hang");
    const reset_ = await s.hook("/reset");
    const big = await s.hook("/big");

    await s.notify("matrix@example.com");

    // Every retried delivery ends; the redirecting one fails all 20 attempts (≈ 9 s scaled).
    const finished = await until(
      () => pipeline.db.delivery.findMany({ where: { storeId: s.storeId } }),
      (ds) => ds.length === 7 && ds.every((d) => d.status === "SUCCEEDED" || d.status === "FAILED"),
      60_000,
    );
    expect(finished.map((d) => d.webhookId).sort()).toEqual([ok.id, wildcard.id, flaky.id, redirect.id, hung.id, reset_.id, big.id].sort());
    expect(receiver.to("/sent-only")).toHaveLength(0);
    // Every request carried both signatures, valid byte for byte, and one message id per delivery.
    const mine = receiver.requests.filter((r) => finished.some((d) => d.messageId === r.messageId));
    expect(mine.every((r) => r.bisSignatureValid && r.standardSignatureValid)).toBe(true);

    // 200: exactly one request each.
    expect(receiver.to("/ok")).toHaveLength(1);
    expect(receiver.to("/wildcard")).toHaveLength(1);
    expect(JSON.parse(receiver.to("/wildcard")[0]!.body)).toMatchObject({ topic: "notification/create" });

    // 500 twice, then 200: three attempts recorded, the delivery succeeded.
    const flakyDelivery = await s.delivery(flaky.id);
    expect(flakyDelivery.status).toBe("SUCCEEDED");
    expect(flakyDelivery.attempts.map((a) => [a.attemptNumber, a.responseStatus, a.errorClass])).toEqual([
      [1, 500, "http_5xx"],
      [2, 500, "http_5xx"],
      [3, 200, null],
    ]);

    // 301: a failure of class redirect, and the Location was never requested.
    const redirected = await s.delivery(redirect.id);
    expect(redirected.attempts[0]).toMatchObject({ responseStatus: 301, errorClass: "redirect", succeeded: false });
    expect(receiver.to("/moved")).toHaveLength(0);

    // A 10 s hang: the attempt gives up at 5 s (±0.5 s), the retry succeeds.
    const hungDelivery = await s.delivery(hung.id);
    expect(hungDelivery.attempts[0]).toMatchObject({ errorClass: "timeout", responseStatus: null });
    expect(hungDelivery.attempts[0]!.durationMs).toBeGreaterThanOrEqual(4_500);
    expect(hungDelivery.attempts[0]!.durationMs).toBeLessThanOrEqual(5_500);
    expect(hungDelivery.status).toBe("SUCCEEDED");

    // A reset connection: class reset, then delivered.
    const resetDelivery = await s.delivery(reset_.id);
    expect(resetDelivery.attempts.map((a) => a.errorClass)).toEqual(["reset", null]);

    // 1 MiB answer: a success, 4 KiB of it kept.
    const bigDelivery = await s.delivery(big.id);
    expect(bigDelivery.attempts).toHaveLength(1);
    expect(bigDelivery.attempts[0]).toMatchObject({ succeeded: true, responseStatus: 200 });
    expect(bigDelivery.attempts[0]!.responseBody!.length).toBe(4096);
  }, 90_000);

  it("warns after 10 failures, deactivates after 19, and delivers again once re-enabled and resent", async () => {
    const s = await store();
    receiver.on("/down", answer(503, "maintenance"));
    const down = await s.hook("/down");
    await s.notify("deactivation@example.com");

    const deactivated = await until(() => pipeline.db.webhook.findUniqueOrThrow({ where: { id: down.id } }), (w) => w.state === "DEACTIVATED", 60_000);
    expect(deactivated).toMatchObject({ consecutiveFailures: 19, lastError: "The endpoint answered 503." });
    expect(deactivated.deactivationReason).toContain("19 deliveries in a row failed");
    // The 20th attempt is never sent: the delivery stops with the webhook.
    const stopped = await until(() => s.delivery(down.id), (d) => d.status === "FAILED");
    expect(stopped.attempts).toHaveLength(19);
    expect(receiver.to("/down")).toHaveLength(19);
    const mail = await pipeline.db.mailMessage.findMany({ where: { storeId: s.storeId, kind: "webhook_notice" }, orderBy: { createdAt: "asc" } });
    expect(mail.map((m) => m.subject)).toEqual([`Webhook failing: ${down.url}`, `Webhook deactivated: ${down.url}`]);
    expect(mail[0]!.text).toContain("The last 10 deliveries");

    // While deactivated, new events are not sent to it.
    await s.notify("while-down@example.com");
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.to("/down")).toHaveLength(19);

    // The endpoint is fixed; the owner switches the webhook On and resends what failed.
    receiver.on("/down", answer(200, "back"));
    await app.updateWebhook(s.owner, down.id, { is_active: true });
    expect(await pipeline.db.webhook.findUniqueOrThrow({ where: { id: down.id } })).toMatchObject({ state: "ACTIVE", consecutiveFailures: 0, warnedAt: null });
    const [row] = await app.listWebhookRows(s.storeId);
    expect(row!.failed_since_success?.count).toBeGreaterThanOrEqual(1);
    const { resent } = await app.resendFailedDeliveries(s.owner, down.id, new Date(row!.failed_since_success!.since));
    expect(resent).toBe(row!.failed_since_success!.count);
    await until(() => s.delivery(down.id), (d) => d.status === "SUCCEEDED");
    const again = receiver.to("/down").slice(19);
    expect(again[0]).toMatchObject({ messageId: stopped.messageId, attempt: 20, bisSignatureValid: true });

    // And new events reach it again.
    await s.notify("after@example.com");
    await until(() => receiver.to("/down").filter((r) => r.body.includes("after@example.com")), (r) => r.length === 1);
  }, 90_000);

  it("deactivates at once when the receiver answers 410 Gone", async () => {
    const s = await store();
    receiver.on("/gone", answer(410, "gone"));
    const gone = await s.hook("/gone");
    await s.notify("gone@example.com");
    const webhook = await until(() => pipeline.db.webhook.findUniqueOrThrow({ where: { id: gone.id } }), (w) => w.state === "DEACTIVATED");
    expect(webhook.deactivationReason).toContain("410 Gone");
    const delivery = await until(() => s.delivery(gone.id), (d) => d.status === "FAILED");
    expect(delivery.attempts).toHaveLength(1);
    expect(receiver.to("/gone")).toHaveLength(1);
    expect(await pipeline.db.mailMessage.count({ where: { storeId: s.storeId, subject: `Webhook deactivated: ${gone.url}` } })).toBe(1);
  });
});
