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
  });

  it("does not deactivate a webhook that succeeded in the last 24 h, and deactivates at once on 410 Gone", async () => {
    const { webhook, delivery } = await setup();
    await db.webhook.update({ where: { id: webhook.id }, data: { consecutiveFailures: 30, lastSuccessAt: new Date(Date.now() - 3_600_000), warnedAt: new Date() } });
    expect((await recordAttempt(await delivery(), 1, {}, result())).deactivated).toBe(false);
    const gone = await recordAttempt(await delivery(), 1, {}, result({ status: 410, errorClass: "http_4xx", gone: true }));
    expect(gone).toMatchObject({ deactivated: true, status: "FAILED" });
    expect((await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).deactivationReason).toContain("410 Gone");
  });
});
