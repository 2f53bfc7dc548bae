import "server-only";
import { db } from "@/lib/db";

/** How long the executor's own history is kept: finished runs (with their steps) and events. */
export const runHistoryDays = 14;
export const eventHistoryDays = 30;

/**
 * Deletes up to `limit` of the oldest finished runs past their keep (steps go with them),
 * then as many sent events and refused-event records past theirs; returns the counts.
 * Runs still waiting (sleeping, retrying) are never touched, nor the events they read.
 */
export async function pruneExecutorHistory(limit: number, now = new Date()) {
  const runsBefore = new Date(now.getTime() - runHistoryDays * 86_400_000);
  const eventsBefore = new Date(now.getTime() - eventHistoryDays * 86_400_000);
  const runs = await db.$executeRaw`
    DELETE FROM executor_run WHERE id IN (
      SELECT id FROM executor_run
       WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED') AND ended_at < ${runsBefore}
       ORDER BY ended_at LIMIT ${limit})`;
  const events = await db.$executeRaw`
    DELETE FROM "OutboxEvent" WHERE id IN (
      SELECT e.id FROM "OutboxEvent" e
       WHERE e."sentAt" IS NOT NULL AND e."createdAt" < ${eventsBefore}
         AND NOT EXISTS (SELECT 1 FROM executor_run r WHERE r.status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED') AND e.id = ANY(r.event_ids))
       ORDER BY e."createdAt" LIMIT ${limit})`;
  const refused = await db.$executeRaw`
    DELETE FROM executor_rejected_event WHERE id IN (
      SELECT id FROM executor_rejected_event WHERE last_seen_at < ${eventsBefore} LIMIT ${limit})`;
  return { runs, events, refused };
}
