import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import type { AttemptResult } from "./attempt";
import { recordAttempt } from "./record-attempt";
import { writeSuccessesSql } from "./record-success";

const result = (ok: boolean): AttemptResult => ({
  ok,
  status: ok ? 200 : 500,
  errorClass: ok ? null : "http_5xx",
  errorMessage: ok ? null : "The endpoint answered 500.",
  startedAt: new Date(),
  durationMs: 12,
  responseHeaders: {},
  responseBody: ok ? "ok" : "boom",
  retryAfterMs: null,
  gone: false,
});

describe("a recorded success", () => {
  // Most deliveries end with a first attempt that succeeds; that update of the delivery row stays
  // cheap only while it is HOT (no index written), which needs both of these to hold.
  it("changes no column that an index of Delivery reads, and the table leaves room on its pages for it", async () => {
    const set = /UPDATE "Delivery" d SET ([\s\S]*?)\s+FROM /.exec(writeSuccessesSql)?.[1];
    expect(set).toBeDefined();
    const changed = [...set!.matchAll(/(?:^|,)\s*("?\w+"?) =/g)].map((m) => m[1]!.replaceAll('"', ""));
    expect(changed).toEqual(expect.arrayContaining(["status", "attemptCount", "completedAt"]));
    const indexes = await db.$queryRaw<{ name: string; definition: string }[]>`
      SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = '"Delivery"'::regclass`;
    expect(indexes.length).toBeGreaterThan(5);
    for (const { name, definition } of indexes) {
      for (const column of changed) expect(definition, `${name} reads ${column}`).not.toMatch(new RegExp(`\\b"?${column}"?\\b(?![A-Z])`));
    }
    const [table] = await db.$queryRaw<{ options: string[] | null }[]>`SELECT reloptions AS options FROM pg_class WHERE oid = '"Delivery"'::regclass`;
    expect(table!.options).toContain("fillfactor=50");
  });

  it("leaves failureStatus, computed by the database, null; a retrying or failed delivery has it", async () => {
    const { storeId } = await makeStore("MEDIUM");
    const webhook = await db.webhook.create({ data: { id: newId("webhook"), storeId, topic: "notification/create", url: "https://hooks.example.dev/x", isActive: true } });
    const delivery = () => db.delivery.create({ data: { id: newId("delivery"), messageId: newId("message"), storeId, webhookId: webhook.id, topic: "notification/create", body: "{}" } });
    const failureStatus = async (id: string) => (await db.delivery.findUniqueOrThrow({ where: { id }, select: { failureStatus: true } })).failureStatus;

    const succeeded = await delivery();
    expect(await failureStatus(succeeded.id)).toBeNull();
    await recordAttempt(succeeded, 1, {}, result(true));
    expect(await failureStatus(succeeded.id)).toBeNull();

    const failing = await delivery();
    await recordAttempt(failing, 1, {}, result(false));
    expect(await failureStatus(failing.id)).toBe("RETRYING");
    await recordAttempt(failing, 2, {}, result(true));
    expect(await failureStatus(failing.id)).toBeNull();

    await db.delivery.update({ where: { id: failing.id }, data: { status: "FAILED" } });
    expect(await failureStatus(failing.id)).toBe("FAILED");
  });
});
