import "server-only";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { eventProblem } from "./event-catalog";

type EventType<TData> = { name: string; schema: StandardSchemaV1<TData> };

/**
 * Writes an event into the outbox inside the caller's transaction, so a business write and
 * its event commit (or roll back) together. The embedded executor turns it into runs; with
 * Inngest configured, the relay sends it on. An idempotency key already used adds nothing.
 */
export async function writeEvent<TData extends Record<string, unknown>>(tx: Tx, type: EventType<TData>, data: TData, options: { idempotencyKey?: string } = {}): Promise<void> {
  await writeEvents(tx, type, [{ data, idempotencyKey: options.idempotencyKey }]);
}

/** Many events of one type in one statement (a bulk resend writes hundreds). */
export async function writeEvents<TData extends Record<string, unknown>>(tx: Tx, type: EventType<TData>, events: { data: TData; idempotencyKey?: string }[]): Promise<void> {
  if (events.length === 0) return;
  const catalog = new Map([[type.name, type.schema as StandardSchemaV1<Record<string, unknown>>]]);
  for (const { data } of events) {
    const problem = await eventProblem(catalog, type.name, data);
    if (problem) throw new Error(problem);
  }
  const rows = events.map(
    ({ data, idempotencyKey }) =>
      Prisma.sql`(${newId("outboxEvent")}, ${typeof data.storeId === "string" ? data.storeId : null}, ${type.name}, ${JSON.stringify(data)}::jsonb, ${idempotencyKey ?? null})`,
  );
  // One statement, one round trip inside the caller's transaction: the insert (a data-modifying
  // WITH runs whether or not it is read) and the executor's wake-up, which PostgreSQL delivers at
  // commit, not before: the executor never sees an event that was rolled back.
  await tx.$executeRaw`
    WITH inserted AS (
      INSERT INTO "OutboxEvent" (id, "storeId", name, data, "idempotencyKey")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("idempotencyKey") DO NOTHING
    )
    SELECT pg_notify('executor_event', '')`;
}
