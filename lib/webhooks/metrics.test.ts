import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { getStoreWebhookHealth, getWebhookChart, getWebhookMetrics } from "./metrics";
import { getWebhookRow, listWebhookRows } from "./queries";

// A fixed "now" and attempts at known offsets from it, so every number below is exact.
const now = new Date("2031-03-10T12:30:00.000Z");
const at = (iso: string) => new Date(iso);
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const ago = (ms: number) => new Date(now.getTime() - ms);

async function webhookOf(storeId: string, name: string) {
  return db.webhook.create({ data: { id: newId("webhook"), storeId, topic: "notification/create", url: `https://${name}.${storeId.toLowerCase()}.dev/hook`, isActive: true } });
}

type Attempt = { startedAt: Date; durationMs: number; ok: boolean; errorClass?: string; responseStatus?: number; attemptNumber?: number };

/** One delivery of the webhook with the given attempts. */
async function delivery(webhook: { id: string; storeId: string }, attempts: Attempt[], options: { isTest?: boolean; status?: "SUCCEEDED" | "FAILED" | "RETRYING"; nextAttemptAt?: Date } = {}) {
  const d = await db.delivery.create({
    data: {
      id: newId("delivery"),
      messageId: newId("message"),
      storeId: webhook.storeId,
      webhookId: webhook.id,
      topic: "notification/create",
      body: "{}",
      isTest: options.isTest ?? false,
      status: options.status ?? (attempts.at(-1)?.ok ? "SUCCEEDED" : "FAILED"),
      attemptCount: attempts.length,
      nextAttemptAt: options.nextAttemptAt ?? null,
    },
  });
  await db.deliveryAttempt.createMany({
    data: attempts.map((a, i) => ({
      id: newId("attempt"),
      deliveryId: d.id,
      webhookId: webhook.id,
      attemptNumber: a.attemptNumber ?? i + 1,
      startedAt: a.startedAt,
      durationMs: a.durationMs,
      requestHeaders: {},
      responseStatus: a.ok ? 200 : (a.responseStatus ?? null),
      errorClass: a.ok ? null : (a.errorClass ?? "http_5xx"),
      succeeded: a.ok,
    })),
  });
  return d;
}

