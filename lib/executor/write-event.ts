import "server-only";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { eventProblem } from "./event-catalog";

/**
 * Writes an event into the outbox inside the caller's transaction, so a business write and
 * its event commit (or roll back) together. The embedded executor turns it into runs; with
 * Inngest configured, the relay sends it on. An idempotency key already used adds nothing.
 */
export async function writeEvent<TData extends Record<string, unknown>>(
  tx: Tx,
  type: { name: string; schema: StandardSchemaV1<TData> },
  data: TData,
  options: { idempotencyKey?: string } = {},
): Promise<void> {
  const problem = await eventProblem(new Map([[type.name, type.schema as StandardSchemaV1<Record<string, unknown>>]]), type.name, data);
  if (problem) throw new Error(problem);
  await tx.$executeRaw`
    INSERT INTO "OutboxEvent" (id, "storeId", name, data, "idempotencyKey")
    VALUES (${newId("outboxEvent")}, ${typeof data.storeId === "string" ? data.storeId : null}, ${type.name}, ${JSON.stringify(data)}::jsonb, ${options.idempotencyKey ?? null})
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
  // Delivered at commit, not before: the executor never sees an event that was rolled back.
  await tx.$executeRaw`SELECT pg_notify('executor_event', '')`;
}
