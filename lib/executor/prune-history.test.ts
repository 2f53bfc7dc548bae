import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { pruneExecutorHistory } from "./prune-history";

const day = 86_400_000;
const fn = `prune-test-${Date.now()}`;

afterAll(async () => {
  await db.executorRun.deleteMany({ where: { functionId: fn } });
});

async function run(status: "COMPLETED" | "FAILED" | "SLEEPING", endedDaysAgo: number | null, eventId: string) {
  const id = newId("run");
  await db.executorRun.create({
    data: {
      id,
      functionId: fn,
      eventIds: [eventId],
      status,
      maxAttempts: 4,
      dueAt: status === "SLEEPING" ? new Date(Date.now() + day) : null,
      endedAt: endedDaysAgo === null ? null : new Date(Date.now() - endedDaysAgo * day),
      steps: { create: { hashedId: "h", name: "s", op: "StepRun", seq: 0, data: 1, startedAt: new Date(), endedAt: new Date() } },
    },
  });
  return id;
}

async function event(daysAgo: number) {
  const id = newId("outboxEvent");
  const at = new Date(Date.now() - daysAgo * day);
  await db.outboxEvent.create({ data: { id, name: "notification/create", data: {}, createdAt: at, sentAt: at } });
  return id;
}

describe("pruneExecutorHistory", () => {
  it("deletes finished runs after 14 days and sent events after 30, never what a waiting run needs", async () => {
    const [oldEvent, neededEvent, recentEvent] = [await event(40), await event(40), await event(5)];
    const oldRun = await run("COMPLETED", 20, oldEvent);
    const recentRun = await run("FAILED", 3, recentEvent);
    const waiting = await run("SLEEPING", null, neededEvent);

    while (Object.values(await pruneExecutorHistory(1000)).some((n) => n > 0));

    const runs = await db.executorRun.findMany({ where: { functionId: fn }, select: { id: true } });
    expect(runs.map((r) => r.id).sort()).toEqual([recentRun, waiting].sort());
    expect(await db.executorStep.count({ where: { runId: oldRun } })).toBe(0);
    const events = await db.outboxEvent.findMany({ where: { id: { in: [oldEvent, neededEvent, recentEvent] } }, select: { id: true } });
    expect(events.map((e) => e.id).sort()).toEqual([neededEvent, recentEvent].sort());
  });
});
