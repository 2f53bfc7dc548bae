import "server-only";
import { z } from "zod";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";

/** What the support console's Re-run form sends (shared by the server action and tests). */
export const rerunRunSchema = z.object({
  runId: z.string().trim().min(1, "Which run?").max(100),
  reason: z.string().trim().min(3, "Say why the run is re-run").max(500, "Use at most 500 characters"),
});

const inputSchema = rerunRunSchema.extend({ actorId: z.string().min(1).max(100) });

/** Only a run that has ended without succeeding may be run again. */
const rerunnable = new Set(["FAILED", "CANCELLED"]);

/**
 * Support staff run a failed (or cancelled) run again: a new QUEUED run of the same function
 * for the same events, due now, pointing back at the original with `rerunOf`. The original
 * is left as it was, so its history stays readable. The new run, its audit record and the
 * wake-up for the workers commit together (NOTIFY is delivered on commit). Returns the new
 * run's id.
 */
export async function rerunRun(runId: string, options: { actorId: string; reason: string; context?: AuditContext }): Promise<string> {
  const parsed = inputSchema.safeParse({ runId, actorId: options.actorId, reason: options.reason });
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid input", { fieldErrors });
  }
  const input = parsed.data;

  return db.$transaction(async (tx) => {
    const actor = await tx.user.findUnique({ where: { id: input.actorId }, select: { id: true, email: true, role: true } });
    if (!actor || actor.role !== "SUPPORT") throw new AppError("forbidden", "Only support staff can re-run a run.");

    // Locks the original: two clicks at once see one status each, not both the old one.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM executor_run WHERE id = ${input.runId} FOR UPDATE`;
    if (locked.length === 0) throw new AppError("not_found", "Run not found.");
    const run = await tx.executorRun.findUniqueOrThrow({
      where: { id: input.runId },
      select: { id: true, functionId: true, eventIds: true, status: true, maxAttempts: true, concurrencyKey: true, concurrencyLimit: true },
    });
    if (!rerunnable.has(run.status)) {
      const message = `Only a failed or cancelled run can be re-run; this run is ${run.status.toLowerCase()}.`;
      throw new AppError("conflict", message, { fieldErrors: { reason: [message] } });
    }
    const fn = await tx.executorFunction.findUnique({ where: { id: run.functionId }, select: { removedAt: true } });
    if (!fn || fn.removedAt) {
      const message = `The app no longer registers the function ${run.functionId}, so a re-run would fail at once.`;
      throw new AppError("conflict", message, { fieldErrors: { reason: [message] } });
    }

    const now = new Date();
    const rerun = await tx.executorRun.create({
      data: {
        id: newId("run"),
        functionId: run.functionId,
        eventIds: run.eventIds,
        maxAttempts: run.maxAttempts,
        concurrencyKey: run.concurrencyKey,
        concurrencyLimit: run.concurrencyLimit,
        status: "QUEUED",
        dueAt: now,
        createdAt: now,
        rerunOf: run.id,
      },
      select: { id: true },
    });
    // The store the run concerns, when its first event names one, so the store's audit trail shows it.
    const firstEvent = run.eventIds[0]
      ? await tx.outboxEvent.findUnique({ where: { id: run.eventIds[0] }, select: { storeId: true } })
      : null;
    await recordAudit(
      {
        actor: { userId: actor.id, email: actor.email, role: "support" },
        action: "executor.run_rerun",
        storeId: firstEvent?.storeId ?? null,
        target: { type: "executor_run", id: run.id },
        details: { rerunId: rerun.id, functionId: run.functionId, previousStatus: run.status, reason: input.reason },
        context: options.context,
      },
      tx,
    );
    await tx.$executeRaw`SELECT pg_notify('executor_wake', '')`;
    return rerun.id;
  });
}