let storeId: string;
let otherStoreId: string;
let main: { id: string; storeId: string };
let sibling: { id: string; storeId: string };
let quiet: { id: string; storeId: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  storeId = (await makeStore("MEDIUM")).storeId;
  otherStoreId = (await makeStore("MEDIUM")).storeId;
  main = await webhookOf(storeId, "main");
  sibling = await webhookOf(storeId, "sibling");
  quiet = await webhookOf(storeId, "quiet");
  const foreign = await webhookOf(otherStoreId, "foreign");
  await db.webhook.update({ where: { id: main.id }, data: { consecutiveFailures: 4 } });

  // The main webhook: 10 real attempts in the last 24 h, durations 10..100 ms, 3 of them failed.
  ids.a1 = (await delivery(main, [{ startedAt: at("2031-03-10T12:10:00Z"), durationMs: 10, ok: true }])).id;
  ids.a2 = (await delivery(main, [{ startedAt: at("2031-03-10T12:20:00Z"), durationMs: 20, ok: false, errorClass: "http_5xx", responseStatus: 503 }])).id;
  // One delivery, two attempts: failed (timeout) just before 10:00, then succeeded at 11:05.
  ids.a5 = (
    await delivery(main, [
      { startedAt: at("2031-03-10T09:59:59.999Z"), durationMs: 50, ok: false, errorClass: "timeout" },
      { startedAt: at("2031-03-10T11:05:00Z"), durationMs: 30, ok: true },
    ])
  ).id;
  await delivery(main, [{ startedAt: at("2031-03-10T09:00:00Z"), durationMs: 40, ok: true }]);
  await delivery(main, [{ startedAt: at("2031-03-10T00:30:00Z"), durationMs: 60, ok: true }]);
  await delivery(main, [{ startedAt: at("2031-03-09T14:00:00Z"), durationMs: 70, ok: true }]);
  ids.a8 = (await delivery(main, [{ startedAt: at("2031-03-09T13:00:00Z"), durationMs: 80, ok: false, errorClass: "refused" }])).id;
  await delivery(main, [{ startedAt: ago(day), durationMs: 90, ok: true }]); // exactly 24 h ago: inside the window
  await delivery(main, [{ startedAt: now, durationMs: 100, ok: true }]); // exactly now: inside
  // In the 7 d only.
  await delivery(main, [{ startedAt: ago(day + 1), durationMs: 200, ok: false }]);
  await delivery(main, [{ startedAt: ago(3 * day), durationMs: 300, ok: true }]);
  await delivery(main, [{ startedAt: ago(7 * day), durationMs: 400, ok: false }]); // exactly 7 d ago: inside
  // Outside every window but the 30-day chart; and after `now`: nowhere.
  await delivery(main, [{ startedAt: ago(7 * day + 1), durationMs: 500, ok: false }]);
  await delivery(main, [{ startedAt: ago(20 * day), durationMs: 600, ok: true }]);
  await delivery(main, [{ startedAt: new Date(now.getTime() + minute), durationMs: 700, ok: true }]);
  // Test payloads never count.
  await delivery(main, [{ startedAt: ago(hour), durationMs: 1000, ok: false }], { isTest: true });
  await delivery(main, [{ startedAt: ago(2 * day), durationMs: 1000, ok: true }], { isTest: true });
  // Waiting deliveries: the soonest RETRYING one is the next retry; a failed one's time is ignored.
  await delivery(main, [], { status: "RETRYING", nextAttemptAt: new Date(now.getTime() + 5 * minute) });
  await delivery(main, [], { status: "RETRYING", nextAttemptAt: new Date(now.getTime() + minute) });
  await delivery(main, [], { status: "FAILED", nextAttemptAt: new Date(now.getTime() + 10_000) });

  // Another webhook of the store, and another store's: never in the main webhook's numbers.
  ids.sib = (await delivery(sibling, [{ startedAt: at("2031-03-10T12:25:00Z"), durationMs: 5, ok: false, errorClass: "dns" }])).id;
  await delivery(sibling, [{ startedAt: ago(2 * hour), durationMs: 5, ok: true }], { status: "RETRYING", nextAttemptAt: new Date(now.getTime() + 10_000) });
  await delivery(foreign, [{ startedAt: ago(5 * minute), durationMs: 5, ok: false }]);
});

describe("getWebhookMetrics", () => {
  it("counts the real attempts of the last 24 h and 7 d, with percentile_disc latencies", async () => {
    expect(await getWebhookMetrics(main.id, now)).toEqual({
      last24h: { attempts: 10, failed: 3, successRate: 0.7, p50Ms: 50, p95Ms: 100 },
      last7d: { attempts: 13, failed: 5, successRate: 8 / 13, p50Ms: 70, p95Ms: 400 },
      consecutiveFailures: 4,
      nextRetryAt: new Date(now.getTime() + minute),
    });
  });

  it("answers zeros and nulls for a webhook without attempts", async () => {
    expect(await getWebhookMetrics(quiet.id, now)).toEqual({
      last24h: { attempts: 0, failed: 0, successRate: null, p50Ms: null, p95Ms: null },
      last7d: { attempts: 0, failed: 0, successRate: null, p50Ms: null, p95Ms: null },
      consecutiveFailures: 0,
      nextRetryAt: null,
    });
  });
});

