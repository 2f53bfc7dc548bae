import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ExecutorRunStatus } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/ids";
import { countRunsByStatus, getRun, listRejectedEvents, listRuns } from "./queries";

// Runs are written directly, dated in 2001 so they sort below anything another test file adds
// to the shared database while this one pages through it.
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const fnId = `queries-test-${tag}`;
const statuses: ExecutorRunStatus[] = ["COMPLETED", "FAILED", "RUNNING", "SLEEPING", "QUEUED", "CANCELLED"];
const mine: { id: string; status: ExecutorRunStatus; createdAt: Date }[] = [];
let eventIds: string[] = [];

/** Every row of every page, following nextCursor. */
async function allPages(status?: ExecutorRunStatus, limit = 7) {
  const rows: Awaited<ReturnType<typeof listRuns>>["rows"] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listRuns({ status, cursor, limit });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...page.rows);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

beforeAll(async () => {
  await db.executorFunction.create({
    data: { id: fnId, appId: "queries-test", name: "Send restock email", url: "http://app.test/api/inngest", config: {}, updatedAt: new Date() },
  });
  eventIds = Array.from({ length: 25 }, () => newId("outboxEvent"));
  await db.outboxEvent.createMany({
    data: eventIds.map((id, i) => ({ id, name: i === 0 ? "notification/create" : "notification/sent", data: { i, storeId: "sto_x" }, createdAt: new Date(Date.UTC(2001, 0, 1, 0, 0, i)) })),
  });
  // 41 runs; groups of three share one createdAt so the id has to break the tie.
  for (let i = 0; i < 41; i++) {
    const createdAt = new Date(Date.UTC(2001, 0, 1, 0, Math.floor(i / 3)));
    const status = statuses[i % statuses.length]!;
    mine.push({ id: newId("run"), status, createdAt });
  }
  await db.executorRun.createMany({
    data: mine.map((r, i) => ({
      id: r.id,
      functionId: fnId,
      eventIds: [eventIds[i % 2]!],
      status: r.status,
      maxAttempts: 4,
      createdAt: r.createdAt,
      startedAt: r.createdAt,
      endedAt: r.status === "COMPLETED" || r.status === "FAILED" ? new Date(r.createdAt.getTime() + 1500) : null,
      dueAt: r.status === "QUEUED" || r.status === "SLEEPING" ? new Date(Date.now() + 60_000) : null,
      error: r.status === "FAILED" ? { name: "NonRetriableError", message: "nope" } : undefined,
    })),
  });
});

const newestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

describe("listRuns", () => {
  it("pages through every run exactly once, newest first, ties broken by id", async () => {
    const rows = await allPages();
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ours = rows.filter((r) => r.functionId === fnId);
    expect(ours.map((r) => r.id)).toEqual([...mine].sort(newestFirst).map((r) => r.id));
    // The whole listing is in keyset order.
    expect(rows.map((r) => r.id)).toEqual([...rows].sort(newestFirst).map((r) => r.id));
  });

  it("gives each row its function's name, first event, step count and duration", async () => {
    const target = mine.find((r) => r.status === "COMPLETED")!;
    await db.executorStep.createMany({
      data: [0, 1].map((seq) => ({ runId: target.id, hashedId: `h${seq}`, name: `s${seq}`, op: "StepRun", seq, startedAt: target.createdAt, endedAt: target.createdAt })),
    });
    const row = (await allPages()).find((r) => r.id === target.id)!;
    expect(row).toMatchObject({ functionName: "Send restock email", status: "COMPLETED", stepCount: 2, durationMs: 1500, eventCount: 1, attempt: 0 });
    expect(["notification/create", "notification/sent"]).toContain(row.firstEventName);
  });

  it("filters by status", async () => {
    for (const status of ["FAILED", "QUEUED", "COMPLETED"] as const) {
      const rows = await allPages(status, 4);
      expect(rows.every((r) => r.status === status)).toBe(true);
      expect(rows.filter((r) => r.functionId === fnId).map((r) => r.id)).toEqual(
        mine.filter((r) => r.status === status).sort(newestFirst).map((r) => r.id),
      );
    }
    const queued = (await allPages("QUEUED")).filter((r) => r.functionId === fnId);
    expect(queued.every((r) => !r.retrying)).toBe(true);
  });

  it("starts from the newest again on a cursor it cannot read", async () => {
    const first = await listRuns({ limit: 5 });
    const [newest] = (await listRuns({ limit: 5, cursor: "not-a-cursor" })).rows;
    // (Another test file may have added a newer run in between.)
    expect(newest!.createdAt.getTime()).toBeGreaterThanOrEqual(first.rows[0]!.createdAt.getTime());
  });

  it("counts runs per status for the filter tabs", async () => {
    const counts = await countRunsByStatus();
    for (const status of statuses) expect(counts[status]).toBeGreaterThanOrEqual(mine.filter((r) => r.status === status).length);
    expect(counts.ALL).toBe(statuses.reduce((n, s) => n + counts[s], 0));
  });
});

