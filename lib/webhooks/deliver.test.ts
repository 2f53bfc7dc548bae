import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { until } from "@/tests/until";
import { activeWebhooks, createDeliveries } from "./create-deliveries";
import { deliverEvents, deliverFirstAttempts, failingStreakForHandOver, perWebhookConcurrency, slowFirstAttemptMs, webhookStateMaxAgeMs } from "./deliver";
import { examplePayload } from "./topics";

process.env.WEBHOOKS_ALLOW_INSECURE_URLS = "1"; // the receiver is http://127.0.0.1 (read lazily, at the first attempt)

// A local receiver: /ok answers 200, /fail 500, /gone 410, /hang 200 after 3.5 s, /once-slow
// 200 after 800 ms the first time and at once after that, anything else 200 after 40 ms.
let server: Server;
let base = "";
const requests = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = req.url!.split("?")[0]!;
      requests.set(req.url!, (requests.get(req.url!) ?? 0) + 1);
      if (path === "/ok") res.writeHead(200).end("ok");
      else if (path === "/fail") res.writeHead(500).end("boom");
      else if (path === "/gone") res.writeHead(410).end();
      else if (path === "/hang") setTimeout(() => res.writeHead(200).end("late"), 3_500);
      else if (path === "/once-slow") setTimeout(() => res.writeHead(200).end("ok"), requests.get(req.url!) === 1 ? 800 : 0);
      else setTimeout(() => res.writeHead(200).end("ok"), 40);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** A MEDIUM store with one webhook per path (each URL made unique to the store), and `n` of its events. */
async function batch(paths: string[], n: number) {
  const { storeId } = await makeStore("MEDIUM");
  const urls = paths.map((p) => `${base}${p}?store=${storeId}`);
  const webhooks = [];
  for (const url of urls) webhooks.push(await db.webhook.create({ data: { id: newId("webhook"), storeId, topic: "notification/create", url, isActive: true } }));
  const events = Array.from({ length: n }, (_, i) => ({
    id: newId("outboxEvent"),
    name: "notification/create" as const,
    storeId,
    notificationId: String(i + 1),
    payload: { ...examplePayload("notification/create"), notification_id: i + 1 },
  }));
  return { storeId, urls, webhooks, events };
}

const sent = (url: string) => requests.get(url.slice(base.length)) ?? 0;