describe("getWebhookChart", () => {
  it("has 24 hourly buckets, the last one the current hour, empty ones as zeros", async () => {
    const chart = await getWebhookChart(main.id, "24h", now);
    expect(chart).toMatchObject({ range: "24h", from: "2031-03-09T13:00:00.000Z", to: "2031-03-10T13:00:00.000Z", succeeded: 6, failed: 3 });
    expect(chart.buckets).toHaveLength(24);
    expect(chart.buckets[0]).toEqual({ start: "2031-03-09T13:00:00.000Z", end: "2031-03-09T14:00:00.000Z", succeeded: 0, failed: 1 });
    expect(chart.buckets[23]).toEqual({ start: "2031-03-10T12:00:00.000Z", end: "2031-03-10T13:00:00.000Z", succeeded: 2, failed: 1 });
    const nonEmpty = Object.fromEntries(chart.buckets.flatMap((b, i) => (b.succeeded || b.failed ? [[i, [b.succeeded, b.failed]]] : [])));
    expect(nonEmpty).toEqual({ 0: [0, 1], 1: [1, 0], 11: [1, 0], 20: [1, 1], 22: [1, 0], 23: [2, 1] });
  });

  it("has 30 daily buckets of 24 h ending with the current hour", async () => {
    const chart = await getWebhookChart(main.id, "30d", now);
    expect(chart).toMatchObject({ range: "30d", from: "2031-02-08T13:00:00.000Z", to: "2031-03-10T13:00:00.000Z", succeeded: 9, failed: 6 });
    expect(chart.buckets).toHaveLength(30);
    expect(chart.buckets[29]).toEqual({ start: "2031-03-09T13:00:00.000Z", end: "2031-03-10T13:00:00.000Z", succeeded: 6, failed: 3 });
    const nonEmpty = Object.fromEntries(chart.buckets.flatMap((b, i) => (b.succeeded || b.failed ? [[i, [b.succeeded, b.failed]]] : [])));
    expect(nonEmpty).toEqual({ 9: [1, 0], 22: [0, 2], 26: [1, 0], 28: [1, 1], 29: [6, 3] });
  });

  it("is all zeros for a webhook without attempts", async () => {
    const chart = await getWebhookChart(quiet.id, "24h", now);
    expect(chart.buckets).toHaveLength(24);
    expect(chart).toMatchObject({ succeeded: 0, failed: 0 });
    expect(chart.buckets.every((b) => b.succeeded === 0 && b.failed === 0)).toBe(true);
  });
});

describe("the list's 24 h success rate", () => {
  it("is the metrics' definition: real attempts of the last 24 h", async () => {
    const rows = await listWebhookRows(storeId, now);
    expect(rows.map((r) => [r.id, r.success_rate_24h])).toEqual([
      [main.id, 0.7],
      [sibling.id, 0.5],
      [quiet.id, null],
    ]);
    expect((await getWebhookRow(storeId, main.id, now))?.success_rate_24h).toBe(0.7);
    expect(await getWebhookRow(otherStoreId, main.id, now)).toBeNull();
  });
});

describe("getStoreWebhookHealth", () => {
  it("sums the store's webhooks over 24 h and lists its newest real failed attempts", async () => {
    const health = await getStoreWebhookHealth(storeId, { now });
    expect(health).toMatchObject({ attempts: 12, failed: 4, successRate: 8 / 12 });
    expect(health.recentFailures).toEqual([
      { attemptId: expect.any(String), deliveryId: ids.sib, webhookId: sibling.id, webhookUrl: expect.stringContaining("sibling"), errorClass: "dns", responseStatus: null, startedAt: at("2031-03-10T12:25:00Z") },
      { attemptId: expect.any(String), deliveryId: ids.a2, webhookId: main.id, webhookUrl: expect.stringContaining("main"), errorClass: "http_5xx", responseStatus: 503, startedAt: at("2031-03-10T12:20:00Z") },
      { attemptId: expect.any(String), deliveryId: ids.a5, webhookId: main.id, webhookUrl: expect.stringContaining("main"), errorClass: "timeout", responseStatus: null, startedAt: at("2031-03-10T09:59:59.999Z") },
      { attemptId: expect.any(String), deliveryId: ids.a8, webhookId: main.id, webhookUrl: expect.stringContaining("main"), errorClass: "refused", responseStatus: null, startedAt: at("2031-03-09T13:00:00Z") },
    ]);
    const two = await getStoreWebhookHealth(storeId, { now, failures: 2 });
    expect(two.recentFailures.map((f) => f.deliveryId)).toEqual([ids.sib, ids.a2]);
  });

  it("is empty for a store whose webhooks made no attempts", async () => {
    const { storeId: fresh } = await makeStore("MEDIUM");
    await webhookOf(fresh, "idle");
    expect(await getStoreWebhookHealth(fresh, { now })).toEqual({ attempts: 0, failed: 0, successRate: null, recentFailures: [] });
  });
});