describe("getRun", () => {
  it("returns the steps in completion order, the first 20 events and the count, and the last error", async () => {
    const runId = newId("run");
    const start = new Date(Date.UTC(2001, 0, 2));
    await db.executorRun.create({
      data: { id: runId, functionId: fnId, eventIds, status: "QUEUED", attempt: 2, maxAttempts: 4, createdAt: start, startedAt: start, dueAt: new Date(Date.UTC(2030, 0, 1)), error: { name: "Error", message: "503 from the mail server" } },
    });
    await db.executorStep.createMany({
      data: [
        { runId, hashedId: "c", name: "third", op: "StepRun", seq: 2, data: { sent: true }, attempts: 3, startedAt: new Date(start.getTime() + 2000), endedAt: new Date(start.getTime() + 2250) },
        { runId, hashedId: "a", name: "first", op: "StepRun", seq: 0, data: 1, startedAt: start, endedAt: start },
        { runId, hashedId: "b", name: "second", op: "Sleep", seq: 1, startedAt: start, endedAt: start },
      ],
    });
    const run = (await getRun(runId))!;
    expect(run.functionName).toBe("Send restock email");
    expect(run.functionRemoved).toBe(false);
    expect(run.steps.map((s) => [s.name, s.op, s.attempts])).toEqual([["first", "StepRun", 1], ["second", "Sleep", 1], ["third", "StepRun", 3]]);
    expect(run.steps[2]).toMatchObject({ data: { sent: true }, durationMs: 250 });
    expect(run.stepCount).toBe(3);
    expect(run.eventCount).toBe(25);
    expect(run.events.map((e) => e.id)).toEqual(eventIds.slice(0, 20));
    expect(run.events[0]).toMatchObject({ name: "notification/create", data: { i: 0, storeId: "sto_x" } });
    expect(run.retrying).toBe(true);
    expect(run.error).toEqual({ name: "Error", message: "503 from the mail server" });
    expect(run.nextDueAt).toEqual(new Date(Date.UTC(2030, 0, 1)));
  });

  it("answers null for a run that does not exist and names an unregistered function by its id", async () => {
    expect(await getRun("run_missing")).toBeNull();
    const runId = newId("run");
    await db.executorRun.create({ data: { id: runId, functionId: "gone-fn", eventIds: ["evt_gone"], status: "FAILED", maxAttempts: 1 } });
    const run = (await getRun(runId))!;
    expect(run).toMatchObject({ functionName: "gone-fn", functionRemoved: true, nextDueAt: null, eventCount: 1 });
    expect(run.events).toEqual([{ id: "evt_gone", name: null, data: null, createdAt: null }]);
  });
});

describe("listRejectedEvents", () => {
  it("pages through refused events, most recently seen first, each once", async () => {
    const ids = Array.from({ length: 9 }, () => newId("rejectedEvent"));
    await db.executorRejectedEvent.createMany({
      data: ids.map((id, i) => ({
        id,
        fingerprint: `${tag}-${i}`,
        name: "notification/unknown",
        payload: { name: "notification/unknown", data: { i } },
        reason: "Unknown event name",
        occurrences: i + 1,
        lastSeenAt: new Date(Date.UTC(2001, 0, 1, 0, Math.floor(i / 2))),
      })),
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRejectedEvents({ cursor, limit: 2 });
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const expected = ids
      .map((id, i) => ({ id, createdAt: new Date(Date.UTC(2001, 0, 1, 0, Math.floor(i / 2))) }))
      .sort(newestFirst)
      .map((r) => r.id);
    expect(seen.filter((id) => ids.includes(id))).toEqual(expected);
  });
});
