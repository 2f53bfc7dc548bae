import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ExecutorRunStatus } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/ids";
import { makeStore } from "@/tests/factories";
import { rerunRun } from "./rerun-run";

const fnId = `rerun-test-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let supportId: string;
let supportEmail: string;
let ownerId: string;
let storeId: string;
let eventId: string;

async function makeRun(status: ExecutorRunStatus, functionId = fnId) {
  const id = newId("run");
  await db.executorRun.create({
    data: {
      id,
      functionId,
      eventIds: [eventId],
      status,
      attempt: 3,
      maxAttempts: 4,
      concurrencyKey: "wh_1",
      concurrencyLimit: 2,
      dueAt: null,
      error: status === "FAILED" ? { name: "NonRetriableError", message: "nope" } : undefined,
      startedAt: new Date(),
      endedAt: new Date(),
    },
  });
  return id;
}

beforeAll(async () => {
  const support = await makeStore();
  supportId = support.userId;
  supportEmail = support.input.email;
  await db.user.update({ where: { id: supportId }, data: { role: "SUPPORT" } });
  ({ userId: ownerId, storeId } = await makeStore("MEDIUM"));
  await db.executorFunction.create({ data: { id: fnId, appId: "rerun-test", name: "Deliver webhook", url: "http://app.test/api/inngest", config: {}, updatedAt: new Date() } });
  eventId = newId("outboxEvent");
  await db.outboxEvent.create({ data: { id: eventId, storeId, name: "notification/create", data: { storeId } } });
});

describe("rerunRun", () => {
  it("queues a copy of a failed run, due now, pointing back at it, with an audit record", async () => {
    const original = await makeRun("FAILED");
    const before = Date.now();
    const rerunId = await rerunRun(original, { actorId: supportId, reason: "Mail server is back", context: { ip: "10.0.0.9" } });

    expect(rerunId).toMatch(/^run_/);
    const rerun = await db.executorRun.findUniqueOrThrow({ where: { id: rerunId } });
    expect(rerun).toMatchObject({
      functionId: fnId,
      eventIds: [eventId],
      status: "QUEUED",
      attempt: 0,
      maxAttempts: 4,
      concurrencyKey: "wh_1",
      concurrencyLimit: 2,
      rerunOf: original,
      error: null,
      leaseOwner: null,
      startedAt: null,
      endedAt: null,
    });
    expect(rerun.dueAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(rerun.dueAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // The original keeps its history.
    expect((await db.executorRun.findUniqueOrThrow({ where: { id: original } })).status).toBe("FAILED");

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "executor.run_rerun", targetId: original } });
    expect(audit).toMatchObject({
      actorUserId: supportId,
      actorEmail: supportEmail,
      actorRole: "support",
      storeId,
      targetType: "executor_run",
      ip: "10.0.0.9",
      details: { rerunId, functionId: fnId, previousStatus: "FAILED", reason: "Mail server is back" },
    });
  });

  it("wakes the workers when the new run commits", async () => {
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    try {
      await listener.query("LISTEN executor_wake");
      const woken = new Promise<string>((resolve) => listener.on("notification", (m) => resolve(m.channel)));
      await rerunRun(await makeRun("FAILED"), { actorId: supportId, reason: "Try again" });
      await expect(Promise.race([woken, new Promise((r) => setTimeout(() => r("timeout"), 3000))])).resolves.toBe("executor_wake");
    } finally {
      await listener.end();
    }
  });

  it("re-runs a cancelled run too", async () => {
    const original = await makeRun("CANCELLED");
    const rerunId = await rerunRun(original, { actorId: supportId, reason: "Cancelled by mistake" });
    expect((await db.executorRun.findUniqueOrThrow({ where: { id: rerunId } })).rerunOf).toBe(original);
  });

  it("refuses a run that has not failed, and changes nothing", async () => {
    for (const status of ["COMPLETED", "RUNNING", "QUEUED", "SLEEPING"] as const) {
      const original = await makeRun(status);
      await expect(rerunRun(original, { actorId: supportId, reason: "Just because" })).rejects.toMatchObject({
        code: "conflict",
        message: `Only a failed or cancelled run can be re-run; this run is ${status.toLowerCase()}.`,
      });
      expect(await db.executorRun.count({ where: { rerunOf: original } })).toBe(0);
      expect(await db.auditLog.count({ where: { targetId: original } })).toBe(0);
    }
  });

  it("refuses unknown runs, functions the app no longer registers, store users and a missing reason", async () => {
    await expect(rerunRun("run_missing", { actorId: supportId, reason: "Because" })).rejects.toMatchObject({ code: "not_found" });

    const orphan = await makeRun("FAILED", "no-such-function");
    await expect(rerunRun(orphan, { actorId: supportId, reason: "Because" })).rejects.toMatchObject({ code: "conflict" });

    const failed = await makeRun("FAILED");
    await expect(rerunRun(failed, { actorId: ownerId, reason: "Because" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(rerunRun(failed, { actorId: supportId, reason: "  " })).rejects.toMatchObject({
      code: "bad_request",
      details: { fieldErrors: { reason: ["Say why the run is re-run"] } },
    });
    expect(await db.executorRun.count({ where: { rerunOf: { in: [orphan, failed] } } })).toBe(0);
  });
});