describe("deliverEvents", () => {
  it("is not held by a slow endpoint: its deliveries go to retry runs, the late one records itself, the others are done", async () => {
    const { urls, webhooks, events } = await batch(["/ok", "/hang"], 25);
    const started = Date.now();
    const { retrying } = await deliverEvents(events);
    expect(Date.now() - started).toBeLessThan(slowFirstAttemptMs + 1_000);
    const rows = await db.delivery.findMany({ where: { eventId: { in: events.map((e) => e.id) } } });
    expect(rows.filter((d) => d.webhookId === webhooks[0]!.id).every((d) => d.status === "SUCCEEDED")).toBe(true);
    // The hung endpoint's 25: all handed over with their first attempt, those in flight due once they must have ended.
    const hung = rows.filter((d) => d.webhookId === webhooks[1]!.id);
    expect(retrying.map((r) => r.id).sort()).toEqual(hung.map((d) => d.id).sort());
    expect(retrying.every((r) => r.firstAttempt === 1)).toBe(true);
    const inFlight = retrying.filter((r) => new Date(r.nextAttemptAt).getTime() > Date.now() + 5_000);
    expect(inFlight.length).toBe(Math.min(perWebhookConcurrency, sent(urls[1]!)));
    // The requests in flight finish on their own (3.5 s) and are recorded as they would have been.
    const recorded = await until(() => db.delivery.count({ where: { id: { in: inFlight.map((r) => r.id) }, status: "SUCCEEDED" } }), (n) => n === inFlight.length, 10_000);
    expect(recorded).toBe(inFlight.length);
  });

  it("takes one slow answer for what it was: the next batch sends that webhook's first attempts again", async () => {
    const { storeId, urls, webhooks, events } = await batch(["/ok", "/once-slow"], 20);
    const first = await deliverEvents(events);
    // Slow while the other webhook's answers came quickly: handed over, as a hung endpoint's would be.
    expect(first.retrying.length).toBeGreaterThan(0);
    expect(first.retrying.every((r) => r.webhookId === webhooks[1]!.id)).toBe(true);
    // Its late answer came (a success, in 800 ms), so the webhook is not held for slow any longer.
    const late = first.retrying.filter((r) => new Date(r.nextAttemptAt).getTime() > Date.now() + 5_000).map((r) => r.id);
    expect(late).toHaveLength(1);
    await until(() => db.delivery.count({ where: { id: { in: late }, status: "SUCCEEDED" } }), (n) => n === 1, 5_000);
    const later = events.map((e, i) => ({ ...e, id: newId("outboxEvent"), storeId, notificationId: String(100 + i) }));
    const before = sent(urls[1]!);
    const second = await deliverEvents(later);
    expect(second.retrying).toEqual([]);
    expect(sent(urls[1]!) - before).toBe(20);
  });

  it(`hands a webhook failing ${failingStreakForHandOver} times in a row to retry runs, due at the schedule's first step, without trying it in the batch`, async () => {
    const { urls, webhooks, events } = await batch(["/ok", "/fail"], 4);
    await db.webhook.update({ where: { id: webhooks[1]!.id }, data: { consecutiveFailures: failingStreakForHandOver } });
    const { retrying } = await deliverEvents(events);
    expect(sent(urls[1]!)).toBe(0);
    expect(retrying).toHaveLength(4);
    // The schedule's first step is 1 min ±10 %.
    const inMs = retrying.map((r) => new Date(r.nextAttemptAt).getTime() - Date.now());
    expect(retrying.every((r) => r.webhookId === webhooks[1]!.id && r.firstAttempt === 1)).toBe(true);
    expect(Math.min(...inMs)).toBeGreaterThan(50_000);
    expect(Math.max(...inMs)).toBeLessThanOrEqual(66_000);
    expect(sent(urls[0]!)).toBe(4);
  });

  it("creates the deliveries and resolves with every first attempt recorded and the failures to retry", async () => {
    const { urls, webhooks, events } = await batch(["/ok", "/fail"], 15); // 15 failures in a row: warned, not deactivated
    const { deliveries, retrying } = await deliverEvents(events);
    expect(deliveries).toBe(30);
    const rows = await db.delivery.findMany({ where: { eventId: { in: events.map((e) => e.id) } }, include: { attempts: true } });
    const ok = rows.filter((d) => d.webhookId === webhooks[0]!.id);
    const failed = rows.filter((d) => d.webhookId === webhooks[1]!.id);
    expect(ok.map((d) => [d.status, d.attemptCount, d.attempts.length])).toEqual(Array(15).fill(["SUCCEEDED", 1, 1]));
    expect(failed.map((d) => [d.status, d.attemptCount, d.attempts.length])).toEqual(Array(15).fill(["RETRYING", 1, 1]));
    expect(retrying.map((r) => r.id).sort()).toEqual(failed.map((d) => d.id).sort());
    expect(retrying.every((r) => r.webhookId === webhooks[1]!.id && new Date(r.nextAttemptAt).getTime() > Date.now())).toBe(true);
    expect([sent(urls[0]!), sent(urls[1]!)]).toEqual([15, 15]);
  });

  it("on a re-run sends nothing recorded, and reports again the failures still on their first attempt", async () => {
    const { urls, webhooks, events } = await batch(["/ok", "/fail"], 5);
    await deliverEvents(events);
    const failed = await db.delivery.findMany({ where: { webhookId: webhooks[1]!.id }, orderBy: { id: "asc" } });
    await db.delivery.update({ where: { id: failed[0]!.id }, data: { attemptCount: 2 } }); // its retries have begun
    const again = await deliverEvents(events);
    expect(again.retrying.map((r) => r.id).sort()).toEqual(failed.slice(1).map((d) => d.id));
    expect([sent(urls[0]!), sent(urls[1]!)]).toEqual([5, 5]);
    expect(await db.delivery.count({ where: { eventId: { in: events.map((e) => e.id) } } })).toBe(10);
  });

  it("fails (for the step to retry) when the signing keys cannot be read, leaving no unhandled rejection behind", async () => {
    const { storeId, webhooks, events } = await batch(["/ok", "/fail"], 3);
    const deliveries = await createDeliveries(events, await activeWebhooks([storeId]));
    // As when PostgreSQL restarts under the batch: the keys' query fails (Vitest fails the run on
    // an unhandled rejection, which is what took the delivery worker down before).
    const unreadable = Promise.reject(new Error("terminating connection due to administrator command"));
    unreadable.catch(() => {});
    await expect(deliverFirstAttempts(deliveries, webhooks, new Map([[storeId, unreadable]]))).rejects.toThrow(/terminating connection/);
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.deliveryAttempt.count({ where: { deliveryId: { in: deliveries.map((d) => d.id) } } })).toBe(0);
  });

  it("stops a webhook's remaining deliveries once one of its attempts deactivated it", async () => {
    const { storeId, urls, webhooks, events } = await batch(["/gone"], 40);
    expect((await deliverEvents(events)).retrying).toEqual([]);
    // At most the attempts already under way when the first 410 was recorded, and those of lanes that read the state just before.
    expect(sent(urls[0]!)).toBeLessThanOrEqual(2 * perWebhookConcurrency);
    const rows = await db.delivery.findMany({ where: { webhookId: webhooks[0]!.id } });
    expect(rows.every((d) => d.status === "FAILED")).toBe(true);
    expect(rows.filter((d) => d.lastErrorClass === "webhook_off")).toHaveLength(40 - sent(urls[0]!));
    expect(await db.webhook.findUniqueOrThrow({ where: { id: webhooks[0]!.id } })).toMatchObject({ state: "DEACTIVATED" });
    expect(await db.mailMessage.count({ where: { storeId, kind: "webhook_notice" } })).toBe(1);
  });
});

describe("deliverFirstAttempts", () => {
  it("stops the deliveries of a webhook switched Off meanwhile, within a second", async () => {
    // 300 deliveries, 10 at a time, 40 ms each: at least 1.2 s, so the batch reads its webhooks again.
    const { storeId, urls, webhooks, events } = await batch(["/slow"], 300);
    const active = await activeWebhooks([storeId]);
    const done = deliverFirstAttempts(await createDeliveries(events, active), active);
    const switchedOffAt = performance.now();
    await db.webhook.update({ where: { id: webhooks[0]!.id }, data: { isActive: false } });
    await done;
    const rows = await db.delivery.findMany({ where: { webhookId: webhooks[0]!.id }, include: { attempts: { select: { startedAt: true } } } });
    const stopped = rows.filter((d) => d.status === "FAILED" && d.lastErrorClass === "webhook_off");
    expect(stopped.length).toBeGreaterThan(0);
    expect(rows.filter((d) => d.status === "SUCCEEDED")).toHaveLength(sent(urls[0]!));
    expect(stopped.length + sent(urls[0]!)).toBe(300);
    const lastStart = Math.max(...rows.flatMap((d) => d.attempts.map((a) => a.startedAt.getTime())));
    expect(lastStart - (performance.timeOrigin + switchedOffAt)).toBeLessThan(webhookStateMaxAgeMs + 500);
  });
});
