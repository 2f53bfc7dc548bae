import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import type { AttemptResult } from "./attempt";
import { deactivateAfterFailures, recordAttempt, warnAfterFailures } from "./record-attempt";

const result = (overrides: Partial<AttemptResult> = {}): AttemptResult => ({
  ok: false,
  status: 500,
  errorClass: "http_5xx",
  errorMessage: "The endpoint answered 500.",
  startedAt: new Date(),
  durationMs: 42,
  responseHeaders: {},
  responseBody: "boom",
  retryAfterMs: null,
  gone: false,
  ...overrides,
});

async function setup() {
  const { storeId, input } = await makeStore("MEDIUM");
  const webhook = await db.webhook.create({ data: { id: newId("webhook"), storeId, topic: "notification/create", url: `https://hooks.${storeId.toLowerCase()}.dev/x`, isActive: true } });
  const delivery = async () =>
    db.delivery.create({ data: { id: newId("delivery"), messageId: newId("message"), storeId, webhookId: webhook.id, topic: "notification/create", body: "{}" } });
  return { storeId, ownerEmail: input.email, webhook, delivery };
}

describe("recordAttempt", () => {
  it("records success and failure, schedules the next attempt, and ignores a second record of the same attempt", async () => {
    const { webhook, delivery } = await setup();
    const d = await delivery();
    const failed = await recordAttempt(d, 1, { "x-bis-attempt": "1" }, result());
    expect(failed).toMatchObject({ status: "RETRYING", alreadyRecorded: false });
    expect(failed.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(50_000);
    expect(await recordAttempt(d, 1, {}, result({ ok: true, status: 200, errorClass: null }))).toMatchObject({ alreadyRecorded: true, status: "RETRYING" });
    expect(await recordAttempt(d, 2, {}, result({ ok: true, status: 200, errorClass: null }))).toMatchObject({ status: "SUCCEEDED", nextAttemptAt: null });
    expect(await db.deliveryAttempt.count({ where: { deliveryId: d.id } })).toBe(2);
    expect(await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({ consecutiveFailures: 0, warnedAt: null });
    // A delivery deleted meanwhile (its webhook was) gets no attempt row.
    const gone = await delivery();
    await db.delivery.delete({ where: { id: gone.id } });
    await expect(recordAttempt(gone, 1, {}, result())).rejects.toThrow();
    expect(await db.deliveryAttempt.count({ where: { deliveryId: gone.id } })).toBe(0);
    // The 20th attempt failing ends the delivery.
    expect(await recordAttempt(await delivery(), 20, {}, result())).toMatchObject({ status: "FAILED", nextAttemptAt: null });
  });

  it("warns the owner after 10 failures in a row, and deactivates after 19 with no success in 24 h", async () => {
    const { storeId, ownerEmail, webhook, delivery } = await setup();
    for (let i = 1; i <= deactivateAfterFailures; i++) {
      const outcome = await recordAttempt(await delivery(), 1, {}, result({ errorMessage: `failure ${i}` }));
      const state = await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
      if (i < warnAfterFailures) expect(state.warnedAt).toBeNull();
      if (i === warnAfterFailures) expect(state.warnedAt).not.toBeNull();
      expect(outcome.deactivated).toBe(i === deactivateAfterFailures);
    }
    const state = await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(state).toMatchObject({ state: "DEACTIVATED", consecutiveFailures: 19, lastError: "failure 19" });
    expect(state.deactivationReason).toContain("19 deliveries in a row failed");
    const mail = await db.mailMessage.findMany({ where: { storeId, kind: "webhook_notice" }, orderBy: { createdAt: "asc" } });
    expect(mail.map((m) => [m.to, m.subject.split(":")[0]])).toEqual([
      [ownerEmail, "Webhook failing"],
      [ownerEmail, "Webhook deactivated"],
    ]);
    // The last error reads as part of the sentence: "(last error: failure 10)", "Last error: failure 19."
    expect(mail[0]!.text).toContain("(last error: failure 10).");
    expect(mail[1]!.text).toContain("Last error: failure 19. Fix the endpoint");
  });

  it("does not deactivate a webhook that succeeded in the last 24 h, and deactivates at once on 410 Gone", async () => {
    const { webhook, delivery } = await setup();
    await db.webhook.update({ where: { id: webhook.id }, data: { consecutiveFailures: 30, lastSuccessAt: new Date(Date.now() - 3_600_000), warnedAt: new Date() } });
    expect((await recordAttempt(await delivery(), 1, {}, result())).deactivated).toBe(false);
    const gone = await recordAttempt(await delivery(), 1, {}, result({ status: 410, errorClass: "http_4xx", gone: true }));
    expect(gone).toMatchObject({ deactivated: true, status: "FAILED" });
    expect((await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).deactivationReason).toContain("410 Gone");
  });

  it("records a failure in full, and concurrent failures crossing the mark warn the owner once and deactivate once", async () => {
    const { storeId, webhook, delivery } = await setup();
    const d = await delivery();
    const startedAt = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678));
    const timeout = result({ status: null, errorClass: "timeout", errorMessage: "The endpoint took longer than 5 s.", startedAt, durationMs: 5001, responseHeaders: null, responseBody: null });
    await recordAttempt(d, 3, { "x-bis-attempt": "3" }, timeout);
    expect(await db.deliveryAttempt.findFirstOrThrow({ where: { deliveryId: d.id } })).toMatchObject({
      webhookId: webhook.id,
      attemptNumber: 3,
      startedAt,
      durationMs: 5001,
      requestHeaders: { "x-bis-attempt": "3" },
      responseStatus: null,
      responseHeaders: null,
      responseBody: null,
      errorClass: "timeout",
      errorMessage: "The endpoint took longer than 5 s.",
      succeeded: false,
    });
    expect(await db.delivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "RETRYING", attemptCount: 3, lastStatusCode: null, lastLatencyMs: 5001, lastErrorClass: "timeout", completedAt: null });

    // 8 at once take the streak from 1 to 9, then 12 at once past 10 and 19: one warning, one deactivation.
    await Promise.all(Array.from({ length: 8 }, async () => recordAttempt(await delivery(), 1, {}, result())));
    expect(await db.mailMessage.count({ where: { storeId, kind: "webhook_notice" } })).toBe(0);
    const outcomes = await Promise.all(Array.from({ length: 12 }, async () => recordAttempt(await delivery(), 1, {}, result())));
    expect(outcomes.filter((o) => o.deactivated)).toHaveLength(1);
    expect(await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({ consecutiveFailures: 21, state: "DEACTIVATED" });
    const subjects = (await db.mailMessage.findMany({ where: { storeId, kind: "webhook_notice" } })).map((m) => m.subject.split(":")[0]).sort();
    expect(subjects).toEqual(["Webhook deactivated", "Webhook failing"]);
  });

  it("records concurrent successes in one shared commit: every attempt logged in full, each delivery SUCCEEDED, the streak reset", async () => {
    const { webhook, delivery } = await setup();
    await db.webhook.update({ where: { id: webhook.id }, data: { consecutiveFailures: 7, warnedAt: new Date(), lastSuccessAt: new Date(Date.now() - 3_600_000) } });
    const deliveries = await Promise.all(Array.from({ length: 25 }, () => delivery()));
    const startedAt = (i: number) => new Date(Date.UTC(2025, 0, 2, 3, 4, 5, i * 7));
    const ok = (i: number) =>
      result({ ok: true, status: 200 + (i % 3), errorClass: null, errorMessage: null, startedAt: startedAt(i), durationMs: i, responseHeaders: { "x-i": String(i) }, responseBody: `r${i}` });
    const outcomes = await Promise.all(deliveries.map((d, i) => recordAttempt(d, 1, { "x-bis-attempt": "1", "x-i": String(i) }, ok(i))));
    expect(outcomes.every((o) => o.status === "SUCCEEDED" && !o.alreadyRecorded && !o.deactivated && o.nextAttemptAt === null)).toBe(true);

    const ids = deliveries.map((d) => d.id);
    const attempts = await db.deliveryAttempt.findMany({ where: { deliveryId: { in: ids } } });
    expect(attempts).toHaveLength(25);
    for (const [i, d] of deliveries.entries()) {
      expect(attempts.find((a) => a.deliveryId === d.id)).toMatchObject({
        webhookId: webhook.id,
        attemptNumber: 1,
        startedAt: startedAt(i),
        durationMs: i,
        requestHeaders: { "x-bis-attempt": "1", "x-i": String(i) },
        responseStatus: 200 + (i % 3),
        responseHeaders: { "x-i": String(i) },
        responseBody: `r${i}`,
        errorClass: null,
        succeeded: true,
      });
    }
    const rows = await db.delivery.findMany({ where: { id: { in: ids } } });
    expect(rows.every((d, _, all) => all.length === 25 && d.status === "SUCCEEDED" && d.attemptCount === 1 && d.lastErrorClass === null && d.nextAttemptAt === null && d.completedAt !== null)).toBe(true);
    expect(rows.find((d) => d.id === ids[4])).toMatchObject({ lastStatusCode: 201, lastLatencyMs: 4 });
    const state = await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(state).toMatchObject({ consecutiveFailures: 0, warnedAt: null });
    expect(state.lastSuccessAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Recorded together: the 25 attempt rows were written by one transaction.
    const [written] = await db.$queryRaw<{ transactions: number }[]>`
      SELECT count(DISTINCT xmin::text)::int AS transactions FROM "DeliveryAttempt" WHERE "deliveryId" = ANY(${ids}::text[])`;
    expect(written!.transactions).toBe(1);
  });

  it("records a success once: the same attempt again, also in the same batch, changes nothing", async () => {
    const { delivery } = await setup();
    const d = await delivery();
    const ok = result({ ok: true, status: 200, errorClass: null, errorMessage: null });
    const [first, second] = await Promise.all([recordAttempt(d, 1, {}, ok), recordAttempt(d, 1, {}, ok)]);
    expect([first.alreadyRecorded, second.alreadyRecorded].sort()).toEqual([false, true]);
    expect(second.status).toBe("SUCCEEDED");
    expect(await recordAttempt(d, 1, {}, ok)).toMatchObject({ status: "SUCCEEDED", alreadyRecorded: true });
    expect(await db.deliveryAttempt.count({ where: { deliveryId: d.id } })).toBe(1);
  });

  it("leaves the failure streak alone for a test payload, whatever its outcome", async () => {
    const { webhook, delivery } = await setup();
    const warnedAt = new Date(Date.now() - 60_000);
    await db.webhook.update({ where: { id: webhook.id }, data: { consecutiveFailures: 3, warnedAt } });
    const ok = await recordAttempt(await delivery(), 1, {}, result({ ok: true, status: 200, errorClass: null }), { test: true });
    const failed = await recordAttempt(await delivery(), 1, {}, result(), { test: true });
    expect([ok.status, failed.status]).toEqual(["SUCCEEDED", "FAILED"]);
    expect(await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({ consecutiveFailures: 3, warnedAt, lastSuccessAt: null });
  });

  it("leaves failureStatus, computed by the database, null; a retrying or failed delivery has it", async () => {
    const { delivery } = await setup();
    const success = result({ ok: true, status: 200, errorClass: null });
    const failureStatus = async (id: string) => (await db.delivery.findUniqueOrThrow({ where: { id }, select: { failureStatus: true } })).failureStatus;

    const succeeded = await delivery();
    expect(await failureStatus(succeeded.id)).toBeNull();
    await recordAttempt(succeeded, 1, {}, success);
    expect(await failureStatus(succeeded.id)).toBeNull();

    const failing = await delivery();
    await recordAttempt(failing, 1, {}, result());
    expect(await failureStatus(failing.id)).toBe("RETRYING");
    await recordAttempt(failing, 2, {}, success);
    expect(await failureStatus(failing.id)).toBeNull();

    await db.delivery.update({ where: { id: failing.id }, data: { status: "FAILED" } });
    expect(await failureStatus(failing.id)).toBe("FAILED");
  });
});
