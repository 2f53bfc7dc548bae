import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ExecutorRunStatus } from "@/lib/generated/prisma/enums";

// Reads for the support console's view of the embedded executor (/support/runs). Lists are
// keyset-paginated newest first on (createdAt desc, id desc): the cursor is the last row's
// pair, so a page costs the same however deep it is, and rows added meanwhile never shift it.

export const runStatuses = Object.values(ExecutorRunStatus);

export const runPageSize = 25;
export const rejectedEventPageSize = 20;
/** Events shown on a run's page; a batch run can hold many more. */
export const runEventsShown = 20;
/** Steps shown on a run's page (Inngest caps a function at 1,000). */
export const runStepsShown = 200;

// ─── Cursors ────────────────────────────────────────────────────────────────────────────

type Position = { at: Date; id: string };

const positionSchema = z
  .tuple([z.iso.datetime(), z.string().min(1).max(100)])
  .transform(([at, id]) => ({ at: new Date(at), id }));

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString("base64url");
}

/** An opaque cursor from a URL; anything unreadable means "from the newest". */
function decodeCursor(cursor: string | undefined): Position | null {
  if (!cursor) return null;
  try {
    const parsed = positionSchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Rows strictly older than `after` in (at desc, id desc) order. The redundant `at <= …` bound
 * lets PostgreSQL start its index scan at the cursor instead of filtering from the newest row.
 */
function olderThan(after: Position | null, column: "createdAt" | "lastSeenAt") {
  if (!after) return {};
  return {
    [column]: { lte: after.at },
    OR: [{ [column]: { lt: after.at } }, { id: { lt: after.id } }],
  };
}

function clampLimit(limit: number | undefined, fallback: number): number {
  return Math.min(Math.max(Math.trunc(limit ?? fallback) || fallback, 1), 100);
}

function durationMs(start: Date | null, end: Date | null): number | null {
  return start && end ? Math.max(0, end.getTime() - start.getTime()) : null;
}

// ─── Runs ───────────────────────────────────────────────────────────────────────────────

export type RunListRow = Awaited<ReturnType<typeof listRuns>>["rows"][number];

/** One page of runs, newest first, optionally of one status. */
export async function listRuns(options: { status?: ExecutorRunStatus; cursor?: string; limit?: number } = {}) {
  const limit = clampLimit(options.limit, runPageSize);
  const where: Prisma.ExecutorRunWhereInput = {
    ...(options.status ? { status: options.status } : {}),
    ...olderThan(decodeCursor(options.cursor), "createdAt"),
  };
  const found = await db.executorRun.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      functionId: true,
      eventIds: true,
      status: true,
      attempt: true,
      maxAttempts: true,
      dueAt: true,
      error: true,
      rerunOf: true,
      createdAt: true,
      startedAt: true,
      endedAt: true,
      _count: { select: { steps: true } },
    },
  });
  const page = found.slice(0, limit);
  const [functions, firstEvents] = await Promise.all([
    functionNames(page.map((r) => r.functionId)),
    db.outboxEvent.findMany({
      where: { id: { in: [...new Set(page.flatMap((r) => r.eventIds.slice(0, 1)))] } },
      select: { id: true, name: true },
    }),
  ]);
  const eventNames = new Map(firstEvents.map((e) => [e.id, e.name]));
  const last = page.at(-1);
  return {
    rows: page.map(({ _count, eventIds, error, ...run }) => ({
      ...run,
      functionName: functions.get(run.functionId) ?? run.functionId,
      firstEventName: eventIds[0] ? (eventNames.get(eventIds[0]) ?? null) : null,
      eventCount: eventIds.length,
      stepCount: _count.steps,
      /** Queued again after a failed attempt, waiting for its backoff. */
      retrying: run.status === "QUEUED" && error !== null,
      durationMs: durationMs(run.startedAt ?? run.createdAt, run.endedAt),
    })),
    nextCursor: found.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/** How many runs there are in each status, and in all (for the filter tabs). */
export async function countRunsByStatus(): Promise<Record<ExecutorRunStatus | "ALL", number>> {
  const groups = await db.executorRun.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries([...runStatuses, "ALL"].map((s) => [s, 0])) as Record<ExecutorRunStatus | "ALL", number>;
  for (const g of groups) {
    counts[g.status] = g._count._all;
    counts.ALL += g._count._all;
  }
  return counts;
}

export type RunDetail = NonNullable<Awaited<ReturnType<typeof getRun>>>;

/** A run with its steps in completion order and its first events; null when there is none. */
export async function getRun(runId: string) {
  const run = await db.executorRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      functionId: true,
      eventIds: true,
      status: true,
      attempt: true,
      maxAttempts: true,
      concurrencyKey: true,
      concurrencyLimit: true,
      dueAt: true,
      output: true,
      error: true,
      rerunOf: true,
      createdAt: true,
      startedAt: true,
      endedAt: true,
      _count: { select: { steps: true } },
      steps: {
        orderBy: { seq: "asc" },
        take: runStepsShown,
        select: { hashedId: true, name: true, op: true, seq: true, data: true, error: true, attempts: true, startedAt: true, endedAt: true },
      },
    },
  });
  if (!run) return null;
  const shownIds = run.eventIds.slice(0, runEventsShown);
  const [fn, events] = await Promise.all([
    db.executorFunction.findUnique({ where: { id: run.functionId }, select: { name: true, removedAt: true } }),
    db.outboxEvent.findMany({ where: { id: { in: shownIds } }, select: { id: true, name: true, data: true, createdAt: true } }),
  ]);
  const eventsById = new Map(events.map((e) => [e.id, e]));
  const { _count, steps, ...rest } = run;
  const waiting = run.status === "QUEUED" || run.status === "SLEEPING";
  return {
    ...rest,
    functionName: fn?.name ?? run.functionId,
    /** The app no longer registers the function (or never did): a re-run would fail at once. */
    functionRemoved: !fn || fn.removedAt !== null,
    events: shownIds.map((id) => eventsById.get(id) ?? { id, name: null, data: null, createdAt: null }),
    eventCount: run.eventIds.length,
    steps: steps.map((s) => ({ ...s, durationMs: durationMs(s.startedAt, s.endedAt) })),
    stepCount: _count.steps,
    retrying: run.status === "QUEUED" && run.error !== null,
    /** When a worker will pick the run up next: now, after a retry's backoff, or a sleep's end. */
    nextDueAt: waiting ? run.dueAt : null,
    durationMs: durationMs(run.startedAt ?? run.createdAt, run.endedAt),
  };
}

async function functionNames(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.executorFunction.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((f) => [f.id, f.name]));
}

// ─── Refused events ─────────────────────────────────────────────────────────────────────

/** Events the executor refused, most recently seen first. */
export async function listRejectedEvents(options: { cursor?: string; limit?: number } = {}) {
  const limit = clampLimit(options.limit, rejectedEventPageSize);
  const found = await db.executorRejectedEvent.findMany({
    where: olderThan(decodeCursor(options.cursor), "lastSeenAt"),
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, name: true, payload: true, reason: true, occurrences: true, createdAt: true, lastSeenAt: true },
  });
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: found.length > limit && last ? encodeCursor({ at: last.lastSeenAt, id: last.id }) : null,
  };
}

export async function countRejectedEvents(): Promise<number> {
  return db.executorRejectedEvent.count();
}
