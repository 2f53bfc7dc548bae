import "server-only";
import { recordAudit, type AuditContext } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Plan } from "@/lib/generated/prisma/enums";

/**
 * Support staff move a store to another plan. Webhooks are never deleted by a downgrade:
 * whether they run is derived from the plan, so they pause and resume with it.
 */
export async function changePlan(actor: SessionUser, input: { storeId: string; plan: Plan; reason: string }, context: AuditContext) {
  if (actor.role !== "SUPPORT") throw new AppError("forbidden", "Only support staff can change a store's plan.");
  await db.$transaction(async (tx) => {
    const store = await tx.store.findUnique({ where: { id: input.storeId }, select: { plan: true } });
    if (!store) throw new AppError("not_found", "Store not found");
    if (store.plan === input.plan) throw new AppError("conflict", "The store is already on that plan.", { fieldErrors: { plan: ["The store is already on that plan."] } });
    await tx.store.update({ where: { id: input.storeId }, data: { plan: input.plan } });
    await recordAudit(
      {
        actor: { userId: actor.id, email: actor.email, role: "support" },
        action: "store.plan_changed",
        storeId: input.storeId,
        target: { type: "store", id: input.storeId },
        details: { from: store.plan, to: input.plan, reason: input.reason },
        context,
      },
      tx,
    );
  });
}
